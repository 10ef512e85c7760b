#!/usr/bin/python3
"""Measure selfeval on the held-out set ($HELDOUT_DIR/set, made by make.py).

For each package: copy -> out/<pkg>/s1.xlsx, `score` it; copy s1 -> s2.xlsx, `score` again.
Checks (after each score where it applies):
 C1 exit code 0/1 and JSON total == sample total
 C2 zipfile opens, testzip() is None, no duplicate entry names
 C3 every .xml/.rels/.vml part parses (xml.etree and xml.dom.minidom)
 C4 openpyxl loads it (keep_vba too when .xlsm)
 C5 LibreOffice converts it to csv (batched), csv non-empty
 C6 every input entry the tool does not own is byte-identical in the output
 C7 what the person put in is kept (comments, sheetViews, sheetProtection, CF, DV, tables,
    hyperlinks, drawings, defined names, merged cells, extLst)
 C8 the second score's output is byte-identical to the first's
Writes out/results.json and RESULTS.md.
"""
import json, os, posixpath, re, shutil, subprocess, sys, zipfile, glob, time
import xml.etree.ElementTree as ET
import xml.dom.minidom
import warnings
warnings.filterwarnings("ignore")
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
HO = os.environ.get("HELDOUT_DIR", "/tmp/selfeval-heldout")
SET = HO + "/set"
OUT = HO + "/out"
SV = os.environ.get("SELFEVAL_BIN", os.path.join(REPO, "bin", "selfeval"))
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


# ---------------------------------------------------------------- package model
class Z:
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        self.names = [i.filename for i in self.z.infolist()]
        self.lower = {n.lower(): n for n in self.names}

    def get(self, part):
        n = self.lower.get(part.lstrip("/").lower())
        return self.z.read(n) if n else None

    def real(self, part):
        return self.lower.get(part.lstrip("/").lower())

    def rels(self, part):
        d, b = posixpath.split(part)
        rp = posixpath.join(d, "_rels", b + ".rels")
        data = self.get(rp)
        out = {}
        if not data:
            return out
        for r in ET.fromstring(data).iter(PR + "Relationship"):
            t = r.get("Target")
            if r.get("TargetMode") == "External":
                out[r.get("Id")] = ("ext", t, r.get("Type"))
            else:
                full = t[1:] if t.startswith("/") else posixpath.normpath(posixpath.join(d, t))
                out[r.get("Id")] = (self.real(full) or full, t, r.get("Type"))
        return out

    def sheets(self):
        wb = ET.fromstring(self.get("xl/workbook.xml"))
        rels = self.rels("xl/workbook.xml")
        res = []
        for s in wb.iter(M + "sheet"):
            res.append((s.get("name"), rels[s.get(R + "id")][0]))
        return res, wb


def canon(e):
    def norm(v):
        return {"true": "1", "false": "0"}.get(v, v)
    return (e.tag, tuple(sorted((k, norm(v)) for k, v in e.attrib.items())), (e.text or "").strip(),
            tuple(canon(c) for c in e))


def form_name(z):
    data = z.get("docProps/custom.xml")
    if data:
        for p in ET.fromstring(data):
            if p.get("name") == "selfeval.sheet":
                return "".join(p.itertext()).strip()
    # no custom properties (e.g. openpyxl re-save drops them): first visible sheet
    wb = ET.fromstring(z.get("xl/workbook.xml"))
    for s in wb.iter(M + "sheet"):
        if s.get("state") in (None, "visible"):
            return s.get("name")


def comments_of(z, sheetpart):
    out = []
    for rid, (tgt, raw, typ) in z.rels(sheetpart).items():
        if typ.endswith("/comments") and tgt != "ext":
            data = z.get(tgt)
            if data is None:
                continue
            for c in ET.fromstring(data).iter(M + "comment"):
                txt = "".join(t.text or "" for t in c.iter(M + "t"))
                out.append((c.get("ref"), txt))
    return out


