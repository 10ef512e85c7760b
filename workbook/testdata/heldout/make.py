#!/usr/bin/python3
"""Held-out package variants for selfeval.

Each variant is a small function taking a Pkg (the parts of one sample form,
in zip order) and changing it the way some real producer or hand edit would.
Run:  make heldout (or /usr/bin/python3 make.py)  -> $HELDOUT_DIR/set/<variant>__<sample>.xlsx
and $HELDOUT_DIR/set/manifest.json (variant docs, samples, verification).
$HELDOUT_DIR defaults to /tmp/selfeval-heldout; $SELFEVAL_BIN to bin/selfeval of the repository.
"""
import io, json, os, re, struct, sys, zlib, zipfile, random, subprocess
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SAMPLES_DIR = os.path.join(REPO, "samples")
SAMPLES = ["mof2020-liaison", "sh2019-kunming", "dept-chongqing",
           "mof2020-cooperation", "mof2020-services"]
OUT = os.path.join(os.environ.get("HELDOUT_DIR", "/tmp/selfeval-heldout"), "set")
SV = os.environ.get("SELFEVAL_BIN", os.path.join(REPO, "bin", "selfeval"))

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_WS = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

COL_ORDER = ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
             "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter",
             "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr",
             "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
             "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
             "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
             "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
             "webPublishItems", "tableParts", "extLst"]


def col_letter(n):  # 1-based
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def col_num(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class Pkg:
    def __init__(self, path):
        z = zipfile.ZipFile(path)
        self.parts = {}
        self.order = []
        for i in z.infolist():
            self.parts[i.filename] = z.read(i.filename)
            self.order.append(i.filename)
        # zip-level options
        self.zorder = None          # function(list)->list
        self.compress = zipfile.ZIP_DEFLATED
        self.dirs = False
        self.datadesc = False
        self.extra = False
        self.comment = b""
        self.form = self.form_sheet_path()
        self.src = path

    # --- text helpers
    def s(self, name):
        return self.parts[name].decode("utf-8")

    def put(self, name, text):
        if name not in self.parts:
            self.order.append(name)
        self.parts[name] = text.encode("utf-8") if isinstance(text, str) else text

    def remove(self, name):
        del self.parts[name]
        self.order.remove(name)

    # --- package structure
    def rels_of(self, part):
        d, b = os.path.split(part)
        return (d + "/" if d else "") + "_rels/" + b + ".rels"

    def sheets(self):
        """[(name, sheetId, rid, partpath)] in workbook order"""
        wb = self.s("xl/workbook.xml")
        rels = self.s("xl/_rels/workbook.xml.rels")
        tgt = {}
        for m in re.finditer(r"<Relationship\b[^>]*>", rels):
            a = dict(re.findall(r'(\w+)="([^"]*)"', m.group(0)))
            t = a["Target"]
            t = t[1:] if t.startswith("/") else "xl/" + t
            tgt[a["Id"]] = t
        out = []
        for m in re.finditer(r"<sheet\b[^>]*>", wb):
            a = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(0)))
            out.append((a["name"], a["sheetId"], a["r:id"], tgt[a["r:id"]]))
        return out

    def form_sheet_name(self):
        cp = self.s("docProps/custom.xml")
        m = re.search(r'name="selfeval.sheet"><vt:lpwstr>([^<]*)<', cp)
        return m.group(1)

    def form_sheet_path(self):
        n = self.form_sheet_name()
        for name, sid, rid, p in self.sheets():
            if name == n:
                return p
        raise SystemExit("form sheet not found")

    def add_ct_override(self, part, ctype):
        ct = self.s("[Content_Types].xml")
        ct = ct.replace("</Types>", '<Override PartName="/%s" ContentType="%s"/></Types>' % (part, ctype))
        self.put("[Content_Types].xml", ct)

    def add_ct_default(self, ext, ctype):
        ct = self.s("[Content_Types].xml")
        if 'Extension="%s"' % ext in ct:
            return
        ct = ct.replace("</Types>", '<Default Extension="%s" ContentType="%s"/></Types>' % (ext, ctype))
        self.put("[Content_Types].xml", ct)

    def add_rel(self, part, rtype, target, external=False):
        rp = self.rels_of(part)
        if rp not in self.parts:
            self.put(rp, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         '<Relationships xmlns="%s"></Relationships>' % NS_PKG_REL)
        x = self.s(rp)
        ids = set(re.findall(r'Id="([^"]*)"', x))
        n = 1
        while "rId%d" % n in ids:
            n += 1
        rid = "rId%d" % n
        mode = ' TargetMode="External"' if external else ""
        x = x.replace("</Relationships>", '<Relationship Id="%s" Type="%s%s" Target="%s"%s/></Relationships>'
                      % (rid, RT, rtype, target, mode))
        self.put(rp, x)
        return rid

    def add_sheet(self, name, xml, before_form=False):
        existing = [p for p in self.parts if p.startswith("xl/worksheets/sheet")]
        n = 1
        while "xl/worksheets/sheet%d.xml" % n in self.parts:
            n += 1
        path = "xl/worksheets/sheet%d.xml" % n
        self.put(path, xml)
        self.add_ct_override(path, CT_WS)
        rid = self.add_rel("xl/workbook.xml", "worksheet", "worksheets/sheet%d.xml" % n)
        wb = self.s("xl/workbook.xml")
        sid = max(int(x) for x in re.findall(r'<sheet\b[^>]*sheetId="(\d+)"', wb)) + 1
        el = '<sheet name="%s" sheetId="%d" r:id="%s"/>' % (name, sid, rid)
        if before_form:
            wb = wb.replace("<sheets>", "<sheets>" + el, 1)
            wb = re.sub(r'localSheetId="(\d+)"', lambda m: 'localSheetId="%d"' % (int(m.group(1)) + 1), wb)
        else:
            wb = wb.replace("</sheets>", el + "</sheets>", 1)
        self.put("xl/workbook.xml", wb)
        return path, len(self.sheets()) - 1 if not before_form else 0

    def add_sst(self, text):
        x = self.s("xl/sharedStrings.xml")
        n = len(re.findall(r"<si>", x))
        x = x.replace("</sst>", "<si><t>%s</t></si></sst>" % text)
        x = re.sub(r'count="(\d+)"', lambda m: 'count="%d"' % (int(m.group(1)) + 1), x, 1)
        x = re.sub(r'uniqueCount="(\d+)"', lambda m: 'uniqueCount="%d"' % (int(m.group(1)) + 1), x, 1)
        self.put("xl/sharedStrings.xml", x)
        return n

    # --- form sheet helpers
    def extra_col(self, k=0):
        x = self.s(self.form)
        mx = max(col_num(c) for c in re.findall(r'<c r="([A-Z]+)\d+"', x))
        return col_letter(mx + 3 + k)

    def sheet_insert(self, path, elem, fragment):
        """insert fragment where element `elem` belongs in CT_Worksheet order"""
        x = self.s(path)
        idx = COL_ORDER.index(elem)
        pos = None
        for later in COL_ORDER[idx + 1:]:
            m = re.search(r"<%s[\s/>]" % later, x)
            if m:
                pos = m.start()
                break
        if pos is None:
            pos = x.rindex("</worksheet>")
        self.put(path, x[:pos] + fragment + x[pos:])

    def row_append(self, path, rownum, cells):
        x = self.s(path)
        m = re.search(r'<row r="%d"[^>]*?(/?)>' % rownum, x)
        if m.group(1) == "/":
            new = m.group(0)[:-2] + ">" + cells + "</row>"
            x = x[:m.start()] + new + x[m.end():]
        else:
            end = x.index("</row>", m.end())
            x = x[:end] + cells + x[end:]
        self.put(path, x)

    # --- writing
    def write(self, path):
        names = list(self.order)
        if self.zorder:
            names = self.zorder(names)
        buf = io.BytesIO()
        target = buf
        if self.datadesc:
            target = Unseekable(buf)
        z = zipfile.ZipFile(target, "w", self.compress)
        if self.comment:
            z.comment = self.comment
        done_dirs = set()
        for n in names:
            if self.dirs:
                parts = n.split("/")[:-1]
                for i in range(1, len(parts) + 1):
                    d = "/".join(parts[:i]) + "/"
                    if d not in done_dirs:
                        done_dirs.add(d)
                        zi = zipfile.ZipInfo(d, (2024, 5, 1, 10, 0, 0))
                        zi.external_attr = 0o40755 << 16 | 0x10
                        z.writestr(zi, b"")
            zi = zipfile.ZipInfo(n, (2024, 5, 1, 10, 0, 0))
            zi.compress_type = self.compress
            if self.extra:
                # extended timestamp (0x5455) + Info-ZIP unix uid/gid (0x7875)
                zi.extra = struct.pack("<HHBI", 0x5455, 5, 1, 1714557600) + \
                    struct.pack("<HHBBIBI", 0x7875, 11, 1, 4, 1000, 4, 1000)
            if self.datadesc:
                with z.open(zi, "w") as f:
                    f.write(self.parts[n])
            else:
                z.writestr(zi, self.parts[n])
        z.close()
        with open(path, "wb") as f:
            f.write(buf.getvalue())


