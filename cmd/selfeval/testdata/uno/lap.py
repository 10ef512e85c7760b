"""One step of a form's lap in LibreOffice: type, save, recalculate, look.

office.py serves it as the op "lap": each job is {"path": FILE.xlsx,
"sheet": NAME, "cells": [[ref, text], ...], "read": [ref, ...]} and
optionally "remove_sheets": [NAME, ...] and "insert_rows": [ROW, ...].
The file
is opened; each text is typed into its cell the way a person types and
presses Enter (.uno:EnterString, as type_cells.py does) and, when any was
typed, the file is saved over itself as Excel 2007-365 xlsx. Then every
formula is recalculated (calculateAll) and step returns {"path", "sheets":
[names], "values": {ref: number or text}} with what LibreOffice then shows
in the cells of "read" (a number for a number, the text otherwise, "" for
an empty result). A ref may name its sheet, "项目2!H20", for a workbook
with forms on several sheets.
"""
import os
import sys

import uno
from com.sun.star.table.CellContentType import TEXT, FORMULA, EMPTY

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from type_cells import prop  # noqa: E402


def shown(cell):
    kind = cell.getType()
    if kind == EMPTY:
        return ""
    if kind == TEXT:
        return cell.getString()
    if kind == FORMULA:
        # FormulaResultType2: 1 value, 2 text (com.sun.star.sheet.FormulaResult)
        if cell.FormulaResultType2 == 1:
            return cell.getValue()
        return cell.getString()
    return cell.getValue()


def at(doc, sheet, ref):
    """The sheet and cell of ref, "A1" on sheet or "NAME!A1"."""
    if "!" in ref:
        name, ref = ref.rsplit("!", 1)
        return doc.Sheets.getByName(name), ref
    return sheet, ref


def step(desktop, dispatcher, job):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(job["path"]), "_blank", 0, (prop("Hidden", True),))
    try:
        sheet = doc.Sheets.getByName(job["sheet"])
        # "remove_sheets": sheets a clerk deletes (LibreOffice lets one
        # delete even a hidden sheet), before typing.
        removed = job.get("remove_sheets") or []
        for name in removed:
            doc.Sheets.removeByName(name)
        # "insert_rows": rows inserted as a person does (cursor in column A
        # of the row, Sheet > Insert Rows > Rows Above), before typing.
        inserted = job.get("insert_rows") or []
        if job["cells"] or removed or inserted:
            controller = doc.getCurrentController()
            frame = controller.getFrame()
            for row in inserted:
                controller.setActiveSheet(sheet)
                dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0,
                                           (prop("ToPoint", "A%d" % row),))
                dispatcher.executeDispatch(frame, ".uno:InsertRowsBefore", "", 0, ())
            for ref, text in job["cells"]:
                on, ref = at(doc, sheet, ref)
                controller.setActiveSheet(on)
                dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0,
                                           (prop("ToPoint", ref),))
                dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0,
                                           (prop("StringName", text),))
            doc.storeToURL(uno.systemPathToFileUrl(job["path"]),
                           (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.calculateAll()
        out = {"path": job["path"], "values": {},
               "sheets": [doc.Sheets.getByIndex(i).Name for i in range(doc.Sheets.Count)]}
        for ref in job["read"]:
            on, cell = at(doc, sheet, ref)
            out["values"][ref] = shown(on.getCellRangeByName(cell))
        return out
    finally:
        doc.close(True)