def person_stuff(z):
    """everything of the person's we promise to keep, keyed by sheet name"""
    sheets, wb = z.sheets()
    names = [n for n, _ in sheets]
    fn = form_name(z)
    st = {"comments": {}, "definedNames": set()}
    for dn in wb.iter(M + "definedName"):
        ls = dn.get("localSheetId")
        st["definedNames"].add((dn.get("name"), names[int(ls)] if ls is not None else None, (dn.text or "").strip(),
                                dn.get("hidden"), dn.get("comment")))
    for n, part in sheets:
        st["comments"][n] = comments_of(z, part)
        if n != fn:
            continue
        root = ET.fromstring(z.get(part))
        rels = z.rels(part)
        f = {}
        for tag in ("sheetViews", "sheetProtection", "sheetPr", "mergeCells", "phoneticPr", "autoFilter"):
            e = root.find(M + tag)
            f[tag] = canon(e) if e is not None else None
        f["cf"] = [canon(e) for e in root.findall(M + "conditionalFormatting")]
        dvs = root.find(M + "dataValidations")
        f["dv"] = [canon(e) for e in dvs] if dvs is not None else []
        ext = root.find(M + "extLst")
        f["ext"] = [canon(e) for e in ext] if ext is not None else []
        hl = []
        h = root.find(M + "hyperlinks")
        if h is not None:
            for e in h:
                rid = e.get(R + "id")
                hl.append((e.get("ref"), e.get("location"), e.get("display"), e.get("tooltip"),
                           rels[rid][1] if rid else None))
        f["hyperlinks"] = hl
        tp = root.find(M + "tableParts")
        f["tables"] = sorted(rels[t.get(R + "id")][0] for t in tp) if tp is not None else []
        d = root.find(M + "drawing")
        f["drawing"] = rels[d.get(R + "id")][0] if d is not None else None
        ps = root.find(M + "pageSetup")
        f["pageSetup_rel"] = rels[ps.get(R + "id")][0] if ps is not None and ps.get(R + "id") else None
        st["form"] = f
    return st


def preserved(zin, zout):
    a, b = person_stuff(zin), person_stuff(zout)
    bad = []
    for sh, cs in a["comments"].items():
        outc = b["comments"].get(sh, [])
        for ref, txt in cs:
            if not any(r == ref and txt in t for r, t in outc):
                bad.append("comment %s!%s %r lost" % (sh, ref, txt[:40]))
    for dn in a["definedNames"]:
        if dn not in b["definedNames"]:
            alt = [x for x in b["definedNames"] if x[0] == dn[0] and x[1] == dn[1]]
            bad.append("definedName %r changed -> %r" % (dn, alt))
    fa, fb = a.get("form"), b.get("form")
    if fa is None or fb is None:
        bad.append("form sheet missing")
        return bad
    for tag in ("sheetViews", "sheetProtection", "sheetPr", "mergeCells", "phoneticPr", "autoFilter"):
        if fa[tag] != fb[tag]:
            bad.append("%s changed" % tag)
    for key in ("cf", "dv", "ext"):
        for e in fa[key]:
            if e not in fb[key]:
                bad.append("%s element lost/changed: %s" % (key, str(e)[:160]))
    for h in fa["hyperlinks"]:
        if h not in fb["hyperlinks"]:
            bad.append("hyperlink %r lost (out: %r)" % (h, fb["hyperlinks"]))
    if fa["tables"] != fb["tables"]:
        bad.append("tables %r -> %r" % (fa["tables"], fb["tables"]))
    if fa["drawing"] != fb["drawing"]:
        bad.append("drawing %r -> %r" % (fa["drawing"], fb["drawing"]))
    if fa["pageSetup_rel"] != fb["pageSetup_rel"]:
        bad.append("pageSetup r:id target %r -> %r" % (fa["pageSetup_rel"], fb["pageSetup_rel"]))
    return bad


