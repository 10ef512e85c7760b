"""Own driver: start soffice, type cells via .uno:EnterString, record what each cell holds."""
import json, os, subprocess, sys, time
import uno
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from type_cells import connect, prop
from com.sun.star.table.CellContentType import TEXT, FORMULA, EMPTY, VALUE

KIND = {"EMPTY": "empty", "TEXT": "text", "FORMULA": "formula", "VALUE": "value"}

def start(profile):
    pipe = "typing3-%d" % os.getpid()
    so = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        "--nolockcheck", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
        "--accept=pipe,name=%s;urp;" % pipe], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ctx = connect(pipe)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    disp = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    return so, desktop, disp

def look(c):
    return {"type": KIND[c.getType().value], "string": c.getString(), "value": c.getValue(), "formula": c.getFormula()}

def type_file(desktop, disp, src, dst, sheet, cells):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
    held = {}
    try:
        ctl = doc.getCurrentController(); frame = ctl.getFrame()
        sh = doc.Sheets.getByName(sheet)
        ctl.setActiveSheet(sh)
        for ref, text in cells:
            disp.executeDispatch(frame, ".uno:GoToCell", "", 0, (prop("ToPoint", ref),))
            disp.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", text),))
        for ref, text in cells:
            held[ref] = look(sh.getCellRangeByName(ref))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
    finally:
        doc.close(True)
    return held

def convert_and_read(desktop, src, dst, sheet, refs):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
    try:
        sh = doc.Sheets.getByName(sheet)
        out = {'cached:' + r: look(sh.getCellRangeByName(r)) for r in refs}
        doc.calculateAll()
        out.update({r: look(sh.getCellRangeByName(r)) for r in refs})
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "calc8"), prop("Overwrite", True)))
    finally:
        doc.close(True)
    return out
