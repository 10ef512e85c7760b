#!/usr/bin/python3
"""Layouts, set 3: the seed projects of samples/data written into layouts of
forms as other provinces / budget systems publish them. Written apart from the
reader (no look at workbook/*.go or validate/*.go); see README.md for the
first measurement.

    /usr/bin/python3 make_layouts3.py [OUTDIR]      (default: this folder)

Writes LAYOUT--SEED.xlsx for every layout and its seeds, and manifest.json
(layout, seed, half, expected kind/total/grade, source). Deterministic.
"""

import json
import os
import re
import sys
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "layouts"))
import openpyxl  # noqa: E402
from make_layouts import (  # noqa: E402
    Sheet, load, num, rate, exec_score, total, grade, save, split_target, actual_number,
)
from openpyxl.styles import Alignment, Font  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OPT = {}  # one-change hooks, used to confirm the cause of a misread; empty for the corpus
MOF = ["mof2020-cooperation", "mof2020-liaison", "mof2020-services"]
FW = str.maketrans("0123456789.%()=<>,:", "０１２３４５６７８９．％（）＝＜＞，：")


def fw(s):
    return s.translate(FW)


def wb_new(title):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


def widths(ws, ws_w):
    for i, w in enumerate(ws_w):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w


def points(d):
    p = {}
    for r in d["rows"]:
        l1 = r["cells"]["level1"]
        p[l1] = p.get(l1, Decimal(0)) + Decimal(r["cells"]["weight"])
    return p


def runs(rows, key):
    """[(start, end)] index runs of equal rows[i]['cells'][key]."""
    out, s = [], 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i]["cells"][key] != rows[s]["cells"][key] or (
                key == "level2" and rows[i]["cells"]["level1"] != rows[s]["cells"]["level1"]):
            out.append((s, i - 1))
            s = i
    return out


def qual(t):
    return split_target(t)[0] == "定性"


def bare_target(t):
    """≥6.00(个) -> ≥6个, =100(%) -> =100百分比 (Chizhou style)."""
    op, v, u = split_target(t)
    if op == "定性":
        return t
    v = str(Decimal(v).normalize()) if "." in v else v
    v = v if "E" not in v else str(int(Decimal(v)))
    return op + v + ("百分比" if u == "%" else u)


def bare_actual(a):
    m = re.match(r"^([0-9.]+)(?:\((.*)\))?$", a)
    if not m:
        return a
    v = Decimal(m.group(1))
    return str(v.quantize(Decimal(1)) if v == v.to_integral() else v.normalize())


# ---------------------------------------------------------------------------
# mof2020 layouts


def beijing2016(d):
    """Beijing (Haidian 2016 form): 年初预算数（A）/全年执行数（B）/分值（10分）/执行率（B/A）/
    得分/得分计算方法; 年度总体目标 as two texts without sub-heads; indicator columns
    分值 BEFORE 年度指标值（A）/全年实际值（B）, a 得分计算方法 column, 未完成原因分析."""
    wb, ws = wb_new("项目支出绩效自评表")
    sh = Sheet(ws)
    f, g = d["fields"], d["grid"]
    W = 10
    sh.put(1, 1, "项目支出绩效自评表（%s年度）" % d["year"], c2=W)
    sh.put(2, 1, "项目名称", c2=2)
    sh.put(2, 3, "【市级】" + f["project"], c2=W)
    sh.put(3, 1, "主管部门及代码", c2=2)
    sh.put(3, 3, f["department"], c2=5)
    sh.put(3, 6, "实施单位")
    sh.put(3, 7, f["unit"], c2=W)
    sh.put(4, 1, "项目资金（万元）", r2=7, c2=1)
    sh.put(4, 2, "")
    for i, h in enumerate(["年初预算数（A）", "全年执行数（B）", "分值（10分）", "执行率（B/A）", "得分"]):
        sh.put(4, 3 + i, h)
    sh.put(4, 8, "得分计算方法", c2=W)
    if OPT.get("beijing_budget_label"):
        ws.cell(4, 3).value = OPT["beijing_budget_label"]
    labels = [("total", "年度资金总额："), ("appropriation", "其中：本年一般公共预算拨款"), ("other", "其他资金")]
    for i, (k, lab) in enumerate(labels):
        r = 5 + i
        v = g[k]
        sh.put(r, 2, lab)
        sh.put(r, 3, num(v["budget"]), fmt="0.00")
        sh.put(r, 4, num(v["spent"]), fmt="0.00")
        if k == "total":
            sh.put(r, 5, 10)
            sh.put(r, 6, rate(v) / 100, fmt="0.00%")
            sh.put(r, 7, exec_score(v))
            sh.put(r, 8, "执行率*该指标分值，最高不得超过分值上限。", r2=7, c2=W)
        else:
            sh.put(r, 5, "")
            sh.put(r, 6, "")
            sh.put(r, 7, "")
    g8 = 8
    if OPT.get("beijing_goal_heads"):
        sh.put(8, 1, "年度总体目标", r2=9, c2=2)
        sh.put(8, 3, "预期目标", c2=6)
        sh.put(8, 7, "实际完成情况", c2=W)
        g8 = 9
    else:
        sh.put(8, 1, "年度总体目标", c2=2)
    sh.put(g8, 3, f["goal"], c2=6)
    sh.put(g8, 7, f["achieved"], c2=W)
    ws.row_dimensions[g8].height = 120
    head = g8 + 1
    for i, h in enumerate(["绩效指标", "一级指标", "二级指标", "三级指标", "分值", "年度指标值（A）",
                           "全年实际值（B）", "得分计算方法", "得分", "未完成原因分析"]):
        sh.put(head, 1 + i, h)
    rows = d["rows"]
    first = head + 1
    pts = points(d)
    for i, row in enumerate(rows):
        c = row["cells"]
        r = first + i
        sh.put(r, 4, c["name"])
        sh.put(r, 5, num(c["weight"]), fmt="0.00")
        sh.put(r, 6, c["target"])
        sh.put(r, 7, c["actual"])
        sh.put(r, 8, "达成记满分，未达成按完成程度记分" if qual(c["target"]) else
               "完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分。")
        sh.put(r, 9, num(c["score"]), fmt="0.00")
        sh.put(r, 10, c.get("reason", ""))
    last = first + len(rows) - 1
    sh.put(first, 1, "", r2=last)
    for s, e in runs(rows, "level1"):
        l1 = rows[s]["cells"]["level1"]
        sh.put(first + s, 2, "%s（%s分）" % (l1, int(pts[l1])), r2=first + e)
    for s, e in runs(rows, "level2"):
        sh.put(first + s, 3, rows[s]["cells"]["level2"], r2=first + e)
    r = last + 1
    sh.put(r, 1, "总分", c2=4)
    sh.put(r, 5, 100)
    sh.put(r, 6, "", c2=8)
    sh.put(r, 9, total(d), fmt="0.00")
    sh.put(r, 10, "")
    sh.put(r + 1, 1, "自评等级", c2=4)
    sh.put(r + 1, 5, grade(total(d)), c2=W)
    widths(ws, [8, 12, 12, 24, 8, 14, 14, 26, 8, 24])
    return wb