# ---------------------------------------------------------------- checks
def c2_zip(path):
    try:
        z = zipfile.ZipFile(path)
        t = z.testzip()
        names = [i.filename for i in z.infolist()]
        dup = sorted(set(n for n in names if names.count(n) > 1))
        ev = []
        if t is not None:
            ev.append("testzip bad entry %s" % t)
        if dup:
            ev.append("duplicate entries %s" % dup)
        return not ev, "; ".join(ev)
    except Exception as e:
        return False, "zipfile: %r" % e


def c3_xml(path):
    ev = []
    try:
        z = zipfile.ZipFile(path)
        for n in z.namelist():
            if n.lower().endswith((".xml", ".rels", ".vml")):
                d = z.read(n)
                try:
                    ET.fromstring(d)
                    xml.dom.minidom.parseString(d)
                except Exception as e:
                    ev.append("%s: %s (near %r)" % (n, e, d[:120]))
    except Exception as e:
        ev.append(repr(e))
    return not ev, "; ".join(ev)


def c4_openpyxl(path):
    try:
        openpyxl.load_workbook(path)
        if path.endswith(".xlsm"):
            openpyxl.load_workbook(path, keep_vba=True)
        return True, ""
    except Exception as e:
        return False, "openpyxl.load_workbook: %r" % e


def owned(name, zin_form, zout_form, in_names):
    if name not in in_names:
        return True  # new part
    low = name.lower()
    if low in ("[content_types].xml", "xl/styles.xml", "xl/sharedstrings.xml", "docprops/custom.xml", "xl/workbook.xml"):
        return True
    if low.endswith(".rels"):
        return True
    if name in (zin_form, zout_form):
        return True
    return False


def c6_unowned(zin, zout, inpath):
    fin = dict(zin.sheets()[0])[form_name(zin)]
    meta = dict(zin.sheets()[0]).get("_selfeval")  # the tool's own veryHidden metadata sheet
    try:
        fout = dict(zout.sheets()[0])[form_name(zout)]
    except Exception:
        fout = None
    # person's notes on the form sheet: the tool may merge its notes in; judged by C7
    form_notes = set()
    for rid, (t, raw, typ) in zin.rels(fin).items():
        if typ.endswith("/comments") or typ.endswith("/vmlDrawing"):
            form_notes.add(t)
    changed, removed, merged = [], [], []
    outnames = set(zout.names)
    for n in zin.names:
        if n.endswith("/"):
            if n not in outnames:
                removed.append(n)
            continue
        if n == meta:
            if zin.z.read(n) != zout.z.read(n):
                merged.append(n + " (tool's own _selfeval sheet)")
            continue
        if owned(n, fin, fout, set(zin.names)):
            if n not in outnames and not n.lower().endswith(".rels"):
                removed.append(n)
            continue
        if n not in outnames:
            removed.append(n)
        elif zin.z.read(n) != zout.z.read(n):
            (merged if n in form_notes else changed).append(n)
    ev = []
    if changed:
        ev.append("changed: %s" % changed)
    if removed:
        ev.append("removed: %s" % removed)
    note = ("owned-by-tool parts changed: form-sheet notes merged (see C7) / _selfeval: %s" % merged) if merged else ""
    return not ev, "; ".join(ev), note


def score(path):
    r = subprocess.run([SV, "score", path, "--format", "json", "-q"], capture_output=True, text=True, timeout=120)
    return r


def c1(r, expected):
    ok_rc = r.returncode in (0, 1)
    total = None
    status = None
    try:
        j = json.loads(r.stdout)
        total = j["files"][0].get("total")
        status = (j["files"][0].get("status"), j["files"][0].get("error"))
    except Exception:
        pass
    ok = ok_rc and total == expected
    ev = "" if ok else "rc=%d total=%r expected=%r status=%r stderr=%r" % (r.returncode, total, expected, status, r.stderr[:300])
    return ok, ev


