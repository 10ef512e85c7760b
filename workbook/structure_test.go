package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/json"
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

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/stamp"
	"github.com/xuri/excelize/v2"
)

// The structural diff test: for a corpus of workbooks made by excelize,
// openpyxl, LibreOffice and by hand (zip edits), `score` changes nothing but
// what the tool owns — the cells it writes, its notes (the person's part of
// a note kept), its highlights and the 校验结果 sheet — and a second score
// gives the same structure again.

// corpusCase is one workbook of the corpus: a file, possibly edited.
type corpusCase struct {
	name string
	src  string                                      // file the case starts from
	edit func(t *testing.T, parts map[string][]byte) // hand edit of the package, or nil
	make func(t *testing.T, dst string)              // builds the file with excelize instead of src
}

const corpusDir = "testdata/corpus"

func corpus() []corpusCase {
	sample := func(name string) string { return filepath.Join("..", "samples", name+".xlsx") }
	var cases []corpusCase
	for _, kind := range []string{"mof2020-cooperation", "sh2019-kunming"} {
		cases = append(cases,
			corpusCase{name: "excelize/" + kind, make: func(t *testing.T, dst string) { excelizeNotes(t, sample(kind), dst) }},
			corpusCase{name: "openpyxl/" + kind, src: filepath.Join(corpusDir, "openpyxl-"+kind+".xlsx")},
			corpusCase{name: "libreoffice/" + kind, src: filepath.Join(corpusDir, "libreoffice-"+kind+".xlsx")},
		)
	}
	lo := filepath.Join(corpusDir, "libreoffice-mof2020-cooperation.xlsx")
	opx := filepath.Join(corpusDir, "openpyxl-mof2020-cooperation.xlsx")
	cases = append(cases,
		corpusCase{name: "hand/no-sheetViews", src: lo, edit: func(t *testing.T, parts map[string][]byte) {
			editSheet(t, parts, "附表", func(x []byte) []byte { return viewsTag.ReplaceAll(x, nil) })
		}},
		corpusCase{name: "hand/short-protection", src: opx, edit: func(t *testing.T, parts map[string][]byte) {
			editSheet(t, parts, "自评表", func(x []byte) []byte {
				return protectionTag.ReplaceAll(x, []byte(`<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" selectLockedCells="0"/>`))
			})
		}},
		corpusCase{name: "hand/notes-in-a-folder", src: lo, edit: func(t *testing.T, parts map[string][]byte) {
			// The notes of the form sheet moved to xl/notes/form.xml and the
			// VML to xl/drawings/boxes.vml, linked by absolute targets.
			m := map[string]string{}
			for name := range parts {
				switch {
				case regexp.MustCompile(`^xl/comments\d+\.xml$`).MatchString(name) && m["c"] == "":
					m["c"] = name
				case regexp.MustCompile(`^xl/drawings/vmlDrawing\d+\.vml$`).MatchString(name) && m["v"] == "":
					m["v"] = name
				}
			}
			if m["c"] == "" || m["v"] == "" {
				t.Fatalf("no notes parts in %s", lo)
			}
			b := zipOf(t, parts)
			b, err := renameParts(b, map[string]string{m["c"]: "xl/notes/form.xml", m["v"]: "xl/drawings/boxes.vml"})
			if err != nil {
				t.Fatal(err)
			}
			for k := range parts {
				delete(parts, k)
			}
			for k, v := range unzipAll(t, b) {
				parts[k] = v
			}
			for k, v := range parts {
				if strings.HasSuffix(k, ".rels") {
					parts[k] = bytes.ReplaceAll(v, []byte(`Target="../notes/form.xml"`), []byte(`Target="/xl/notes/form.xml"`))
				}
			}
		}},
	)
	return cases
}

// excelizeNotes is a sample with a person's note added by excelize and an
// extra sheet.
func excelizeNotes(t *testing.T, src, dst string) {
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	form := f.GetSheetList()[0]
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.AddComment(form, excelize.Comment{Cell: "C13", Author: "张三", Text: "请复核"}))
	_, err = f.NewSheet("附表")
	must(err)
	must(f.SetCellValue("附表", "A1", "附加说明"))
	must(f.AddComment("附表", excelize.Comment{Cell: "A1", Author: "李四", Text: "附表的批注"}))
	must(f.SaveAs(dst))
}

