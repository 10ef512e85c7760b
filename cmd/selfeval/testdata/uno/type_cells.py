"""Type values into a workbook through LibreOffice's own input path.

Usage: /usr/bin/python3 type_cells.py PIPE_NAME JOBS.json

JOBS.json is a list of {"src": IN.xlsx, "dst": OUT.xlsx, "cells": [[sheet,
cell, text], ...]}. Each text is entered the way a person types it into a
cell and presses Enter (the .uno:EnterString command of the spreadsheet
view), so LibreOffice itself decides what the typing makes: a formula for
"=100%" in a General cell, a percent-formatted number for "100%", a number
for "1,610,500.00", text in a cell formatted as Text (@). Each result is
saved as Excel 2007-365 xlsx; then soffice is asked to quit. A soffice must
listen on the pipe: soffice --headless --accept="pipe,name=PIPE_NAME;urp;" ...
"""
import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    last = None
    for _ in range(240):
        try:
            return resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception as e:  # soffice still starting
            last = e
            time.sleep(0.5)
    raise SystemExit("cannot connect to soffice: %s" % last)


def type_into(desktop, dispatcher, src, dst, cells):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
    try:
        controller = doc.getCurrentController()
        frame = controller.getFrame()
        for sheet, ref, text in cells:
            controller.setActiveSheet(doc.Sheets.getByName(sheet))
            dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0,
                                       (prop("ToPoint", ref),))
            dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0,
                                       (prop("StringName", text),))
        doc.storeToURL(uno.systemPathToFileUrl(dst),
                       (prop("FilterName", "Calc MS Excel 2007 XML"),))
    finally:
        doc.close(True)


def main():
    pipe, jobs_path = sys.argv[1:3]
    with open(jobs_path, encoding="utf-8") as fh:
        jobs = json.load(fh)
    ctx = connect(pipe)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", ctx)
    for job in jobs:
        type_into(desktop, dispatcher, job["src"], job["dst"], job["cells"])
        print("typed", len(job["cells"]), "cells into", job["dst"])
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge drops as soffice exits


if __name__ == "__main__":
    main()