class Unseekable(io.RawIOBase):
    """a write-only stream without seek/tell: zipfile then writes data descriptors (flag bit 3)"""
    def __init__(self, buf):
        self.buf = buf

    def writable(self):
        return True

    def write(self, b):
        return self.buf.write(b)

    def seekable(self):
        return False

    def flush(self):
        pass


def png_1x1():
    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = b"\x00\xcc\x22\x22"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def simple_sheet(rows, extra_after_sheetdata="", root_extra=""):
    """rows: list of list of (celltype, value) ; strings as inlineStr"""
    out = []
    for ri, row in enumerate(rows, 1):
        cells = []
        for ci, v in enumerate(row, 1):
            ref = col_letter(ci) + str(ri)
            if isinstance(v, str):
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v))
            else:
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
        out.append('<row r="%d">%s</row>' % (ri, "".join(cells)))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="%s" xmlns:r="%s"%s><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><sheetData>%s</sheetData>%s</worksheet>'
            % (NS_MAIN, NS_R, root_extra, "".join(out), extra_after_sheetdata))


def comments_parts(pkg, sheetpath, notes, cname, vname, author="张三"):
    """add legacy notes [(ref, text)] to a sheet with given part names"""
    cl = "".join('<comment ref="%s" authorId="0"><text><r><rPr><b/><sz val="9"/><rFont val="宋体"/></rPr>'
                 '<t>%s:</t></r><r><rPr><sz val="9"/><rFont val="宋体"/></rPr><t xml:space="preserve">\n%s</t></r></text></comment>'
                 % (ref, author, t) for ref, t in notes)
    pkg.put(cname, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="%s"><authors><author>%s</author></authors>'
            '<commentList>%s</commentList></comments>' % (NS_MAIN, author, cl))
    shapes = []
    for i, (ref, t) in enumerate(notes):
        m = re.match(r"([A-Z]+)(\d+)", ref)
        c, r = col_num(m.group(1)) - 1, int(m.group(2)) - 1
        shapes.append(
            '<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;'
            'width:108pt;height:59.25pt;z-index:%d;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
            '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
            '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
            '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            '<x:Anchor>%d, 15, %d, 2, %d, 15, %d, 16</x:Anchor><x:AutoFill>False</x:AutoFill>'
            '<x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>'
            % (1025 + i, i + 1, c + 1, max(r - 1, 0), c + 3, r + 3, r, c))
    pkg.put(vname, '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n <o:shapelayout v:ext="edit">\r\n  <o:idmap v:ext="edit" data="1"/>\r\n </o:shapelayout>'
            '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">\r\n'
            '  <v:stroke joinstyle="miter"/>\r\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\r\n </v:shapetype>%s</xml>'
            % "".join(shapes))
    rid_c = pkg.add_rel(sheetpath, "comments", "../" + cname[len("xl/"):])
    rid_v = pkg.add_rel(sheetpath, "vmlDrawing", "../" + vname[len("xl/"):])
    pkg.add_ct_override(cname, "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml")
    pkg.add_ct_default("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing")
    pkg.sheet_insert(sheetpath, "legacyDrawing", '<legacyDrawing r:id="%s"/>' % rid_v)


def ensure_r_ns(pkg, path):
    x = pkg.s(path)
    head = x[:x.index(">", x.index("<worksheet")) + 1]
    if "xmlns:r=" not in head:
        x = x.replace("<worksheet ", '<worksheet xmlns:r="%s" ' % NS_R, 1)
        pkg.put(path, x)


def all_xml(pkg):
    return [n for n in pkg.order if n.endswith((".xml", ".rels", ".vml"))]


# =========================================================================
# variants. Each: (pkg) -> None. Docstring = what it simulates.
# =========================================================================
V = {}


def variant(f):
    V[f.__name__] = f
    return f


@variant
def x365_sheet_ns(p):
    """Excel 365 form sheet: mc:Ignorable x14ac/xr/xr2/xr3 declared on the root, xr:uid, x14ac:dyDescent on sheetFormatPr and every row."""
    x = p.s(p.form)
    x = x.replace("<worksheet ", '<worksheet xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                  'mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
                  'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
                  'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
                  'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
                  'xr:uid="{6F3C2B1A-1234-4D2E-9ABC-0123456789AB}" ', 1)
    x = x.replace("<sheetFormatPr ", '<sheetFormatPr x14ac:dyDescent="0.25" ', 1)
    x = re.sub(r"(<row r=\"\d+\")", r'\1 x14ac:dyDescent="0.25"', x)
    x = x.replace("<sheetView ", '<sheetView zoomScaleNormal="100" ', 1)
    p.put(p.form, x)


@variant
def x365_workbook_ac(p):
    """Excel 365 workbook.xml: mc:AlternateContent with x15ac:absPath, xr:revisionPtr, xr6/xr10 namespaces, xr2:uid on workbookView."""
    x = p.s("xl/workbook.xml")
    x = x.replace('mc:Ignorable="x15"', 'mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
                  'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
                  'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" '
                  'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"', 1)
    ac = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15">'
          '<x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" url="D:\\财政\\绩效自评\\"/>'
          '</mc:Choice></mc:AlternateContent>'
          '<xr:revisionPtr revIDLastSave="0" documentId="8_{2B0E2E55-6B53-4F0A-8A4B-6C9E1D1F2A3B}" xr6:coauthVersionLast="47" '
          'xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>')
    x = re.sub(r"(<workbookPr\b[^>]*>(</workbookPr>)?)", lambda m: m.group(1) + ac, x, 1)
    x = x.replace("<workbookView ", '<workbookView xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}" ', 1)
    p.put("xl/workbook.xml", x)