func TestStructurePreserved(t *testing.T) {
	for _, c := range corpus() {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "form.xlsx")
			switch {
			case c.make != nil:
				c.make(t, path)
			default:
				data, err := os.ReadFile(c.src)
				if err != nil {
					t.Fatalf("%v (regenerate with make_corpus.py)", err)
				}
				if c.edit != nil {
					parts := unzipAll(t, data)
					c.edit(t, parts)
					data = zipOf(t, parts)
				}
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := structure(t, path)
			stamped := readPath(t, path).Stamp != nil
			owned := score(t, path)
			after := structure(t, path)
			compareStructure(t, before, after, owned, stamped)
			if t.Failed() {
				return
			}
			owned2 := score(t, path)
			again := structure(t, path)
			if d := diffKeys(after, again, nil); len(d) > 0 {
				t.Errorf("a second score changed the structure:\n%s", strings.Join(d, "\n"))
			}
			if fmt.Sprint(owned2) != fmt.Sprint(owned) {
				t.Errorf("a second score owns other cells: %v, then %v", owned, owned2)
			}
		})
	}
}

// score reads, checks and writes back path in place the way `score` does and
// returns the cells the tool wrote into ("sheet!A1").
func score(t *testing.T, path string) map[string]bool {
	t.Helper()
	fm := readPath(t, path)
	p := validate.DefaultProfile()
	res := validate.Check(fm, p, validate.Chinese)
	out := res.Outcome(p, "test", fm.InputHash())
	if err := WriteBack(path, "", fm, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	owned := map[string]bool{}
	for _, w := range out.Writes {
		sh := w.Sheet
		if sh == "" {
			sh = fm.Sheet
		}
		owned[sh+"!"+w.Ref] = true
	}
	return owned
}

// compareStructure reports every difference between the workbook before and
// after score that is not the tool's own.
func compareStructure(t *testing.T, before, after map[string]string, owned map[string]bool, stamped bool) {
	t.Helper()
	allowed := func(key string) bool {
		kind, where, _ := strings.Cut(key, " ")
		sheet, _, _ := strings.Cut(where, "!")
		switch {
		case sheet == ResultSheet || where == ResultSheet:
			return true
		case sheet == stamp.Sheet && stamped:
			return true // the stamp's lap record: what the last score found
		case kind == "cell" && owned[where]:
			return true
		case kind == "note":
			// Ours, or the person's note with ours after the separator.
			b, a := before[key], after[key]
			if strings.Contains(b, noteMarker) {
				return true // a note of an earlier run
			}
			return strings.HasPrefix(a, noteMarker) && b == "" ||
				strings.HasPrefix(a, strings.TrimSuffix(b, "\n")) && strings.Contains(a, noteSep+noteMarker)
		case kind == "cf":
			return true // compared without our highlights in structure()
		case kind == "row" && stamped:
			// Our own form's long-text rows grow to show what was typed
			// (fitLongText): only taller, nothing else of the row.
			return rowGrew(before[key], after[key])
		case kind == "rowBreaks" && stamped:
			return true // laid out again when a row grew
		case kind == "part":
			return before[key] == "" // a part we added; a part of the file must stay
		case key == "workbook sheets" || key == "workbook activeTab":
			return strings.Replace(after[key], ResultSheet+"|visible;", "", 1) == before[key]
		}
		return false
	}
	if d := diffKeys(before, after, allowed); len(d) > 0 {
		t.Errorf("score changed what is not its own:\n%s", strings.Join(d, "\n"))
	}
}

// rowGrew reports whether a row element differs only by a taller custom
// height.
func rowGrew(before, after string) bool {
	ht := regexp.MustCompile(`\bht=([0-9.]+)`)
	b, a := ht.FindStringSubmatch(before), ht.FindStringSubmatch(after)
	if a == nil {
		return false
	}
	bh := 0.0
	if b != nil {
		bh, _ = strconv.ParseFloat(b[1], 64)
	}
	ah, _ := strconv.ParseFloat(a[1], 64)
	strip := func(s string) string {
		s = ht.ReplaceAllString(s, "")
		return strings.Replace(s, "customHeight=true ", "", 1)
	}
	return ah > bh && strip(before) == strip(after)
}

// diffKeys lists the keys whose values differ, skipping allowed ones.
func diffKeys(a, b map[string]string, allowed func(string) bool) []string {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	var out []string
	for _, k := range sortedKeys(keys) {
		if a[k] == b[k] || (allowed != nil && allowed(k)) {
			continue
		}
		out = append(out, fmt.Sprintf("  %s\n    before: %.300s\n    after:  %.300s", k, a[k], b[k]))
		if len(out) == 20 {
			out = append(out, "  …")
			break
		}
	}
	return out
}

// structure returns a comparable description of a workbook: one entry per
// part, workbook-level item, sheet-level element and cell, keyed
// "kind where".
func structure(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parts := unzipAll(t, data)
	out := map[string]string{}
	for name := range parts {
		out["part "+name] = "present"
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sheets []string
	for _, sh := range f.GetSheetList() {
		vis, _ := f.GetSheetVisible(sh)
		state := "visible"
		if !vis {
			state = "hidden"
		}
		sheets = append(sheets, sh+"|"+state+";")
	}
	out["workbook sheets"] = strings.Join(sheets, "")
	for _, dn := range f.GetDefinedName() {
		out["name "+dn.Name+"@"+dn.Scope] = dn.RefersTo
	}
	props, _ := f.GetCustomProps()
	out["workbook customProps"] = jsonOf(props)
	wbXML := parts["xl/workbook.xml"]
	out["workbook protection"] = canonicalXML(regexp.MustCompile(`<workbookProtection(?:\s[^>]*)?(?:/>|>\s*</workbookProtection>)`).Find(wbXML))
	byName := sheetParts(t, parts)
	for _, sh := range f.GetSheetList() {
		if sh == ResultSheet {
			out["sheet "+sh] = "present"
			continue
		}
		x := parts[byName[sh]]
		out["protection "+sh] = string(protectionTag.Find(x)) // exactly, attribute by attribute
		for _, el := range []string{"sheetViews", "sheetPr", "sheetFormatPr", "cols", "pageMargins", "pageSetup",
			"printOptions", "headerFooter", "rowBreaks", "colBreaks", "mergeCells", "autoFilter"} {
			re := regexp.MustCompile(`(?s)<` + el + `(?:\s[^>]*)?(?:/>|>.*?</` + el + `>)`)
			out[el+" "+sh] = canonicalXML(re.Find(x))
		}
		dvs, _ := f.GetDataValidations(sh)
		out["validations "+sh] = jsonOf(dvs)
		cfs, _ := f.GetConditionalFormats(sh)
		for rng, opts := range cfs {
			var kept []excelize.ConditionalFormatOptions
			for _, o := range opts {
				if o.Criteria != highlightFormula {
					kept = append(kept, o)
				}
			}
			if len(kept) > 0 {
				out["cfKept "+sh+"!"+rng] = jsonOf(kept)
			}
		}
		comments, _ := f.GetComments(sh)
		for _, c := range comments {
			out["note "+sh+"!"+c.Cell] = commentText(c)
		}
		for _, m := range regexp.MustCompile(`<row\s[^>]*>`).FindAll(x, -1) {
			r := regexp.MustCompile(`\sr="(\d+)"`).FindSubmatch(m)
			if r != nil {
				out["row "+sh+"!"+string(r[1])] = canonicalXML(regexp.MustCompile(`\sspans="[^"]*"`).ReplaceAll(m, nil))
			}
		}
		merges, _ := f.GetMergeCells(sh)
		hidden := map[string]bool{} // cells under a merge, which excelize reads as its first cell
		for _, mc := range merges {
			c1, r1, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
			c2, r2, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					if r != r1 || c != c1 {
						hidden[ooxml.Ref(r-1, c-1)] = true
					}
				}
			}
		}
		for _, m := range regexp.MustCompile(`<c\s[^>]*\br="([A-Z]+\d+)"`).FindAllSubmatch(x, -1) {
			at := string(m[1])
			id, _ := f.GetCellStyle(sh, at)
			st, _ := f.GetStyle(id)
			if hidden[at] {
				out["cell "+sh+"!"+at] = "merged style=" + jsonOf(st)
				continue
			}
			raw, _ := f.GetCellValue(sh, at, excelize.Options{RawCellValue: true})
			formula, _ := f.GetCellFormula(sh, at)
			typ, _ := f.GetCellType(sh, at)
			out["cell "+sh+"!"+at] = fmt.Sprintf("%q f=%q t=%v style=%s", raw, formula, typ, jsonOf(st))
		}
	}
	return out
}

