#!/usr/bin/python3
"""Writes the layout fixtures: the three mof2020 seed projects written into
layouts of forms that provincial budget systems and local variants of the
财预〔2020〕10号 form produce (2019-2025), none of them made by our template.

Rerun from the repository root (needs python3-openpyxl):

    /usr/bin/python3 cmd/selfeval/testdata/layouts/make_layouts.py [OUTDIR]

For every layout and every seed it writes LAYOUT--SEED.xlsx (default OUTDIR:
next to this script); the two-forms layout puts the seed and the next seed
on two sheets. Output is byte for byte the same on every run.
"""

import datetime
import io
import json
import os
import re
import sys
import zipfile
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
DATA = os.path.join(ROOT, "samples", "data")
FIXED = datetime.datetime(2024, 12, 31, 9, 0, 0)
SEEDS = ["mof2020-cooperation", "mof2020-liaison", "mof2020-services"]

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
FONT = Font(name="宋体", size=11)


def load(name):
    with open(os.path.join(DATA, name + ".json"), encoding="utf-8") as fh:
        return json.load(fh)


def num(s):
    return float(Decimal(s.replace(",", "")))


def rate(vals):
    b, s = Decimal(vals["budget"]), Decimal(vals["spent"])
    if not b:
        return 0.0
    return float((s / b * 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN))


