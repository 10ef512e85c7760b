#!/usr/bin/python3
"""Writes the foreign-workbook fixtures: the seed projects laid out the way a
budget-system export or a hand-typed form lays them out, not like our
template. No stamp: no _selfeval sheet, no custom document properties.

Rerun from the repository root (needs python3-openpyxl 3.0.x):

    /usr/bin/python3 cmd/selfeval/testdata/foreign/make_fixtures.py

It reads samples/data/*.json and rewrites, next to this script, the .xlsx
fixtures and fixtures.json (for every fixture: its sample, sheet, and the
cell of every indicator-row column and of the fields, so that the tests can
check that findings point at this layout's cells). The output is byte for
byte the same on every run: fixed document dates and zip timestamps.
"""

import datetime
import io
import json
import os
import sys
import zipfile
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
DATA = os.path.join(ROOT, "samples", "data")
FIXED = datetime.datetime(2024, 12, 31, 9, 0, 0)

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


GRID_COLS = ["initial", "budget", "spent", "weight", "rate", "score"]


def load(name):
    with open(os.path.join(DATA, name + ".json"), encoding="utf-8") as fh:
        return json.load(fh)


class Form:
    """A sheet under construction that remembers where things went."""

    def __init__(self, wb, title, font="宋体"):
        self.ws = wb.active
        self.ws.title = title
        self.font = Font(name=font, size=11)
        self.bold = Font(name=font, size=11, bold=True)
        self.cells = {}  # field key -> ref
        self.rows = []  # [{"line": n, "cells": {key: ref}}]
        self.grid = {}  # funds-block row key -> column key -> ref

    def grid_at(self, first_row, letters, keys):
        """Records the funds-block cells: grid row keys from first_row down,
        grid column keys in the given column letters."""
        for i, rk in enumerate(keys):
            self.grid[rk] = {ck: "%s%d" % (col, first_row + i)
                             for ck, col in zip(GRID_COLS, letters)}

    def put(self, ref, value, merge=None, fmt=None, bold=False, align=WRAP, border=True):
        """Writes value into ref (merging ref:merge when given)."""
        ws = self.ws
        if merge:
            ws.merge_cells("%s:%s" % (ref, merge))
            rng = ws["%s:%s" % (ref, merge)]
            for row in rng:
                for c in row:
                    if border:
                        c.border = BOX
        c = ws[ref]
        c.value = None if value == "" else value
        if isinstance(value, str) and value.startswith("="):
            c.data_type = "s"  # a target such as =100(%) is text, not a formula
        c.font = self.bold if bold else self.font
        c.alignment = align
        if border:
            c.border = BOX
        if fmt:
            c.number_format = fmt
        return ref

    def widths(self, spec):
        for col, w in spec.items():
            self.ws.column_dimensions[col].width = w


def num(s):
    """A seed amount as a number, as a budget system stores it."""
    return float(Decimal(s.replace(",", "")))


def level_weights(rows):
    out = {}
    for r in rows:
        c = r["cells"]
        out[c["level1"]] = out.get(c["level1"], Decimal(0)) + Decimal(c["weight"])
    return out


def spans(rows, key):
    """Runs of equal values of column key: [(start index, end index, value)]."""
    out = []
    for i, r in enumerate(rows):
        v = r["cells"].get(key, "")
        if out and out[-1][2] == v:
            out[-1][1] = i
        else:
            out.append([i, i, v])
    return out


# --- mof2020 -----------------------------------------------------------------


