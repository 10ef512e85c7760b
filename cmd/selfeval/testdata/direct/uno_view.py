#!/usr/bin/python3
"""Prints, as JSON, what LibreOffice itself shows of scored workbooks.

Usage: /usr/bin/python3 uno_view.py PIPE_NAME JOBS.json

JOBS.json is a list of {"path", "form", "result", "refs": [...]}. For each,
one JSON line: {"path", "sheets": [{"name", "visible", "protected"}],
"notes": [{"sheet", "ref", "text"}], "frozen": bool, "splitRow": N (the
result sheet in the view), "links": [{"ref", "url"}] (result sheet),
"validations": {REF: type} (form sheet), "highlights": N (conditional
formats of the form sheet)}. A soffice must listen on the pipe.
"""
import json
import os
import sys

import uno

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "uno"))
from type_cells import connect, prop  # noqa: E402  (one way to reach soffice)


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def view(desktop, job):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(job["path"]), "_blank", 0, (prop("Hidden", True),))
    try:
        out = {"path": job["path"], "sheets": [], "notes": [], "links": [], "validations": {}}
        sheets = doc.Sheets
        for i in range(sheets.Count):
            sh = sheets.getByIndex(i)
            out["sheets"].append({"name": sh.Name, "visible": sh.IsVisible, "protected": sh.isProtected()})
            notes = sh.getAnnotations()
            for j in range(notes.Count):
                a = notes.getByIndex(j)
                pos = a.getPosition()
                out["notes"].append({"sheet": sh.Name, "ref": col_name(pos.Column) + str(pos.Row + 1),
                                     "text": a.getString()})
        form = sheets.getByName(job["form"])
        for ref in job["refs"]:
            v = form.getCellRangeByName(ref).Validation
            out["validations"][ref] = v.Type.value
        out["highlights"] = form.ConditionalFormats.Length
        ctl = doc.getCurrentController()
        res = sheets.getByName(job["result"])
        ctl.setActiveSheet(res)
        out["frozen"] = ctl.hasFrozenPanes()
        out["splitRow"] = ctl.getSplitRow()
        cur = res.createCursor()
        cur.gotoEndOfUsedArea(False)
        last = cur.RangeAddress
        for r in range(last.EndRow + 1):
            for c in range(last.EndColumn + 1):
                cell = res.getCellByPosition(c, r)
                fields = cell.getTextFields().createEnumeration()
                while fields.hasMoreElements():
                    f = fields.nextElement()
                    out["links"].append({"ref": col_name(c) + str(r + 1), "url": f.URL})
        return out
    finally:
        doc.close(True)


def main():
    pipe, jobs_path = sys.argv[1:3]
    with open(jobs_path, encoding="utf-8") as fh:
        jobs = json.load(fh)
    ctx = connect(pipe)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    try:
        for job in jobs:
            print(json.dumps(view(desktop, job), ensure_ascii=False), flush=True)
    finally:
        sys.stdout.flush()
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops as soffice exits
        # The uno bridge may crash the interpreter on its way out once soffice
        # is gone; everything is printed by now.
        os._exit(0)


if __name__ == "__main__":
    main()