@variant
def ext_x14_cf_dv(p):
    """extLst on the form sheet with x14:conditionalFormattings (dataBar) and x14:dataValidations (list from another sheet), as Excel 2010+ writes."""
    col = p.extra_col()
    ext = ('<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
           '<x14:cfRule type="dataBar" id="{A1B2C3D4-0000-4000-8000-000000000001}"><x14:dataBar minLength="0" maxLength="100" gradient="0">'
           '<x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/>'
           '</x14:dataBar></x14:cfRule><xm:sqref>%s3:%s8</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>'
           '<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
           '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1>'
           '<xm:f>$%s$3:$%s$8</xm:f></x14:formula1><xm:sqref>%s2</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>'
           % (col, col, col, col, col))
    p.sheet_insert(p.form, "extLst", ext)


@variant
def own_cf(p):
    """the person's own conditionalFormatting on the form sheet (colour scale on the weight column + an expression rule)."""
    x = p.s("xl/styles.xml")
    x = x.replace('<dxfs count="0"></dxfs>', '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>')
    x = x.replace('<dxfs count="0"/>', '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>')
    p.put("xl/styles.xml", x)
    cf = ('<conditionalFormatting sqref="F13:F20"><cfRule type="colorScale" priority="2"><colorScale><cfvo type="min"/><cfvo type="max"/>'
          '<color rgb="FFF8696B"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>'
          '<conditionalFormatting sqref="A3:B4"><cfRule type="expression" dxfId="0" priority="1"><formula>LEN($C$3)=0</formula></cfRule></conditionalFormatting>')
    p.sheet_insert(p.form, "conditionalFormatting", cf)


@variant
def calc_chain(p):
    """xl/calcChain.xml listing the form sheet's formula cells, referenced from workbook rels and [Content_Types].xml (as Excel saves)."""
    x = p.s(p.form)
    sid = [s for s in p.sheets() if s[3] == p.form][0][1]
    refs = re.findall(r'<c r="([A-Z]+\d+)"[^>]*>(?:<v>[^<]*</v>)?<f', x)
    refs += [m for m in re.findall(r'<c r="([A-Z]+\d+)"[^>]*><f', x) if m not in refs]
    body = "".join('<c r="%s"%s/>' % (r, ' i="%s"' % sid if k == 0 else "") for k, r in enumerate(refs))
    p.put("xl/calcChain.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="%s">%s</calcChain>' % (NS_MAIN, body))
    p.add_rel("xl/workbook.xml", "calcChain", "calcChain.xml")
    p.add_ct_override("xl/calcChain.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml")


@variant
def shared_formula(p):
    """a shared formula (t="shared" with ref/si and followers) in a column right of the form, rows 3-6, with cached values."""
    col = p.extra_col()
    p.row_append(p.form, 3, '<c r="%s3"><f t="shared" ref="%s3:%s6" si="0">ROW()*2</f><v>6</v></c>' % (col, col, col))
    for r in (4, 5, 6):
        p.row_append(p.form, r, '<c r="%s%d"><f t="shared" si="0"/><v>%d</v></c>' % (col, r, r * 2))


@variant
def array_formula(p):
    """an array (CSE) formula t="array" over two cells right of the form, with cached values."""
    col = p.extra_col()
    col2 = p.extra_col(1)
    p.row_append(p.form, 3, '<c r="%s3"><f t="array" ref="%s3:%s3">{1,2}*3</f><v>3</v></c><c r="%s3"><v>6</v></c>' % (col, col, col2, col2))


@variant
def cell_types(p):
    """cells of t="str" (formula string), t="e" (#N/A), t="b" (TRUE), t="inlineStr" with <is><t> and a rich inline string, right of the form."""
    c1, c2, c3, c4, c5 = (p.extra_col(k) for k in range(5))
    p.row_append(p.form, 3, '<c r="%s3" t="str"><f>"备"&amp;"注"</f><v>备注</v></c><c r="%s3" t="e"><f>NA()</f><v>#N/A</v></c>'
                 '<c r="%s3" t="b"><v>1</v></c><c r="%s3" t="inlineStr"><is><t>手工备注</t></is></c>'
                 '<c r="%s3" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></is></c>' % (c1, c2, c3, c4, c5))


@variant
def rich_sst(p):
    """every shared string of 2+ characters written as two rich-text runs (<r><rPr>…</rPr><t>) with the same plain text."""
    x = p.s("xl/sharedStrings.xml")

    def f(m):
        t = m.group(1)
        plain = re.sub(r"&[^;]+;", "#", t)
        if len(plain) < 2:
            return m.group(0)
        # split at a character boundary not inside an entity
        i = 1
        if t[0] == "&":
            i = t.index(";") + 1
        return ('<si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr>'
                '<t xml:space="preserve">%s</t></r><r><rPr><sz val="11"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr>'
                '<t xml:space="preserve">%s</t></r></si>' % (t[:i], t[i:]))
    x = re.sub(r"<si><t>([^<]*)</t></si>", f, x)
    x = re.sub(r'<si><t xml:space="preserve">([^<]*)</t></si>', f, x)
    p.put("xl/sharedStrings.xml", x)


@variant
def phonetic_sst(p):
    """phonetic runs (<rPh>) and <phoneticPr> in shared strings (as Excel writes for East-Asian input), plus <phoneticPr> on the form sheet."""
    x = p.s("xl/sharedStrings.xml")
    x = re.sub(r"<si><t>([^<&]{2,})</t></si>",
               lambda m: '<si><t>%s</t><rPh sb="0" eb="1"><t>ピン</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>' % m.group(1), x)
    p.put("xl/sharedStrings.xml", x)
    p.sheet_insert(p.form, "phoneticPr", '<phoneticPr fontId="1" type="noConversion"/>')


def _table_xml(tid, ref, names):
    cols = "".join('<tableColumn id="%d" name="%s"/>' % (i + 1, n) for i, n in enumerate(names))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="%s" id="%d" name="表%d" displayName="表%d" ref="%s" '
            'totalsRowShown="0"><autoFilter ref="%s"/><tableColumns count="%d">%s</tableColumns>'
            '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
            % (NS_MAIN, tid, tid, tid, ref, ref, len(names), cols))


@variant
def table_form(p):
    """an Excel table (tableParts + xl/tables/table1.xml) on the form sheet, in two columns right of the form (rows 3-5)."""
    c1, c2 = p.extra_col(), p.extra_col(1)
    a, b = p.add_sst("附件"), p.add_sst("页数")
    p.row_append(p.form, 3, '<c r="%s3" t="s"><v>%d</v></c><c r="%s3" t="s"><v>%d</v></c>' % (c1, a, c2, b))
    p.row_append(p.form, 4, '<c r="%s4"><v>1</v></c><c r="%s4"><v>12</v></c>' % (c1, c2))
    p.row_append(p.form, 5, '<c r="%s5"><v>2</v></c><c r="%s5"><v>3</v></c>' % (c1, c2))
    p.put("xl/tables/table1.xml", _table_xml(1, "%s3:%s5" % (c1, c2), ["附件", "页数"]))
    rid = p.add_rel(p.form, "table", "../tables/table1.xml")
    p.add_ct_override("xl/tables/table1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml")
    ensure_r_ns(p, p.form)
    p.sheet_insert(p.form, "tableParts", '<tableParts count="1"><tablePart r:id="%s"/></tableParts>' % rid)