def sichuan_county(d):
    """Sichuan 2023 county form (青神县/大英县, 报表编号 510000_0013zp): 部门预算项目支出绩效自评表
    with year in title, project code prefix, 实施单位（盖章）, 项目基本情况 block, 预算执行情况（10分）
    with 年度预算数（万元） header cell and 原因 column, 绩效指标（90分） lead column,
    指标性质/指标值/度量单位, 合计 row, 评价结论/存在问题/改进措施, 项目负责人/财务负责人."""
    wb, ws = wb_new("510000_0013zp")
    sh = Sheet(ws)
    f, g = d["fields"], d["grid"]
    W = 11
    sh.put(1, 9, "报表编号：510000_0013zp", c2=W)
    sh.put(2, 1, "部门预算项目支出绩效自评表（%s年度）" % d["year"], c2=W)
    sh.put(3, 1, "项目名称")
    sh.put(3, 2, "31000024R000000019951-" + f["project"], c2=W)
    sh.put(4, 1, "主管部门")
    sh.put(4, 2, f["department"], c2=5)
    sh.put(4, 6, "实施单位（盖章）", c2=7)
    sh.put(4, 8, f["unit"], c2=W)
    sh.put(5, 1, "项目基本情况", r2=7)
    sh.put(5, 2, "1.项目年度目标完成情况", r2=6, c2=3)
    sh.put(5, 4, "项目年度目标", c2=7)
    sh.put(5, 8, "年度目标完成情况", c2=W)
    sh.put(6, 4, f["goal"], c2=7)
    sh.put(6, 8, f["achieved"], c2=W)
    ws.row_dimensions[6].height = 110
    sh.put(7, 2, "2.项目实施内容及过程概述", c2=3)
    sh.put(7, 4, "按年度计划组织实施，资金按进度支付。", c2=W)
    sh.put(8, 1, "预算执行情况（10分）", r2=13)
    sh.put(8, 2, "年度预算数（万元）", c2=3)
    for i, h in enumerate(["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"]):
        sh.put(8, 4 + i, h)
    sh.put(8, 10, "原因", c2=W)
    labels = [("total", "总额"), ("appropriation", "其中：财政资金"), ("x1", "财政专户管理资金"),
              ("x2", "单位资金"), ("other", "其他资金")]
    zero = {"initial": "0.00", "budget": "0.00", "spent": "0.00"}
    for i, (k, lab) in enumerate(labels):
        r = 9 + i
        v = g.get(k, zero)
        sh.put(r, 2, lab, c2=3)
        sh.put(r, 4, num(v["initial"]), fmt="0.00")
        sh.put(r, 5, num(v["budget"]), fmt="0.00")
        sh.put(r, 6, num(v["spent"]), fmt="0.00")
        sh.put(r, 7, rate(v) / 100, fmt="0.00%")
        sh.put(r, 8, 10 if k == "total" else "/")
        sh.put(r, 9, exec_score(v) if k == "total" else "/")
    sh.put(9, 10, "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；"
           "2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款。",
           r2=13, c2=W)
    head = 14
    rows = d["rows"]
    last = head + len(rows)
    sh.put(head, 1, "绩效指标（90分）", r2=last)
    for i, h in enumerate(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值",
                           "权重", "得分", "未完成原因分析"]):
        sh.put(head, 2 + i, h)
    for i, row in enumerate(rows):
        c = row["cells"]
        r = head + 1 + i
        op, v, u = split_target(c["target"])
        sh.put(r, 2, c["level1"])
        sh.put(r, 3, c["level2"])
        sh.put(r, 4, c["name"])
        sh.put(r, 5, op)
        sh.put(r, 6, v if op == "定性" else num(v), fmt=None if op == "定性" else "0.00")
        sh.put(r, 7, u)
        a = actual_number(c["actual"])
        sh.put(r, 8, a, fmt="0.00" if isinstance(a, float) else None)
        sh.put(r, 9, num(c["weight"]), fmt="0.00")
        sh.put(r, 10, num(c["score"]), fmt="0.00")
        sh.put(r, 11, c.get("reason", ""))
    r = last + 1
    sh.put(r, 1, "合计", c2=8)
    sh.put(r, 9, 100)
    sh.put(r, 10, total(d), fmt="0.00")
    sh.put(r, 11, "")
    sh.put(r + 1, 1, "评价结论")
    sh.put(r + 1, 2, "项目自评总分%s分。项目按计划实施，年度目标基本完成。" % total(d), c2=W)
    sh.put(r + 2, 1, "存在问题")
    sh.put(r + 2, 2, "无", c2=W)
    sh.put(r + 3, 1, "改进措施")
    sh.put(r + 3, 2, "无", c2=W)
    sh.put(r + 4, 1, "项目负责人：张明", c2=5)
    sh.put(r + 4, 6, "财务负责人：李华", c2=W)
    widths(ws, [12, 10, 12, 22, 8, 10, 8, 10, 8, 8, 22])
    return wb