def lo_convert(files, outdir):
    os.makedirs(outdir, exist_ok=True)
    res = {}
    for i in range(0, len(files), 40):
        chunk = files[i:i + 40]
        try:
            r = subprocess.run(["soffice", "--headless", "-env:UserInstallation=file:///tmp/heldout-lo", "--convert-to", "csv",
                                "--outdir", outdir] + chunk, capture_output=True, text=True, timeout=900)
            log = r.stdout + r.stderr
        except subprocess.TimeoutExpired as e:
            log = "TIMEOUT"
        for f in chunk:
            csv = os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + ".csv")
            ok = os.path.exists(csv) and os.path.getsize(csv) > 0
            errl = [l for l in log.splitlines() if os.path.basename(f) in l and "Error" in l]
            res[f] = (ok, "" if ok else "no/empty csv; soffice: %s" % ("; ".join(errl) or log[-300:]))
    return res


def main():
    man = json.load(open(SET + "/manifest.json"))
    os.makedirs(OUT, exist_ok=True)
    results = {}
    lo_files = []
    only = os.environ.get("ONLY")
    for key, info in sorted(man["packages"].items()):
        if only and not re.search(only, key):
            continue
        if "error" in info:
            results[key] = {"generation_error": info["error"]}
            continue
        exp = info["expected_total"]
        d = os.path.join(OUT, key)
        if os.path.exists(d):
            shutil.rmtree(d)
        os.makedirs(d)
        inp = info["file"]
        s1 = os.path.join(d, key + ".s1.xlsx")
        s2 = os.path.join(d, key + ".s2.xlsx")
        shutil.copyfile(inp, s1)
        r1 = score(s1)
        open(os.path.join(d, "s1.json"), "w").write(r1.stdout)
        open(os.path.join(d, "s1.stderr"), "w").write(r1.stderr)
        shutil.copyfile(s1, s2)
        r2 = score(s2)
        open(os.path.join(d, "s2.json"), "w").write(r2.stdout)
        open(os.path.join(d, "s2.stderr"), "w").write(r2.stderr)
        res = {"variant": info["variant"], "sample": info["sample"], "verify_problems": info["verify_problems"],
               "rc": [r1.returncode, r2.returncode], "notes": []}
        ch = {}
        a1, e1 = c1(r1, exp)
        a2, e2 = c1(r2, exp)
        ch["C1"] = (a1 and a2, "; ".join(x for x in ("score1: " + e1 if e1 else "", "score2: " + e2 if e2 else "") if x))
        for cname, fn in (("C2", c2_zip), ("C3", c3_xml), ("C4", c4_openpyxl)):
            o1, v1 = fn(s1)
            o2, v2 = fn(s2)
            ch[cname] = (o1 and o2, "; ".join(x for x in ("s1: " + v1 if v1 else "", "s2: " + v2 if v2 else "") if x))
        try:
            zin = Z(inp)
            zo1 = Z(s1)
            zo2 = Z(s2)
            o, ev, note = c6_unowned(zin, zo1, inp)
            o2, ev2, note2 = c6_unowned(zin, zo2, inp)
            ch["C6"] = (o and o2, "; ".join(x for x in ("s1: " + ev if ev else "", "s2: " + ev2 if ev2 else "") if x))
            if note:
                res["notes"].append(note)
            b1 = preserved(zin, zo1)
            b2 = preserved(zin, zo2)
            ch["C7"] = (not b1 and not b2, "; ".join(x for x in ("s1: " + " | ".join(b1) if b1 else "", "s2: " + " | ".join(b2) if b2 else "") if x))
        except Exception as e:
            ch.setdefault("C6", (False, "exception %r" % e))
            ch["C7"] = (False, "exception %r" % e)
        same = open(s1, "rb").read() == open(s2, "rb").read()
        ev8 = ""
        if not same:
            try:
                za, zb = Z(s1), Z(s2)
                diff = [n for n in sorted(set(za.names) | set(zb.names))
                        if n not in za.names or n not in zb.names or za.z.read(n) != zb.z.read(n)]
                ev8 = "cmp differs; parts differing: %s" % diff
            except Exception as e:
                ev8 = "cmp differs (%r)" % e
        ch["C8"] = (same, ev8)
        res["checks"] = ch
        results[key] = res
        lo_files.append(s1)
        if not same:
            lo_files.append(s2)
        print(key, " ".join("%s:%s" % (k, "ok" if v[0] else "FAIL") for k, v in sorted(ch.items())), flush=True)
    # inputs too, to tell a generator fault from a tool fault
    lo_in = os.path.join(OUT, "_lo_inputs")
    os.makedirs(lo_in, exist_ok=True)
    inputs = []
    for key, info in man["packages"].items():
        if key in results and "file" in info:
            dst = os.path.join(lo_in, key + ".in.xlsx")
            shutil.copyfile(info["file"], dst)
            inputs.append(dst)
    if os.environ.get("SKIP_LO"):
        lo_files, inputs = [], []
    t0 = time.time()
    lo = lo_convert(lo_files + inputs, os.path.join(OUT, "_csv"))
    print("soffice took %.0fs" % (time.time() - t0))
    for key, res in results.items():
        if "checks" not in res:
            continue
        d = os.path.join(OUT, key)
        s1 = os.path.join(d, key + ".s1.xlsx")
        s2 = os.path.join(d, key + ".s2.xlsx")
        o, ev = lo.get(s1, (False, "not converted"))
        if s2 in lo:
            o2, ev2 = lo[s2]
            o, ev = o and o2, "; ".join(x for x in (ev, ev2) if x)
        inp_ok = lo.get(os.path.join(lo_in, key + ".in.xlsx"), (None, ""))[0]
        res["lo_input_ok"] = inp_ok
        res["checks"]["C5"] = (o, ev)
    rp = os.path.join(OUT, "results.json")
    if only and os.path.exists(rp):
        old = json.load(open(rp))
        old.update(results)
        results = old
    json.dump(results, open(rp, "w"), ensure_ascii=False, indent=1)