@variant
def table_other_sheet(p):
    """a second ordinary sheet 明细 holding an Excel table with shared-string headers."""
    a, b = p.add_sst("事项"), p.add_sst("金额")
    xml = simple_sheet([], "", "")
    xml = xml.replace("<sheetData></sheetData>",
                      '<sheetData><row r="1"><c r="A1" t="s"><v>%d</v></c><c r="B1" t="s"><v>%d</v></c></row>'
                      '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>3.5</v></c></row>'
                      '<row r="3"><c r="A3"><v>2</v></c><c r="B3"><v>4.25</v></c></row></sheetData>' % (a, b))
    path, _ = p.add_sheet("明细", xml)
    p.put("xl/tables/table1.xml", _table_xml(1, "A1:B3", ["事项", "金额"]))
    rid = p.add_rel(path, "table", "../tables/table1.xml")
    p.add_ct_override("xl/tables/table1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml")
    p.sheet_insert(path, "tableParts", '<tableParts count="1"><tablePart r:id="%s"/></tableParts>' % rid)


@variant
def hyperlinks(p):
    """hyperlinks on the form sheet: one external (sheet rels, TargetMode="External"), one internal (location=), tooltip."""
    c = p.extra_col()
    a, b = p.add_sst("政策依据"), p.add_sst("返回顶部")
    p.row_append(p.form, 3, '<c r="%s3" t="s"><v>%d</v></c>' % (c, a))
    p.row_append(p.form, 4, '<c r="%s4" t="s"><v>%d</v></c>' % (c, b))
    rid = p.add_rel(p.form, "hyperlink", "http://www.mof.gov.cn/gkml/caizhengwengao/wg2020/?a=1&amp;b=2", external=True)
    ensure_r_ns(p, p.form)
    sn = p.form_sheet_name()
    p.sheet_insert(p.form, "hyperlinks", '<hyperlinks><hyperlink ref="%s3" r:id="%s" tooltip="财预〔2020〕10号"/>'
                   '<hyperlink ref="%s4" location="\'%s\'!A1" display="返回顶部"/></hyperlinks>' % (c, rid, c, sn))


@variant
def printer_settings(p):
    """printerSettings1.bin part referenced from the form sheet's pageSetup r:id (Excel on Windows)."""
    blob = bytes(range(256)) * 4 + "HP LaserJet".encode("utf-16-le")
    p.put("xl/printerSettings/printerSettings1.bin", blob)
    p.add_ct_default("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings")
    rid = p.add_rel(p.form, "printerSettings", "../printerSettings/printerSettings1.bin")
    ensure_r_ns(p, p.form)
    x = p.s(p.form)
    x = re.sub(r"<pageSetup ", '<pageSetup r:id="%s" ' % rid, x, 1)
    p.put(p.form, x)


@variant
def names_autofilter(p):
    """extra defined names (workbook-level name pointing into the form, a hidden _xlnm._FilterDatabase) and an autoFilter on a new sheet 数据."""
    xml = simple_sheet([["编号", "说明"], [1, "甲"], [2, "乙"]], '<autoFilter ref="A1:B3"/>')
    xml = xml.replace('<sheetData>', '<sheetData>', 1)
    # autoFilter must follow sheetData directly here (no sheetProtection) - simple_sheet puts it right after
    path, idx = p.add_sheet("数据", xml)
    sn = p.form_sheet_name()
    x = p.s("xl/workbook.xml")
    x = x.replace("<definedNames>", '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">数据!$A$1:$B$3</definedName>'
                  '<definedName name="项目名称引用" comment="填报人自建名称">\'%s\'!$C$3</definedName>' % (idx, sn), 1)
    p.put("xl/workbook.xml", x)


@variant
def drawing_image(p):
    """a drawing with a PNG picture (twoCellAnchor editAs=oneCell) on the form sheet, right of the form."""
    p.put("xl/media/image1.png", png_1x1())
    p.add_ct_default("png", "image/png")
    c = col_num(p.extra_col()) - 1
    dr = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor editAs="oneCell">'
          '<xdr:from><xdr:col>%d</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
          '<xdr:to><xdr:col>%d</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
          '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="图片 1" descr="单位公章"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
          '<xdr:blipFill><a:blip xmlns:r="%s" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
          '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
          '</xdr:pic><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>' % (c, c + 2, NS_R))
    p.put("xl/drawings/drawing1.xml", dr)
    p.add_rel("xl/drawings/drawing1.xml", "image", "../media/image1.png")
    p.add_ct_override("xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml")
    rid = p.add_rel(p.form, "drawing", "../drawings/drawing1.xml")
    ensure_r_ns(p, p.form)
    p.sheet_insert(p.form, "drawing", '<drawing r:id="%s"/>' % rid)


@variant
def drawing_chart(p):
    """a clustered column chart (drawing + xl/charts/chart1.xml) on the form sheet plotting the weight column."""
    sn = p.form_sheet_name()
    c = col_num(p.extra_col()) - 1
    ch = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s"><c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/>'
          '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
          '<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>\'%s\'!$F$13:$F$16</c:f></c:numRef></c:val></c:ser>'
          '<c:axId val="111"/><c:axId val="222"/></c:barChart>'
          '<c:catAx><c:axId val="111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="222"/></c:catAx>'
          '<c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="111"/></c:valAx>'
          '</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>' % (NS_R, sn))
    p.put("xl/charts/chart1.xml", ch)
    p.add_ct_override("xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")
    dr = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor>'
          '<xdr:from><xdr:col>%d</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
          '<xdr:to><xdr:col>%d</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
          '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>'
          '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
          '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="%s" r:id="rId1"/></a:graphicData></a:graphic>'
          '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>' % (c, c + 6, NS_R))
    p.put("xl/drawings/drawing1.xml", dr)
    p.add_rel("xl/drawings/drawing1.xml", "chart", "../charts/chart1.xml")
    p.add_ct_override("xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml")
    rid = p.add_rel(p.form, "drawing", "../drawings/drawing1.xml")
    ensure_r_ns(p, p.form)
    p.sheet_insert(p.form, "drawing", '<drawing r:id="%s"/>' % rid)


@variant
def second_sheet_notes(p):
    """a second ordinary sheet 说明 with its own legacy notes in xl/comments1.xml + xl/drawings/vmlDrawing1.vml (names the tool may want)."""
    xml = simple_sheet([["填报说明"], ["联系人"]])
    path, _ = p.add_sheet("说明", xml)
    comments_parts(p, path, [("A1", "请按财预〔2020〕10号填写"), ("A2", "王五 010-12345678")],
                   "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml")


