package workbook_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/selfeval/selfeval/workbook"
	"github.com/xuri/excelize/v2"
)

// TestDirectHostileInputs builds, by editing the parts of a sample form as
// other programs and people leave them, workbooks the write-back was not
// made from — names scoped to sheets after the form sheet, an active tab
// after it, a calculation chain, formula cells missing, empty rows, an extra
// sheet with <sheetData/>, texts stored inline, a result sheet a person
// renamed or moved — and scores each twice. The package it leaves must be
// what a spreadsheet program and an independent reader expect
// (checkPackage), and the case's own expectation must hold.
func TestDirectHostileInputs(t *testing.T) {
	const sample = "../samples/mof2020-liaison.xlsx"
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			src := readZip(t, sample)
			if tc.edit != nil {
				tc.edit(t, src)
			}
			in := filepath.Join(dir, "in.xlsx")
			src.write(t, in)
			before := readZip(t, in)
			a := filepath.Join(dir, "scored.xlsx")
			src.write(t, a)
			for round := 1; round <= 2; round++ {
				scoreWith(t, a, true, false)
				z := readZip(t, a)
				for _, problem := range checkPackage(z) {
					t.Errorf("round %d: %s", round, problem)
				}
				if tc.check != nil {
					for _, problem := range tc.check(before, z) {
						t.Errorf("round %d: %s", round, problem)
					}
				}
				if tc.between != nil && round == 1 {
					z := readZip(t, a)
					tc.between(t, z)
					z.write(t, a)
					before = readZip(t, a)
				}
			}
		})
	}
}

type hostileCase struct {
	name string
	edit func(t *testing.T, z *zipFiles)
	// between edits both scored files after the first score.
	between func(t *testing.T, z *zipFiles)
	// check lists what is wrong in the scored package, given the input.
	check func(before, after *zipFiles) []string
}

const (
	formPart = "xl/worksheets/sheet1.xml"
	wbPart   = "xl/workbook.xml"
	wbRels   = "xl/_rels/workbook.xml.rels"
	ctPart   = "[Content_Types].xml"
)

