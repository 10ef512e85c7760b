#!/usr/bin/python3
"""Prints, as JSON, what a person's spreadsheet program sees in a workbook.

    inspect_xlsx.py FILE.xlsx SHEET REF...

{"sheets": [{"name", "state"}], "protected": bool (SHEET), "structure": bool,
 "cells": {REF: {"locked", "value", "formula", "validations": [type...]}},
 "notes": [{"sheet", "ref", "text"}]}
Values are JSON-friendly: dates as ISO text; a formula cell has formula true
and its formula text as value, and "cached" holds the result stored with it
(null when the file keeps none).
"""

import datetime
import json
import sys

import openpyxl


def plain(v):
    if isinstance(v, (datetime.date, datetime.datetime, datetime.time)):
        return v.isoformat()
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def main(path, sheet, refs):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": [{"name": ws.title, "state": ws.sheet_state} for ws in wb.worksheets],
           "protected": False, "structure": False, "cells": {}, "notes": []}
    sec = getattr(wb, "security", None)
    out["structure"] = bool(sec is not None and sec.lockStructure)
    ws = wb[sheet]
    cached = openpyxl.load_workbook(path, data_only=True)[sheet]
    out["protected"] = bool(ws.protection.sheet)
    for ref in refs:
        c = ws[ref]
        v = c.value
        out["cells"][ref] = {
            "locked": bool(c.protection is None or c.protection.locked),
            "value": plain(v),
            "cached": plain(cached[ref].value),
            "formula": c.data_type == "f" or (isinstance(v, str) and v.startswith("=")),
            "validations": sorted(dv.type or "any" for dv in ws.data_validations.dataValidation
                                  if ref in dv.sqref),
        }
    for w in wb.worksheets:
        for row in w.iter_rows():
            for c in row:
                if c.comment is not None:
                    out["notes"].append({"sheet": w.title, "ref": c.coordinate, "text": c.comment.text})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