def anhui_chizhou(d):
    """Anhui (池州市贵池区 2022, published 附件): 附件： line, code-prefixed 主管部门/实施单位,
    年度资金总额： / 其中:本年财政拨款 (ASCII colon), level1 产出指标(40分) with ASCII brackets,
    targets typed bare (≥6个, =100百分比), actuals bare numbers or 达成预期指标, 绩效指标 lead column."""
    wb, ws = wb_new("附件")
    sh = Sheet(ws)
    f, g = d["fields"], d["grid"]
    W = 10
    sh.put(1, 1, "附件：", c2=2)
    sh.put(2, 1, "项目支出绩效自评表", c2=W)
    sh.put(3, 1, "(%s年度)" % d["year"], c2=W)
    sh.put(4, 1, "项目名称", c2=2)
    sh.put(4, 3, f["project"], c2=W)
    sh.put(5, 1, "主管部门", c2=2)
    sh.put(5, 3, "219-" + f["department"], c2=5)
    sh.put(5, 6, "实施单位", c2=7)
    sh.put(5, 8, "219001-" + f["unit"], c2=W)
    sh.put(6, 1, "项目资金\n(万元)", r2=10, c2=2)
    sh.put(6, 3, "")
    for i, h in enumerate(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        sh.put(6, 4 + i, h)
    sh.put(6, 10, "")
    labels = [("total", "年度资金总额:"), ("appropriation", "其中:本年财政拨款"), ("carryover", "上年结转资金"),
              ("other", "其他资金")]
    for i, (k, lab) in enumerate(labels):
        r = 7 + i
        v = g[k]
        sh.put(r, 3, lab)
        if k != "total" and num(v["budget"]) == 0:
            for c in range(4, 11):
                sh.put(r, c, "")
            continue
        sh.put(r, 4, num(v["initial"]))
        sh.put(r, 5, num(v["budget"]))
        sh.put(r, 6, num(v["spent"]))
        sh.put(r, 7, 10 if k == "total" else "")
        sh.put(r, 8, rate(v) if k == "total" else "")
        sh.put(r, 9, exec_score(v) if k == "total" else "")
        sh.put(r, 10, "")
    sh.put(10, 3, "", c2=W)
    sh.put(11, 1, "年度总体目标", r2=12, c2=2)
    sh.put(11, 3, "预期目标", c2=6)
    sh.put(11, 7, "实际完成情况", c2=W)
    sh.put(12, 3, f["goal"], c2=6)
    sh.put(12, 7, f["achieved"], c2=W)
    ws.row_dimensions[12].height = 110
    head = 13
    rows = d["rows"]
    last = head + len(rows)
    sh.put(head, 1, "绩效指标", r2=last)
    for i, (h, span) in enumerate([("一级指标", 1), ("二级指标", 1), ("三级指标", 1), ("年度指标值", 1),
                                   ("实际完成值", 1), ("分值", 1), ("得分", 1), ("偏差原因分析及改进措施", 2)]):
        c = 2 + i
        sh.put(head, c, h, c2=c + span - 1)
    pts = points(d)
    for i, row in enumerate(rows):
        c = row["cells"]
        r = head + 1 + i
        sh.put(r, 4, c["name"])
        sh.put(r, 5, bare_target(c["target"]))
        a = c["actual"]
        sh.put(r, 6, "达成预期指标" if a == "达成指标" else bare_actual(a))
        sh.put(r, 7, int(num(c["weight"])) if num(c["weight"]) == int(num(c["weight"])) else num(c["weight"]))
        sh.put(r, 8, int(num(c["score"])) if num(c["score"]) == int(num(c["score"])) else num(c["score"]))
        sh.put(r, 9, c.get("reason", ""), c2=10)
    for s, e in runs(rows, "level1"):
        l1 = rows[s]["cells"]["level1"]
        sh.put(head + 1 + s, 2, "%s(%s分)" % (l1, int(pts[l1])), r2=head + 1 + e)
    for s, e in runs(rows, "level2"):
        sh.put(head + 1 + s, 3, rows[s]["cells"]["level2"], r2=head + 1 + e)
    r = last + 1
    sh.put(r, 1, "总分", c2=6)
    sh.put(r, 7, 100)
    sh.put(r, 8, total(d))
    sh.put(r, 9, "自评等级：" + grade(total(d)), c2=W)
    widths(ws, [8, 12, 12, 24, 14, 14, 8, 8, 14, 10])
    return wb


LANGFANG_L2 = {"产出指标": ["数量指标", "质量指标", "时效指标"],
               "成本指标": ["经济成本指标"],
               "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
               "满意度指标": ["服务对象满意度指标"]}


def hebei_langfang(d):
    """Hebei (廊坊市 2019, 附件1): header cells broken over lines (年初\\n预算数, 年度\\n指标值),
    funds row labels with leading spaces, 执行率 typed as text "77.83%", the blank template
    rows left in: 指标1 / 指标2 / …… under every 二级指标, including unused ones (生态效益
    with only empty rows); names prefixed 指标1, 指标2."""
    wb, ws = wb_new("Sheet1")
    sh = Sheet(ws)
    f, g = d["fields"], d["grid"]
    W = 9
    sh.put(1, 1, "附件1", c2=2)
    sh.put(2, 1, "项目支出绩效自评表", c2=W)
    sh.put(3, 1, "（ %s年度）" % d["year"], c2=W)
    sh.put(4, 1, "项目名称", c2=2)
    sh.put(4, 3, f["project"], c2=W)
    sh.put(5, 1, "主管部门", c2=2)
    sh.put(5, 3, f["department"], c2=5)
    sh.put(5, 6, "实施单位")
    sh.put(5, 7, f["unit"], c2=W)
    sh.put(6, 1, "项目资金\n（万元）", r2=10, c2=2)
    sh.put(6, 3, "")
    for i, h in enumerate(["年初\n预算数", "全年\n预算数", "全年\n执行数", "分值", "执行率", "得分"]):
        sh.put(6, 4 + i, h)
    labels = [("total", "年度资金总额"), ("appropriation", "其中：当年财政拨款"),
              ("carryover", "      上年结转资金"), ("other", "  其他资金")]
    for i, (k, lab) in enumerate(labels):
        r = 7 + i
        v = g[k]
        sh.put(r, 3, lab)
        if k != "total" and num(v["budget"]) == 0:
            for c in range(4, 10):
                sh.put(r, c, "")
            continue
        sh.put(r, 4, num(v["initial"]))
        sh.put(r, 5, num(v["budget"]))
        sh.put(r, 6, num(v["spent"]))
        sh.put(r, 7, 10 if k == "total" else "")
        sh.put(r, 8, ("%.2f%%" % rate(v)) if k == "total" else "")
        sh.put(r, 9, exec_score(v) if k == "total" else "")
    sh.put(11, 1, "年度\n总体\n目标", r2=12)
    sh.put(11, 2, "预期目标", c2=5)
    sh.put(11, 6, "实际完成情况", c2=W)
    sh.put(12, 2, f["goal"], c2=5)
    sh.put(12, 6, f["achieved"], c2=W)
    ws.row_dimensions[12].height = 110
    head = 13
    for i, h in enumerate(["一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值", "得分",
                           "偏差原因分析及改进措施"]):
        if i == 7:
            sh.put(head, 8, h, c2=9)
        else:
            sh.put(head, 1 + i, h)
    r = head + 1
    rows = d["rows"]
    order = []
    for l1 in ["产出指标", "成本指标", "效益指标", "满意度指标"]:
        for l2 in LANGFANG_L2[l1]:
            order.append((l1, l2, [x["cells"] for x in rows if x["cells"]["level1"] == l1 and x["cells"]["level2"] == l2]))
    # 成本指标 is first-level in the seeds; keep the seed's level order
    seq = []
    for l1 in dict.fromkeys(x["cells"]["level1"] for x in rows):
        seq += [o for o in order if o[0] == l1]
    for l1 in dict.fromkeys(o[0] for o in seq):
        start1 = r
        for _, l2, items in [o for o in seq if o[0] == l1]:
            start2 = r
            for n, c in enumerate(items):
                sh.put(r, 3, "指标%d%s" % (n + 1, c["name"]))
                sh.put(r, 4, c["target"])
                sh.put(r, 5, c["actual"])
                sh.put(r, 6, num(c["weight"]))
                sh.put(r, 7, num(c["score"]))
                sh.put(r, 8, c.get("reason", ""), c2=9)
                r += 1
            for blank in (["指标%d" % (len(items) + 1)] if items else ["指标1", "指标2"]) + ["……"]:
                sh.put(r, 3, blank)
                for c in range(4, 8):
                    sh.put(r, c, "")
                sh.put(r, 8, "", c2=9)
                r += 1
            sh.put(start2, 2, l2.replace("指标", "\n指标") if l2.endswith("效益指标") else l2, r2=r - 1)
        sh.put(start1, 1, l1, r2=r - 1)
    sh.put(r, 1, "总分", c2=5)
    sh.put(r, 6, 100)
    sh.put(r, 7, total(d))
    sh.put(r, 8, "", c2=9)
    sh.put(r + 1, 1, "评分等级", c2=5)
    sh.put(r + 1, 6, grade(total(d)), c2=W)
    widths(ws, [10, 12, 26, 14, 14, 8, 8, 12, 12])
    return wb


def std_top(sh, d, W, r, title="项目支出绩效自评表", year=True, tr=lambda s: s, sp=lambda s: s):
    """Title, year, 项目名称, 主管部门/实施单位, funds block and goal block of the
    财预〔2020〕10号 form, from row r. Returns the next row."""
    f, g = d["fields"], d["grid"]
    sh.put(r, 1, title, c2=W)
    r += 1
    if year:
        sh.put(r, 1, "（%s年度）" % d["year"], c2=W)
        r += 1
    sh.put(r, 1, sp("项目名称"), c2=2)
    sh.put(r, 3, f["project"], c2=W)
    r += 1
    sh.put(r, 1, sp("主管部门"), c2=2)
    sh.put(r, 3, f["department"], c2=5)
    sh.put(r, 6, sp("实施单位"))
    sh.put(r, 7, f["unit"], c2=W)
    r += 1
    sh.put(r, 1, "项目资金\n（万元）", r2=r + 4, c2=2)
    sh.put(r, 3, "")
    for i, h in enumerate(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        sh.put(r, 4 + i, h)
    for i, (k, lab) in enumerate([("total", "年度资金总额"), ("appropriation", "其中：当年财政拨款"),
                                  ("carryover", "上年结转资金"), ("other", "其他资金")]):
        rr = r + 1 + i
        v = g[k]
        sh.put(rr, 3, lab)
        sh.put(rr, 4, tr(v["initial"]), fmt="0.00")
        sh.put(rr, 5, tr(v["budget"]), fmt="0.00")
        sh.put(rr, 6, tr(v["spent"]), fmt="0.00")
        sh.put(rr, 7, tr("10") if k == "total" else "—")
        sh.put(rr, 8, tr("%.2f" % rate(v)) if k == "total" else "—", fmt="0.00")
        sh.put(rr, 9, tr("%.2f" % exec_score(v)) if k == "total" else "—", fmt="0.00")
    r += 5
    sh.put(r, 1, "年度\n总体\n目标", r2=r + 1)
    sh.put(r, 2, "预期目标", c2=5)
    sh.put(r, 6, "实际完成情况", c2=W)
    sh.put(r + 1, 2, d["fields"]["goal"], c2=5)
    sh.put(r + 1, 6, d["fields"]["achieved"], c2=W)
    sh.ws.row_dimensions[r + 1].height = 110
    return r + 2


STD_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def pdf_pagebreak(d):
    """The Shanghai 2024 published PDF (seed 000) turned into Excel by a PDF converter: sheet
    'Table 1', the indicator table split over two pages: page footer 第 1 页 共 2 页, a blank
    row, the column header repeated on page 2, the 一级/二级 labels of a group split at the
    break (repeated on the new page); the 三级指标 header merged over two columns with the
    converter putting the name into the right-hand column."""
    wb, ws = wb_new("Table 1")
    sh = Sheet(ws)
    W = 10
    r = std_top(sh, d, W, 1)

    def header(r):
        cols = [("一级指标", 1), ("二级指标", 1), ("三级指标", 2), ("年度指标值", 1), ("实际完成值", 1), ("分值", 1),
                ("得分", 1), ("偏差原因分析及改进措施", 1)]
        c = 1
        for h, span in cols:
            sh.put(r, c, h, c2=c + span - 1)
            c += span

    rows = d["rows"]
    brk = len(rows) // 2 + 1
    header(r)
    r += 1
    segs = [(0, brk), (brk, len(rows))]
    for si, (a, b) in enumerate(segs):
        start = r
        part = rows[a:b]
        for i, row in enumerate(part):
            c = row["cells"]
            sh.put(r, 3, "")
            sh.put(r, 4, c["name"])
            sh.put(r, 5, c["target"])
            sh.put(r, 6, c["actual"])
            sh.put(r, 7, num(c["weight"]), fmt="0.00")
            sh.put(r, 8, num(c["score"]), fmt="0.00")
            sh.put(r, 9, c.get("reason", ""))
            r += 1
        for s, e in runs(part, "level1"):
            sh.put(start + s, 1, part[s]["cells"]["level1"], r2=start + e)
        for s, e in runs(part, "level2"):
            sh.put(start + s, 2, part[s]["cells"]["level2"], r2=start + e)
        if si == 0:
            ws.cell(r, 5).value = "第 1 页 共 2 页"
            r += 2
            header(r)
            r += 1
    sh.put(r, 1, "总分", c2=6)
    sh.put(r, 7, 100, fmt="0.00")
    sh.put(r, 8, total(d), fmt="0.00")
    sh.put(r, 9, "")
    sh.put(r + 1, 1, "评分等级", c2=6)
    sh.put(r + 1, 7, grade(total(d)), c2=9)
    ws.cell(r + 3, 5).value = "第 2 页 共 2 页"
    widths(ws, [12, 12, 4, 24, 14, 14, 8, 8, 24, 4])
    return wb


def table_std(sh, d, r, W, l1fmt="{l1}", extra=None):
    for i, h in enumerate(STD_HEAD):
        sh.put(r, 1 + i, h, c2=W if i == 7 else None)
    rows = d["rows"]
    first = r + 1
    for i, row in enumerate(rows):
        c = row["cells"]
        rr = first + i
        sh.put(rr, 3, c["name"])
        sh.put(rr, 4, c["target"])
        sh.put(rr, 5, c["actual"])
        sh.put(rr, 6, num(c["weight"]), fmt="0.00")
        sh.put(rr, 7, num(c["score"]), fmt="0.00")
        sh.put(rr, 8, c.get("reason", ""), c2=W)
    pts = points(d)
    for s, e in runs(rows, "level1"):
        l1 = rows[s]["cells"]["level1"]
        sh.put(first + s, 1, l1fmt.format(l1=l1, p=int(pts[l1])), r2=first + e)
    for s, e in runs(rows, "level2"):
        sh.put(first + s, 2, rows[s]["cells"]["level2"], r2=first + e)
    return first + len(rows)


def notes_sheet_yuan(d):
    """Budget-system workbook with a 填报说明 sheet first (with a filled example row), the form
    on sheet 2 named 自评表（2024）; amounts in 元 typed as text with thousands separators
    ("1,610,500.00"); the block label 项目资金（元）; a 单位：元 line; 填报人/审核人/日期 under it."""
    wb, ws0 = wb_new("填报说明")
    ws0.cell(1, 1).value = "填报说明"
    ws0.cell(2, 1).value = "1.金额单位为元，保留两位小数。"
    ws0.cell(3, 1).value = "2.执行率=全年执行数/全年预算数×100%，得分=执行率×分值，最高不超过分值。"
    ws0.cell(4, 1).value = "3.填报示例："
    for i, h in enumerate(STD_HEAD):
        ws0.cell(5, 1 + i).value = h
    for i, v in enumerate(["产出指标", "数量指标", "培训人次", "≥100(人次)", "120.00(人次)", 10, 10, ""]):
        ws0.cell(6, 1 + i).value = v
    ws = wb.create_sheet("自评表（%s）" % d["year"])
    sh = Sheet(ws)
    W = 9

    def yuan(s):
        if re.match(r"^[0-9.]+$", s) and "." in s and len(s) > 3 and s not in ():
            return s
        return s

    g = d["grid"]
    f = d["fields"]
    sh.put(1, 1, "项目支出绩效自评表", c2=W)
    sh.put(2, 1, "（%s年度）" % d["year"], c2=W)
    ws.cell(3, 8).value = "单位：元"
    r = 4
    sh.put(r, 1, "项目名称", c2=2)
    sh.put(r, 3, f["project"], c2=W)
    sh.put(r + 1, 1, "主管部门", c2=2)
    sh.put(r + 1, 3, f["department"], c2=5)
    sh.put(r + 1, 6, "实施单位")
    sh.put(r + 1, 7, f["unit"], c2=W)
    r += 2
    sh.put(r, 1, "项目资金（元）", r2=r + 4, c2=2)
    sh.put(r, 3, "")
    for i, h in enumerate(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        sh.put(r, 4 + i, h)
    for i, (k, lab) in enumerate([("total", "年度资金总额"), ("appropriation", "其中：当年财政拨款"),
                                  ("carryover", "上年结转资金"), ("other", "其他资金")]):
        rr = r + 1 + i
        v = g[k]
        sh.put(rr, 3, lab)
        for j, key in enumerate(["initial", "budget", "spent"]):
            sh.put(rr, 4 + j, "{:,.2f}".format(Decimal(v[key]) * 10000))
        sh.put(rr, 7, "10" if k == "total" else "—")
        sh.put(rr, 8, "%.2f%%" % rate(v) if k == "total" else "—")
        sh.put(rr, 9, "%.2f" % exec_score(v) if k == "total" else "—")
    r += 5
    sh.put(r, 1, "年度\n总体\n目标", r2=r + 1)
    sh.put(r, 2, "预期目标", c2=5)
    sh.put(r, 6, "实际完成情况", c2=W)
    sh.put(r + 1, 2, f["goal"], c2=5)
    sh.put(r + 1, 6, f["achieved"], c2=W)
    r += 2
    r = table_std(sh, d, r, W)
    sh.put(r, 1, "总分", c2=5)
    sh.put(r, 6, "100")
    sh.put(r, 7, "%.2f" % total(d))
    sh.put(r, 8, "", c2=W)
    sh.put(r + 1, 1, "评分等级", c2=5)
    sh.put(r + 1, 6, grade(total(d)), c2=W)
    ws.cell(r + 3, 1).value = "填报人：王丽"
    ws.cell(r + 3, 4).value = "审核人：赵强"
    ws.cell(r + 3, 7).value = "填报日期：2025年1月15日"
    widths(ws, [12, 12, 24, 16, 16, 16, 8, 8, 24])
    return wb


def hubei_header_total(d):
    """Hubei (湖北工程学院 学生资助项目绩效目标自评表 on 777doc): 填报日期 and 总分 on a line above
    the form; 项目类别 / 项目属性 / 项目类型 checkbox rows (☑/□); a one-row 预算执行情况（万元）
    block with heads 预算数（A）/执行数（B）/执行率（B/A）/得分（分值×执行率）; no year line; the
    goal block after the funds; indicator heads 年初目标值 / 实际完成值 / 分值 / 得分 /
    偏差原因; no 总分/评分等级 row at the foot."""
    wb, ws = wb_new("自评表")
    sh = Sheet(ws)
    f, g = d["fields"], d["grid"]
    W = 9
    sh.put(1, 1, "%s年%s绩效目标自评表" % (d["year"], f["project"]), c2=W)
    ws.cell(2, 1).value = "填报日期：2025年1月20日"
    ws.cell(2, 7).value = "总分：%s分" % total(d)
    sh.put(3, 1, "项目名称", c2=2)
    sh.put(3, 3, f["project"], c2=W)
    sh.put(4, 1, "主管部门", c2=2)
    sh.put(4, 3, f["department"], c2=5)
    sh.put(4, 6, "项目实施单位")
    sh.put(4, 7, f["unit"], c2=W)
    sh.put(5, 1, "项目类别", c2=2)
    sh.put(5, 3, "1、部门预算项目☑  2、省直专项□  3、省对下转移支付项目□", c2=W)
    sh.put(6, 1, "项目属性", c2=2)
    sh.put(6, 3, "1、持续性项目☑  2、新增性项目□", c2=W)
    sh.put(7, 1, "项目类型", c2=2)
    sh.put(7, 3, "1、常年性项目☑  2、延续性项目□  3、一次性项目□", c2=W)
    sh.put(8, 1, "预算执行情况（万元）\n（10分）", r2=9, c2=2)
    sh.put(8, 3, "")
    for i, h in enumerate(["年初预算数", "预算数（A）", "执行数（B）", "分值", "执行率（B/A）", "得分（分值×执行率）"]):
        sh.put(8, 4 + i, h)
    v = g["total"]
    sh.put(9, 3, "年度财政资金总额")
    sh.put(9, 4, num(v["initial"]), fmt="0.00")
    sh.put(9, 5, num(v["budget"]), fmt="0.00")
    sh.put(9, 6, num(v["spent"]), fmt="0.00")
    sh.put(9, 7, 10)
    sh.put(9, 8, rate(v) / 100, fmt="0.00%")
    sh.put(9, 9, exec_score(v))
    sh.put(10, 1, "年度\n总体\n目标", r2=11)
    sh.put(10, 2, "预期目标", c2=5)
    sh.put(10, 6, "实际完成情况", c2=W)
    sh.put(11, 2, f["goal"], c2=5)
    sh.put(11, 6, f["achieved"], c2=W)
    ws.row_dimensions[11].height = 110
    r = 12
    heads = ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "分值", "得分", "偏差原因"]
    for i, h in enumerate(heads):
        sh.put(r, 1 + i, h, c2=W if i == 7 else None)
    rows = d["rows"]
    first = r + 1
    for i, row in enumerate(rows):
        c = row["cells"]
        rr = first + i
        sh.put(rr, 3, c["name"])
        sh.put(rr, 4, c["target"])
        sh.put(rr, 5, c["actual"])
        sh.put(rr, 6, num(c["weight"]))
        sh.put(rr, 7, num(c["score"]))
        sh.put(rr, 8, c.get("reason", ""), c2=W)
    pts = points(d)
    for s, e in runs(rows, "level1"):
        l1 = rows[s]["cells"]["level1"]
        sh.put(first + s, 1, "%s\n（%s分）" % (l1, int(pts[l1])), r2=first + e)
    for s, e in runs(rows, "level2"):
        sh.put(first + s, 2, rows[s]["cells"]["level2"], r2=first + e)
    widths(ws, [12, 12, 24, 14, 14, 12, 8, 12, 18])
    return wb


def section_rows(d):
    """Indicators grouped by section rows instead of a 一级指标 column (Word-style forms of
    county finance bureaus, e.g. 廊坊 / 池州 converted): a row 一、成本指标（20分） spanning the
    table, then rows with 二级指标 / 三级指标; a 序号 column; 总分 and 评分等级 on one row."""
    wb, ws = wb_new("项目自评")
    sh = Sheet(ws)
    W = 9
    r = std_top(sh, d, W, 1)
    heads = ["一级指标" if OPT.get("section_level_col") else "序号", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    for i, h in enumerate(heads):
        sh.put(r, 1 + i, h, c2=W if i == 7 else None)
    r += 1
    rows = d["rows"]
    pts = points(d)
    cn = "一二三四五六"
    n = 0
    for k, (s, e) in enumerate(runs(rows, "level1")):
        l1 = rows[s]["cells"]["level1"]
        sh.put(r, 1, "%s、%s（%s分）" % (cn[k], l1, int(pts[l1])), c2=W)
        r += 1
        part = rows[s:e + 1]
        start = r
        for row in part:
            c = row["cells"]
            n += 1
            sh.put(r, 1, l1 if OPT.get("section_level_col") else n)
            sh.put(r, 3, c["name"])
            sh.put(r, 4, c["target"])
            sh.put(r, 5, c["actual"])
            sh.put(r, 6, num(c["weight"]), fmt="0.00")
            sh.put(r, 7, num(c["score"]), fmt="0.00")
            sh.put(r, 8, c.get("reason", ""), c2=W)
            r += 1
        for a, b in runs(part, "level2"):
            sh.put(start + a, 2, part[a]["cells"]["level2"], r2=start + b)
    sh.put(r, 1, "总分", c2=5)
    sh.put(r, 6, 100)
    sh.put(r, 7, total(d), fmt="0.00")
    sh.put(r, 8, "评分等级：%s" % grade(total(d)), c2=W)
    widths(ws, [8, 14, 24, 14, 14, 8, 8, 12, 14])
    return wb


def summary_sheet(d):
    """A department's return: a 汇总 sheet first (序号 / 项目名称 / 预算数 / 执行数 / 自评得分 /
    自评等级 for its projects), then the project form on a sheet named by the project code;
    the form itself standard 财预〔2020〕10号 with 单位：万元 above the table and a
    单位负责人 / 填表人 / 联系电话 line."""
    wb, ws0 = wb_new("汇总")
    ws0.cell(1, 1).value = "%s年度项目支出绩效自评结果汇总表" % d["year"]
    for i, h in enumerate(["序号", "项目名称", "全年预算数（万元）", "全年执行数（万元）", "自评得分", "自评等级"]):
        ws0.cell(2, 1 + i).value = h
    g = d["grid"]["total"]
    for i, v in enumerate([1, d["fields"]["project"], num(g["budget"]), num(g["spent"]), total(d), grade(total(d))]):
        ws0.cell(3, 1 + i).value = v
    ws0.cell(4, 1).value = "合计"
    ws0.cell(4, 3).value = num(g["budget"])
    ws0.cell(4, 4).value = num(g["spent"])
    ws = wb.create_sheet("XM001")
    sh = Sheet(ws)
    W = 9
    r = std_top(sh, d, W, 1)
    r = table_std(sh, d, r, W)
    sh.put(r, 1, "总分", c2=5)
    sh.put(r, 6, 100, fmt="0.00")
    sh.put(r, 7, total(d), fmt="0.00")
    sh.put(r, 8, "", c2=W)
    sh.put(r + 1, 1, "评分等级", c2=5)
    sh.put(r + 1, 6, grade(total(d)), c2=W)
    ws.cell(r + 3, 1).value = "单位负责人：陈刚"
    ws.cell(r + 3, 4).value = "填表人：周敏"
    ws.cell(r + 3, 7).value = "联系电话：021-12345678"
    widths(ws, [12, 12, 24, 14, 14, 8, 8, 12, 14])
    return wb


def typed_fullwidth(d):
    """A form retyped by hand (Word→Excel, as 廊坊 / 池州 web versions show): labels spaced with
    full-width spaces (项　目　名　称), amounts and scores typed as text with full-width digits
    (１６１．０５), targets with full-width operators and brackets (≥６．００（个）), stray spaces
    and line breaks inside labels and values."""
    wb, ws = wb_new("自评表")
    sh = Sheet(ws)
    W = 9

    def sp(s):
        return "　".join(s)

    r = std_top(sh, d, W, 1, title="项 目 支 出 绩 效 自 评 表", tr=lambda s: fw(s) if s[:1].isdigit() else s, sp=sp)
    heads = ["一级\n指标", "二级\n指标", "三级指标", "年度\n指标值", "实际\n完成值", "分 值", "得 分", "偏差原因分析\n及改进措施"]
    for i, h in enumerate(heads):
        sh.put(r, 1 + i, h, c2=W if i == 7 else None)
    rows = d["rows"]
    first = r + 1
    for i, row in enumerate(rows):
        c = row["cells"]
        rr = first + i
        sh.put(rr, 3, " " + c["name"] + " ")
        sh.put(rr, 4, fw(c["target"]))
        sh.put(rr, 5, fw(c["actual"]))
        sh.put(rr, 6, fw(c["weight"]))
        sh.put(rr, 7, fw(c["score"]))
        sh.put(rr, 8, c.get("reason", ""), c2=W)
    for s, e in runs(rows, "level1"):
        sh.put(first + s, 1, rows[s]["cells"]["level1"], r2=first + e)
    for s, e in runs(rows, "level2"):
        sh.put(first + s, 2, rows[s]["cells"]["level2"], r2=first + e)
    r = first + len(rows)
    sh.put(r, 1, "总　　分", c2=5)
    sh.put(r, 6, "１００")
    sh.put(r, 7, fw("%.2f" % total(d)))
    sh.put(r, 8, "", c2=W)
    sh.put(r + 1, 1, "评分等级", c2=5)
    sh.put(r + 1, 6, grade(total(d)), c2=W)
    widths(ws, [10, 12, 24, 16, 16, 8, 8, 12, 14])
    return wb


def split_direction(d):
    """Budget-system export with split target columns (一体化系统 绩效目标 export, as in the
    Sichuan 指标性质/度量单位 and the Tianjin 计算符号 forms): 指标方向 (正向/反向/定性) |
    计算符号 | 年度指标值 | 计量单位 | 实际完成值 (number only), a 指标解释 column, numbers
    formatted with custom formats (0.00"(分)"), 分值/得分 at the far right after the reason."""
    wb, ws = wb_new("绩效自评")
    sh = Sheet(ws)
    W = 12
    r = std_top(sh, d, W, 1)
    heads = ["一级指标", "二级指标", "三级指标", "指标解释", "指标方向", "计算符号", "年度指标值", "计量单位", "实际完成值",
             "偏差原因分析及改进措施", "分值", "得分"]
    for i, h in enumerate(heads):
        sh.put(r, 1 + i, h)
    rows = d["rows"]
    first = r + 1
    for i, row in enumerate(rows):
        c = row["cells"]
        rr = first + i
        op, v, u = split_target(c["target"])
        sh.put(rr, 3, c["name"])
        sh.put(rr, 4, "反映%s情况" % c["name"])
        if op == "定性":
            sh.put(rr, 5, "定性")
            sh.put(rr, 6, "")
            sh.put(rr, 7, v)
            sh.put(rr, 8, "")
            sh.put(rr, 9, c["actual"])
        else:
            sh.put(rr, 5, "反向" if op in ("≤", "<") else "正向")
            sh.put(rr, 6, op)
            sh.put(rr, 7, num(v), fmt="0.00")
            sh.put(rr, 8, u)
            sh.put(rr, 9, actual_number(c["actual"]), fmt="0.00")
        sh.put(rr, 10, c.get("reason", ""))
        sh.put(rr, 11, num(c["weight"]), fmt='0.00"(分)"')
        sh.put(rr, 12, num(c["score"]), fmt='0.00"(分)"')
    for s, e in runs(rows, "level1"):
        sh.put(first + s, 1, rows[s]["cells"]["level1"], r2=first + e)
    for s, e in runs(rows, "level2"):
        sh.put(first + s, 2, rows[s]["cells"]["level2"], r2=first + e)
    r = first + len(rows)
    sh.put(r, 1, "总分", c2=10)
    sh.put(r, 11, 100, fmt='0.00"(分)"')
    sh.put(r, 12, total(d), fmt='0.00"(分)"')
    sh.put(r + 1, 1, "评分等级", c2=10)
    sh.put(r + 1, 11, grade(total(d)), c2=W)
    widths(ws, [12, 12, 24, 18, 8, 8, 12, 8, 12, 20, 10, 10])
    return wb


# ---------------------------------------------------------------------------
# sh2019 layouts (seed sh2019-kunming, 89 良)

SH_GROUPS = [("input", "投入与管理", 36), ("output", "产出目标", 34), ("effect", "效果目标", 15),
             ("impact", "影响力目标", 15)]


def sh_total(d):
    return float(sum(Decimal(r["cells"]["score"]) for r in d["rows"]))


def sh_grade(t):
    return "优" if t >= 90 else "良" if t >= 80 else "中" if t >= 60 else "差"


def sh2019_stacked(d):
    """Shanghai district version (区财政局 2019 自评价表): one label per row in column A, value
    merged B:F (no two-up pairs); amounts as text with thousands separators; 预算执行率
    typed "98.75%"; 自评时间 a real date; the table with a 序号 column and 一级指标 without
    its weight in the label but a separate 一级指标分值 column; a 合计 row; then a 填表人 line."""
    wb, ws = wb_new("Sheet1")
    sh = Sheet(ws)
    f = d["fields"]
    W = 7
    sh.put(1, 1, "%s年度财政项目绩效自评价表" % d["year"], c2=W)
    items = [("项目名称", f["project"]), ("预算单位", f["unit"]), ("具体实施处（科室）", f["division"]),
             ("是否为经常性项目", f["recurring"]), ("当年预算数（元）", f["budget"]),
             ("上年预算金额（元）", f["prior_budget"]), ("预算执行数（元）", f["spent"]),
             ("预算执行率（%）", "%.2f%%" % (float(Decimal(f["spent"].replace(",", "")) /
                                             Decimal(f["budget"].replace(",", "")) * 100) // 0.01 / 100)),
             ("项目年度总目标", f["goal"]), ("自评时间", None), ("绩效等级", sh_grade(sh_total(d))),
             ("主要绩效", f["performance"]), ("主要问题", f["problems"]), ("改进措施", f["measures"])]
    r = 2
    import datetime
    for lab, v in items:
        sh.put(r, 1, lab)
        if v is None:
            sh.put(r, 2, datetime.datetime(2020, 3, 31), c2=W, fmt="yyyy-mm-dd")
        else:
            sh.put(r, 2, v, c2=W)
        r += 1
    heads = ["序号", "一级指标", "一级指标分值", "指标名称", "指标解释", "权重", "自评分", "备注"]
    # 8 columns: widen W
    for i, h in enumerate(heads):
        sh.put(r, 1 + i, h)
    r += 1
    n = 0
    for key, name, pts in SH_GROUPS:
        part = [x["cells"] for x in d["rows"] if x["group"] == key]
        start = r
        for c in part:
            n += 1
            sh.put(r, 1, l1 if OPT.get("section_level_col") else n)
            sh.put(r, 4, c["name"])
            sh.put(r, 5, c["explanation"])
            sh.put(r, 6, int(c["weight"]))
            sh.put(r, 7, int(c["score"]))
            sh.put(r, 8, "")
            r += 1
        sh.put(start, 2, name, r2=r - 1)
        sh.put(start, 3, pts, r2=r - 1)
    sh.put(r, 1, "合计", c2=5)
    sh.put(r, 6, 100)
    sh.put(r, 7, int(sh_total(d)))
    sh.put(r, 8, "")
    ws.cell(r + 2, 1).value = "填表人：刘洋        联系电话：0871-63100000        填表日期：2020年3月31日"
    widths(ws, [20, 14, 10, 30, 40, 8, 8, 10])
    return wb


def sh2019_wan(d):
    """Shanghai 2019 form as a district budget system exports it: the form on the second sheet
    (first: 封面 with 项目名称/预算单位/报送日期), amounts in 万元 (当年预算数（万元）104.00), label
    cells with ASCII colons and brackets (当年预算数(万元):), headers 权重(分) / 自评得分(分) /
    备注, 一级指标 merged down as 投入与管理(36分), 主要绩效 etc. after the table."""
    wb, ws0 = wb_new("封面")
    f = d["fields"]
    ws0.cell(2, 2).value = "%s年度财政项目绩效自评价" % d["year"]
    ws0.cell(4, 2).value = "项目名称：" + f["project"]
    ws0.cell(5, 2).value = "预算单位：" + f["unit"]
    ws0.cell(6, 2).value = "报送日期：2020年3月31日"
    ws = wb.create_sheet("自评价表")
    sh = Sheet(ws)
    W = 6

    def wan(s):
        return float((Decimal(s.replace(",", "")) / 10000).quantize(Decimal("0.0001")))

    sh.put(1, 1, "%s年度财政项目绩效自评价" % d["year"], c2=W)
    pairs = [[("项目名称:", f["project"]), ("预算单位:", f["unit"])],
             [("具体实施处(科室):", f["division"]), ("是否为经常性项目:", f["recurring"])],
             [("当年预算数(万元):", wan(f["budget"])), ("上年预算金额(万元):", wan(f["prior_budget"]))],
             [("预算执行数(万元):", wan(f["spent"])), ("预算执行率(%):", 98.75)],
             [("自评时间:", f["date"]), ("绩效等级:", sh_grade(sh_total(d)))]]
    r = 2
    for pair in pairs:
        (l1, v1), (l2, v2) = pair
        sh.put(r, 1, l1)
        sh.put(r, 2, v1, c2=3, fmt="0.0000" if isinstance(v1, float) else None)
        sh.put(r, 4, l2)
        sh.put(r, 5, v2, c2=6, fmt="0.0000" if isinstance(v2, float) and v2 != 98.75 else None)
        r += 1
    sh.put(r, 1, "项目年度总目标:")
    sh.put(r, 2, f["goal"], c2=W)
    r += 1
    for i, h in enumerate(["一级指标", "指标名称", "指标解释", "权重(分)", "自评得分(分)", "备注"]):
        sh.put(r, 1 + i, h)
    r += 1
    for key, name, pts in SH_GROUPS:
        part = [x["cells"] for x in d["rows"] if x["group"] == key]
        start = r
        for c in part:
            sh.put(r, 2, c["name"])
            sh.put(r, 3, c["explanation"])
            sh.put(r, 4, int(c["weight"]))
            sh.put(r, 5, int(c["score"]))
            sh.put(r, 6, "")
            r += 1
        sh.put(start, 1, "%s(%d分)" % (name, pts), r2=r - 1)
    sh.put(r, 1, "合计", c2=3)
    sh.put(r, 4, 100)
    sh.put(r, 5, int(sh_total(d)))
    sh.put(r, 6, "")
    r += 1
    for lab, key in [("主要绩效:", "performance"), ("主要问题:", "problems"), ("改进措施:", "measures")]:
        sh.put(r, 1, lab)
        sh.put(r, 2, f[key], c2=W)
        r += 1
    widths(ws, [20, 30, 40, 10, 12, 10])
    return wb


# ---------------------------------------------------------------------------
# dept layouts (seed dept-chongqing, 97.6 优)

DEPT_LEVELS = [("投入", "预算配置")] * 3 + [("过程", "预算执行")] * 6 + [("过程", "预算管理")] * 3 + \
    [("过程", "资产管理")] * 2 + [("产出", "数量指标")] * 4 + [("产出", "质量指标")] + \
    [("效果", "服务对象满意度")] + [("效果", "社会效益")]
DEPT_SUP = "西部（重庆）科学城管理委员会"


def dscore(c):
    return float(Decimal(c["weight"]) * Decimal(c["coef"]) / 100)


def dept_total(d):
    g = d["grid"]["total"]
    return float(Decimal(str(exec_score(g))) + sum(Decimal(str(dscore(r["cells"]))) for r in d["rows"]))


def dept_op(planned):
    m = re.match(r"^(≥|≤|=|>|<)?\s*([0-9.]+)\s*(%|次|份|篇)?$", planned or "")
    return m


def dept_tianjin(d):
    """Tianjin-style flat list (spec: 'a flat list with 计算符号 (Tianjin)'): 部门整体支出绩效自评表,
    部门名称 / 主管部门 / 自评总分 row, funds 部门预算执行情况（万元）, then a flat indicator list:
    序号 | 指标名称 | 指标性质 | 计算符号 | 年初指标值 | 计量单位 | 全年完成值 | 指标权重(分) |
    得分系数(%) | 指标得分(分) | 是否核心指标 | 偏差原因分析及改进措施; targets split into
    计算符号 + bare number; 评分等级 at the foot."""
    wb, ws = wb_new("部门整体")
    sh = Sheet(ws)
    f, g = d["fields"], d["grid"]["total"]
    W = 12
    sh.put(1, 1, "部门整体支出绩效自评表", c2=W)
    sh.put(2, 1, "（%s年度）" % d["year"], c2=W)
    sh.put(3, 1, "部门名称", c2=2)
    sh.put(3, 3, f["project"], c2=6)
    sh.put(3, 7, "主管部门", c2=8)
    sh.put(3, 9, DEPT_SUP, c2=W)
    sh.put(4, 1, "自评总分", c2=2)
    sh.put(4, 3, dept_total(d), c2=4)
    sh.put(4, 5, "联系人")
    sh.put(4, 6, "张敏", c2=7)
    sh.put(4, 8, "联系电话")
    sh.put(4, 9, "023-65000000", c2=W)
    sh.put(5, 1, "部门预算执行情况（万元）", r2=6, c2=2)
    for i, h in enumerate(["年初预算数", "全年（调整）预算数", "全年执行数", "执行率(%)", "执行率权重", "执行率得分"]):
        sh.put(5, 3 + i, h, c2=(W if i == 5 else None) if False else None)
    sh.put(6, 3, num(g["initial"]), fmt="0.00")
    sh.put(6, 4, num(g["budget"]), fmt="0.00")
    sh.put(6, 5, num(g["spent"]), fmt="0.00")
    sh.put(6, 6, rate(g), fmt="0.00")
    sh.put(6, 7, 10)
    sh.put(6, 8, exec_score(g))
    sh.put(7, 1, "当年绩效目标", r2=8, c2=2)
    sh.put(7, 3, "年初绩效目标", c2=5)
    sh.put(7, 6, "全年（调整）绩效目标", c2=8)
    sh.put(7, 9, "全年目标实际完成情况", c2=W)
    sh.put(8, 3, f["goal"], c2=5)
    sh.put(8, 6, f["goal_adjusted"], c2=8)
    sh.put(8, 9, f["achieved"], c2=W)
    ws.row_dimensions[8].height = 110
    heads = ["序号", "指标名称", "指标性质", "计算符号", "年初指标值", "计量单位", "全年完成值", "指标权重(分)",
             "得分系数(%)", "指标得分(分)", "是否核心指标", "偏差原因分析及改进措施"]
    for i, h in enumerate(heads):
        sh.put(9, 1 + i, h)
    r = 10
    for i, row in enumerate(d["rows"]):
        c = row["cells"]
        p = c.get("planned", "")
        m = dept_op(p)
        sh.put(r, 1, i + 1)
        sh.put(r, 2, c["name"])
        sh.put(r, 3, c["nature"])
        if m and c["nature"] == "定量":
            sh.put(r, 4, m.group(1) or "=")
            sh.put(r, 5, m.group(2))
            sh.put(r, 6, c.get("unit", "") or m.group(3) or "")
        else:
            sh.put(r, 4, "")
            sh.put(r, 5, p)
            sh.put(r, 6, c.get("unit", ""))
        sh.put(r, 7, c.get("actual", ""))
        sh.put(r, 8, num(c["weight"]))
        sh.put(r, 9, num(c["coef"]))
        sh.put(r, 10, dscore(c))
        sh.put(r, 11, c["core"])
        sh.put(r, 12, "")
        r += 1
    sh.put(r, 1, "评分等级", c2=2)
    sh.put(r, 3, grade(dept_total(d)), c2=W)
    widths(ws, [6, 22, 8, 8, 10, 8, 10, 10, 10, 10, 8, 20])
    return wb


def dept_hubei_goals(d):
    """Hubei-style (spec: 'indicators grouped under each 年度绩效目标 (Hubei)'): the indicator
    table has a first column 年度绩效目标 whose text is merged down over the indicators that
    serve it, then 一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 /
    偏差原因分析及改进措施; funds block with 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 /
    得分 (the project-shaped 部门整体 form of 鄂财绩); 总分 and 评分等级 at the foot."""
    wb, ws = wb_new("部门整体支出绩效自评表")
    sh = Sheet(ws)
    f, g = d["fields"], d["grid"]["total"]
    W = 10
    sh.put(1, 1, "部门整体支出绩效自评表", c2=W)
    sh.put(2, 1, "（%s年度）" % d["year"], c2=W)
    sh.put(3, 1, "部门（单位）名称", c2=2)
    sh.put(3, 3, f["project"], c2=6)
    sh.put(3, 7, "主管部门")
    sh.put(3, 8, DEPT_SUP, c2=W)
    sh.put(4, 1, "年度预算执行情况（万元）", r2=5, c2=2)
    for i, h in enumerate(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        sh.put(4, 3 + i, h)
    sh.put(4, 9, "", c2=W)
    sh.put(5, 3, num(g["initial"]), fmt="0.00")
    sh.put(5, 4, num(g["budget"]), fmt="0.00")
    sh.put(5, 5, num(g["spent"]), fmt="0.00")
    sh.put(5, 6, 10)
    sh.put(5, 7, rate(g) / 100, fmt="0%")
    sh.put(5, 8, exec_score(g))
    sh.put(5, 9, "", c2=W)
    sh.put(6, 1, "年度总体目标", r2=7, c2=2)
    sh.put(6, 3, "预期目标", c2=6)
    sh.put(6, 7, "实际完成情况", c2=W)
    sh.put(7, 3, f["goal"], c2=6)
    sh.put(7, 7, f["achieved"], c2=W)
    ws.row_dimensions[7].height = 110
    heads = ["年度绩效目标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "得分系数(%)" if OPT.get("hubei_coef") else "偏差原因分析及改进措施"]
    for i, h in enumerate(heads):
        sh.put(8, 1 + i, h, c2=W if i == 8 else None)
    goals = [(0, 13, "目标1：保障融媒体中心正常人事基础、日常运转，预算执行和管理规范。"),
             (14, 18, "目标2：承担科学城新闻宣传管理、思想文化领域建设等工作。"),
             (19, 20, "目标3：为建设成渝地区双城经济圈和西部（重庆）科学城营造良好氛围。")]
    r0 = 9
    rows = d["rows"]
    for i, row in enumerate(rows):
        c = row["cells"]
        r = r0 + i
        sh.put(r, 4, c["name"])
        sh.put(r, 5, c.get("planned", ""))
        sh.put(r, 6, c.get("actual", ""))
        sh.put(r, 7, num(c["weight"]))
        sh.put(r, 8, dscore(c))
        if OPT.get("hubei_coef"):
            sh.put(r, 9, num(c["coef"]), c2=W)
        else:
            sh.put(r, 9, "", c2=W)
    for a, b, t in goals:
        sh.put(r0 + a, 1, t, r2=r0 + b)
    lv = [{"cells": {"level1": x[0], "level2": x[1]}} for x in DEPT_LEVELS]
    for s, e in runs(lv, "level1"):
        sh.put(r0 + s, 2, lv[s]["cells"]["level1"] + "指标", r2=r0 + e)
    for s, e in runs(lv, "level2"):
        sh.put(r0 + s, 3, lv[s]["cells"]["level2"], r2=r0 + e)
    r = r0 + len(rows)
    sh.put(r, 1, "总分", c2=6)
    sh.put(r, 7, 100)
    sh.put(r, 8, dept_total(d))
    sh.put(r, 9, "", c2=W)
    sh.put(r + 1, 1, "评分等级", c2=6)
    sh.put(r + 1, 7, grade(dept_total(d)), c2=W)
    widths(ws, [22, 10, 12, 22, 10, 10, 8, 8, 12, 12])
    return wb


def dept_chongqing_district(d):
    """Chongqing district return (区县 published 部门整体支出绩效自评表, e.g. 渝北/璧山): a 封面 sheet,
    the form on sheet 2 with 单位：元; amounts in 元 (#,##0.00); 得分系数 typed as "100%" text;
    two-row header: 指标值 over 年初 / 调整 / 全年完成; 是否核心指标 before 指标性质; 填报人/审核人 lines."""
    wb, ws0 = wb_new("封面")
    f, g = d["fields"], d["grid"]["total"]
    ws0.cell(3, 2).value = "%s年度部门整体支出绩效自评表" % d["year"]
    ws0.cell(5, 2).value = "填报单位（盖章）：" + f["project"]
    ws = wb.create_sheet("自评表")
    sh = Sheet(ws)
    W = 13
    sh.put(1, 1, "部门整体支出绩效自评表", c2=W)
    sh.put(2, 1, "（%s年度）" % d["year"], c2=W - 2)
    sh.put(2, W - 1, "单位：元", c2=W)
    sh.put(3, 1, "部门（单位）名称", c2=2)
    sh.put(3, 3, f["project"], c2=7)
    sh.put(3, 8, "主管部门", c2=9)
    sh.put(3, 10, DEPT_SUP, c2=W)
    sh.put(4, 1, "自评总分（分）", c2=2)
    sh.put(4, 3, dept_total(d))
    sh.put(4, 4, "联系人", c2=5)
    sh.put(4, 6, "张敏", c2=7)
    sh.put(4, 8, "联系电话", c2=9)
    sh.put(4, 10, "023-65000000", c2=W)
    sh.put(5, 1, "部门预算执行情况（元）", r2=6, c2=2)
    for i, h in enumerate(["年初预算数", "全年（调整）预算数", "全年执行数", "执行率(%)", "执行率权重", "执行率得分（分）"]):
        sh.put(5, 3 + 2 * i, h, c2=4 + 2 * i if i < 5 else W)
    vals = [num(g["initial"]) * 10000, num(g["budget"]) * 10000, num(g["spent"]) * 10000, rate(g), 10, exec_score(g)]
    for i, v in enumerate(vals):
        sh.put(6, 3 + 2 * i, v, c2=4 + 2 * i if i < 5 else W, fmt="#,##0.00" if i < 3 else None)
    sh.put(7, 1, "当年\n绩效\n目标", r2=8)
    sh.put(7, 2, "年初绩效目标", c2=5)
    sh.put(7, 6, "全年（调整）绩效目标", c2=9)
    sh.put(7, 10, "全年目标实际完成情况", c2=W)
    sh.put(8, 2, f["goal"], c2=5)
    sh.put(8, 6, f["goal_adjusted"], c2=9)
    sh.put(8, 10, f["achieved"], c2=W)
    ws.row_dimensions[8].height = 110
    top = ["一级指标", "二级指标", "指标名称", "是否核心指标", "指标性质", "计量单位"]
    for i, h in enumerate(top):
        sh.put(9, 1 + i, h, r2=10)
    sh.put(9, 7, "指标值", c2=9)
    for i, h in enumerate(["年初指标值", "调整指标值", "全年完成值"]):
        sh.put(10, 7 + i, h)
    for i, h in enumerate(["得分系数(%)", "指标权重(分)", "指标得分(分)", "偏差原因分析及改进措施"]):
        sh.put(9, 10 + i, h, r2=10)
    r0 = 11
    rows = d["rows"]
    for i, row in enumerate(rows):
        c = row["cells"]
        r = r0 + i
        sh.put(r, 3, c["name"])
        sh.put(r, 4, c["core"])
        sh.put(r, 5, c["nature"])
        sh.put(r, 6, c.get("unit", ""))
        sh.put(r, 7, c.get("planned", ""))
        sh.put(r, 8, "")
        sh.put(r, 9, c.get("actual", ""))
        sh.put(r, 10, c["coef"] + "%")
        sh.put(r, 11, num(c["weight"]))
        sh.put(r, 12, dscore(c))
        sh.put(r, 13, "")
    lv = [{"cells": {"level1": x[0], "level2": x[1]}} for x in DEPT_LEVELS]
    for s, e in runs(lv, "level1"):
        sh.put(r0 + s, 1, lv[s]["cells"]["level1"], r2=r0 + e)
    for s, e in runs(lv, "level2"):
        sh.put(r0 + s, 2, lv[s]["cells"]["level2"], r2=r0 + e)
    r = r0 + len(rows)
    sh.put(r, 1, "评分等级", c2=2)
    sh.put(r, 3, grade(dept_total(d)), c2=W)
    ws.cell(r + 2, 1).value = "填报人：李静"
    ws.cell(r + 2, 6).value = "审核人：王军"
    widths(ws, [10, 12, 22, 8, 8, 8, 10, 10, 10, 10, 10, 10, 18])
    return wb


# name, builder, seeds, kind, source
LAYOUTS = [
    ("beijing2016", beijing2016, MOF, "mof2020",
     "Beijing Haidian 2016 项目支出绩效自评表 (学院路街道, wenku365.com/s-60761775)"),
    ("sichuan-county", sichuan_county, MOF, "mof2020",
     "Sichuan 2023 部门预算项目支出绩效自评表, 报表编号 510000_0013zp (scqs.gov.cn/info/13206/211004.htm; dyxrmt.cn/article-157795-21)"),
    ("anhui-chizhou", anhui_chizhou, MOF, "mof2020",
     "Anhui Chizhou Guichi 2022 项目支出绩效自评表 附件 (棠溪镇, anthempetcare.com/upload_cz/download?id=502364)"),
    ("hebei-langfang", hebei_langfang, MOF, "mof2020",
     "Hebei Langfang 2019 附件1 项目支出绩效自评表 (廊坊市食品工程学校, lfsp.cn/newsinfo/1158053.html)"),
    ("pdf-pagebreak", pdf_pagebreak, MOF, "mof2020",
     "Shanghai 2024 published PDF (seed 000_a70fd5007a15ec17) as a PDF-to-Excel converter writes it"),
    ("notes-sheet-yuan", notes_sheet_yuan, MOF, "mof2020",
     "财预〔2020〕10号 form in 元 as budget-system templates ship it with a 填报说明 sheet (generic; no single published file)"),
    ("hubei-header-total", hubei_header_total, MOF, "mof2020",
     "Hubei 湖北工程学院 学生资助项目绩效目标自评表 (m.777doc.com/doc-4336759)"),
    ("section-rows", section_rows, MOF, "mof2020",
     "Word-typed county forms grouping indicators under section rows (generic; no single published file)"),
    ("summary-sheet", summary_sheet, MOF, "mof2020",
     "department return with 汇总 sheet + project sheets (e.g. 红河州数据发展中心 2024 自评报告 hh.gov.cn/info/11481/1179592.htm, 15 projects)"),
    ("typed-fullwidth", typed_fullwidth, MOF, "mof2020",
     "hand-retyped form (web/Word versions such as lfsp.cn 廊坊 2019) with full-width text"),
    ("split-direction", split_direction, MOF, "mof2020",
     "一体化系统 export with split target columns (Sichuan 指标性质/度量单位 scqs.gov.cn; Tianjin 计算符号 per SPEC)"),
    ("sh2019-stacked", sh2019_stacked, ["sh2019-kunming"], "sh2019",
     "Shanghai 2019 财政项目绩效自评价 (seed 002_575473826d779e64), one label per row as district versions print it"),
    ("sh2019-wan", sh2019_wan, ["sh2019-kunming"], "sh2019",
     "Shanghai 2019 财政项目绩效自评价 (seed 002) as a district system exports it: 封面 sheet, 万元, ASCII colons"),
    ("dept-tianjin", dept_tianjin, ["dept-chongqing"], "dept",
     "Tianjin flat list with 计算符号 (SPEC 'Regional variants'); figures from Chongqing 2021 融媒体中心"),
    ("dept-hubei-goals", dept_hubei_goals, ["dept-chongqing"], "dept",
     "Hubei 鄂财绩 部门整体 form with indicators grouped under 年度绩效目标 (SPEC 'Regional variants')"),
    ("dept-cq-district", dept_chongqing_district, ["dept-chongqing"], "dept",
     "Chongqing 2021 部门整体支出绩效自评表 as district returns print it (封面, 元, two-row 指标值 header)"),
]


def expected(kind, d):
    if kind == "mof2020":
        t = total(d)
        return t, grade(t)
    if kind == "sh2019":
        t = sh_total(d)
        return t, sh_grade(t)
    t = dept_total(d)
    return round(t, 2), grade(t)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    os.makedirs(out, exist_ok=True)
    manifest = []
    for i, (name, fn, seeds, kind, src) in enumerate(LAYOUTS):
        half = "A" if i % 2 == 0 else "B"
        for seed in seeds:
            d = load(seed)
            wb = fn(d)
            fname = "%s--%s.xlsx" % (name, seed)
            save(wb, os.path.join(out, fname), creator="make_layouts3")
            t, gr = expected(kind, d)
            manifest.append({"file": fname, "layout": name, "seed": seed, "half": half, "kind": kind,
                             "total": t, "grade": gr, "source": src, "shows": (fn.__doc__ or "").strip()})
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
    print(len(manifest), "files in", out)


if __name__ == "__main__":
    main()