// sheetParts maps sheet names to worksheet part names.
func sheetParts(t *testing.T, parts map[string][]byte) map[string]string {
	ids := map[string]string{}
	for _, tag := range relTag.FindAll(parts["xl/_rels/workbook.xml.rels"], -1) {
		id := regexp.MustCompile(`\sId="([^"]*)"`).FindSubmatch(tag)
		tg := relTarget.FindSubmatch(tag)
		if id != nil && tg != nil {
			ids[string(id[1])] = ooxml.Resolve("xl/workbook.xml", string(tg[1]))
		}
	}
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`<sheet\s[^>]*>`).FindAll(parts["xl/workbook.xml"], -1) {
		name := regexp.MustCompile(`\sname="([^"]*)"`).FindSubmatch(m)
		id := regexp.MustCompile(`\sr:id="([^"]*)"`).FindSubmatch(m)
		if name != nil && id != nil {
			var s string
			_ = xml.Unmarshal([]byte("<a>"+string(name[1])+"</a>"), &s)
			out[s] = ids[string(id[1])]
		}
	}
	return out
}

// canonical renders an XML element with attributes sorted, booleans as
// true/false, namespace prefixes and whitespace-only text dropped, and
// attributes that say false or elements that say nothing left out (the
// OOXML defaults excelize omits), so that two spellings of the same element
// compare equal. A lone start tag is read as an empty element.
func canonicalXML(el []byte) string {
	if len(el) == 0 {
		return ""
	}
	if !bytes.HasSuffix(el, []byte("/>")) && !bytes.Contains(el, []byte("</")) {
		el = append(bytes.TrimSuffix(el, []byte(">")), "/>"...)
	}
	type node struct {
		head string
		body strings.Builder
	}
	d := xml.NewDecoder(bytes.NewReader(el))
	var stack []*node
	out := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "!" + err.Error() + ": " + string(el)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			var attrs []string
			for _, a := range x.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				v := a.Value
				switch v {
				case "1":
					v = "true"
				case "0", "false":
					continue
				}
				attrs = append(attrs, a.Name.Local+"="+v)
			}
			sort.Strings(attrs)
			stack = append(stack, &node{head: x.Name.Local + " " + strings.Join(attrs, " ")})
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			s := ""
			if n.body.Len() > 0 || !strings.HasSuffix(n.head, " ") {
				s = "<" + n.head + ">" + n.body.String() + "</" + x.Name.Local + ">"
			}
			if len(stack) == 0 {
				out += s
			} else {
				stack[len(stack)-1].body.WriteString(s)
			}
		case xml.CharData:
			if t := strings.TrimSpace(string(x)); t != "" && len(stack) > 0 {
				stack[len(stack)-1].body.WriteString(t)
			}
		}
	}
	return out
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func unzipAll(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, zf := range zr.File {
		b, err := ooxml.ReadZipFile(zf)
		if err != nil {
			t.Fatal(err)
		}
		out[zf.Name] = b
	}
	return out
}

// editSheet applies edit to the worksheet part of a sheet.
func editSheet(t *testing.T, parts map[string][]byte, sheet string, edit func([]byte) []byte) {
	t.Helper()
	name, ok := sheetParts(t, parts)[sheet]
	if !ok {
		t.Fatalf("no sheet %s", sheet)
	}
	out := edit(parts[name])
	if bytes.Equal(out, parts[name]) {
		t.Fatalf("edit of %s (%s) changed nothing", sheet, path.Base(name))
	}
	parts[name] = out
}

// commentRuns returns a note's text as runs: its plain text first, if any.
func commentRuns(c excelize.Comment) []excelize.RichTextRun {
	var runs []excelize.RichTextRun
	if c.Text != "" {
		runs = append(runs, excelize.RichTextRun{Text: c.Text})
	}
	return append(runs, c.Paragraph...)
}

func commentText(c excelize.Comment) string {
	var b strings.Builder
	for _, r := range commentRuns(c) {
		b.WriteString(r.Text)
	}
	return b.String()
}
