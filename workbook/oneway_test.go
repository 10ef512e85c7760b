package workbook_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
)

// The write-back of a person's file, case by case: each case edits the
// package of a sample form as some program or person leaves it, scores it
// twice, and checks the package after each score and that the second score
// changed no byte of any part.

type onewayCase struct {
	name  string
	edit  func(t *testing.T, z *zipFiles)
	check func(before, after *zipFiles) []string
}

func TestWriteBackCases(t *testing.T) {
	for _, tc := range onewayCases() {
		t.Run(tc.name, func(t *testing.T) {
			runOneway(t, "../samples/mof2020-liaison.xlsx", tc)
		})
	}
}

// runOneway returns the path of the scored package.
func runOneway(t *testing.T, sample string, tc onewayCase) string {
	t.Helper()
	dir := t.TempDir()
	z := readZip(t, sample)
	if tc.edit != nil {
		tc.edit(t, z)
	}
	in := filepath.Join(dir, "in.xlsx")
	z.write(t, in)
	before := readZip(t, in)
	var first *zipFiles
	for round := 1; round <= 2; round++ {
		scoreWith(t, in, true, false)
		after := readZip(t, in)
		for _, p := range packageProblems(after) {
			t.Errorf("round %d: %s", round, p)
		}
		for _, n := range after.names {
			// A part the score wrote is dated: the DOS date 0 is no day.
			if old, ok := before.data[n]; (!ok || !bytes.Equal(old, after.data[n])) && after.dates[n].Year() < 1980 {
				t.Errorf("round %d: %s, written by the score, is dated %v", round, n, after.dates[n])
			}
		}
		if tc.check != nil {
			for _, p := range tc.check(before, after) {
				t.Errorf("round %d: %s", round, p)
			}
		}
		if round == 1 {
			first = after
			continue
		}
		for _, d := range partsDiffer(first, after) {
			t.Errorf("the second score changed %s", d)
		}
	}
	return in
}

// packageProblems is checkPackage with what an independent zip reader
// checks: no two entries with one name, every XML part well-formed by
// encoding/xml's own decoder (not only unmarshalled).
func packageProblems(z *zipFiles) (bad []string) {
	func() {
		defer func() {
			if r := recover(); r != nil {
				bad = append(bad, fmt.Sprintf("the package does not read: %v", r))
			}
		}()
		bad = checkPackage(z)
	}()
	seen := map[string]bool{}
	for _, n := range z.names {
		if seen[strings.ToLower(n)] {
			bad = append(bad, "two zip entries named "+n)
		}
		seen[strings.ToLower(n)] = true
		if ext := strings.ToLower(filepath.Ext(n)); ext == ".xml" || ext == ".rels" || ext == ".vml" {
			if err := wellFormed(z.data[n]); err != nil {
				bad = append(bad, fmt.Sprintf("%s is not well-formed: %v", n, err))
			}
		}
	}
	return bad
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(decoded(b)))
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		// What encoding/xml lets pass and XML parsers refuse: a prefix
		// bound to nothing (left as the prefix, with no ':' of a URI) and
		// an attribute twice.
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Space != "" && !strings.Contains(se.Name.Space, ":") {
				return fmt.Errorf("unbound prefix %s in <%s>", se.Name.Space, se.Name.Local)
			}
			seen := map[xml.Name]bool{}
			for _, a := range se.Attr {
				if seen[a.Name] {
					return fmt.Errorf("attribute %s twice in <%s>", a.Name.Local, se.Name.Local)
				}
				seen[a.Name] = true
				if a.Name.Space != "" && a.Name.Space != "xmlns" && a.Name.Space != "xml" && !strings.Contains(a.Name.Space, ":") {
					return fmt.Errorf("unbound prefix %s on %s in <%s>", a.Name.Space, a.Name.Local, se.Name.Local)
				}
			}
		}
	}
}

