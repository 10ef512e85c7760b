#!/usr/bin/python3
"""Writes new foreign layouts of the 项目支出绩效自评表 (the three mof2020 seed
projects of samples/data, and sh2019 in one new layout) into
this folder as LAYOUT--SEED.xlsx, plus a manifest.json (per file: the
form sheet, the cell a person types into on the lap, and the 总分 / 评分等级
cells where the form has them). Deterministic; nothing from the tool's
template is used."""

import datetime, io, json, os, re, sys, zipfile
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
# What the first set of layouts made already: styles, seeds, the figures.
from make_layouts import (BOX, FONT, GRID_KEYS, SEEDS, TARGET, THIN, WRAP,  # noqa: E402
                          grade, load, num, rate, total)
from make_layouts import save as layouts_save  # noqa: E402
DATA = os.path.join(HERE, "..", "..", "..", "..", "samples", "data")
OUT = sys.argv[1] if len(sys.argv) > 1 else HERE
FIXED = datetime.datetime(2025, 3, 31, 9, 0, 0)
# the indicator a person corrects on the lap (target =100(%), actual 100.00(%))
TYPE_ROW = {"mof2020-cooperation": 1, "mof2020-liaison": 3, "mof2020-services": 1}


def exec_score(vals, weight=10):
    b, s = Decimal(vals["budget"]), Decimal(vals["spent"])
    if not b:
        return 0.0
    return float((min(s / b, Decimal(1)) * weight).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def A(r, c):
    return "%s%d" % (get_column_letter(c), r)


class Sheet:
    def __init__(self, ws):
        self.ws = ws

    def put(self, r, c, value, r2=None, c2=None, fmt=None, formula=False, box=True):
        ws = self.ws
        if (r2 and r2 != r) or (c2 and c2 != c):
            ws.merge_cells(start_row=r, start_column=c, end_row=r2 or r, end_column=c2 or c)
            if box:
                for rr in range(r, (r2 or r) + 1):
                    for cc in range(c, (c2 or c) + 1):
                        ws.cell(rr, cc).border = BOX
        cell = ws.cell(r, c)
        cell.value = None if value == "" else value
        if isinstance(value, str) and value.startswith("=") and not formula:
            cell.data_type = "s"
        cell.font = FONT
        cell.alignment = WRAP
        if box:
            cell.border = BOX
        if fmt:
            cell.number_format = fmt
        return cell


def actual_parts(a):
    m = re.match(r"^([0-9.]+)(?:\((.*)\))?$", a)
    return (num(m.group(1)), m.group(2) or "") if m else (None, "")


def fmt2(v):
    return "%.2f" % v


def write_form(sh, d, cfg, top=1):
    """One mof2020 form of seed d from row top. Returns (next row, info)."""
    f, g, rows = d["fields"], d["grid"], d["rows"]
    x0 = cfg.get("left", 1)
    width = cfg.get("width", 9)
    info = {}
    r = top
    for line in cfg.get("above", []):
        sh.put(r, x0, line.replace("{unit}", f["unit"]).replace("{year}", d["year"]), c2=x0 + width - 1, box=False)
        r += 1
    sh.put(r, x0, cfg["title"].replace("{year}", d["year"]), c2=x0 + width - 1, box=False)
    r += 1
    for line in cfg.get("below_title", ["（{year}年度）"]):
        sh.put(r, x0, line.replace("{year}", d["year"]).replace("{unit}", f["unit"]), c2=x0 + width - 1, box=False)
        r += 1
    lab = cfg.get("labels", {})
    sh.put(r, x0, lab.get("project", "项目名称"), c2=x0 + 1)
    sh.put(r, x0 + 2, f["project"], c2=x0 + width - 1)
    r += 1
    sh.put(r, x0, lab.get("department", "主管部门"), c2=x0 + 1)
    sh.put(r, x0 + 2, f["department"], c2=x0 + 4)
    sh.put(r, x0 + 5, lab.get("unit", "实施单位"))
    sh.put(r, x0 + 6, f["unit"], c2=x0 + width - 1)
    r += 1
    for a, av, b, bv in cfg.get("extra_fields", []):
        sh.put(r, x0, a, c2=x0 + 1)
        sh.put(r, x0 + 2, av, c2=x0 + 4)
        sh.put(r, x0 + 5, b)
        sh.put(r, x0 + 6, bv, c2=x0 + width - 1)
        r += 1

    # Funds block.
    fl = cfg["funds"]
    heads, rowlabels = fl["heads"], fl["rows"]
    scale = fl.get("scale", 1)
    afmt = fl.get("fmt", "0.00")
    n = len(rowlabels)
    sh.put(r, x0, fl.get("block", "项目资金\n（万元）"), r2=r + n)
    labcol = x0 + 1
    first_val = x0 + 2
    for i, h in enumerate(heads):
        sh.put(r, first_val + i, h)
    if fl.get("corner"):
        sh.put(r, labcol, fl["corner"])
    weight = 10
    for i, (key, label) in enumerate(rowlabels):
        rr = r + 1 + i
        sh.put(rr, labcol, label)
        vals = g.get(key) or {"initial": "0.00", "budget": "0.00", "spent": "0.00"}
        for j, h in enumerate(heads):
            col = first_val + j
            k = fl["keys"][h]
            if k in ("initial", "budget", "spent"):
                v = num(vals[k]) * scale
                sh.put(rr, col, fmt2(v) if fl.get("text_numbers") else v, fmt=None if fl.get("text_numbers") else afmt)
            elif k == "rate":
                if key == "total":
                    v = rate(vals)
                    if fl.get("rate_fraction"):
                        sh.put(rr, col, v / 100, fmt="0.00%")
                    else:
                        sh.put(rr, col, v, fmt="0.00")
                else:
                    sh.put(rr, col, "—")
            elif k == "weight":
                sh.put(rr, col, weight if key == "total" else "—")
            elif k == "score":
                sh.put(rr, col, exec_score(vals, weight) if key == "total" else "—")
            else:
                sh.put(rr, col, "")
        if fl.get("fill_to", 0):
            sh.put(rr, first_val + len(heads), "", c2=x0 + width - 1)
    if fl.get("fill_to", 0):
        sh.put(r, first_val + len(heads), fl["fill_to_label"], c2=x0 + width - 1)
    r += n + 1

    # Goals.
    half = (width - 1) // 2
    gl = cfg.get("goal", {})
    if gl.get("stacked"):
        sh.put(r, x0, gl.get("block", "年度总体目标"), r2=r + 1)
        sh.put(r, x0 + 1, gl.get("goal", "预期目标"), c2=x0 + 2)
        sh.put(r, x0 + 3, f["goal"], c2=x0 + width - 1)
        sh.put(r + 1, x0 + 1, gl.get("achieved", "实际完成情况"), c2=x0 + 2)
        sh.put(r + 1, x0 + 3, f["achieved"], c2=x0 + width - 1)
        r += 2
    else:
        sh.put(r, x0, gl.get("block", "年度\n总体\n目标"), r2=r + 1)
        sh.put(r, x0 + 1, gl.get("goal", "预期目标"), c2=x0 + half)
        sh.put(r, x0 + half + 1, gl.get("achieved", "实际完成情况"), c2=x0 + width - 1)
        sh.put(r + 1, x0 + 1, f["goal"], c2=x0 + half)
        sh.put(r + 1, x0 + half + 1, f["achieved"], c2=x0 + width - 1)
        r += 2

    if cfg.get("table_title"):
        sh.put(r, x0, cfg["table_title"], c2=x0 + width - 1)
        r += 1

    # Indicator table.
    cols = cfg["table"]
    head = r
    at = {}
    c = x0
    for key, label, span in cols:
        sh.put(head, c, label, c2=c + span - 1)
        at[key] = c
        c += span
    spans = dict((k, s) for k, _, s in cols)
    for key, label, col in cfg.get("side_cols", []):
        sh.put(head, col, label, box=False)
    first = r + 1
    for i, row in enumerate(rows):
        line = first + i
        cells = row["cells"]
        for key, _, _ in cols:
            col = at[key]
            c2 = col + spans[key] - 1
            if key in ("level1", "level2"):
                continue
            v = cells.get(key, "")
            if key == "seq":
                sh.put(line, col, i + 1, c2=c2)
            elif key == "code":
                sh.put(line, col, "ZB%03d" % (i + 1), c2=c2)
            elif key == "explain":
                sh.put(line, col, "反映%s情况" % cells["name"], c2=c2)
            elif key == "standard":
                sh.put(line, col, "完成目标得满分，未完成按完成比例计分", c2=c2)
            elif key == "remark":
                sh.put(line, col, "", c2=c2)
            elif key == "actual":
                num_, unit = actual_parts(v)
                if cfg.get("actual_percent") and num_ is not None and unit == "%":
                    sh.put(line, col, num_ / 100, c2=c2, fmt="0.00%")
                else:
                    sh.put(line, col, v, c2=c2)
                if i == TYPE_ROW.get(d.get("_seed")):
                    info["type_cell"] = A(line, col)
            elif key in ("weight", "score"):
                if i == TYPE_ROW.get(d.get("_seed")):
                    info[key + "_cell"] = A(line, col)
                if cfg.get("text_scores"):
                    sh.put(line, col, v, c2=c2)
                else:
                    sh.put(line, col, num(v), c2=c2, fmt="0.00")
            else:
                sh.put(line, col, v, c2=c2)
        for key, label, col in cfg.get("side_cols", []):
            sh.put(line, col, "已核实" if key == "check" else "", box=False)
    last = first + len(rows) - 1
    if cfg.get("hide_col"):
        sh.ws.column_dimensions[get_column_letter(at[cfg["hide_col"]])].hidden = True
    mode = cfg.get("levels", "merge")
    for key in ("level1", "level2"):
        i = 0
        while i < len(rows):
            j = i
            v = rows[i]["cells"][key]
            while j + 1 < len(rows) and rows[j + 1]["cells"][key] == v and (
                    key == "level1" or rows[j + 1]["cells"]["level1"] == rows[i]["cells"]["level1"]):
                j += 1
            if mode == "merge":
                sh.put(first + i, at[key], v, r2=first + j)
            else:  # "first": on the first row only, the rows below left blank, not merged
                for k in range(i, j + 1):
                    sh.put(first + k, at[key], v if k == i else "")
            i = j + 1
    r = last + 1
    t = total(d)
    foot = cfg.get("footer", [("总分", "total"), ("评分等级", "grade")])
    wcol, scol = at["weight"], at["score"]
    labend = min(wcol, scol) - 1
    for label, kind in foot:
        if kind == "total":
            sh.put(r, x0, label, c2=labend)
            sh.put(r, wcol, 100, fmt="0.00")
            sh.put(r, scol, t, fmt="0.00")
            info["total_cell"] = A(r, scol)
            r += 1
        elif kind == "total_only":  # 自评得分 with no 100 beside it
            sh.put(r, x0, label, c2=labend)
            sh.put(r, scol, t, fmt="0.00")
            info["total_cell"] = A(r, scol)
            r += 1
        elif kind == "grade":
            sh.put(r, x0, label, c2=labend)
            sh.put(r, wcol, grade(t), c2=x0 + width - 1)
            info["grade_cell"] = A(r, wcol)
            r += 1
        elif kind == "total_grade":  # 总分 and 评分等级 on one row
            sh.put(r, x0, label, c2=labend)
            sh.put(r, wcol, 100, fmt="0.00")
            sh.put(r, scol, t, fmt="0.00")
            sh.put(r, scol + 1, "评分等级")
            sh.put(r, scol + 2, grade(t), c2=x0 + width - 1)
            info["total_cell"] = A(r, scol)
            info["grade_cell"] = A(r, scol + 2)
            r += 1
    for kind, text in cfg.get("bottom", []):
        if kind == "row":
            sh.put(r, x0, text[0], c2=x0 + 1)
            sh.put(r, x0 + 2, text[1], c2=x0 + width - 1)
        else:
            sh.put(r, x0, text, c2=x0 + width - 1, box=False)
        r += 1
    return r, info


FUNDS_STD_HEADS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
ROWS_CUR = [("total", "年度资金总额"), ("appropriation", "其中：当年财政拨款"),
            ("carryover", "上年结转资金"), ("other", "其他资金")]


def funds(heads, keys=GRID_KEYS, rows=ROWS_CUR, **kw):
    d = {"heads": heads, "keys": dict(zip(heads, keys)), "rows": rows}
    d.update(kw)
    return d


def T(*cols):
    return [(k, l, s) for k, l, s in cols]


STD = T(("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1),
        ("target", "年度指标值", 1), ("actual", "实际完成值", 1), ("weight", "分值", 1),
        ("score", "得分", 1), ("reason", "偏差原因分析及改进措施", 2))

LAYOUTS = {
    # 填报单位（盖章） and 单位：万元 lines above and below the title; 项目负责人 / 联系电话 row.
    "stamp-leader": {
        "note": "填报单位（盖章）line above the title, 单位：万元 line below it, a 项目负责人 / 联系电话 row under 实施单位",
        "above": ["填报单位（盖章）：{unit}"],
        "title": "{year}年度项目支出绩效自评表",
        "below_title": ["单位：万元"],
        "extra_fields": [("项目负责人", "王某某", "联系电话", "021-23456789")],
        "funds": funds(FUNDS_STD_HEADS, block="项目资金"),
        "table": STD,
    },
    # Amounts in 元 with thousands separators.
    "yuan-amounts": {
        "note": "项目资金（元）: amounts ×10000 in 元, format #,##0.00",
        "title": "项目支出绩效自评表",
        "funds": funds(FUNDS_STD_HEADS, block="项目资金\n（元）", scale=10000, fmt="#,##0.00"),
        "table": STD,
    },
    # 自评得分 (no 100 beside it) and 自评等级 at the foot.
    "self-score-foot": {
        "note": "foot 自评得分 (score only, no 100 under 分值) and 自评等级",
        "title": "项目支出绩效自评表",
        "funds": funds(FUNDS_STD_HEADS),
        "table": STD,
        "footer": [("自评得分", "total_only"), ("自评等级", "grade")],
    },
    # A 备注 column after the reason, and the reason over one column only.
    "remark-col": {
        "note": "备注 column after 偏差原因分析及改进措施 (one column)",
        "title": "项目支出绩效自评表",
        "funds": funds(FUNDS_STD_HEADS),
        "table": T(("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1),
                   ("target", "年度指标值", 1), ("actual", "实际完成值", 1), ("weight", "分值", 1),
                   ("score", "得分", 1), ("reason", "偏差原因分析及改进措施", 1), ("remark", "备注", 1)),
    },
    # 指标解释 and 评分标准 columns between the name and the target.
    "explain-standard": {
        "note": "指标解释 and 评分标准 text columns between 三级指标 and 年度指标值",
        "title": "项目支出绩效自评表",
        "width": 11,
        "funds": funds(FUNDS_STD_HEADS),
        "table": T(("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1),
                   ("explain", "指标解释", 1), ("standard", "评分标准", 1),
                   ("target", "年度指标值", 1), ("actual", "实际完成值", 1), ("weight", "分值", 1),
                   ("score", "得分", 1), ("reason", "偏差原因分析及改进措施", 2)),
    },
    # A 序号 column, the form from B3 (blank column A, two blank rows).
    "seq-offset": {
        "note": "序号 column first in the table; form starts at B3 (column A and rows 1-2 blank)",
        "title": "项目支出绩效自评表",
        "left": 2, "top": 3, "width": 10,
        "funds": funds(FUNDS_STD_HEADS),
        "table": T(("seq", "序号", 1), ("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1),
                   ("target", "年度指标值", 1), ("actual", "实际完成值", 1), ("weight", "分值", 1),
                   ("score", "得分", 1), ("reason", "偏差原因分析及改进措施", 2)),
    },
    # 年度总体目标 with 预期目标 / 实际完成情况 stacked as two label rows.
    "goal-stacked": {
        "note": "年度总体目标: 预期目标 and 实际完成情况 as two rows (label | text), not side by side; the 三级指标 column headed 指标名称",
        "title": "项目支出绩效自评表",
        "goal": {"stacked": True, "block": "年度总体目标"},
        "funds": funds(FUNDS_STD_HEADS),
        "table": T(("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "指标名称", 1),
                   ("target", "年度指标值", 1), ("actual", "实际完成值", 1), ("weight", "分值", 1),
                   ("score", "得分", 1), ("reason", "偏差原因分析及改进措施", 2)),
    },
    # A 说明 row, 其他需要说明的问题 and 填报日期 under the foot.
    "notes-bottom": {
        "note": "rows under the foot: 其他需要说明的问题 (label | text), 说明：… paragraph mentioning 总分100分 and 90分, 填报日期",
        "title": "项目支出绩效自评表",
        "funds": funds(FUNDS_STD_HEADS),
        "table": STD,
        "bottom": [("row", ("其他需要说明的问题", "无")),
                   ("text", "说明：1.总分为100分，其中预算执行率10分，绩效指标90分；2.评分等级：90分（含）以上为优、80分（含）-90分为良、60分（含）-80分为中、60分以下为差；3.偏差原因分析及改进措施请逐项填写。"),
                   ("text", "填报日期：2025年3月31日")],
    },
    # Funds: 执行率 before 分值; 年度资金总额： / 其中：财政拨款资金 / 上年结转结余资金; table with 年度目标值 / 全年完成值 / 自评得分.
    "rate-first-words": {
        "note": "funds heads 年初预算数/全年预算数/全年执行数/执行率/分值/得分 (rate before weight), rows 其中：财政拨款资金 / 上年结转结余资金; table 年度目标值 / 全年完成值 / 自评得分 / 偏差原因及改进措施",
        "title": "项目支出绩效自评表",
        "funds": funds(["年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
                       ["initial", "budget", "spent", "rate", "weight", "score"],
                       [("total", "年度资金总额："), ("appropriation", "其中：财政拨款资金"),
                        ("carryover", "上年结转结余资金"), ("other", "其他资金")]),
        "table": T(("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1),
                   ("target", "年度目标值", 1), ("actual", "全年完成值", 1), ("weight", "分值", 1),
                   ("score", "自评得分", 1), ("reason", "偏差原因及改进措施", 2)),
    },
    # Percent actuals typed as numbers in percent-formatted cells; 执行率 as a fraction with 0.00%.
    "percent-cells": {
        "note": "实际完成值 of % indicators as fractions in 0.00% cells (1 shown as 100.00%); funds 执行率 a fraction in a 0.00% cell",
        "title": "项目支出绩效自评表",
        "funds": funds(FUNDS_STD_HEADS, rate_fraction=True),
        "table": STD,
        "actual_percent": True,
    },
    # Notes in extra columns right of the form, outside its borders.
    "side-notes": {
        "note": "two unbordered columns right of the form: 复核意见 (已核实 on every indicator row) and 备注说明 (blank)",
        "title": "项目支出绩效自评表",
        "funds": funds(FUNDS_STD_HEADS),
        "table": STD,
        "side_cols": [("check", "复核意见", 11), ("blank", "备注说明", 12)],
    },
    # A hidden 指标编码 column inside the table.
    "hidden-code": {
        "note": "a hidden 指标编码 column (ZB001…) between 三级指标 and 年度指标值",
        "title": "项目支出绩效自评表",
        "width": 10,
        "funds": funds(FUNDS_STD_HEADS),
        "table": T(("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1), ("code", "指标编码", 1),
                   ("target", "年度指标值", 1), ("actual", "实际完成值", 1), ("weight", "分值", 1),
                   ("score", "得分", 1), ("reason", "偏差原因分析及改进措施", 2)),
        "hide_col": "code",
    },
    # 一级/二级 on the first row of the group only, rows below blank and unmerged.
    "levels-first-only": {
        "note": "一级指标 / 二级指标 written on the first row of each group, the rows below blank and NOT merged",
        "title": "项目支出绩效自评表",
        "funds": funds(FUNDS_STD_HEADS),
        "table": STD,
        "levels": "first",
    },
    # 分值 / 得分 and amounts stored as text (a converter).
    "text-numbers": {
        "note": "amounts, 分值 and 得分 stored as text strings (\"161.05\", \"20.00\")",
        "title": "项目支出绩效自评表",
        "funds": funds(FUNDS_STD_HEADS, text_numbers=True),
        "table": STD,
        "text_scores": True,
    },
    # 总分 and 评分等级 on one row.
    "total-grade-row": {
        "note": "总分 | 100 | total | 评分等级 | grade on one row; a table title row 绩效指标完成情况 above the header",
        "title": "项目支出绩效自评表",
        "funds": funds(FUNDS_STD_HEADS),
        "table": STD,
        "table_title": "绩效指标完成情况",
        "footer": [("总分", "total_grade")],
    },
}


SH_GROUPS = [("input", "投入与管理", 36), ("output", "产出目标", 34), ("effect", "效果目标", 15), ("impact", "影响力目标", 15)]
SH_LAYOUTS = {
    "sh2019-grid": {
        "note": "sh2019 as a bordered grid: title 上海市财政项目绩效自评价表 with （2019年度） line and 填报单位（盖章）; "
                "label | value | label | value cells without colons, amounts as numbers #,##0.00, 预算执行率 a constant; "
                "一级指标 merged down as 投入与管理\n（36分）; headers 权重（分） / 自评得分 / 备注; no padding rows; "
                "主要绩效 / 主要问题 / 改进措施 under the table; 合计 a constant",
    },
}


def build_sh2019(layout):
    d = load("sh2019-kunming")
    f, rows = d["fields"], d["rows"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效自评价"
    sh = Sheet(ws)
    info = {"sheet": ws.title}
    sh.put(1, 1, "填报单位（盖章）：" + f["unit"], c2=6, box=False)
    sh.put(2, 1, "上海市财政项目绩效自评价表", c2=6, box=False)
    sh.put(3, 1, "（%s年度）" % d["year"], c2=6, box=False)
    b, s_ = num(f["budget"]), num(f["spent"])
    rate_ = float((Decimal(str(s_)) / Decimal(str(b)) * 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN))
    tot = sum(Decimal(r["cells"]["score"]) for r in rows)
    pairs = [("项目名称", f["project"], "预算单位", f["unit"]),
             ("具体实施处（科室）", f["division"], "是否为经常性项目", f["recurring"]),
             ("当年预算数（元）", b, "上年预算金额（元）", num(f["prior_budget"])),
             ("预算执行数（元）", s_, "预算执行率（%）", rate_),
             ("自评时间", f["date"], "绩效等级", "良" if tot >= 80 and tot < 90 else grade(float(tot)))]
    r = 4
    for a, av, c, cv in pairs:
        sh.put(r, 1, a)
        sh.put(r, 2, av, c2=3, fmt="#,##0.00" if isinstance(av, float) else None)
        sh.put(r, 4, c)
        sh.put(r, 5, cv, c2=6, fmt="#,##0.00" if isinstance(cv, float) else None)
        if c == "绩效等级":
            info["grade_cell"] = A(r, 5)
        r += 1
    sh.put(r, 1, "项目年度总目标")
    sh.put(r, 2, f["goal"], c2=6)
    r += 1
    heads = ["一级指标", "指标名称", "指标解释", "权重（分）", "自评得分", "备注"]
    for i, h in enumerate(heads):
        sh.put(r, 1 + i, h)
    r += 1
    for key, label, pts in SH_GROUPS:
        grp = [x for x in rows if x["group"] == key]
        sh.put(r, 1, "%s\n（%d分）" % (label, pts), r2=r + len(grp) - 1)
        for x in grp:
            c = x["cells"]
            sh.put(r, 2, c["name"])
            sh.put(r, 3, c["explanation"])
            sh.put(r, 4, int(c["weight"]))
            sh.put(r, 5, int(c["score"]))
            sh.put(r, 6, "")
            if c["name"] == "完成项目预期规模及要点要求":
                info["type_cell"] = A(r, 6)
                info["type_text"] = "援外干部轮换，部分工作要点顺延至次年完成"
            r += 1
    sh.put(r, 1, "合计", c2=3)
    sh.put(r, 4, 100)
    sh.put(r, 5, int(tot))
    info["total_cell"] = A(r, 5)
    r += 1
    for lab, key in (("主要绩效", "performance"), ("主要问题", "problems"), ("改进措施", "measures")):
        sh.put(r, 1, lab)
        sh.put(r, 2, f[key], c2=6)
        r += 1
    for c, w in zip("ABCDEF", (16, 22, 40, 10, 10, 24)):
        ws.column_dimensions[c].width = w
    return wb, info


def build(layout, seed):
    wb = openpyxl.Workbook()
    d = load(seed)
    d["_seed"] = seed
    cfg = LAYOUTS[layout]
    ws = wb.active
    ws.title = cfg.get("sheet", "自评表")
    _, info = write_form(Sheet(ws), d, cfg, top=cfg.get("top", 1))
    info["sheet"] = ws.title
    for c in range(1, 16):
        if not ws.column_dimensions[get_column_letter(c)].hidden:
            ws.column_dimensions[get_column_letter(c)].width = 14
    return wb, info


def save(wb, path):
    layouts_save(wb, path, "财务处", FIXED)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {}
    for layout in LAYOUTS:
        for seed in SEEDS:
            wb, info = build(layout, seed)
            name = "%s--%s.xlsx" % (layout, seed)
            save(wb, os.path.join(OUT, name))
            info.update(layout=layout, seed=seed, note=LAYOUTS[layout]["note"])
            manifest[name] = info
    for layout in SH_LAYOUTS:
        wb, info = build_sh2019(layout)
        name = "%s--sh2019-kunming.xlsx" % layout
        save(wb, os.path.join(OUT, name))
        info.update(layout=layout, seed="sh2019-kunming", note=SH_LAYOUTS[layout]["note"])
        manifest[name] = info
    if OUT != HERE:  # the manifest is for a lap harness, not the tests
        with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