@variant
def person_notes_form(p):
    """the person's own legacy notes on the form sheet (title cell A1 and a reason cell) in comments1.xml/vmlDrawing1.vml."""
    ensure_r_ns(p, p.form)
    last = "H" if p.form_sheet_name() == "自评表" else "F"
    comments_parts(p, p.form, [("A1", "本表已经处长审核"), ("%s13" % last, "原因见附件")],
                   "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml")


@variant
def person_notes_odd_names(p):
    """the person's notes on the form sheet stored under producer-specific names (xl/comments/comment1.xml, xl/drawings/commentsDrawing1.vml), as LibreOffice/others name them."""
    ensure_r_ns(p, p.form)
    comments_parts(p, p.form, [("A2", "项目名称以批复为准")], "xl/comments/comment1.xml", "xl/drawings/commentsDrawing1.vml", author="李四")


@variant
def custom_props_extra(p):
    """docProps/custom.xml with the person's/organisation's own properties of several types (lpwstr, i4, bool, filetime) before and after the tool's."""
    x = p.s("docProps/custom.xml")
    fm = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    x = x.replace("<property ", '<property fmtid="%s" pid="20" name="部门编码"><vt:lpwstr>101-001</vt:lpwstr></property><property ' % fm, 1)
    x = x.replace("</Properties>", '<property fmtid="%s" pid="21" name="页数"><vt:i4>3</vt:i4></property>'
                  '<property fmtid="%s" pid="22" name="已审核"><vt:bool>true</vt:bool></property>'
                  '<property fmtid="%s" pid="23" name="审核日期"><vt:filetime>2025-03-01T08:00:00Z</vt:filetime></property></Properties>' % (fm, fm, fm))
    p.put("docProps/custom.xml", x)


@variant
def wps_like(p):
    """WPS Office save: KSOProductBuildVer and ICV in docProps/custom.xml, app.xml Application WPS, <sheetPr/> and outlineLevel attrs on sheetFormatPr."""
    x = p.s("docProps/custom.xml")
    fm = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    x = x.replace("</Properties>", '<property fmtid="%s" pid="30" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property>'
                  '<property fmtid="%s" pid="31" name="ICV"><vt:lpwstr>0A1B2C3D4E5F60718293A4B5C6D7E8F9_13</vt:lpwstr></property></Properties>' % (fm, fm))
    p.put("docProps/custom.xml", x)
    a = p.s("docProps/app.xml")
    if "<Application>" in a:
        a = re.sub(r"<Application>[^<]*</Application>", "<Application>WPS 表格</Application>", a)
    else:
        a = a.replace("</Properties>", "<Application>WPS 表格</Application></Properties>")
    p.put("docProps/app.xml", a)
    f = p.s(p.form)
    f = f.replace("<dimension ", "<sheetPr/><dimension ", 1)
    f = f.replace("<sheetFormatPr ", '<sheetFormatPr outlineLevelRow="0" outlineLevelCol="0" ', 1)
    p.put(p.form, f)


@variant
def gsheets_like(p):
    """Google-Sheets-like export: no sharedStrings part, every string cell written inline (t="inlineStr" with <is><t>); rels and content types updated."""
    sst = p.s("xl/sharedStrings.xml")
    items = re.findall(r"<si>(.*?)</si>", sst, re.S)
    for name in list(p.order):
        if name.startswith("xl/worksheets/sheet") or name.startswith("xl/worksheets/") and name.endswith(".xml"):
            x = p.s(name)
            x = re.sub(r'<c r="([A-Z]+\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)</v></c>',
                       lambda m: '<c r="%s"%s t="inlineStr"%s><is>%s</is></c>' % (m.group(1), m.group(2), m.group(3), items[int(m.group(4))]), x)
            p.put(name, x)
    p.remove("xl/sharedStrings.xml")
    r = p.s("xl/_rels/workbook.xml.rels")
    r = re.sub(r'<Relationship [^>]*sharedStrings[^>]*>(</Relationship>)?', "", r)
    p.put("xl/_rels/workbook.xml.rels", r)
    ct = p.s("[Content_Types].xml")
    ct = re.sub(r'<Override PartName="/xl/sharedStrings.xml"[^>]*>(</Override>)?', "", ct)
    p.put("[Content_Types].xml", ct)


@variant
def numbers_like(p):
    """Apple-Numbers-like export: no docProps/app.xml (root rels and content types updated), explicit t="n" on numeric cells."""
    r = p.s("_rels/.rels")
    r = re.sub(r'<Relationship [^>]*app\.xml[^>]*>(</Relationship>)?', "", r)
    p.put("_rels/.rels", r)
    ct = p.s("[Content_Types].xml")
    ct = re.sub(r'<Override PartName="/docProps/app.xml"[^>]*>(</Override>)?', "", ct)
    p.put("[Content_Types].xml", ct)
    p.remove("docProps/app.xml")
    for name in [n for n in p.order if n.startswith("xl/worksheets/")]:
        x = p.s(name)
        x = re.sub(r'<c r="([A-Z]+\d+)"( s="\d+")?><v>', lambda m: '<c r="%s"%s t="n"><v>' % (m.group(1), m.group(2) or ""), x)
        p.put(name, x)


@variant
def zip_ct_first(p):
    """zip entries in Excel's own order: [Content_Types].xml first, then _rels/.rels, docProps, xl/."""
    pri = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    p.zorder = lambda names: sorted(names, key=lambda n: (pri.get(n, 2), not n.startswith("xl/"), n))


@variant
def zip_alpha_order(p):
    """zip entries sorted by name as a zip tool re-packing a folder does ([Content_Types].xml first by ASCII, xl/worksheets/_rels after sheets...)."""
    p.zorder = lambda names: sorted(names, reverse=True)


@variant
def zip_dir_entries(p):
    """explicit directory entries (xl/, xl/worksheets/, ...) as `zip -r` writes."""
    p.dirs = True


@variant
def zip_data_descriptor(p):
    """every entry written by a streaming zip writer: general-purpose flag bit 3 with data descriptors after the data."""
    p.datadesc = True


@variant
def zip_stored(p):
    """every entry stored without compression (method 0)."""
    p.compress = zipfile.ZIP_STORED


@variant
def zip_extra_fields(p):
    """extended-timestamp (0x5455) and Info-ZIP unix (0x7875) extra fields on every entry."""
    p.extra = True


@variant
def zip_comment(p):
    """a zip archive comment (as some archivers and DMS systems add)."""
    p.comment = "归档：财政局绩效科 2025-03-01".encode("utf-8")


@variant
def abs_targets(p):
    """every relationship Target in _rels/.rels and workbook rels written as an absolute part name (Target="/xl/worksheets/sheet1.xml")."""
    r = p.s("xl/_rels/workbook.xml.rels")
    r = re.sub(r'Target="(?!/)([^"]*)"', r'Target="/xl/\1"', r)
    p.put("xl/_rels/workbook.xml.rels", r)
    r = p.s("_rels/.rels")
    r = re.sub(r'Target="(?!/)([^"]*)"', r'Target="/\1"', r)
    p.put("_rels/.rels", r)