// partsDiffer names the parts that differ between two packages.
func partsDiffer(a, b *zipFiles) []string {
	var out []string
	for _, n := range a.names {
		if bb, ok := b.data[n]; !ok {
			out = append(out, n+" (gone)")
		} else if !bytes.Equal(a.data[n], bb) {
			out = append(out, n+": "+firstDiff(a.data[n], bb))
		}
	}
	for _, n := range b.names {
		if _, ok := a.data[n]; !ok {
			out = append(out, n+" (new)")
		}
	}
	return out
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-60)
	return fmt.Sprintf("at byte %d: %q → %q", i, a[lo:min(len(a), i+60)], b[lo:min(len(b), i+60)])
}

const nsZ = ` xmlns:z="urn:selfeval-test"`

func onewayCases() []onewayCase {
	return []onewayCase{
		{name: "sample"},
		{
			// Single-quoted attributes holding a double quote, in the
			// workbook, on every row and every cell format.
			name: "single-quoted-attributes",
			edit: func(t *testing.T, z *zipFiles) {
				z.replace(t, wbPart, `</definedNames>`, `<definedName localSheetId="1" name="Quoted" z:n='a"b' comment='say "hi"'>'_lists'!$A$1</definedName></definedNames>`)
				z.replace(t, wbPart, `<workbook `, `<workbook`+nsZ+` `)
				z.replace(t, formPart, `<worksheet `, `<worksheet`+nsZ+` `)
				z.data[formPart] = regexp.MustCompile(`<row r="(\d+)"`).ReplaceAll(z.data[formPart], []byte(`<row r="$1" z:n='row "$1"'`))
				z.replace(t, "xl/styles.xml", `<styleSheet `, `<styleSheet`+nsZ+` `)
				z.data["xl/styles.xml"] = bytes.ReplaceAll(z.data["xl/styles.xml"], []byte(`<xf `), []byte(`<xf z:n='x"y' `))
			},
			check: func(_, after *zipFiles) []string {
				var bad []string
				for _, dn := range parseXML(after.data[wbPart]).all("definedName") {
					if n, _ := dn.attr("name"); n == "Quoted" {
						if c, _ := dn.attr("comment"); c != `say "hi"` {
							bad = append(bad, fmt.Sprintf("the name's comment is %q", c))
						}
					}
				}
				return bad
			},
		},
		{
			// A header picture listed first (vmlDrawing1) and a person's
			// note on another sheet in Excel's numbering (comments2.xml
			// beside vmlDrawing2.vml).
			name: "header-picture-and-note-elsewhere",
			edit: func(t *testing.T, z *zipFiles) {
				headerPicture(t, z, "xl/drawings/vmlDrawing1.vml")
				personNote(t, z, "xl/worksheets/sheet2.xml", "xl/comments2.xml", "xl/drawings/vmlDrawing2.vml", 2)
			},
			check: func(before, after *zipFiles) []string {
				var bad []string
				if !bytes.Contains(after.data["xl/comments2.xml"], []byte("请核对")) {
					bad = append(bad, "the person's note on _lists is gone")
				}
				if !strings.Contains(string(after.data[formPart]), "legacyDrawingHF") {
					bad = append(bad, "the header picture is gone")
				}
				return append(bad, vmlIDsUnique(after)...)
			},
		},
		{
			// VML of a person on another sheet using shape block 1.
			name: "vml-block-taken",
			edit: func(t *testing.T, z *zipFiles) {
				personNote(t, z, "xl/worksheets/sheet2.xml", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", 1)
			},
			check: func(_, after *zipFiles) []string { return vmlIDsUnique(after) },
		},
		{
			// Something other than <xf> inside cellXfs.
			name: "cellxfs-foreign-child",
			edit: func(t *testing.T, z *zipFiles) {
				z.replace(t, "xl/styles.xml", `<cellXfs count="10">`, `<cellXfs count="10"><z:note`+nsZ+`>kept</z:note>`)
			},
			check: func(_, after *zipFiles) []string {
				st := parseXML(after.data["xl/styles.xml"])
				n := 0
				for _, l := range st.all("cellXfs") {
					for _, c := range l.Nodes {
						if c.XMLName.Local == "xf" {
							n++
						}
					}
				}
				var bad []string
				re := regexp.MustCompile(`<c r="([A-Z]+\d+)"[^>]* s="(\d+)"`)
				for _, sh := range sheetsOf(after) {
					for _, m := range re.FindAllStringSubmatch(string(after.data[sh.part]), -1) {
						if s, _ := strconv.Atoi(m[2]); s >= n {
							bad = append(bad, fmt.Sprintf("%s!%s has style %d of %d cell formats", sh.name, m[1], s, n))
						}
					}
				}
				return bad
			},
		},
		{
			// The form sheet with the main namespace under a prefix.
			name: "prefixed-form-sheet",
			edit: func(t *testing.T, z *zipFiles) {
				s := string(z.data[formPart])
				s = strings.Replace(s, `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, 1)
				s = anyTag.ReplaceAllString(s, "<${1}x:${2}")
				s = strings.Replace(s, `<x:sheetView tabSelected="true" workbookViewId="0"></x:sheetView>`, `<x:sheetView tabSelected="true" zoomScale="85" workbookViewId="0"><x:pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></x:sheetView>`, 1)
				z.data[formPart] = []byte(s)
			},
			check: func(_, after *zipFiles) []string {
				s := string(after.data[formPart])
				if !strings.Contains(s, `zoomScale="85"`) || !strings.Contains(s, `state="frozen"`) {
					return []string{"the prefixed sheet lost its view (zoom, frozen pane)"}
				}
				return nil
			},
		},
		{
			// No styles part at all, as some generators write.
			name: "no-styles-part",
			edit: func(t *testing.T, z *zipFiles) {
				delete(z.data, "xl/styles.xml")
				for i, n := range z.names {
					if n == "xl/styles.xml" {
						z.names = append(z.names[:i], z.names[i+1:]...)
						break
					}
				}
				z.data[wbRels] = regexp.MustCompile(`<Relationship [^>]*Target="styles.xml"[^>]*>(</Relationship>)?`).ReplaceAll(z.data[wbRels], nil)
				z.data[ctPart] = regexp.MustCompile(`<Override PartName="/xl/styles.xml"[^>]*>(</Override>)?`).ReplaceAll(z.data[ctPart], nil)
				z.data[formPart] = regexp.MustCompile(` s="\d+"`).ReplaceAll(z.data[formPart], nil)
			},
			check: func(_, after *zipFiles) []string {
				if after.data["xl/styles.xml"] == nil || !bytes.Contains(after.data[wbRels], []byte("/styles\"")) {
					return []string{"no styles part made and listed"}
				}
				return nil
			},
		},
		{
			// LibreOffice's short protection tag.
			name: "libreoffice-protection",
			edit: func(t *testing.T, z *zipFiles) {
				re := regexp.MustCompile(`<sheetProtection [^>]*>(</sheetProtection>)?`)
				z.data[formPart] = re.ReplaceAll(z.data[formPart], []byte(`<sheetProtection sheet="true" objects="true" scenarios="true" formatColumns="false" formatRows="false" insertRows="false"/>`))
			},
			check: func(_, after *zipFiles) []string {
				if !strings.Contains(string(after.data[formPart]), `<sheetProtection sheet="true" objects="true" scenarios="true" formatColumns="false" formatRows="false" insertRows="false"/>`) {
					return []string{"the short protection tag was changed"}
				}
				return nil
			},
		},
		{
			// Rows and cells without the optional r attribute.
			name: "rows-without-r",
			edit: func(t *testing.T, z *zipFiles) {
				z.data[formPart] = regexp.MustCompile(`<row r="\d+"`).ReplaceAll(z.data[formPart], []byte(`<row`))
				z.data[formPart] = regexp.MustCompile(`<c r="[A-Z]+\d+"`).ReplaceAll(z.data[formPart], []byte(`<c`))
			},
			check: func(before, after *zipFiles) []string {
				want := rowHeights(before.data[formPart])
				got := rowHeights(after.data[formPart])
				var bad []string
				for r, h := range want {
					if got[r] != h {
						bad = append(bad, fmt.Sprintf("row %d: height %q, want %q", r, got[r], h))
					}
				}
				return bad
			},
		},
	}
}

// rowHeights lists the heights of the rows of a worksheet, rows numbered as
// a reader numbers them (r, else one after the row before).
func rowHeights(data []byte) map[int]string {
	out := map[int]string{}
	ws := parseXML(data)
	if ws == nil {
		return out
	}
	n := 0
	for _, row := range ws.all("row") {
		n++
		if r, ok := row.attr("r"); ok {
			n, _ = strconv.Atoi(r)
		}
		if h, ok := row.attr("ht"); ok {
			out[n] = h
		}
	}
	return out
}

// headerPicture gives the form sheet a header picture drawn by the VML
// part vml.
func headerPicture(t *testing.T, z *zipFiles, vml string) {
	t.Helper()
	bindR := ""
	if m := regexp.MustCompile(`<[A-Za-z][^?!>]*>`).Find(z.data[formPart]); !bytes.Contains(m, []byte(`xmlns:r=`)) {
		bindR = ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	}
	z.replace(t, formPart, `</worksheet>`, `<legacyDrawingHF`+bindR+` r:id="rIdHF"/></worksheet>`)
	z.add(vml, []byte(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shape id="CH" o:spid="_x0000_s1025" style="position:absolute;width:30pt;height:15pt"><v:imagedata o:relid="rId1" o:title="logo"/></v:shape></xml>`))
	rels := relsPart(formPart)
	if _, ok := z.data[rels]; !ok {
		z.add(rels, []byte(xml.Header+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`))
	}
	z.replace(t, rels, `</Relationships>`, `<Relationship Id="rIdHF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../`+strings.TrimPrefix(vml, "xl/")+`"/></Relationships>`)
	if !strings.Contains(string(z.data[ctPart]), `Extension="vml"`) {
		z.replace(t, ctPart, `</Types>`, `<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/></Types>`)
	}
}

// personNote gives the worksheet part sheet a note of a person at B2, in the
// comments part cmt drawn by the VML part vml with shape block block.
func personNote(t *testing.T, z *zipFiles, sheet, cmt, vml string, block int) {
	t.Helper()
	z.add(cmt, []byte(xml.Header+`<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>张三</author></authors><commentList><comment ref="B2" authorId="0"><text><r><t>请核对。</t></r></text></comment></commentList></comments>`))
	z.add(vml, []byte(fmt.Sprintf(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="%d"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"/><v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>`, block, block*1024+1)))
	rels := relsPart(sheet)
	if _, ok := z.data[rels]; !ok {
		z.add(rels, []byte(xml.Header+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`))
	}
	z.replace(t, rels, `</Relationships>`, `<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../`+strings.TrimPrefix(cmt, "xl/")+`"/><Relationship Id="rIdV" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../`+strings.TrimPrefix(vml, "xl/")+`"/></Relationships>`)
	z.replace(t, sheet, `</worksheet>`, `<legacyDrawing r:id="rIdV"/></worksheet>`)
	if !bytes.Contains(z.data[sheet], []byte(`xmlns:r=`)) {
		z.replace(t, sheet, `<worksheet `, `<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" `)
	}
	if !strings.Contains(string(z.data[ctPart]), `Extension="vml"`) {
		z.replace(t, ctPart, `</Types>`, `<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/></Types>`)
	}
	z.replace(t, ctPart, `</Types>`, `<Override PartName="/`+cmt+`" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>`)
}

var (
	vmlShapeID = regexp.MustCompile(`_x0000_s(\d+)`)
	vmlIdmap   = regexp.MustCompile(`<o:idmap [^>]*data="([^"]*)"`)
)

// vmlIDsUnique: no shape id in two VML parts, no shape-id block mapped by
// two drawings, and each shape in a block its drawing maps.
func vmlIDsUnique(z *zipFiles) []string {
	var bad []string
	ids, blocks := map[string]string{}, map[string]string{}
	for _, n := range z.names {
		if !strings.HasSuffix(n, ".vml") {
			continue
		}
		s := string(z.data[n])
		mine := map[string]bool{}
		for _, m := range vmlIdmap.FindAllStringSubmatch(s, -1) {
			for _, b := range strings.Split(m[1], ",") {
				if other, ok := blocks[b]; ok {
					bad = append(bad, fmt.Sprintf("shape block %s mapped by %s and %s", b, other, n))
				}
				blocks[b], mine[b] = n, true
			}
		}
		for _, m := range vmlShapeID.FindAllStringSubmatch(s, -1) {
			if other, ok := ids[m[1]]; ok && other != n {
				bad = append(bad, fmt.Sprintf("shape id %s in %s and %s", m[1], other, n))
			}
			ids[m[1]] = n
			id, _ := strconv.Atoi(m[1])
			if !mine[strconv.Itoa(id/1024)] {
				bad = append(bad, fmt.Sprintf("%s: shape %s outside its blocks", n, m[1]))
			}
		}
	}
	return bad
}

// TestUneditablePartRefused: a part the write-back cannot edit (here the
// styles with a document type) fails the write with a message naming the
// part, in Chinese and in English, wrapping ErrUnwritable; the file is left
// byte for byte.
func TestUneditablePartRefused(t *testing.T) {
	z := readZip(t, "../samples/mof2020-liaison.xlsx")
	z.replace(t, "xl/styles.xml", `<styleSheet `, `<!DOCTYPE styleSheet><styleSheet `)
	p := filepath.Join(t.TempDir(), "表.xlsx")
	z.write(t, p)
	before, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	wb, fm, out := outcomeOf(t, p, false)
	err = wb.WriteBack("", fm, out, workbook.WriteOptions{})
	if !errors.Is(err, workbook.ErrUnwritable) {
		t.Fatalf("err = %v, want ErrUnwritable", err)
	}
	for _, want := range []string{"表.xlsx", "xl/styles.xml", "无法写回"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not name %s", err, want)
		}
	}
	if en := i18n.Text(err, true); !strings.Contains(en, "part xl/styles.xml") || !strings.Contains(en, "cannot be written back") {
		t.Errorf("in English: %q", en)
	}
	if after, _ := os.ReadFile(p); !bytes.Equal(after, before) {
		t.Error("the file changed")
	}
}

// TestMarksOnAnotherSheet: a finding on another sheet gets its note and
// highlight there; scoring again gives the same bytes; a clean score takes
// both away again, leaving that sheet as it was.
func TestMarksOnAnotherSheet(t *testing.T) {
	p := filepath.Join(t.TempDir(), "表.xlsx")
	readZip(t, "../samples/mof2020-liaison.xlsx").write(t, p)
	orig := readZip(t, p)
	other := sheetsOf(orig)[1]
	score := func(clean bool) *zipFiles {
		wb, fm, out := outcomeOf(t, p, clean)
		out.Findings = append(out.Findings, form.Finding{Code: "test.other", Severity: form.Warning, Sheet: other.name, Cell: "B2", Message: "另一张表上的问题"})
		if clean {
			out.Findings = nil
		}
		if err := wb.WriteBack("", fm, out, workbook.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		z := readZip(t, p)
		for _, problem := range packageProblems(z) {
			t.Error(problem)
		}
		return z
	}
	first := score(false)
	for _, p := range vmlIDsUnique(first) {
		t.Error(p)
	}
	ws := string(first.data[other.part])
	if !strings.Contains(ws, "ISTEXT(&quot;selfeval&quot;)") || !strings.Contains(ws, "legacyDrawing") {
		t.Fatalf("no highlight or notes on %s", other.name)
	}
	if !hasNoteAt(first, "B2") {
		t.Errorf("no note at %s!B2", other.name)
	}
	second := score(false)
	for _, d := range partsDiffer(first, second) {
		t.Errorf("the second score changed %s", d)
	}
	cleaned := score(true)
	if !bytes.Equal(cleaned.data[other.part], orig.data[other.part]) {
		t.Errorf("%s after a clean score:\n%s", other.name, firstDiff(orig.data[other.part], cleaned.data[other.part]))
	}
}
