#!/usr/bin/python3
"""Prints, as JSON, the result sheet and the parts of a scored workbook a
person sees besides cells and notes.

    inspect_result.py FILE.xlsx FORMSHEET RESULTSHEET

{"sheets": [names], "active": name, "result": {"freeze": "A8", "orientation",
 "fitToWidth", "fitToPage", "links": [{"ref", "location"}]},
 "images": N (FORMSHEET), "highlights": ["G15:G15 ..."] (FORMSHEET),
 "scoped": [{"name", "sheet"}]}
"""

import json
import sys

import openpyxl


def main(path, form, result):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "active": wb.active.title if wb.active is not None else None,
           "result": None, "images": len(wb[form]._images), "highlights": [], "scoped": []}
    for rng in wb[form].conditional_formatting:
        for rule in rng.rules:
            out["highlights"].append(str(rng.sqref) + " " + str(rule.type))
    for dn in wb.defined_names.definedName:
        if dn.localSheetId is not None:
            out["scoped"].append({"name": dn.name, "sheet": wb.sheetnames[int(dn.localSheetId)],
                                  "text": dn.attr_text})
    if result in wb.sheetnames:
        ws = wb[result]
        ps = ws.page_setup
        out["result"] = {
            "freeze": ws.freeze_panes,
            "orientation": ps.orientation,
            "fitToWidth": ps.fitToWidth,
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "links": [{"ref": c.coordinate, "location": c.hyperlink.location, "text": c.value}
                      for row in ws.iter_rows() for c in row if c.hyperlink is not None],
        }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
