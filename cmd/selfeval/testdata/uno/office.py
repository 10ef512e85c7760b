"""One LibreOffice for the whole integration suite.

Usage: /usr/bin/python3 office.py PROFILE_DIR

Starts one headless soffice (with a private profile in PROFILE_DIR)
listening on a pipe, connects to it, and then serves requests, one JSON
object a line on stdin, each answered by one JSON line on stdout:

  {"op": "convert", "in": PATH, "format": "xlsx"|"pdf"|"xls"|"fods"|"ods",
   "outdir": DIR}
      -> {"out": DIR/STEM.FORMAT}   (what `soffice --convert-to` does)
  {"op": "type", "jobs": [...]}     (type_cells.py's jobs)
      -> {"out": "typed N cells into ...\n..."}
  {"op": "view", "jobs": [...]}     (uno_view.py's jobs)
      -> {"out": "one JSON line per job\n..."}
  {"op": "lap", "jobs": [...]}      (lap.py's jobs: type, save, recalculate, look)
      -> {"out": "one JSON line per job\n..."}

A failed request answers {"error": "..."}. When stdin closes (the tests are
done, or the test binary died), soffice is asked to quit, and killed if it
does not.
"""
import json
import os
import subprocess
import sys
import time
import traceback

import uno

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "direct"))
from type_cells import connect, prop, type_into  # noqa: E402
from uno_view import view  # noqa: E402
from lap import step as lap_step  # noqa: E402

# The export filter `soffice --convert-to EXT` picks for a spreadsheet.
FILTERS = {
    "xlsx": "Calc MS Excel 2007 XML",
    "xls": "MS Excel 97",
    "pdf": "calc_pdf_Export",
    "fods": "OpenDocument Spreadsheet Flat XML",
    "ods": "calc8",
}


def convert(desktop, req):
    src = req["in"]
    fmt = req["format"]
    if fmt not in FILTERS:
        raise ValueError("no filter for format %r" % fmt)
    os.makedirs(req["outdir"], exist_ok=True)
    stem = os.path.splitext(os.path.basename(src))[0]
    dst = os.path.join(req["outdir"], stem + "." + fmt)
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
        (prop("Hidden", True),))
    if doc is None:
        raise ValueError("LibreOffice cannot open %s" % src)
    try:
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                       (prop("FilterName", FILTERS[fmt]), prop("Overwrite", True)))
    finally:
        doc.close(True)
    return dst


def main():
    profile = sys.argv[1]
    pipe = "selfeval-office-%d-%d" % (os.getpid(), int(time.time() * 1000))
    so = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         "--nolockcheck", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=pipe,name=%s;urp;" % pipe],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                req = json.loads(line)
                op = req.get("op")
                if op == "convert":
                    ans = {"out": convert(desktop, req)}
                elif op == "type":
                    logs = []
                    for job in req["jobs"]:
                        type_into(desktop, dispatcher, job["src"], job["dst"], job["cells"])
                        logs.append("typed %d cells into %s" % (len(job["cells"]), job["dst"]))
                    ans = {"out": "\n".join(logs)}
                elif op == "view":
                    ans = {"out": "\n".join(json.dumps(view(desktop, job), ensure_ascii=False)
                                            for job in req["jobs"])}
                elif op == "lap":
                    ans = {"out": "\n".join(json.dumps(lap_step(desktop, dispatcher, job), ensure_ascii=False)
                                            for job in req["jobs"])}
                else:
                    ans = {"error": "unknown op %r" % op}
            except Exception:
                ans = {"error": traceback.format_exc()}
            print(json.dumps(ans, ensure_ascii=False), flush=True)
    finally:
        sys.stdout.flush()
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass  # the bridge drops as soffice exits
        try:
            so.wait(timeout=30)
        except subprocess.TimeoutExpired:
            so.kill()
            so.wait()
        # The uno bridge may crash the interpreter on its way out once soffice
        # is gone; everything is printed by now.
        os._exit(0)


if __name__ == "__main__":
    main()