def mof_export(name, total_written=None):
    """A budget-system export: form from column B / row 3, blank rows between
    the blocks, 一级 and 二级 merged over their rows, 本年财政拨款, 分数,
    执行率（%） as a percent-formatted 0.7783, amounts partly stored as text."""
    d = load(name)
    f, g, rows = d["fields"], d["grid"], d["rows"]
    wb = openpyxl.Workbook()
    s = Form(wb, "项目支出绩效自评表")
    s.widths({"A": 3, "B": 12, "C": 15, "D": 30, "E": 18, "F": 18, "G": 10, "H": 10, "I": 36, "J": 4})
    s.put("B3", "财政项目支出绩效自评表", merge="I3", bold=True, align=CENTER, border=False)
    s.ws["B3"].font = Font(name="宋体", size=18, bold=True)
    s.put("B4", "（%s年度）" % d["year"], merge="I4", align=CENTER, border=False)
    # row 5 blank
    s.put("B6", "项目名称", merge="C6", align=CENTER)
    s.cells["project"] = s.put("D6", f["project"], merge="I6")
    s.put("B7", "主管部门", merge="C7", align=CENTER)
    s.cells["department"] = s.put("D7", f["department"], merge="E7")
    s.put("F7", "实施单位", align=CENTER)
    s.cells["unit"] = s.put("G7", f["unit"], merge="I7")
    # row 8 blank
    s.put("B9", "项目资金\n（万元）", merge="B13", align=CENTER)
    s.put("C9", "")
    for col, label in zip("DEFGHI", ["年初预算数", "全年预算数", "全年执行数", "分数", "执行率（%）", "得分"]):
        s.put(col + "9", label, align=CENTER)
    labels = [("total", "年度资金总额"), ("appropriation", "其中：本年财政拨款"),
              ("carryover", "上年结转资金"), ("other", "其他资金")]
    for i, (key, label) in enumerate(labels):
        r = 10 + i
        s.put("C%d" % r, label)
        vals = g[key]
        s.put("D%d" % r, vals["initial"] if key == "total" else num(vals["initial"]), fmt="0.00")  # text on the total row
        s.put("E%d" % r, num(vals["budget"]), fmt="0.00")
        s.put("F%d" % r, num(vals["spent"]), fmt="0.00")
        budget, spent = Decimal(vals["budget"]), Decimal(vals["spent"])
        rate = (spent / budget) if budget else Decimal(0)
        rate = rate.quantize(Decimal("0.0001"), rounding="ROUND_DOWN")
        s.put("H%d" % r, float(rate), fmt="0.00%", align=CENTER)
        if key == "total":
            s.put("G%d" % r, 10, fmt="0.00", align=CENTER)
            s.put("I%d" % r, exec_score(vals), fmt="0.00", align=CENTER)
            s.cells["rate"] = "H%d" % r
            s.cells["exec_score"] = "I%d" % r
        else:
            s.put("G%d" % r, "-", align=CENTER)
            s.put("I%d" % r, "-", align=CENTER)
    s.grid_at(10, "DEFGHI", [k for k, _ in labels])
    # row 14 blank
    s.put("B15", "年度总体目标", merge="B16", align=CENTER)
    s.put("C15", "预期目标", merge="F15", align=CENTER)
    s.put("G15", "实际完成情况", merge="I15", align=CENTER)
    s.cells["goal"] = s.put("C16", f["goal"], merge="F16")
    s.cells["achieved"] = s.put("G16", f["achieved"], merge="I16")
    s.ws.row_dimensions[16].height = 90
    # row 17 blank
    head = 18
    cols = {"level1": "B", "level2": "C", "name": "D", "target": "E", "actual": "F",
            "weight": "G", "score": "H", "reason": "I"}
    for key, label in [("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
                       ("target", "年度指标值"), ("actual", "实际完成值"), ("weight", "分值"),
                       ("score", "得分"), ("reason", "偏差原因分析及\n改进措施")]:
        s.put("%s%d" % (cols[key], head), label, align=CENTER, bold=True)
    s.ws.row_dimensions[head].height = 30
    first = head + 1
    for i, r in enumerate(rows):
        line = first + i
        c = r["cells"]
        for key in ("name", "target", "actual", "reason"):
            s.put("%s%d" % (cols[key], line), c.get(key, ""))
        s.put("G%d" % line, num(c["weight"]), fmt="0.00", align=CENTER)
        s.put("H%d" % line, num(c["score"]), fmt="0.00", align=CENTER)
        s.rows.append({"line": line, "cells": {k: "%s%d" % (col, line) for k, col in cols.items()}})
    for key in ("level1", "level2"):
        for a, b, v in spans(rows, key):
            end = "%s%d" % (cols[key], first + b) if b > a else None
            s.put("%s%d" % (cols[key], first + a), v, merge=end, align=CENTER)
    last = first + len(rows) - 1
    tr = last + 1
    s.put("B%d" % tr, "总分", merge="F%d" % tr, align=CENTER)
    s.cells["total_weight"] = s.put("G%d" % tr, 100, fmt="0.00", align=CENTER)
    total = total_written if total_written is not None else seed_total(d)
    s.cells["total"] = s.put("H%d" % tr, total, fmt="0.00", align=CENTER)
    s.put("I%d" % tr, "")
    s.put("B%d" % (tr + 1), "评分等级", merge="F%d" % (tr + 1), align=CENTER)
    s.cells["grade"] = s.put("G%d" % (tr + 1), grade(seed_total(d)), merge="I%d" % (tr + 1), align=CENTER)
    return wb, s


def mof_handtyped(name):
    """A form typed by hand from A1: a blank spacer column D through the whole
    form, 一级指标 written once per block as 产出指标(40分) (rows below left
    blank), 二级 repeated, 分数 for 分值 in the table, 当年财政拨款 without
    其中, amounts and one score typed as text, the rate typed as a plain
    number."""
    d = load(name)
    f, g, rows = d["fields"], d["grid"], d["rows"]
    wb = openpyxl.Workbook()
    s = Form(wb, "Sheet1", font="仿宋")
    s.widths({"A": 18, "B": 18, "C": 34, "D": 2, "E": 14, "F": 14, "G": 8, "H": 8, "I": 24})
    s.put("A1", "财政项目支出绩效自评表", merge="I1", bold=True, align=CENTER, border=False)
    s.put("A2", "(%s年度)" % d["year"], merge="I2", align=CENTER, border=False)
    s.put("A3", "项目名称：")
    s.cells["project"] = s.put("B3", f["project"], merge="I3")
    s.put("A4", "主管部门：")
    s.cells["department"] = s.put("B4", f["department"], merge="C4")
    s.put("E4", "实施单位：", merge="F4")
    s.cells["unit"] = s.put("G4", f["unit"], merge="I4")
    # row 5 blank
    s.put("A6", "项目资金（万元）", merge="A10", align=CENTER)
    s.put("B6", "")
    for col, label in zip("CEFGHI", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分"]):
        s.put(col + "6", label, align=CENTER)
    labels = [("total", "年度资金总额"), ("appropriation", "当年财政拨款"),
              ("carryover", "上年结转资金"), ("other", "其他资金")]
    for i, (key, label) in enumerate(labels):
        r = 7 + i
        s.put("B%d" % r, label)
        vals = g[key]
        # A person types the amounts; some land as text.
        s.put("C%d" % r, vals["initial"])
        s.put("E%d" % r, vals["budget"] if key == "total" else num(vals["budget"]))
        s.put("F%d" % r, num(vals["spent"]))
        budget, spent = Decimal(vals["budget"]), Decimal(vals["spent"])
        rate = (spent * 100 / budget).quantize(Decimal("0.01"), rounding="ROUND_DOWN") if budget else Decimal(0)
        s.put("H%d" % r, float(rate))
        if key == "total":
            s.put("G%d" % r, 10)
            s.put("I%d" % r, exec_score(vals))
            s.cells["rate"] = "H%d" % r
            s.cells["exec_score"] = "I%d" % r
        else:
            for col in "GI":
                s.put("%s%d" % (col, r), "—", align=CENTER)
    s.grid_at(7, "CEFGHI", [k for k, _ in labels])
    # row 11 blank
    s.put("A12", "年度\n总体\n目标", merge="A13", align=CENTER)
    s.put("B12", "预期目标", merge="C12", align=CENTER)
    s.put("E12", "实际完成情况", merge="I12", align=CENTER)
    s.cells["goal"] = s.put("B13", f["goal"], merge="C13")
    s.cells["achieved"] = s.put("E13", f["achieved"], merge="I13")
    s.ws.row_dimensions[13].height = 100
    # row 14 blank
    head = 15
    cols = {"level1": "A", "level2": "B", "name": "C", "target": "E", "actual": "F",
            "weight": "G", "score": "H", "reason": "I"}
    for key, label in [("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
                       ("target", "年度指标值"), ("actual", "实际完成值"), ("weight", "分数"),
                       ("score", "得分"), ("reason", "偏差原因分析及改进措施")]:
        s.put("%s%d" % (cols[key], head), label, align=CENTER, bold=True)
    s.put("D%d" % head, None)
    lw = level_weights(rows)
    first = head + 1
    prev1 = None
    for i, r in enumerate(rows):
        line = first + i
        c = r["cells"]
        l1 = c["level1"]
        s.put("A%d" % line, "%s(%s分)" % (l1, fmt_int(lw[l1])) if l1 != prev1 else None)
        prev1 = l1
        s.put("B%d" % line, c["level2"])
        for key in ("name", "target", "actual", "reason"):
            s.put("%s%d" % (cols[key], line), c.get(key, ""))
        s.put("G%d" % line, num(c["weight"]), fmt="0.00")
        s.put("H%d" % line, c["score"] if i == 1 else num(c["score"]), fmt="0.00")
        s.rows.append({"line": line, "cells": {k: "%s%d" % (col, line) for k, col in cols.items()}})
    tr = first + len(rows)
    s.put("A%d" % tr, "总分", merge="F%d" % tr, align=CENTER)
    s.cells["total_weight"] = s.put("G%d" % tr, "100")
    s.cells["total"] = s.put("H%d" % tr, seed_total(d), fmt="0.00")
    s.put("A%d" % (tr + 1), "评分等级", merge="F%d" % (tr + 1), align=CENTER)
    s.cells["grade"] = s.put("G%d" % (tr + 1), grade(seed_total(d)), merge="I%d" % (tr + 1))
    return wb, s


def mof_export_b(name):
    """Another export: title and year in one merged cell, the form from
    column C / row 3 with an empty column B and an empty row under the title,
    split labels (项目\n名称), 一级 merged but 二级 repeated, 偏差原因分析及改进措施
    （如有）, the written rate as text, #,##0.00 amounts and a score as text."""
    d = load(name)
    f, g, rows = d["fields"], d["grid"], d["rows"]
    wb = openpyxl.Workbook()
    s = Form(wb, "自评表(导出)", font="Microsoft YaHei")
    s.widths({"A": 2, "B": 2, "C": 10, "D": 16, "E": 24, "F": 20, "G": 14, "H": 8, "I": 8, "J": 28})
    s.put("C3", "财政项目支出绩效自评表\n（%s年度）" % d["year"], merge="J3", bold=True, align=CENTER, border=False)
    s.ws.row_dimensions[3].height = 40
    # row 4 blank
    s.put("C5", "项目\n名称", merge="D5", align=CENTER)
    s.cells["project"] = s.put("E5", f["project"], merge="J5")
    s.put("C6", "主管\n部门", merge="D6", align=CENTER)
    s.cells["department"] = s.put("E6", f["department"], merge="F6")
    s.put("G6", "实施\n单位", align=CENTER)
    s.cells["unit"] = s.put("H6", f["unit"], merge="J6")
    s.put("C7", "项目资金（万元）", merge="C11", align=CENTER)
    s.put("D7", "资金来源", align=CENTER)
    for col, label in zip("EFGHIJ", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", "得分"]):
        s.put(col + "7", label, align=CENTER)
    labels = [("total", "年度资金总额"), ("appropriation", "其中：当年财政拨款"),
              ("carryover", "上年结转资金"), ("other", "其他资金")]
    for i, (key, label) in enumerate(labels):
        r = 8 + i
        s.put("D%d" % r, label)
        vals = g[key]
        for col, k in zip("EFG", ("initial", "budget", "spent")):
            s.put("%s%d" % (col, r), num(vals[k]), fmt="#,##0.00")
        budget, spent = Decimal(vals["budget"]), Decimal(vals["spent"])
        rate = (spent * 100 / budget).quantize(Decimal("0.01"), rounding="ROUND_DOWN") if budget else Decimal("0.00")
        s.put("I%d" % r, str(rate), align=CENTER)  # the export writes the rate as text
        if key == "total":
            s.put("H%d" % r, "10.00", align=CENTER)
            s.put("J%d" % r, exec_score(vals), fmt="0.00", align=CENTER)
            s.cells["rate"] = "I%d" % r
            s.cells["exec_score"] = "J%d" % r
        else:
            s.put("H%d" % r, "-", align=CENTER)
            s.put("J%d" % r, "-", align=CENTER)
    s.grid_at(8, "EFGHIJ", [k for k, _ in labels])
    s.put("C12", "年度总体目标", merge="C13", align=CENTER)
    s.put("D12", "预期目标", merge="F12", align=CENTER)
    s.put("G12", "实际完成情况", merge="J12", align=CENTER)
    s.cells["goal"] = s.put("D13", f["goal"], merge="F13")
    s.cells["achieved"] = s.put("G13", f["achieved"], merge="J13")
    s.ws.row_dimensions[13].height = 80
    head = 14
    cols = {"level1": "C", "level2": "D", "name": "E", "target": "F", "actual": "G",
            "weight": "H", "score": "I", "reason": "J"}
    for key, label in [("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
                       ("target", "年度指标值"), ("actual", "实际完成值"), ("weight", "分值"),
                       ("score", "得分"), ("reason", "偏差原因分析及改进措施（如有）")]:
        s.put("%s%d" % (cols[key], head), label, align=CENTER, bold=True)
    first = head + 1
    for i, r in enumerate(rows):
        line = first + i
        c = r["cells"]
        s.put("D%d" % line, c["level2"])
        for key in ("name", "target", "actual", "reason"):
            s.put("%s%d" % (cols[key], line), c.get(key, ""))
        s.put("H%d" % line, num(c["weight"]), fmt="0.00")
        s.put("I%d" % line, c["score"] if c.get("reason") else num(c["score"]), fmt="0.00")
        s.rows.append({"line": line, "cells": {k: "%s%d" % (col, line) for k, col in cols.items()}})
    for a, b, v in spans(rows, "level1"):
        s.put("C%d" % (first + a), v, merge=("C%d" % (first + b)) if b > a else None, align=CENTER)
    tr = first + len(rows)
    s.put("C%d" % tr, "总分", merge="G%d" % tr, align=CENTER)
    s.cells["total_weight"] = s.put("H%d" % tr, 100, fmt="0.00")
    s.cells["total"] = s.put("I%d" % tr, seed_total(d), fmt="0.00")
    s.put("J%d" % tr, "")
    s.put("C%d" % (tr + 1), "评分等级", merge="G%d" % (tr + 1), align=CENTER)
    s.cells["grade"] = s.put("H%d" % (tr + 1), grade(seed_total(d)), merge="J%d" % (tr + 1))
    return wb, s


def exec_score(vals):
    budget, spent = Decimal(vals["budget"]), Decimal(vals["spent"])
    sc = min(spent / budget, Decimal(1)) * 10
    return float(sc.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"))


def seed_total(d):
    """The total the seed form shows: execution score plus the written scores."""
    total = Decimal(str(exec_score(d["grid"]["total"])))
    for r in d["rows"]:
        total += Decimal(r["cells"]["score"])
    return float(total)


def grade(t):
    return "优" if t >= 90 else "良" if t >= 80 else "中" if t >= 60 else "差"


def fmt_int(dec):
    return str(int(dec)) if dec == dec.to_integral_value() else str(dec)


# --- sh2019 ------------------------------------------------------------------

SH_GROUPS = [("input", "投入与管理（36分）"), ("output", "产出目标（34分）"),
             ("effect", "效果目标（15分）"), ("impact", "影响力目标（15分）")]


def sh_export(name):
    """The 2019 Shanghai form as the budget system printed it: labels with a
    colon and their values side by side, categories merged vertically over
    their rows, 合计 row, 绩效等级 良好, 预算执行率 "98.75%" and the budget
    "1,040,000.00" as text."""
    d = load(name)
    f, rows = d["fields"], d["rows"]
    wb = openpyxl.Workbook()
    s = Form(wb, "绩效自评价")
    s.widths({"A": 20, "B": 24, "C": 36, "D": 20, "E": 14, "F": 30})
    s.put("A1", "%s年度财政项目绩效自评价" % d["year"], merge="F1", bold=True, align=CENTER, border=False)
    s.ws.row_dimensions[1].height = 30
    pairs = [
        (2, "项目名称：", "project", "预算单位：", "unit"),
        (3, "具体实施处（科室）：", "division", "是否为经常性项目：", "recurring"),
        (4, "当年预算数（元）：", "budget", "上年预算金额（元）：", "prior_budget"),
        (5, "预算执行数（元）：", "spent", "预算执行率（%）：", "rate"),
        (7, "自评时间：", "date", "绩效等级：", "grade"),
    ]
    spent, budget = Decimal(f["spent"].replace(",", "")), Decimal(f["budget"].replace(",", ""))
    total = sum(Decimal(r["cells"]["score"]) for r in rows)
    values = dict(f)
    values["rate"] = "%s%%" % (spent * 100 / budget).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    values["grade"] = {"优": "优秀", "良": "良好", "中": "中", "差": "差"}[grade(total)]
    for r, l1, k1, l2, k2 in pairs:
        for lcol, vcol, vend, label, key in (("A", "B", "C", l1, k1), ("D", "E", "F", l2, k2)):
            s.put("%s%d" % (lcol, r), label)
            v = values[key]
            fmt = None
            if key in ("prior_budget", "spent"):
                v, fmt = num(v), "#,##0.00"
            elif key == "date":
                y, m, dd = (int(x) for x in v.split("-"))
                v, fmt = datetime.datetime(y, m, dd), "yyyy-m-d"
            # budget stays text: "1,040,000.00"; rate stays text: "98.75%"
            s.cells[key] = s.put("%s%d" % (vcol, r), v, merge="%s%d" % (vend, r), fmt=fmt)
    for r, label, key, h in ((6, "项目年度总目标：", "goal", 110), (8, "主要绩效：", "performance", 260),
                             (9, "主要问题：", "problems", 45), (10, "改进措施：", "measures", 45)):
        s.put("A%d" % r, label)
        s.cells[key] = s.put("B%d" % r, f.get(key, ""), merge="F%d" % r)
        s.ws.row_dimensions[r].height = h
    # row 11 blank
    head = 12
    cols = {"level1": "A", "name": "B", "explanation": "C", "weight": "D", "score": "E", "remark": "F"}
    for key, label in [("level1", "一级指标"), ("name", "指标名称"), ("explanation", "指标解释"),
                       ("weight", "权重"), ("score", "自评分"), ("remark", "备注")]:
        s.put("%s%d" % (cols[key], head), label, align=CENTER, bold=True)
    line = head + 1
    for gkey, glabel in SH_GROUPS:
        members = [r for r in rows if r["group"] == gkey]
        start = line
        for r in members:
            c = r["cells"]
            s.put("B%d" % line, c["name"])
            s.put("C%d" % line, c["explanation"])
            # weights typed as numbers, one as text
            s.put("D%d" % line, c["weight"] if line == head + 2 else int(Decimal(c["weight"])), align=CENTER)
            s.put("E%d" % line, int(Decimal(c["score"])), align=CENTER)
            s.put("F%d" % line, c.get("remark", ""))
            s.rows.append({"line": line, "group": gkey,
                           "cells": {k: "%s%d" % (col, line) for k, col in cols.items()}})
            line += 1
        s.put("A%d" % start, glabel, merge=("A%d" % (line - 1)) if line - 1 > start else None, align=CENTER)
    s.put("A%d" % line, "合计", merge="C%d" % line, align=CENTER)
    s.cells["total_weight"] = s.put("D%d" % line, 100, align=CENTER)
    s.cells["total"] = s.put("E%d" % line, int(total), align=CENTER)
    s.put("F%d" % line, "")
    return wb, s


# --- output ------------------------------------------------------------------

FIXTURES = [
    # file stem, sample, builder, builder args
    ("mof2020-cooperation-export", "mof2020-cooperation", mof_export, {}),
    ("mof2020-services-handtyped", "mof2020-services", mof_handtyped, {}),
    ("mof2020-liaison-export", "mof2020-liaison", mof_export_b, {}),
    ("mof2020-cooperation-wrong-total", "mof2020-cooperation", mof_export, {"total_written": 98.78}),
    ("sh2019-kunming-export", "sh2019-kunming", sh_export, {}),
]


def save(wb, path):
    """Saves wb with fixed document dates and zip timestamps."""
    wb.properties.creator = "预算管理一体化系统"
    wb.properties.lastModifiedBy = None
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 12, 31, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    with open(path, "wb") as fh:
        fh.write(out.getvalue())


def main():
    manifest = []
    for stem, sample, build, args in FIXTURES:
        wb, s = build(sample, **args)
        save(wb, os.path.join(HERE, stem + ".xlsx"))
        manifest.append({"file": stem + ".xlsx", "sample": sample, "sheet": s.ws.title,
                         "fields": s.cells, "grid": s.grid, "rows": s.rows})
    with open(os.path.join(HERE, "fixtures.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    print("wrote %d fixtures to %s" % (len(manifest), HERE))


if __name__ == "__main__":
    sys.exit(main())