@variant
def part_case_renamed(p):
    """the form sheet's part renamed with different case consistently in zip, rels and content types (xl/worksheets/Sheet1.xml)."""
    old = p.form
    d, b = os.path.split(old)
    new = d + "/" + b[0].upper() + b[1:]
    data = p.parts[old]
    idx = p.order.index(old)
    p.remove(old)
    p.order.insert(idx, new)
    p.parts[new] = data
    r = p.s("xl/_rels/workbook.xml.rels").replace(old[3:], new[3:])
    p.put("xl/_rels/workbook.xml.rels", r)
    p.put("[Content_Types].xml", p.s("[Content_Types].xml").replace("/" + old, "/" + new))
    p.form = new


@variant
def part_renamed(p):
    """the form sheet stored under a non-default part name (xl/worksheets/自评/form.xml is avoided; ASCII xl/worksheets/form.xml), as some generators do."""
    old = p.form
    new = "xl/worksheets/form.xml"
    data = p.parts[old]
    idx = p.order.index(old)
    p.remove(old)
    p.order.insert(idx, new)
    p.parts[new] = data
    p.put("xl/_rels/workbook.xml.rels", p.s("xl/_rels/workbook.xml.rels").replace('"' + old[3:] + '"', '"worksheets/form.xml"'))
    p.put("[Content_Types].xml", p.s("[Content_Types].xml").replace("/" + old, "/" + new))
    p.form = new


