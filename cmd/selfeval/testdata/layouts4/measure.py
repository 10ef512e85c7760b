#!/usr/bin/python3
"""Measures the set with a selfeval binary, as the first measurement did:

    /usr/bin/python3 measure.py BIN DIR [HALF [LAYOUT-PREFIX]]

For each file of DIR's manifest (or $MANIFEST) it runs BIN check --format json
and prints right or WRONG with why: a file is right when it reads as its kind
with the seed's total, no error (on a 部门整体 form without 得分系数 the
errors the rules give its indicator rows aside, as TestLayouts3 allows) and,
so, the seed's grade. ROOT (default: the repository this folder is in) gives
samples/data for the seeds' project names."""
import json, os, subprocess, sys
BIN, DIR = sys.argv[1], sys.argv[2]
HALF = sys.argv[3] if len(sys.argv) > 3 else ""
ONLY = sys.argv[4] if len(sys.argv) > 4 else ""
MAN = os.environ.get("MANIFEST", os.path.join(DIR, "manifest.json"))
DEPT_BY_RULES = {"target.required", "actual.required", "score.above_max"}
PROJECT = {}
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("ROOT", os.path.normpath(os.path.join(HERE, "..", "..", "..", "..")))
for s in ["mof2020-cooperation", "mof2020-liaison", "mof2020-services", "sh2019-kunming", "dept-chongqing"]:
    PROJECT[s] = json.load(open(os.path.join(ROOT, "samples/data", s + ".json")))["fields"]["project"]


def rowof(cell):
    d = "".join(ch for ch in (cell or "") if ch.isdigit())
    return int(d) if d else -1


res = {}
for e in json.load(open(MAN)):
    if HALF and e["half"] != HALF:
        continue
    if ONLY and not e["file"].startswith(ONLY):
        continue
    p = os.path.join(DIR, e["file"])
    out = subprocess.run([BIN, "check", "--format", "json", p], capture_output=True, text=True)
    try:
        doc = json.loads(out.stdout)
    except Exception:
        print("WRONG", e["file"], "no json", out.stderr[:200])
        res[e["file"]] = False
        continue
    forms = doc["files"]
    want_forms = e.get("forms", 1)
    why = []
    if len(forms) != want_forms:
        why.append("%d forms" % len(forms))
    f = [x for x in forms if x.get("project") == PROJECT[e["seed"]]] or forms[:1]
    f = f[0] if f else {}
    if f.get("kind") != e["kind"]:
        why.append("kind %s" % f.get("kind"))
    if f.get("total") != e["total"]:
        why.append("total %s" % f.get("total"))
    rows = {rowof(i["cell"]) for i in (f.get("indicators") or [])}
    errs = []
    for x in f.get("findings") or []:
        if x["severity"] != "error":
            continue
        if e["kind"] == "dept" and x["code"] in DEPT_BY_RULES and rowof(x.get("cell")) in rows:
            continue
        errs.append("%s@%s" % (x["code"], x.get("cell")))
    if errs:
        why.append("errors " + " ".join(errs[:6]))
    if not errs and f.get("grade") != e["grade"]:
        why.append("grade %s" % f.get("grade"))
    ok = not why
    res[e["file"]] = ok
    print("right" if ok else "WRONG", e["half"], e["file"], "" if ok else "; ".join(why))
a = [k for k in res]
print("right %d/%d" % (sum(res.values()), len(res)))
