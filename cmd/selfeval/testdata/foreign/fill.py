#!/usr/bin/python3
"""Types values into a workbook the way a person does in a spreadsheet.

    fill.py IN.xlsx PLAN.json OUT.xlsx

PLAN is {"sheet": NAME, "cells": [{"ref": "C3", "value": "17.15", "as": A}]}
with A one of "number" (typed into a number cell and taken as a number),
"text" (kept as typed, e.g. "161.05" stored as text), "date" (yyyy-m-d
taken as a date). Like a spreadsheet program it refuses to type into a
locked cell of a protected sheet: exit status 1 with the cell named.
"""

import datetime
import json
import sys

import openpyxl


def main(src, plan_path, dst):
    with open(plan_path, encoding="utf-8") as fh:
        plan = json.load(fh)
    wb = openpyxl.load_workbook(src)
    ws = wb[plan["sheet"]]
    protected = bool(ws.protection.sheet)
    bad = []
    for item in plan["cells"]:
        c = ws[item["ref"]]
        if protected and (c.protection is None or c.protection.locked):
            bad.append(item["ref"])
            continue
        v, kind = item["value"], item.get("as", "text")
        if kind == "number":
            v = float(v.replace(",", ""))
        elif kind == "date":
            y, m, d = (int(x) for x in v.split("-"))
            v = datetime.datetime(y, m, d)
            if "y" not in (c.number_format or "").lower():
                c.number_format = "yyyy-m-d"
        c.value = v
        if isinstance(v, str) and v.startswith("="):
            c.data_type = "s"  # typed as text ('=100(%)), not a formula
    if bad:
        print("locked cells, cannot type into: %s" % ", ".join(bad), file=sys.stderr)
        return 1
    wb.save(dst)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