@variant
def standalone_yes(p):
    """every XML part declared <?xml version="1.0" encoding="UTF-8" standalone="yes"?> (Excel's declaration)."""
    for n in all_xml(p):
        x = p.s(n)
        x = re.sub(r'^<\?xml[^?]*\?>', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', x)
        p.put(n, x)


@variant
def no_xml_decl(p):
    """no XML declaration at all in any part (UTF-8 by default), as some generators write."""
    for n in all_xml(p):
        x = p.s(n)
        x = re.sub(r'^<\?xml[^?]*\?>\s*', '', x)
        p.put(n, x)


def pretty(x, nl="\r\n", ind="  "):
    """indent element-only content; keeps text content, keeps <a></a> together"""
    toks = re.split(r"(<[^>]+>)", x)
    out, depth, prev = [], 0, None
    for t in toks:
        if not t:
            continue
        if t.startswith("<?"):
            out.append(t)
            prev = "decl"
            continue
        if t.startswith("<"):
            closing = t.startswith("</")
            selfc = t.endswith("/>") or t.startswith("<!")
            if closing:
                depth -= 1
                if prev == "close" or prev == "self" or prev == "decl":
                    out.append(nl + ind * depth)
                out.append(t)
                prev = "close"
            else:
                if prev in ("open", "close", "self", "decl"):
                    out.append(nl + ind * depth)
                out.append(t)
                if selfc:
                    prev = "self"
                else:
                    depth += 1
                    prev = "open"
        else:
            if t.strip() == "" and prev in ("close", "self", "decl"):
                continue
            out.append(t)
            prev = "text"
    return "".join(out)


@variant
def crlf_pretty(p):
    """every XML part pretty-printed with CRLF newlines and two-space indentation (element-only content only)."""
    for n in all_xml(p):
        p.put(n, pretty(p.s(n)))


@variant
def ns_on_children(p):
    """namespace prefixes declared on child elements: workbook.xml declares xmlns:r on each <sheet>, not on the root; the form sheet has no xmlns:r on its root."""
    x = p.s("xl/workbook.xml")
    x = x.replace(' xmlns:r="%s"' % NS_R, "", 1)
    x = x.replace("<sheet ", '<sheet xmlns:r="%s" ' % NS_R)
    p.put("xl/workbook.xml", x)
    f = p.s(p.form)
    if "r:" not in f.replace('xmlns:r="%s"' % NS_R, ""):
        f = f.replace(' xmlns:r="%s"' % NS_R, "", 1)
    p.put(p.form, f)


@variant
def default_ns_redeclared(p):
    """the default namespace redeclared (same URI) on sheetData, every row and mergeCells of the form sheet, and on <si> in sharedStrings."""
    f = p.s(p.form)
    f = f.replace("<sheetData>", '<sheetData xmlns="%s">' % NS_MAIN, 1)
    f = f.replace("<mergeCells ", '<mergeCells xmlns="%s" ' % NS_MAIN, 1)
    f = re.sub(r"<row ", '<row xmlns="%s" ' % NS_MAIN, f)
    p.put(p.form, f)
    s = p.s("xl/sharedStrings.xml")
    s = s.replace("<si>", '<si xmlns="%s">' % NS_MAIN)
    p.put("xl/sharedStrings.xml", s)


@variant
def ncr_hex_sst(p):
    """every non-ASCII character in sharedStrings.xml and workbook sheet names written as hexadecimal numeric character references (&#x81EA;)."""
    s = p.s("xl/sharedStrings.xml")
    head, body = s.split("<sst", 1)
    body = "".join("&#x%X;" % ord(c) if ord(c) > 127 else c for c in body)
    p.put("xl/sharedStrings.xml", head + "<sst" + body)


@variant
def cr_in_text(p):
    """line breaks in shared strings written as CRLF character references (&#13;&#10;), as text pasted from Windows carries."""
    s = p.s("xl/sharedStrings.xml")
    head, body = s.split("<sst", 1)
    body = re.sub(r"&#xA;|&#10;|\n", "&#13;&#10;", body)
    s = head + "<sst" + body
    p.put("xl/sharedStrings.xml", s)


@variant
def x000d_escape(p):
    """line breaks in shared strings carried as Excel's _x000D_ escape + LF (how Excel stores a CR typed or pasted in a cell)."""
    s = p.s("xl/sharedStrings.xml")
    head, body = s.split("<sst", 1)
    body = body.replace("&#xA;", "_x000D_&#xA;").replace("&#10;", "_x000D_&#10;").replace("\n", "_x000D_\n")
    p.put("xl/sharedStrings.xml", head + "<sst" + body)


@variant
def long_attr(p):
    """a very long attribute value: a conditionalFormatting sqref listing ~3000 single cells (about 20 KB) right of the form."""
    c = p.extra_col()
    c2 = p.extra_col(40)
    refs = []
    for r in range(1, 80):
        for k in range(40):
            refs.append("%s%d" % (p.extra_col(k), r))
    cf = ('<conditionalFormatting sqref="%s"><cfRule type="colorScale" priority="1"><colorScale><cfvo type="min"/><cfvo type="max"/>'
          '<color rgb="FFFFFFFF"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>' % " ".join(refs))
    p.sheet_insert(p.form, "conditionalFormatting", cf)


@variant
def own_data_validation(p):
    """the person added a data validation of their own (whole number on a cell right of the form) inside the form's dataValidations, count updated."""
    c = p.extra_col()
    x = p.s(p.form)
    x = re.sub(r'<dataValidations count="(\d+)">', lambda m: '<dataValidations count="%d">' % (int(m.group(1)) + 1), x, 1)
    x = x.replace("</dataValidations>", '<dataValidation type="whole" allowBlank="1" showErrorMessage="1" errorTitle="页码" '
                  'error="请输入1到99的整数" sqref="%s3"><formula1>1</formula1><formula2>99</formula2></dataValidation></dataValidations>' % c, 1)
    p.put(p.form, x)


@variant
def frozen_view(p):
    """the form sheet's sheetView with frozen panes, zoom, gridlines off, and a selection in the bottom pane (as a person leaves it)."""
    x = p.s(p.form)
    x = re.sub(r"<sheetView\b[^>]*>(</sheetView>)?",
               '<sheetView showGridLines="0" tabSelected="1" zoomScale="85" zoomScaleNormal="85" workbookViewId="0">'
               '<pane ySplit="12" topLeftCell="A13" activePane="bottomLeft" state="frozen"/>'
               '<selection activeCell="A1" sqref="A1"/><selection pane="bottomLeft" activeCell="C13" sqref="C13"/></sheetView>', x, 1)
    p.put(p.form, x)


@variant
def sheetpr_tabcolor(p):
    """<sheetPr codeName=…> with tabColor and pageSetUpPr fitToPage on the form sheet, plus fitToWidth/fitToHeight in pageSetup."""
    x = p.s(p.form)
    x = x.replace("<dimension ", '<sheetPr codeName="Sheet1"><tabColor rgb="FFC00000"/><pageSetUpPr fitToPage="1"/></sheetPr><dimension ', 1)
    x = x.replace("<pageSetup ", '<pageSetup fitToWidth="1" fitToHeight="0" ', 1)
    p.put(p.form, x)


@variant
def empty_sheet_rels(p):
    """the form sheet has an (empty) relationships part, as some writers leave after removing the last note."""
    p.put(p.rels_of(p.form), '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s"/>' % NS_PKG_REL)


@variant
def sheet_before_form(p):
    """an ordinary cover sheet 封面 inserted before the form sheet (localSheetId of defined names shifted, the form no longer first)."""
    xml = simple_sheet([["绩效自评材料"], ["2024年度"]])
    p.add_sheet("封面", xml, before_form=True)


@variant
def openpyxl_resave(p):
    """the whole package as openpyxl 3.0.9 saves it after load_workbook/save (openpyxl-like writer: its own part layout, styles and docProps rewritten)."""
    p._openpyxl = True



# ---------------------------------------------------------------- batch 2
def _tool_note_cells(sample_path):
    """cells the tool annotates on the untouched sample (score on a temp copy, read its comments)"""
    import tempfile, shutil
    d = tempfile.mkdtemp()
    t = os.path.join(d, "t.xlsx")
    shutil.copyfile(sample_path, t)
    subprocess.run([SV, "score", t, "--format", "json", "-q"], capture_output=True)
    z = zipfile.ZipFile(t)
    refs = []
    for n in z.namelist():
        if re.match(r"xl/comments\d*\.xml$", n):
            refs += re.findall(r'<comment ref="([A-Z]+\d+)"', z.read(n).decode())
    shutil.rmtree(d)
    return refs


@variant
def note_on_tool_cell(p):
    """the person's own notes sit on exactly the cells the tool annotates on this sample (tool must merge, not replace or duplicate)."""
    refs = _tool_note_cells(p.src)[:2] or ["A1"]
    ensure_r_ns(p, p.form)
    comments_parts(p, p.form, [(r, "填报人说明：见附件%d" % i) for i, r in enumerate(refs, 1)],
                   "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml")


@variant
def x365_styles(p):
    """Excel 365 styles.xml: mc:Ignorable x14ac x16r2 xr, x14ac:knownFonts, a dxf, a custom cell style, tableStyles, and extLst with x14 slicerStyles / x15 timelineStyles."""
    x = p.s("xl/styles.xml")
    head = x[:x.index(">", x.index("<styleSheet")) + 1]
    decl = ""
    for pfx, uri in (("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
                     ("x14ac", "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"),
                     ("x16r2", "http://schemas.microsoft.com/office/spreadsheetml/2015/02/main"),
                     ("xr", "http://schemas.microsoft.com/office/spreadsheetml/2014/revision")):
        if "xmlns:%s=" % pfx not in head:
            decl += ' xmlns:%s="%s"' % (pfx, uri)
    if "mc:Ignorable=" not in head:
        decl += ' mc:Ignorable="x14ac x16r2 xr"'
    x = x.replace("<styleSheet ", "<styleSheet" + decl + " ", 1)
    x = re.sub(r'<fonts count="(\d+)"', r'<fonts count="\1" x14ac:knownFonts="1"', x, 1)
    x = re.sub(r'<dxfs count="0"\s*(/>|></dxfs>)', '<dxfs count="1"><dxf><font><b/><color rgb="FF9C0006"/></font></dxf></dxfs>', x, 1)
    if "<tableStyles" not in x:
        x = x.replace("</styleSheet>", '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>')
    x = x.replace("</styleSheet>", '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                  '<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" '
                  'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>')
    p.put("xl/styles.xml", x)


@variant
def sst_no_count(p):
    """sharedStrings.xml root without count/uniqueCount (both optional)."""
    x = p.s("xl/sharedStrings.xml")
    x = re.sub(r' (count|uniqueCount)="\d+"', "", x[:x.index(">", x.index("<sst")) + 1]) + x[x.index(">", x.index("<sst")) + 1:]
    p.put("xl/sharedStrings.xml", x)


@variant
def row_spans(p):
    """every row of the form sheet carries spans="1:N" (Excel's optimisation hint) for the form's column range."""
    x = p.s(p.form)
    mx = max(col_num(c) for c in re.findall(r'<c r="([A-Z]+)\d+"', x))
    x = re.sub(r'(<row r="\d+")', r'\1 spans="1:%d"' % mx, x)
    p.put(p.form, x)


@variant
def dynamic_array(p):
    """an Excel 365 dynamic-array formula right of the form: cell cm="1" with xl/metadata.xml (XLDAPR) referenced from workbook rels."""
    c = p.extra_col()
    p.row_append(p.form, 3, '<c r="%s3" cm="1"><f t="array" ref="%s3:%s4">SEQUENCE(2)</f><v>1</v></c>' % (c, c, c))
    p.row_append(p.form, 4, '<c r="%s4"><v>2</v></c>' % c)
    md = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<metadata xmlns="%s" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
          '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" '
          'splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
          '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
          '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>'
          '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>' % NS_MAIN)
    p.put("xl/metadata.xml", md)
    p.add_rel("xl/workbook.xml", "sheetMetadata", "metadata.xml")
    p.add_ct_override("xl/metadata.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml")


@variant
def ignored_errors(p):
    """<ignoredErrors> on the form sheet (number-stored-as-text and formula warnings dismissed by the person)."""
    p.sheet_insert(p.form, "ignoredErrors", '<ignoredErrors><ignoredError sqref="C3:H5" numberStoredAsText="1"/>'
                   '<ignoredError sqref="A1:B2" formula="1" unlockedFormula="1"/></ignoredErrors>')


@variant
def rel_ids_guidlike(p):
    """relationship Ids that are not rIdN (R5f3c…-style, as .NET Open XML SDK / some exporters write) in root and workbook rels."""
    for rp, owner in (("xl/_rels/workbook.xml.rels", "xl/workbook.xml"), ("_rels/.rels", None)):
        r = p.s(rp)
        ids = re.findall(r'Id="([^"]*)"', r)
        mp = {i: "R%08x%d" % (zlib.crc32(i.encode()), k) for k, i in enumerate(ids)}
        r = re.sub(r'Id="([^"]*)"', lambda m: 'Id="%s"' % mp[m.group(1)], r)
        p.put(rp, r)
        if owner:
            w = p.s(owner)
            w = re.sub(r'r:id="([^"]*)"', lambda m: 'r:id="%s"' % mp.get(m.group(1), m.group(1)), w)
            p.put(owner, w)


@variant
def big_other_sheet(p):
    """a second ordinary sheet 原始数据 with 20,000 rows x 5 numeric columns (a person's raw data pasted in)."""
    rows = []
    for r in range(1, 20001):
        rows.append('<row r="%d">%s</row>' % (r, "".join('<c r="%s%d"><v>%d.%d</v></c>' % (col_letter(c), r, r * c, c) for c in range(1, 6))))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="%s" xmlns:r="%s"><dimension ref="A1:E20000"/>'
           '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>%s</sheetData></worksheet>'
           % (NS_MAIN, NS_R, "".join(rows)))
    p.add_sheet("原始数据", xml)