CHECKS = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"]


def report():
    man = json.load(open(SET + "/manifest.json"))
    res = json.load(open(os.path.join(OUT, "results.json")))
    samples = list(man["samples"])
    variants = list(man["variants"])
    L = []
    L.append("# selfeval held-out package set: measurement\n")
    L.append("Set: %d packages = %d variants x %d samples (`/work/heldout/set`, made by `make.py`); "
             "outputs in `/work/heldout/out/<package>/` (`*.s1.xlsx` after the first score, `*.s2.xlsx` after the second, "
             "`s1.json`/`s2.json` the score JSON), LibreOffice csv in `out/_csv/`, raw results in `out/results.json`.\n"
             % (len(res), len(variants), len(samples)))
    L.append("Sample totals (from `check` on the untouched sample): " + ", ".join("%s %s" % (k, v) for k, v in man["samples"].items()) + "\n")
    L.append("Checks: C1 exit 0/1 and JSON total == sample total (both scores); C2 zip opens, testzip None, no duplicate names; "
             "C3 every .xml/.rels/.vml parses (ElementTree and minidom); C4 openpyxl load_workbook; C5 LibreOffice csv conversion non-empty; "
             "C6 input entries the tool does not own are byte-identical; C7 the person's comments, form sheetViews/sheetProtection/sheetPr/mergeCells, "
             "conditional formatting, data validations, extLst, tables, hyperlinks, drawing, printer-settings link, defined names kept; "
             "C8 second score output byte-identical to the first.\n")
    allpass = 0
    n = 0
    perc = {c: 0 for c in CHECKS}
    for k, r in res.items():
        if "checks" not in r:
            continue
        n += 1
        if all(r["checks"].get(c, (False,))[0] for c in CHECKS):
            allpass += 1
        for c in CHECKS:
            if not r["checks"].get(c, (False,))[0]:
                perc[c] += 1
    L.append("## Totals\n")
    L.append("**%d of %d packages pass all checks.**\n" % (allpass, n))
    L.append("| check | packages failing |\n|---|---|")
    for c in CHECKS:
        L.append("| %s | %d |" % (c, perc[c]))
    L.append("")
    ap = os.path.join(OUT, "analysis.md")
    if os.path.exists(ap):
        L.append(open(ap).read())
    L.append("## Variant x sample (\u2713 = all checks pass; otherwise the failing checks)\n")
    L.append("| variant | " + " | ".join(samples) + " |")
    L.append("|---" * (len(samples) + 1) + "|")
    for v in variants:
        cells = []
        for s in samples:
            r = res.get("%s__%s" % (v, s))
            if r is None:
                cells.append("-")
            elif "checks" not in r:
                cells.append("gen error")
            else:
                f = [c for c in CHECKS if not r["checks"].get(c, (False,))[0]]
                cells.append("\u2713" if not f else ",".join(f))
        L.append("| %s | %s |" % (v, " | ".join(cells)))
    L.append("")
    L.append("## Per-check matrix\n")
    L.append("| package | " + " | ".join(CHECKS) + " | LO on input |")
    L.append("|---" * (len(CHECKS) + 2) + "|")
    for k in sorted(res):
        r = res[k]
        if "checks" not in r:
            continue
        L.append("| %s | %s | %s |" % (k, " | ".join("pass" if r["checks"].get(c, (False,))[0] else "FAIL" for c in CHECKS),
                                       {True: "ok", False: "fail", None: "-"}[r.get("lo_input_ok")]))
    L.append("")
    L.append("## Failures with evidence\n")
    for k in sorted(res):
        r = res[k]
        if "checks" not in r:
            continue
        bad = [(c, r["checks"][c][1]) for c in CHECKS if not r["checks"].get(c, (False,))[0]]
        if not bad and not r.get("notes") and not r.get("verify_problems"):
            continue
        L.append("### %s\n" % k)
        L.append("score exit codes: %s; generation-time verification problems: %s\n" % (r["rc"], r["verify_problems"] or "none"))
        for c, ev in bad:
            L.append("- **%s**: `%s`" % (c, ev[:1500].replace("|", "\\|").replace("`", "'")))
        for nt in r.get("notes", []):
            L.append("- note: %s" % nt)
        L.append("")
    L.append("## Variants\n")
    for v, d in man["variants"].items():
        L.append("- **%s**: %s" % (v, d))
    open(os.path.join(HO, "RESULTS.md"), "w").write("\n".join(L) + "\n")