def exec_score(vals, weight=10):
    b, s = Decimal(vals["budget"]), Decimal(vals["spent"])
    return float((min(s / b, Decimal(1)) * weight).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def total(d):
    t = Decimal(str(exec_score(d["grid"]["total"])))
    for r in d["rows"]:
        t += Decimal(r["cells"]["score"])
    return float(t)


def grade(t):
    return "优" if t >= 90 else "良" if t >= 80 else "中" if t >= 60 else "差"


class Sheet:
    """A worksheet written cell by cell, columns counted from 1."""

    def __init__(self, ws):
        self.ws = ws

    def put(self, r, c, value, r2=None, c2=None, fmt=None, formula=False):
        ws = self.ws
        if (r2 and r2 != r) or (c2 and c2 != c):
            ws.merge_cells(start_row=r, start_column=c, end_row=r2 or r, end_column=c2 or c)
            for rr in range(r, (r2 or r) + 1):
                for cc in range(c, (c2 or c) + 1):
                    ws.cell(rr, cc).border = BOX
        cell = ws.cell(r, c)
        cell.value = None if value == "" else value
        if isinstance(value, str) and value.startswith("=") and not formula:
            cell.data_type = "s"  # a target such as =100(%) is text
        cell.font = FONT
        cell.alignment = WRAP
        cell.border = BOX
        if fmt:
            cell.number_format = fmt


TARGET = re.compile(r"^(≥|≤|=|>|<)?([0-9.]+)(?:\((.*)\))?$")


def split_target(t):
    """≥6.00(个) -> (≥, 6.00, 个); qualitative -> (定性, text, "")."""
    m = TARGET.match(t)
    if not m:
        return "定性", t, ""
    return m.group(1) or "=", m.group(2), m.group(3) or ""


def actual_number(a):
    """100.00(%) -> 100.00; 达成指标 stays."""
    m = re.match(r"^([0-9.]+)(?:\(.*\))?$", a)
    return num(m.group(1)) if m else a


def write_form(sh, d, cfg, top=1):
    """Writes one mof2020 form of seed d into sheet sh from row top, laid out
    by cfg. Returns the next free row."""
    f, g, rows = d["fields"], d["grid"], d["rows"]
    x0 = cfg.get("left", 1)
    r = top
    width = cfg.get("width", 9)
    sh.put(r, x0, cfg["title"].replace("{year}", d["year"]), c2=x0 + width - 1)
    r += 1
    if cfg.get("subtitle", True):
        sh.put(r, x0, "（%s年度）" % d["year"], c2=x0 + width - 1)
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

    # Funds block.
    fl = cfg["funds"]
    heads, rowlabels = fl["heads"], fl["rows"]
    n = len(rowlabels)
    c = x0
    sh.put(r, c, fl.get("block", "项目资金\n（万元）"), r2=r + n)
    c += 1
    if fl.get("name_col"):
        sh.put(r, c, fl["name_col"])  # a header over the row labels
    labcol = c
    c += 1
    first_val = c
    for i, h in enumerate(heads):
        sh.put(r, first_val + i, h)
    weight = cfg.get("exec_weight", 10)
    for i, (key, label) in enumerate(rowlabels):
        rr = r + 1 + i
        sh.put(rr, labcol, label)
        vals = g.get(key) or {"initial": "0.00", "budget": "0.00", "spent": "0.00"}
        col = first_val
        for h in heads:
            k = fl["keys"][h]
            if k in ("initial", "budget", "spent"):
                sh.put(rr, col, num(vals[k]), fmt="0.00")
            elif k == "rate":
                if key == "total" or fl.get("sub_rates", True):
                    sh.put(rr, col, rate(vals), fmt="0.00")
            elif k == "weight":
                sh.put(rr, col, weight if key == "total" else "—")
            elif k == "score":
                sh.put(rr, col, exec_score(vals, weight) if key == "total" else "—")
            else:
                sh.put(rr, col, "")
            col += 1
    r += n + 1

    # Goals.
    half = (width - 1) // 2
    sh.put(r, x0, cfg.get("goal_block", "年度\n总体\n目标"), r2=r + 1)
    sh.put(r, x0 + 1, "预期目标", c2=x0 + half)
    sh.put(r, x0 + half + 1, "实际完成情况", c2=x0 + width - 1)
    sh.put(r + 1, x0 + 1, f["goal"], c2=x0 + half)
    sh.put(r + 1, x0 + half + 1, f["achieved"], c2=x0 + width - 1)
    r += 2

    # Indicator table.
    cols = cfg["table"]  # [(key, header, span)]
    head = r
    at = {}
    c = x0
    two = cfg.get("header_rows", 1) == 2  # a header merged down over two rows
    for key, label, span in cols:
        sh.put(head, c, label, r2=head + 1 if two else None, c2=c + span - 1)
        at[key] = c
        c += span
    if two:
        r += 1
    first = r + 1
    points = {}
    for row in rows:
        l1 = row["cells"]["level1"]
        points[l1] = points.get(l1, Decimal(0)) + Decimal(row["cells"]["weight"])
    for i, row in enumerate(rows):
        line = first + i
        cells = row["cells"]
        span = dict((k, s) for k, _, s in cols)
        for key, _, _ in cols:
            col = at[key]
            c2 = col + span[key] - 1
            if key in ("lead", "level1", "level2"):
                continue
            v = cells.get(key, "")
            if key == "target":
                target = v
                if "op" in at:
                    op, val, unit = split_target(v)
                    sh.put(line, col, num(val) if op != "定性" else val, c2=c2)
                    continue
                if cfg.get("target_formula") and re.match(r"^=[0-9.]+\(%\)$", v):
                    sh.put(line, col, "=%s%%" % v[1:-3], c2=c2, formula=True)
                    continue
                sh.put(line, col, target, c2=c2)
            elif key == "op":
                sh.put(line, col, split_target(cells["target"])[0], c2=c2)
            elif key == "unit":
                sh.put(line, col, split_target(cells["target"])[2], c2=c2)
            elif key == "actual":
                sh.put(line, col, actual_number(v) if "op" in at else v, c2=c2)
            elif key in ("weight", "score"):
                sh.put(line, col, num(v), c2=c2, fmt="0.00")
            else:
                sh.put(line, col, v, c2=c2)
    last = first + len(rows) - 1
    if "lead" in at:
        sh.put(head, at["lead"], "绩效指标", r2=last)
    for key in ("level1", "level2"):
        i = 0
        while i < len(rows):
            j = i
            v = rows[i]["cells"][key]
            while j + 1 < len(rows) and rows[j + 1]["cells"][key] == v and (
                    key == "level1" or rows[j + 1]["cells"]["level1"] == rows[i]["cells"]["level1"]):
                j += 1
            shown = v
            if key == "level1" and cfg.get("level1_points"):
                p = points[v]
                shown = "%s（%s分）" % (v, int(p) if p == p.to_integral_value() else p)
            if cfg.get("merge_levels", True):
                sh.put(first + i, at[key], shown, r2=first + j)
            else:
                for k in range(i, j + 1):
                    sh.put(first + k, at[key], shown)
            i = j + 1
    r = last + 1
    t = total(d)
    foot = cfg.get("footer", ["总分", "评分等级"])
    if "总分" in foot:
        sh.put(r, x0, "总分", c2=at["weight"] - 1)
        sh.put(r, at["weight"], 100, fmt="0.00")
        sh.put(r, at["score"], t, fmt="0.00")
        r += 1
    if "评分等级" in foot:
        sh.put(r, x0, cfg.get("grade_label", "评分等级"), c2=at["weight"] - 1)
        sh.put(r, at["weight"], grade(t), c2=x0 + width - 1)
        r += 1
    if cfg.get("signature"):
        sh.put(r, x0, "填表人：张三", c2=x0 + 2)
        sh.put(r, x0 + 3, "联系电话：021-12345678", c2=x0 + 5)
        r += 1
    return r


STD_FUNDS = {
    "heads": ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    "keys": {"年初预算数": "initial", "全年预算数": "budget", "全年执行数": "spent",
             "分值": "weight", "执行率": "rate", "得分": "score"},
    "rows": [("total", "年度资金总额"), ("appropriation", "其中：当年财政拨款"),
             ("carryover", "上年结转资金"), ("other", "其他资金")],
}
STD_TABLE = [("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1),
             ("target", "年度指标值", 1), ("actual", "实际完成值", 1), ("weight", "分值", 1),
             ("score", "得分", 1), ("reason", "偏差原因分析及改进措施", 2)]


def funds(heads, keys, rows=None):
    return {"heads": heads, "keys": dict(zip(heads, keys)), "rows": rows or STD_FUNDS["rows"]}


GRID_KEYS = ["initial", "budget", "spent", "weight", "rate", "score"]

LAYOUTS = {
    # (A)/(B) annotated labels, spaced and broken labels, full-width brackets.
    "labels-ab": {
        "title": "{year}年度项目支出绩效自评表",
        "labels": {"project": "项 目 名 称", "department": "主管部门：", "unit": "实施单位："},
        "funds": funds(["年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"], GRID_KEYS,
                       [("total", "年度资金总额"), ("appropriation", "其中：财政拨款"),
                        ("carryover", "上年结转资金"), ("other", "其他资金")]),
        "table": [("level1", "一级\n指标", 1), ("level2", "二级\n指标", 1), ("name", "三级指标", 1),
                  ("target", "年度指标值（A）", 1), ("actual", "实际完成值（B）", 1), ("weight", "分值", 1),
                  ("score", "得分", 1), ("reason", "偏差原因分析及\n改进措施", 2)],
    },
    # 调整后预算数 as the full-year budget, 预算执行数, 预算执行率, 权重, 年度目标值 / 实际值 / 未完成原因分析.
    "labels-adjusted": {
        "title": "项目支出绩效自评表",
        "funds": funds(["年初预算数", "调整后预算数", "预算执行数", "权重", "预算执行率", "得分"], GRID_KEYS,
                       [("total", "资金总额"), ("appropriation", "财政拨款"),
                        ("carryover", "上年结转"), ("other", "其他资金")]),
        "table": [("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1),
                  ("target", "年度目标值", 1), ("actual", "实际值", 1), ("weight", "权重", 1),
                  ("score", "得分", 1), ("reason", "未完成原因分析", 2)],
    },
    # 执行率(%), 分数, 指标值 / 完成值 / 偏差原因; 一级/二级 repeated on every row.
    "labels-short": {
        "title": "财政项目支出绩效自评表",
        "funds": funds(["年初预算数", "全年预算数", "全年执行数", "分数", "执行率(%)", "得分"], GRID_KEYS),
        "table": [("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1),
                  ("target", "指标值", 1), ("actual", "完成值", 1), ("weight", "分数", 1),
                  ("score", "得分", 1), ("reason", "偏差原因", 2)],
        "merge_levels": False,
    },
    # Sichuan 2023: 预算执行情况 block with five source rows, 指标性质 and 度量单位 columns.
    "sichuan2023": {
        "title": "{year}年度项目支出绩效自评表",
        "width": 12,
        "funds": {
            "block": "预算执行情况\n（万元）",
            "heads": ["年初预算数", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "偏差原因"],
            "keys": {"年初预算数": "initial", "调整后预算数": "budget", "预算执行数": "spent",
                     "预算执行率": "rate", "权重": "weight", "得分": "score", "偏差原因": "reason"},
            "rows": [("total", "总额"), ("appropriation", "财政资金"), ("special", "财政专户管理资金"),
                     ("unit", "单位资金"), ("other", "其他资金")],
        },
        "table": [("level1", "一级指标", 1), ("level2", "二级指标", 1), ("name", "三级指标", 1),
                  ("op", "指标性质", 1), ("target", "指标值", 1), ("unit", "度量单位", 1),
                  ("weight", "权重", 1), ("actual", "实际完成值", 1), ("score", "得分", 1),
                  ("reason", "偏差原因分析及改进措施", 3)],
    },
    # Extra columns and merges: a leading 绩效指标 column, 三级指标 and the
    # reason merged over two columns, a 项目名称 header over the funds rows,
    # 一级 carrying its points, a two-row table header.
    "merged-extra": {
        "title": "{year}年度部门项目支出绩效自评表",
        "width": 11,
        "funds": dict(STD_FUNDS, name_col="项目名称"),
        "table": [("lead", "绩效指标", 1), ("level1", "一级指标", 1), ("level2", "二级指标", 1),
                  ("name", "三级指标", 2), ("target", "年度指标值", 1), ("actual", "实际完成值", 1),
                  ("weight", "分值", 1), ("score", "得分", 1), ("reason", "偏差原因分析及改进措施", 2)],
        "level1_points": True,
        "header_rows": 2,
    },
    # No 评分等级 and no 总分 rows; the form ends with who filled it in.
    "no-footer": {
        "title": "项目支出绩效自评表",
        "funds": STD_FUNDS,
        "table": STD_TABLE,
        "footer": [],
        "signature": True,
    },
    # 年度指标值 =100% typed into a general cell: it became a formula. Grade row 绩效等级; no 总分.
    "target-formula": {
        "title": "项目支出绩效自评表",
        "funds": STD_FUNDS,
        "table": STD_TABLE,
        "target_formula": True,
        "footer": ["评分等级"],
        "grade_label": "绩效等级",
    },
}


def other_sheets(wb, d):
    """The sheets a project workbook carries besides the form."""
    ws = wb.create_sheet("申报表")
    s = Sheet(ws)
    s.put(1, 1, "项目支出绩效目标申报表", c2=7)
    s.put(2, 1, "项目名称", c2=2)
    s.put(2, 3, d["fields"]["project"], c2=7)
    for i, h in enumerate(["一级指标", "二级指标", "三级指标", "指标值", "分值"]):
        s.put(3, 1 + i, h)
    for i, row in enumerate(d["rows"]):
        c = row["cells"]
        for j, k in enumerate(["level1", "level2", "name", "target", "weight"]):
            s.put(4 + i, 1 + j, c[k])
    ws = wb.create_sheet("执行监控")
    s = Sheet(ws)
    s.put(1, 1, "项目支出绩效目标执行监控表", c2=8)
    for i, h in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况", "全年预计完成情况", "偏差原因分析", "完成目标可能性"]):
        s.put(2, 1 + i, h)
    for i, row in enumerate(d["rows"]):
        c = row["cells"]
        for j, k in enumerate(["level1", "level2", "name", "target"]):
            s.put(3 + i, 1 + j, c[k])
        s.put(3 + i, 5, "按计划推进")
    ws = wb.create_sheet("评审报告")
    s = Sheet(ws)
    s.put(1, 1, "项目绩效自评报告")
    s.put(2, 1, "附件：项目支出绩效自评表（见“自评表”工作表）")


def build(layout, seed):
    wb = openpyxl.Workbook()
    d = load(seed)
    if layout == "project-workbook":
        # The form is the fourth of five sheets.
        wb.active.title = "封面"
        Sheet(wb.active).put(1, 1, d["fields"]["project"] + " 项目资料")
        other_sheets(wb, d)
        ws = wb.create_sheet("自评表", 3)
        write_form(Sheet(ws), d, dict(LAYOUTS["labels-ab"], left=2), top=2)
    elif layout == "two-forms":
        nxt = load(SEEDS[(SEEDS.index(seed) + 1) % len(SEEDS)])
        wb.active.title = "自评表（一）"
        write_form(Sheet(wb.active), d, LAYOUTS["labels-short"])
        ws = wb.create_sheet("自评表（二）")
        write_form(Sheet(ws), nxt, LAYOUTS["sichuan2023"])
    else:
        wb.active.title = "自评表"
        write_form(Sheet(wb.active), d, LAYOUTS[layout])
    for ws in wb.worksheets:
        for c in range(1, 16):
            ws.column_dimensions[get_column_letter(c)].width = 14
    return wb


def save(wb, path, creator="预算管理一体化系统", when=FIXED):
    """Saves wb at path with fixed properties and zip dates (deterministic)."""
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = None
    wb.properties.created = when
    wb.properties.modified = when
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    with open(path, "wb") as fh:
        fh.write(out.getvalue())


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    os.makedirs(out, exist_ok=True)
    for layout in list(LAYOUTS) + ["project-workbook", "two-forms"]:
        for seed in SEEDS:
            save(build(layout, seed), os.path.join(out, "%s--%s.xlsx" % (layout, seed)))


if __name__ == "__main__":
    main()