@variant
def workbook_extlst(p):
    """workbook.xml with <fileRecoveryPr> and an extLst (x15:workbookPr chartTrackingRefBase, x14 definedNames-free ext) after calcPr."""
    x = p.s("xl/workbook.xml")
    tail = ('<fileRecoveryPr repairLoad="1"/><extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" '
            'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext>'
            '<ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}" xmlns:xcalcf="http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures">'
            '<xcalcf:calcFeatures><xcalcf:feature name="microsoft.com:RD"/><xcalcf:feature name="microsoft.com:Single"/></xcalcf:calcFeatures></ext></extLst>')
    x = x.replace("</workbook>", tail + "</workbook>")
    p.put("xl/workbook.xml", x)


@variant
def custom_xml_part(p):
    """a customXml data part (customXml/item1.xml + itemProps1.xml, as SharePoint/DMS add) referenced from workbook rels."""
    p.put("customXml/item1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" '
          'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="/APA.XSL" StyleName="APA"/>')
    p.put("customXml/itemProps1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{3F1C2B7A-8D2E-4C5B-9A0F-1E2D3C4B5A69}" '
          'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs>'
          '<ds:schemaRef ds:uri="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/></ds:schemaRefs></ds:datastoreItem>')
    p.put("customXml/_rels/item1.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">'
          '<Relationship Id="rId1" Type="%scustomXmlProps" Target="itemProps1.xml"/></Relationships>' % (NS_PKG_REL, RT))
    p.add_ct_override("customXml/itemProps1.xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml")
    p.add_rel("xl/workbook.xml", "customXml", "../customXml/item1.xml")


@variant
def full_docprops(p):
    """Excel-style full docProps: core.xml with title/keywords/lastModifiedBy, app.xml with HeadingPairs/TitlesOfParts and company, plus a PNG thumbnail (root rel metadata/thumbnail)."""
    names = [s[0] for s in p.sheets()]
    p.put("docProps/core.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>绩效自评表</dc:title><dc:creator>财务处</dc:creator>'
          '<cp:keywords>绩效;自评</cp:keywords><cp:lastModifiedBy>张三</cp:lastModifiedBy>'
          '<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-05T02:00:00Z</dcterms:created>'
          '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-01T08:30:00Z</dcterms:modified></cp:coreProperties>')
    tops = "".join("<vt:lpstr>%s</vt:lpstr>" % n for n in names)
    p.put("docProps/app.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
          'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>'
          '<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant>'
          '<vt:variant><vt:i4>%d</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="%d" baseType="lpstr">%s</vt:vector></TitlesOfParts>'
          '<Company>某市财政局</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
          '<AppVersion>16.0300</AppVersion></Properties>' % (len(names), len(names), tops))
    p.put("docProps/thumbnail.png", png_1x1())
    p.add_ct_default("png", "image/png")
    r = p.s("_rels/.rels")
    r = r.replace("</Relationships>", '<Relationship Id="rIdThumb" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.png"/></Relationships>')
    p.put("_rels/.rels", r)


# =========================================================================

def verify(path, total):
    """returns list of problems"""
    probs = []
    try:
        z = zipfile.ZipFile(path)
        if z.testzip() is not None:
            probs.append("testzip failed")
        names = [i.filename for i in z.infolist()]
        if len(names) != len(set(names)):
            probs.append("duplicate entries")
        for n in names:
            if n.endswith((".xml", ".rels", ".vml")):
                try:
                    ET.fromstring(z.read(n))
                except Exception as e:
                    probs.append("xml %s: %s" % (n, e))
    except Exception as e:
        probs.append("zip: %s" % e)
    try:
        import openpyxl
        openpyxl.load_workbook(path)
    except Exception as e:
        probs.append("openpyxl: %r" % e)
    r = subprocess.run([SV, "check", path, "--format", "json"], capture_output=True, text=True)
    got = None
    try:
        got = json.loads(r.stdout)["files"][0].get("total")
    except Exception as e:
        probs.append("check json: rc=%d %s" % (r.returncode, r.stderr[:300]))
    if got != total:
        probs.append("check total %r != sample %r (rc=%d, status=%s)" % (got, total, r.returncode,
                     (json.loads(r.stdout)["files"][0].get("status"), json.loads(r.stdout)["files"][0].get("error")) if r.stdout.strip().startswith("{") else r.stdout[:200]))
    return probs, got


def sample_total(s):
    r = subprocess.run([SV, "check", os.path.join(SAMPLES_DIR, s + ".xlsx"), "--format", "json"], capture_output=True, text=True)
    return json.loads(r.stdout)["files"][0]["total"]


def main():
    os.makedirs(OUT, exist_ok=True)
    samples = SAMPLES[:int(os.environ.get("NSAMPLES", "5"))]
    only = sys.argv[1:]
    man = {"variants": {k: (f.__doc__ or "").strip() for k, f in V.items()}, "samples": {}, "packages": {}}
    for s in samples:
        man["samples"][s] = sample_total(s)
    for vname, f in V.items():
        if only and vname not in only:
            continue
        for s in samples:
            p = Pkg(os.path.join(SAMPLES_DIR, s + ".xlsx"))
            out = os.path.join(OUT, "%s__%s.xlsx" % (vname, s))
            try:
                f(p)
                if getattr(p, "_openpyxl", False):
                    import openpyxl
                    wb = openpyxl.load_workbook(os.path.join(SAMPLES_DIR, s + ".xlsx"))
                    wb.save(out)
                else:
                    p.write(out)
            except Exception as e:
                man["packages"]["%s__%s" % (vname, s)] = {"error": "generation: %r" % e}
                print("GENFAIL", vname, s, repr(e))
                continue
            probs, got = verify(out, man["samples"][s])
            man["packages"]["%s__%s" % (vname, s)] = {"variant": vname, "sample": s, "file": out,
                                                     "expected_total": man["samples"][s], "check_total": got,
                                                     "verify_problems": probs}
            print(("OK  " if not probs else "PROB"), vname, s, "; ".join(probs))
    mp = os.path.join(OUT, "manifest.json")
    if only and os.path.exists(mp):
        old = json.load(open(mp))
        old["variants"].update(man["variants"])
        old["packages"].update(man["packages"])
        man = old
    json.dump(man, open(mp, "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