def recheck():
    """recompute C6/C7 from the saved outputs (no new score run) after a harness fix"""
    man = json.load(open(SET + "/manifest.json"))
    res = json.load(open(os.path.join(OUT, "results.json")))
    for key, r in res.items():
        if "checks" not in r:
            continue
        inp = man["packages"][key]["file"]
        d = os.path.join(OUT, key)
        s1 = os.path.join(d, key + ".s1.xlsx")
        s2 = os.path.join(d, key + ".s2.xlsx")
        r["notes"] = [n for n in r.get("notes", []) if not n.startswith("owned-by-tool")]
        try:
            zin, zo1, zo2 = Z(inp), Z(s1), Z(s2)
            o, ev, note = c6_unowned(zin, zo1, inp)
            o2, ev2, note2 = c6_unowned(zin, zo2, inp)
            r["checks"]["C6"] = (o and o2, "; ".join(x for x in ("s1: " + ev if ev else "", "s2: " + ev2 if ev2 else "") if x))
            if note:
                r["notes"].append(note)
            b1 = preserved(zin, zo1)
            b2 = preserved(zin, zo2)
            r["checks"]["C7"] = (not b1 and not b2, "; ".join(x for x in ("s1: " + " | ".join(b1) if b1 else "", "s2: " + " | ".join(b2) if b2 else "") if x))
        except Exception as e:
            r["checks"]["C6"] = (False, "exception %r" % e)
            r["checks"]["C7"] = (False, "exception %r" % e)
    json.dump(res, open(os.path.join(OUT, "results.json"), "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    if "--recheck" in sys.argv:
        recheck()
        report()
    elif "--report" in sys.argv:
        report()
    else:
        main()
        report()