func hostileCases() []hostileCase {
	return []hostileCase{
		{
			name: "names-scoped-after-form",
			edit: func(t *testing.T, z *zipFiles) {
				z.replace(t, wbPart, `</definedNames>`,
					`<definedName localSheetId="1" name="ListsLocal">'_lists'!$A$1:$A$2</definedName>`+
						`<definedName localSheetId="2" name="StampLocal">'_selfeval'!$A$1</definedName>`+
						`<definedName localSheetId="0" name="FormLocal">'自评表'!$C$3</definedName></definedNames>`)
			},
			check: func(_, after *zipFiles) []string { return scopedNamesAgree(after) },
		},
		{
			name: "active-tab-after-form",
			edit: func(t *testing.T, z *zipFiles) {
				addSheet(t, z, "附注", `<sheetData/>`)
				z.replace(t, wbPart, `<workbookView `, `<workbookView activeTab="3" firstSheet="0" `)
				z.replace(t, formPart, `tabSelected="true" `, ``)
			},
			check: func(_, after *zipFiles) []string {
				return activeTabIs(after, "附注")
			},
		},
		{
			name: "calc-chain",
			edit: func(t *testing.T, z *zipFiles) {
				var b strings.Builder
				b.WriteString(xml.Header + `<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
				for i, ref := range formulaCells(t, z.data[formPart]) {
					if i == 0 {
						fmt.Fprintf(&b, `<c r="%s" i="1"/>`, ref)
					} else {
						fmt.Fprintf(&b, `<c r="%s"/>`, ref)
					}
				}
				b.WriteString(`</calcChain>`)
				z.add("xl/calcChain.xml", []byte(b.String()))
				z.replace(t, wbRels, `</Relationships>`, `<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>`)
				z.replace(t, ctPart, `</Types>`, `<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>`)
			},
		},
		{
			name: "formula-cells-missing",
			edit: func(t *testing.T, z *zipFiles) {
				s := string(z.data[formPart])
				n := 0
				s = formulaCell.ReplaceAllStringFunc(s, func(string) string { n++; return "" })
				if n < 5 {
					t.Fatalf("removed %d formula cells, want the sample's computed cells", n)
				}
				z.data[formPart] = []byte(s)
			},
		},
		{
			name: "rows-without-cells",
			edit: func(t *testing.T, z *zipFiles) {
				z.replace(t, formPart, `</sheetData>`, `<row r="35"/><row r="36" ht="30" customHeight="1"/><row r="60"></row></sheetData>`)
			},
		},
		{
			name: "inline-strings",
			edit: func(t *testing.T, z *zipFiles) {
				sst := sharedStrings(t, z.data["xl/sharedStrings.xml"])
				s := sharedCell.ReplaceAllStringFunc(string(z.data[formPart]), func(m string) string {
					p := sharedCell.FindStringSubmatch(m)
					i, _ := strconv.Atoi(p[3])
					return `<c r="` + p[1] + `"` + p[2] + ` t="inlineStr"><is><t xml:space="preserve">` + xmlEscape(sst[i]) + `</t></is></c>`
				})
				z.data[formPart] = []byte(s)
			},
		},
		{
			name: "result-sheet-renamed",
			between: func(t *testing.T, z *zipFiles) {
				z.replace(t, wbPart, `name="`+workbook.ResultSheet+`"`, `name="旧结果"`)
			},
			check: func(before, after *zipFiles) []string {
				bad := resultRightAfterForm(after)
				for _, s := range sheetsOf(before) {
					if s.name == "旧结果" && !hasSheet(after, "旧结果") {
						bad = append(bad, "the renamed old result sheet 旧结果 is gone")
					}
				}
				return bad
			},
		},
		{
			name: "result-sheet-moved",
			between: func(t *testing.T, z *zipFiles) {
				s := string(z.data[wbPart])
				m := regexp.MustCompile(`<sheet name="` + workbook.ResultSheet + `"[^>]*?(/>|></sheet>)`).FindString(s)
				if m == "" {
					t.Fatalf("no %s sheet in %s", workbook.ResultSheet, s)
				}
				s = strings.Replace(s, m, "", 1)
				s = strings.Replace(s, `</sheets>`, m+`</sheets>`, 1)
				z.data[wbPart] = []byte(s)
			},
			check: func(_, after *zipFiles) []string { return oneResultSheet(after) },
		},
		{
			name: "picture-on-form",
			edit: func(t *testing.T, z *zipFiles) {
				addPicture(t, z)
			},
			check: func(_, after *zipFiles) []string {
				ws := parseXML(after.data[formPart])
				rels := parseXML(after.data[relsPart(formPart)])
				if ws == nil || rels == nil {
					return []string{"the form sheet has no relationships"}
				}
				for _, d := range ws.all("drawing") {
					id, _ := d.attr("id")
					for _, r := range rels.all("Relationship") {
						if rid, _ := r.attr("Id"); rid == id {
							tg, _ := r.attr("Target")
							if resolve(formPart, tg) == "xl/drawings/drawing1.xml" && after.data["xl/media/image1.png"] != nil {
								return nil
							}
						}
					}
				}
				return []string{"the picture is gone from the form sheet"}
			},
		},
		{
			name: "form-not-first",
			edit: func(t *testing.T, z *zipFiles) {
				addSheet(t, z, "填表说明", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>请如实填写。</t></is></c></row></sheetData>`)
				s := string(z.data[wbPart])
				m := regexp.MustCompile(`<sheet name="填表说明"[^>]*/>`).FindString(s)
				s = strings.Replace(s, m, "", 1)
				s = strings.Replace(s, `<sheets>`, `<sheets>`+m, 1)
				// Every sheet index moves one on.
				s = regexp.MustCompile(`localSheetId="(\d+)"`).ReplaceAllStringFunc(s, func(a string) string {
					n, _ := strconv.Atoi(regexp.MustCompile(`\d+`).FindString(a))
					return fmt.Sprintf(`localSheetId="%d"`, n+1)
				})
				s = strings.Replace(s, `</definedNames>`, `<definedName localSheetId="0" name="Intro">'填表说明'!$A$1</definedName><definedName localSheetId="2" name="ListsLocal">'_lists'!$A$1</definedName></definedNames>`, 1)
				s = strings.Replace(s, `<workbookView `, `<workbookView activeTab="1" `, 1)
				z.data[wbPart] = []byte(s)
				z.replace(t, "xl/worksheets/sheet9.xml", `tabSelected="1" `, ``)
			},
			check: func(_, after *zipFiles) []string {
				bad := scopedNamesAgree(after)
				bad = append(bad, activeTabIs(after, "自评表")...)
				sheets := sheetsOf(after)
				if len(sheets) < 3 || sheets[1].name != "自评表" || sheets[2].name != workbook.ResultSheet {
					bad = append(bad, fmt.Sprintf("sheets %v, want the result sheet right after the form", sheets))
				}
				return bad
			},
		},
		{
			name: "person-note-after-score",
			between: func(t *testing.T, z *zipFiles) {
				// A person adds a note of their own to C3 in a spreadsheet
				// program, which writes it with its own shape.
				var cm, vml string
				for _, n := range z.names {
					switch {
					case strings.HasPrefix(n, "xl/comments"):
						cm = n
					case strings.HasSuffix(n, ".vml"):
						vml = n
					}
				}
				if cm == "" || vml == "" {
					t.Fatalf("no notes after the first score: %v", z.names)
				}
				z.replace(t, cm, `</commentList>`, `<comment ref="C3" authorId="0"><text><r><t>请核对项目全称。</t></r></text></comment></commentList>`)
				z.replace(t, vml, `</xml>`, `<v:shape id="_x0000_s2049" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:108pt;height:59pt;z-index:9;visibility:hidden" fillcolor="#ffffe1"><v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>3, 15, 1, 2, 5, 15, 5, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>2</x:Row><x:Column>2</x:Column></x:ClientData></v:shape></xml>`)
			},
			check: func(before, after *zipFiles) []string {
				if !hasNoteAt(before, "C3") || hasNoteAt(after, "C3") {
					return nil
				}
				return []string{"the person's note at C3 is gone"}
			},
		},
		{
			name: "pretty-printed",
			edit: func(t *testing.T, z *zipFiles) {
				// Line breaks and indentation between elements, as XML
				// tools and some exporters write them.
				for _, part := range []string{formPart, wbPart, wbRels, ctPart, "xl/styles.xml"} {
					z.data[part] = afterElement.ReplaceAll(z.data[part], []byte("$1\r\n  <"))
				}
			},
		},
		{
			name: "prefixed-sheet",
			edit: func(t *testing.T, z *zipFiles) {
				// The main namespace under a prefix, as some generators
				// write it.
				s := string(z.data[formPart])
				s = strings.Replace(s, `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, 1)
				s = anyTag.ReplaceAllString(s, "<${1}x:${2}")
				z.data[formPart] = []byte(s)
			},
		},
		{
			name: "sheet-name-quotes",
			edit: func(t *testing.T, z *zipFiles) {
				const name = "O'Neil & 表"
				z.replace(t, wbPart, `name="自评表"`, `name="`+xmlEscape(name)+`"`)
				z.data[wbPart] = bytes.ReplaceAll(z.data[wbPart], []byte(`&#39;自评表&#39;!`), []byte(xmlEscape(`'O''Neil & 表'!`)))
				z.replace(t, "docProps/custom.xml", `<vt:lpwstr>自评表</vt:lpwstr>`, `<vt:lpwstr>`+xmlEscape(name)+`</vt:lpwstr>`)
			},
			check: func(_, after *zipFiles) []string {
				if hasSheet(after, "O'Neil & 表") {
					return nil
				}
				return []string{"the form sheet lost its name"}
			},
		},
		{
			name: "excel-tail",
			edit: func(t *testing.T, z *zipFiles) {
				// What Excel writes after the print settings: header and
				// footer pictures and extensions (x14 validations).
				z.replace(t, formPart, `</worksheet>`, `<legacyDrawingHF r:id="rIdHF"/><extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/></ext></extLst></worksheet>`)
				z.add("xl/drawings/vmlDrawingHF1.vml", []byte(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><v:shape id="CH" style="position:absolute;width:30pt;height:15pt"/></xml>`))
				z.add(relsPart(formPart), []byte(xml.Header+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdHF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawingHF1.vml"/></Relationships>`))
				z.replace(t, ctPart, `</Types>`, `<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/></Types>`)
			},
			check: func(_, after *zipFiles) []string {
				ws := string(after.data[formPart])
				if !strings.Contains(ws, "legacyDrawingHF") || !strings.Contains(ws, "x14:dataValidations") {
					return []string{"the header picture or the extension is gone from the form sheet"}
				}
				return nil
			},
		},
		{
			name: "person-highlight-and-link",
			edit: func(t *testing.T, z *zipFiles) {
				// A person's own highlight (with its format) and link on the
				// form sheet.
				z.replace(t, "xl/styles.xml", `<dxfs count="0"></dxfs>`, `<dxfs count="1"><dxf><font><b/></font></dxf></dxfs>`)
				z.replace(t, formPart, `<dataValidations`, `<conditionalFormatting sqref="C13:C32"><cfRule type="containsBlanks" dxfId="0" priority="1"><formula>LEN(TRIM(C13))=0</formula></cfRule></conditionalFormatting><dataValidations`)
				z.replace(t, formPart, `<printOptions`, `<hyperlinks><hyperlink ref="A2" location="'_lists'!A1" display="lists"/></hyperlinks><printOptions`)
			},
			check: func(_, after *zipFiles) []string {
				var bad []string
				ws := string(after.data[formPart])
				if !strings.Contains(ws, `sqref="C13:C32"`) || !strings.Contains(ws, "containsBlanks") {
					bad = append(bad, "the person's highlight is gone")
				}
				for _, h := range parseXML(after.data[formPart]).all("hyperlink") {
					if loc, _ := h.attr("location"); loc == "'_lists'!A1" {
						return bad
					}
				}
				return append(bad, "the person's link is gone")
			},
		},
	}
}

// ---- the zip being edited

type zipFiles struct {
	names []string
	data  map[string][]byte
	dates map[string]time.Time // as read; not written by write
}

func readZip(t *testing.T, p string) *zipFiles {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	z := &zipFiles{data: map[string][]byte{}, dates: map[string]time.Time{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %s: %v", p, f.Name, err)
		}
		z.names = append(z.names, f.Name)
		z.data[f.Name] = b
		z.dates[f.Name] = f.Modified
	}
	return z
}

func (z *zipFiles) write(t *testing.T, p string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range z.names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(z.data[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (z *zipFiles) add(name string, b []byte) {
	if _, ok := z.data[name]; !ok {
		z.names = append(z.names, name)
	}
	z.data[name] = b
}

// replace replaces the first old in a part, which must hold it.
func (z *zipFiles) replace(t *testing.T, part, old, new string) {
	t.Helper()
	s := string(z.data[part])
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", part, old)
	}
	z.data[part] = []byte(strings.Replace(s, old, new, 1))
}

// addSheet appends a visible worksheet with the given body.
func addSheet(t *testing.T, z *zipFiles, name, body string) {
	t.Helper()
	part := "xl/worksheets/sheet9.xml"
	z.add(part, []byte(xml.Header+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>`+body+`</worksheet>`))
	z.replace(t, wbRels, `</Relationships>`, `<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet9.xml"/></Relationships>`)
	z.replace(t, ctPart, `</Types>`, `<Override PartName="/xl/worksheets/sheet9.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	z.replace(t, wbPart, `</sheets>`, `<sheet name="`+name+`" sheetId="9" r:id="rId99"/></sheets>`)
}

// addPicture puts a picture on the form sheet, as a spreadsheet program
// saves one: a drawing part with its own relationships and the image.
func addPicture(t *testing.T, z *zipFiles) {
	t.Helper()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")
	z.add("xl/media/image1.png", png)
	z.add("xl/drawings/drawing1.xml", []byte(xml.Header+`<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><xdr:oneCellAnchor><xdr:from><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="571500" cy="285750"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="1" name="Image 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>`))
	z.add("xl/drawings/_rels/drawing1.xml.rels", []byte(xml.Header+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image1.png"/></Relationships>`))
	z.add(relsPart(formPart), []byte(xml.Header+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>`))
	z.replace(t, formPart, `</worksheet>`, `<drawing r:id="rIdPic"/></worksheet>`)
	z.replace(t, ctPart, `</Types>`, `<Default Extension="png" ContentType="image/png"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`)
}

var (
	afterElement = regexp.MustCompile(`(</[^>]+>|/>)<`)
	anyTag       = regexp.MustCompile(`<(/?)([A-Za-z][A-Za-z0-9]*[\s>/])`)
	formulaCell  = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>(<v>[^<]*</v>)?</c>`)
	sharedCell   = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="s"><v>([0-9]+)</v></c>`)
)

func formulaCells(t *testing.T, sheet []byte) []string {
	t.Helper()
	var refs []string
	for _, m := range formulaCell.FindAllStringSubmatch(string(sheet), -1) {
		refs = append(refs, m[1])
	}
	if len(refs) == 0 {
		t.Fatal("no formula cells in the form sheet")
	}
	return refs
}

func sharedStrings(t *testing.T, data []byte) []string {
	t.Helper()
	root := parseXML(data)
	if root == nil {
		t.Fatal("sharedStrings.xml does not parse")
	}
	var out []string
	for _, si := range root.all("si") {
		var b strings.Builder
		si.walk(func(n *xnode) {
			if n.XMLName.Local == "t" {
				b.WriteString(n.Text)
			}
		})
		out = append(out, b.String())
	}
	return out
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// ---- a small independent reader of the parts

type xnode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xnode    `xml:",any"`
	Text    string     `xml:",chardata"`
}

func parseXML(b []byte) *xnode {
	b = decoded(b)
	var n xnode
	if err := xml.Unmarshal(b, &n); err != nil {
		return nil
	}
	return &n
}

func (n *xnode) attr(local string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (n *xnode) walk(f func(*xnode)) {
	if n == nil {
		return
	}
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

func (n *xnode) all(local string) []*xnode {
	var out []*xnode
	n.walk(func(c *xnode) {
		if c.XMLName.Local == local {
			out = append(out, c)
		}
	})
	return out
}

type wbSheet struct{ name, id, rid, state, part string }

// sheetsOf lists the workbook's sheets with their parts.
func sheetsOf(z *zipFiles) []wbSheet {
	wb, rels := parseXML(z.data[wbPart]), parseXML(z.data[wbRels])
	if wb == nil || rels == nil {
		return nil
	}
	target := map[string]string{}
	for _, r := range rels.all("Relationship") {
		id, _ := r.attr("Id")
		tg, _ := r.attr("Target")
		target[id] = resolve("xl/workbook.xml", tg)
	}
	var out []wbSheet
	for _, s := range wb.all("sheet") {
		var w wbSheet
		w.name, _ = s.attr("name")
		w.id, _ = s.attr("sheetId")
		w.rid, _ = s.attr("id")
		w.state, _ = s.attr("state")
		w.part = target[w.rid]
		out = append(out, w)
	}
	return out
}

func resolve(from, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Clean(path.Join(path.Dir(from), target))
}

func relsPart(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// checkPackage lists what a spreadsheet program would repair or an
// independent reader would stumble over: parts that do not parse, parts
// without a content type, relationships to missing parts, sheet indexes out
// of range, cells out of order, style indexes beyond the lists, notes
// without a shape, a calculation chain naming cells without formulas.
func checkPackage(z *zipFiles) []string {
	var bad []string
	for _, n := range z.names {
		if strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels") || strings.HasSuffix(n, ".vml") {
			if parseXML(z.data[n]) == nil {
				bad = append(bad, n+" is not well-formed XML")
			}
		}
	}
	// Content types.
	ct := parseXML(z.data[ctPart])
	if ct == nil {
		return append(bad, "no [Content_Types].xml")
	}
	defaults, overrides := map[string]bool{}, map[string]bool{}
	for _, d := range ct.all("Default") {
		e, _ := d.attr("Extension")
		defaults[strings.ToLower(e)] = true
	}
	for _, o := range ct.all("Override") {
		p, _ := o.attr("PartName")
		p = strings.TrimPrefix(p, "/")
		if _, ok := z.data[p]; !ok {
			bad = append(bad, "content type for a missing part "+p)
		}
		overrides[p] = true
	}
	for _, n := range z.names {
		if n == ctPart || strings.HasSuffix(n, "/") {
			continue
		}
		if !overrides[n] && !defaults[strings.ToLower(strings.TrimPrefix(path.Ext(n), "."))] {
			bad = append(bad, "no content type for "+n)
		}
	}
	// Relationships.
	for _, n := range z.names {
		if !strings.HasSuffix(n, ".rels") {
			continue
		}
		from := path.Join(path.Dir(path.Dir(n)), strings.TrimSuffix(path.Base(n), ".rels"))
		ids := map[string]bool{}
		for _, r := range parseXML(z.data[n]).all("Relationship") {
			id, _ := r.attr("Id")
			if ids[id] {
				bad = append(bad, fmt.Sprintf("%s: relationship id %s twice", n, id))
			}
			ids[id] = true
			if m, _ := r.attr("TargetMode"); m == "External" {
				continue
			}
			tg, _ := r.attr("Target")
			if _, ok := z.data[resolve(from, tg)]; !ok {
				bad = append(bad, fmt.Sprintf("%s: %s points to missing %s", n, id, resolve(from, tg)))
			}
		}
	}
	// Workbook: names, ids and indexes.
	sheets := sheetsOf(z)
	names, ids := map[string]bool{}, map[string]bool{}
	for _, s := range sheets {
		if names[strings.ToLower(s.name)] || ids[s.id] {
			bad = append(bad, fmt.Sprintf("sheet name %q or id %s twice", s.name, s.id))
		}
		names[strings.ToLower(s.name)], ids[s.id] = true, true
		if _, ok := z.data[s.part]; !ok {
			bad = append(bad, fmt.Sprintf("sheet %q has no part", s.name))
		}
	}
	wb := parseXML(z.data[wbPart])
	for _, dn := range wb.all("definedName") {
		if v, ok := dn.attr("localSheetId"); ok {
			if i, err := strconv.Atoi(v); err != nil || i >= len(sheets) {
				bad = append(bad, "definedName localSheetId out of range: "+v)
			}
		}
	}
	for _, v := range wb.all("workbookView") {
		if a, ok := v.attr("activeTab"); ok {
			i, err := strconv.Atoi(a)
			if err != nil || i >= len(sheets) {
				bad = append(bad, "activeTab out of range: "+a)
			} else if st := sheets[i].state; st == "hidden" || st == "veryHidden" {
				bad = append(bad, fmt.Sprintf("activeTab %d is the %s sheet %s", i, st, sheets[i].name))
			}
		}
	}
	// Styles.
	st := parseXML(z.data["xl/styles.xml"])
	count := map[string]int{}
	if st != nil {
		for _, list := range []string{"numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"} {
			for _, l := range st.all(list) {
				// The entries: a list's other elements take no index.
				n := 0
				for _, c := range l.Nodes {
					if c.XMLName.Local == styleEntry[list] {
						n++
					}
				}
				count[list] = n
				if c, ok := l.attr("count"); ok && c != strconv.Itoa(n) {
					bad = append(bad, fmt.Sprintf("styles.xml: %s count=%s, %d elements", list, c, n))
				}
			}
		}
		for _, xf := range st.all("xf") {
			for attr, list := range map[string]string{"fontId": "fonts", "fillId": "fills", "borderId": "borders"} {
				if v, ok := xf.attr(attr); ok {
					if i, _ := strconv.Atoi(v); i >= count[list] {
						bad = append(bad, fmt.Sprintf("styles.xml: xf %s=%s of %d", attr, v, count[list]))
					}
				}
			}
		}
	}
	// Worksheets: cell order, styles, notes.
	formulas := map[string]map[string]bool{} // sheetId → refs with formulas
	for _, s := range sheets {
		ws := parseXML(z.data[s.part])
		if ws == nil {
			continue
		}
		formulas[s.id] = map[string]bool{}
		last := -1
		for _, c := range ws.Nodes {
			i, ok := worksheetOrder[c.XMLName.Local]
			if !ok {
				bad = append(bad, fmt.Sprintf("%s: unknown element <%s> in the worksheet", s.name, c.XMLName.Local))
				continue
			}
			if i <= last && c.XMLName.Local != "conditionalFormatting" {
				bad = append(bad, fmt.Sprintf("%s: <%s> out of the schema's order or twice", s.name, c.XMLName.Local))
			}
			last = i
		}
		lastRow := 0
		for _, row := range ws.all("row") {
			r, ok := row.attr("r")
			rn, err := strconv.Atoi(r)
			if !ok { // numbered by its place
				rn, err, r = lastRow+1, nil, "(after)"
			}
			if err != nil || rn <= lastRow {
				bad = append(bad, fmt.Sprintf("%s: row %s after row %d", s.name, r, lastRow))
			}
			lastRow = rn
			lastCol := 0
			for i := range row.Nodes {
				c := &row.Nodes[i]
				if c.XMLName.Local != "c" {
					continue
				}
				ref, ok := c.attr("r")
				if !ok { // numbered by its place
					ref, _ = excelize.CoordinatesToCellName(lastCol+1, rn)
				}
				col, crow, err := excelize.CellNameToCoordinates(ref)
				if err != nil || crow != rn || col <= lastCol {
					bad = append(bad, fmt.Sprintf("%s: cell %s out of order in row %d (after column %d)", s.name, ref, rn, lastCol))
				}
				lastCol = col
				if v, ok := c.attr("s"); ok {
					if i, _ := strconv.Atoi(v); i >= count["cellXfs"] {
						bad = append(bad, fmt.Sprintf("%s!%s: style %s of %d", s.name, ref, v, count["cellXfs"]))
					}
				}
				if len(c.all("f")) > 0 {
					formulas[s.id][ref] = true
				}
			}
		}
		for _, h := range ws.all("hyperlink") {
			loc, ok := h.attr("location")
			if !ok {
				continue
			}
			sheet, _, found := strings.Cut(loc, "!")
			if strings.HasPrefix(sheet, "'") {
				sheet = strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(sheet, "'"), "'"), "''", "'")
			}
			if !found || !names[strings.ToLower(sheet)] {
				bad = append(bad, fmt.Sprintf("%s: link to %q, no such sheet", s.name, loc))
			}
		}
		for _, r := range ws.all("cfRule") {
			if v, ok := r.attr("dxfId"); ok {
				if i, _ := strconv.Atoi(v); i >= count["dxfs"] {
					bad = append(bad, fmt.Sprintf("%s: conditional format dxfId %s of %d", s.name, v, count["dxfs"]))
				}
			}
		}
		bad = append(bad, checkNotes(z, s, ws)...)
	}
	// Calculation chain.
	if cc := parseXML(z.data["xl/calcChain.xml"]); cc != nil {
		i := ""
		for _, c := range cc.all("c") {
			if v, ok := c.attr("i"); ok {
				i = v
			}
			ref, _ := c.attr("r")
			if !formulas[i][ref] {
				bad = append(bad, fmt.Sprintf("calcChain names %s of sheet %s, which has no formula", ref, i))
			}
		}
	}
	return bad
}

// styleEntry is the element of each list of styles.xml.
var styleEntry = map[string]string{"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border",
	"cellStyleXfs": "xf", "cellXfs": "xf", "cellStyles": "cellStyle", "dxfs": "dxf"}

// worksheetOrder is the order of a worksheet's elements (CT_Worksheet):
// Excel repairs a sheet whose elements are out of it.
var worksheetOrder = func() map[string]int {
	m := map[string]int{}
	for i, n := range strings.Fields(`sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr
		sheetProtection protectedRanges scenarios autoFilter sortState dataConsolidate customSheetViews
		mergeCells phoneticPr conditionalFormatting dataValidations hyperlinks printOptions pageMargins
		pageSetup headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags
		drawing legacyDrawing legacyDrawingHF drawingHF picture oleObjects controls webPublishItems
		tableParts extLst`) {
		m[n] = i
	}
	return m
}()

var vmlAnchor = regexp.MustCompile(`(?s)<(?:\w+:)?Row>(\d+)</(?:\w+:)?Row>\s*<(?:\w+:)?Column>(\d+)</(?:\w+:)?Column>`)

// checkNotes: each note of a sheet once, and each with one VML shape at its
// cell.
func checkNotes(z *zipFiles, s wbSheet, ws *xnode) []string {
	var bad []string
	rels := parseXML(z.data[relsPart(s.part)])
	if rels == nil {
		return nil
	}
	byID := map[string]string{}
	var comments string
	for _, r := range rels.all("Relationship") {
		id, _ := r.attr("Id")
		tg, _ := r.attr("Target")
		typ, _ := r.attr("Type")
		byID[id] = resolve(s.part, tg)
		if strings.HasSuffix(typ, "/comments") {
			comments = resolve(s.part, tg)
		}
	}
	if comments == "" {
		return nil
	}
	var vml string
	for _, ld := range ws.all("legacyDrawing") {
		id, _ := ld.attr("id")
		vml = byID[id]
	}
	refs := map[string]int{}
	if cm := parseXML(z.data[comments]); cm != nil {
		for _, c := range cm.all("comment") {
			ref, _ := c.attr("ref")
			refs[ref]++
		}
	}
	for ref, n := range refs {
		if n != 1 {
			bad = append(bad, fmt.Sprintf("%s: %d notes at %s", s.name, n, ref))
		}
	}
	if vml == "" {
		return append(bad, s.name+": notes without a legacyDrawing")
	}
	shapes := map[string]int{}
	for _, m := range vmlAnchor.FindAllStringSubmatch(string(z.data[vml]), -1) {
		r, _ := strconv.Atoi(m[1])
		c, _ := strconv.Atoi(m[2])
		ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
		shapes[ref]++
	}
	for ref := range refs {
		if shapes[ref] != 1 {
			bad = append(bad, fmt.Sprintf("%s: note at %s has %d shapes", s.name, ref, shapes[ref]))
		}
	}
	for ref := range shapes {
		if refs[ref] == 0 {
			bad = append(bad, fmt.Sprintf("%s: a note shape at %s without a note", s.name, ref))
		}
	}
	return bad
}

// ---- the cases' own expectations

var quotedSheet = regexp.MustCompile(`^'?([^'!]+)'?!`)

// scopedNamesAgree: each sheet-scoped name is scoped to the sheet its
// formula names.
func scopedNamesAgree(z *zipFiles) []string {
	var bad []string
	sheets := sheetsOf(z)
	seen := 0
	for _, dn := range parseXML(z.data[wbPart]).all("definedName") {
		v, ok := dn.attr("localSheetId")
		if !ok {
			continue
		}
		name, _ := dn.attr("name")
		i, _ := strconv.Atoi(v)
		m := quotedSheet.FindStringSubmatch(dn.Text)
		if m == nil || i >= len(sheets) {
			continue
		}
		seen++
		if sheets[i].name != m[1] {
			bad = append(bad, fmt.Sprintf("name %s refers to %s but is scoped to sheet %d, %s", name, m[1], i, sheets[i].name))
		}
	}
	if seen < 3 {
		bad = append(bad, fmt.Sprintf("%d sheet-scoped names left, want the 3 added and the print area", seen))
	}
	return bad
}

func hasSheet(z *zipFiles, name string) bool {
	for _, s := range sheetsOf(z) {
		if s.name == name {
			return true
		}
	}
	return false
}

func hasNoteAt(z *zipFiles, ref string) bool {
	for _, n := range z.names {
		if strings.HasPrefix(n, "xl/comments") && strings.Contains(string(z.data[n]), `ref="`+ref+`"`) {
			return true
		}
	}
	return false
}

func activeTabIs(z *zipFiles, want string) []string {
	sheets := sheetsOf(z)
	for _, v := range parseXML(z.data[wbPart]).all("workbookView") {
		a, _ := v.attr("activeTab")
		i, _ := strconv.Atoi(a)
		if i >= len(sheets) || sheets[i].name != want {
			var names []string
			for _, s := range sheets {
				names = append(names, s.name)
			}
			return []string{fmt.Sprintf("activeTab=%q in %v, want %s", a, names, want)}
		}
	}
	return nil
}

func oneResultSheet(z *zipFiles) []string {
	n := 0
	var names []string
	for _, s := range sheetsOf(z) {
		names = append(names, s.name)
		if s.name == workbook.ResultSheet {
			n++
		}
	}
	if n != 1 {
		return []string{fmt.Sprintf("%d %s sheets in %v", n, workbook.ResultSheet, names)}
	}
	return nil
}

// resultRightAfterForm: the result sheet follows the form sheet, and a
// renamed old one stays.
func resultRightAfterForm(z *zipFiles) []string {
	bad := oneResultSheet(z)
	sheets := sheetsOf(z)
	var names []string
	for _, s := range sheets {
		names = append(names, s.name)
	}
	sort.Strings(names)
	if len(sheets) < 2 || sheets[1].name != workbook.ResultSheet {
		bad = append(bad, fmt.Sprintf("sheets %v, want %s second", names, workbook.ResultSheet))
	}
	return bad
}
