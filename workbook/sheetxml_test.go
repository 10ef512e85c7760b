package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"github.com/selfeval/selfeval/workbook/stamp"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/xuri/excelize/v2"
)

// TestSheetMatchesExcelize reads every sheet of the samples, the foreign
// fixtures and a workbook of assorted cell types and number formats both
// ways — our single pass and excelize — and requires the same shown values,
// stored values, formulas, percent formats and fingerprint.
func TestSheetMatchesExcelize(t *testing.T) {
	files, _ := filepath.Glob("../samples/*.xlsx")
	foreign, _ := filepath.Glob("../cmd/selfeval/testdata/foreign/*.xlsx")
	files = append(files, foreign...)
	if len(files) < 5 {
		t.Fatalf("only %d files", len(files))
	}
	files = append(files, assortedWorkbook(t))
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			p, err := openPkg(path, b)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := p.GetSheetList(), f.GetSheetList(); !reflect.DeepEqual(got, want) {
				t.Fatalf("sheets %q, excelize %q", got, want)
			}
			for _, name := range f.GetSheetList() {
				compareSheet(t, f, p, name)
			}
		})
	}
}

// shownRows returns the shown values of s as rows of cells, "" where a cell
// holds nothing, as excelize's GetRows gives them.
func shownRows(s *sheet) [][]string {
	out := make([][]string, s.rows())
	for r := range out {
		out[r] = make([]string, s.width(r))
		for _, g := range s.row(r) {
			out[r][g.col] = g.shown
		}
	}
	return out
}

func compareSheet(t *testing.T, f *excelize.File, p *pkg, name string) {
	t.Helper()
	s, err := loadSheet(p, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	shown, err := f.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	ownRendering(p, s, shown)
	if got := shownRows(s); !reflect.DeepEqual(trimRows(got), trimRows(shown)) {
		t.Errorf("%s: shown values differ:\n got %q\nwant %q", name, got, shown)
	}
	raw, _ := f.GetRows(name, excelize.Options{RawCellValue: true})
	for r, row := range raw {
		for c, v := range row {
			at := ooxml.Ref(r, c)
			m, _ := s.at(r, c)
			if m.raw != v && !(v == "" && m.raw == "") {
				t.Errorf("%s!%s: raw %q, excelize %q", name, at, m.raw, v)
			}
			if formula, _ := f.GetCellFormula(name, at); (formula != "") != (m.formula != "") {
				t.Errorf("%s!%s: formula %q, excelize %q", name, at, m.formula, formula)
			}
			cell := s.cell(r, c)
			if cell.Number {
				old := oldPercent(f, name, at)
				if cell.Percent != old {
					t.Errorf("%s!%s: percent %v, excelize %v", name, at, cell.Percent, old)
				}
			}
		}
	}
	want, err := fingerprintX(f, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := stamp.Fingerprint(s.lockedCells(), nil); got != want {
		t.Errorf("%s: fingerprint %s, excelize %s", name, got, want)
	}
}

// oldPercent is how the reader told a percent format through excelize.
func oldPercent(f *excelize.File, sheet, at string) bool {
	id, err := f.GetCellStyle(sheet, at)
	if err != nil {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	return st.NumFmt == 9 || st.NumFmt == 10 || (st.CustomNumFmt != nil && hasPercent(*st.CustomNumFmt))
}

func trimRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string{}, r...)
	}
	return out
}

// assortedWorkbook writes cells of every value type under many number
// formats, a shared formula, row and column styles and rich text.
func assortedWorkbook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sh = "Sheet1"
	codes := []string{"General", "@", "0", "0.00", "#,##0.00", "0%", "0.00%", `0.00"个"`, `"约"0`, "yyyy-mm-dd",
		`0.00;-0.00;"零";@`, `"x"@`, "#,##0;[Red]-#,##0", `0.0\%`, `[$-804]yyyy"年"m"月"d"日"`}
	values := []any{0, 1, -5, 0.1, 3.14159265358979, 123456789012, 1e-5, 12345678901234567, 0.30000000000000004,
		1234567.891, "abc", "≥100(%)", " 1 ", "12.5%", true, false, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	for r, code := range codes {
		c := code
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &c, Protection: &excelize.Protection{Locked: r%2 == 0}})
		if err != nil {
			t.Fatal(err)
		}
		for col, v := range values {
			at, _ := excelize.CoordinatesToCellName(col+1, r+1)
			if err := f.SetCellValue(sh, at, v); err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(sh, at, at, st); err != nil {
				t.Fatal(err)
			}
		}
	}
	general, err := f.NewStyle(&excelize.Style{NumFmt: 0, Font: &excelize.Font{Bold: true}}) // built-in General, style id ≠ 0
	if err != nil {
		t.Fatal(err)
	}
	for col, v := range append(values, -0.5, 99999999999, 100000000000, "0", 12.0) {
		at, _ := excelize.CoordinatesToCellName(col+1, len(codes)+50)
		if err := f.SetCellValue(sh, at, v); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(sh, at, at, general); err != nil {
			t.Fatal(err)
		}
	}
	for id := 1; id <= 49; id++ { // built-in formats
		st, err := f.NewStyle(&excelize.Style{NumFmt: id})
		if err != nil {
			continue
		}
		at, _ := excelize.CoordinatesToCellName(1, len(codes)+id)
		if err := f.SetCellValue(sh, at, 45000.125); err != nil {
			t.Fatal(err)
		}
		_ = f.SetCellStyle(sh, at, at, st)
	}
	row := len(codes) + 52
	set := func(at string, fn func() error) {
		if err := fn(); err != nil {
			t.Fatalf("%s: %v", at, err)
		}
	}
	set("formulas", func() error {
		return f.SetCellFormula(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("B%d*2", row),
			excelize.FormulaOpts{Type: &[]string{"shared"}[0], Ref: &[]string{fmt.Sprintf("A%d:A%d", row, row+3)}[0]})
	})
	set("rich", func() error {
		return f.SetCellRichText(sh, fmt.Sprintf("C%d", row), []excelize.RichTextRun{{Text: "项目"}, {Text: "名称_x000D_"}})
	})
	set("rowstyle", func() error {
		pct, err := f.NewStyle(&excelize.Style{NumFmt: 10})
		if err != nil {
			return err
		}
		if err := f.SetRowStyle(sh, row+5, row+5, pct); err != nil {
			return err
		}
		return f.SetCellDefault(sh, fmt.Sprintf("D%d", row+5), "0.25")
	})
	set("colstyle", func() error {
		pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
		if err != nil {
			return err
		}
		if err := f.SetColStyle(sh, "H", pct); err != nil {
			return err
		}
		return f.SetCellDefault(sh, fmt.Sprintf("H%d", row+7), "0.5")
	})
	set("merge", func() error { return f.MergeCell(sh, "A200", "C201") })
	p := filepath.Join(t.TempDir(), "assorted.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSheetErrors: a malformed sheet is named precisely — the cell and the
// part — and budgets name their limit.
func TestSheetErrors(t *testing.T) {

	cases := []struct {
		name, rows, merges string
		cell               string // CellError.Cell wanted, "" for none
		is                 error
		msg, en            string
	}{
		{"row 0 cell", `<row r="1"><c r="A0"><v>1</v></c></row>`, "", "A0", errBadRef, "部件 xl/worksheets/sheet1.xml", "cell A0: invalid cell reference (part xl/worksheets/sheet1.xml)"},
		{"row past Excel", `<row r="1"><c r="A1048577"><v>1</v></c></row>`, "", "A1048577", errBadRef, "单元格引用无效", "invalid cell reference"},
		{"column past Excel", `<row r="1"><c r="XFE1"><v>1</v></c></row>`, "", "XFE1", errBadRef, "单元格引用无效", "invalid cell reference"},
		{"bad row number", `<row r="x"><c><v>1</v></c></row>`, "", "第 x 行", errBadRef, "单元格引用无效", "row x: invalid cell reference"},
		{"shared string index", `<row r="1"><c r="B1" t="s"><v>7</v></c></row>`, "", "B1", errBadSharedStr, "共 1 条", "cell B1: invalid shared-string index: 7 (xl/sharedStrings.xml has 1)"},
		{"too many rows", `<row r="200001"><c r="A200001"><v>1</v></c></row>`, "", "", ErrTooLarge, "行 200000", "reading limit: rows 200000"},
		{"too many columns", `<row r="1"><c r="AMK1"><v>1</v></c></row>`, "", "", ErrTooLarge, "列 1024", "reading limit: columns 1024"},
		{"too many merges", "", strings.Repeat(`<mergeCell ref="A1:B1"/>`, maxSheetMerges+1), "", ErrTooLarge, "合并区域 200000", "reading limit: merged ranges 200000"},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := openPkg("x.xlsx", sheetZip(t, tc.rows, tc.merges))
			if err != nil {
				t.Fatal(err)
			}
			_, err = loadSheet(p, "表")
			if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), "x.xlsx") {
				t.Fatalf("err = %v, want %v with %q", err, tc.is, tc.msg)
			}
			var ce *CellError
			if tc.cell != "" && (!errors.As(err, &ce) || ce.Cell != tc.cell || ce.Sheet != "表") {
				t.Fatalf("err = %#v, want a CellError at %s", err, tc.cell)
			}
			checkEnglish(t, err, "x.xlsx", tc.en)
		})
	}
}

// TestMergesLinear: 60 000 merged ranges read and looked up in under a
// second (ten under the race detector).
func TestMergesLinear(t *testing.T) {
	var b strings.Builder
	for i := range 60000 {
		fmt.Fprintf(&b, `<mergeCell ref="A%d:C%d"/>`, i+1, i+1)
	}
	p, err := openPkg("m.xlsx", sheetZip(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, b.String()))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	s, err := loadSheet(p, "表")
	if err != nil {
		t.Fatal(err)
	}
	for r := range 60000 {
		if a, ok := s.merge(r, 1); !ok || a.r1 != r {
			t.Fatalf("row %d: merge %v %v", r, a, ok)
		}
	}
	if d := time.Since(start); d > slowdown*time.Second {
		t.Errorf("60 000 merges took %v", d)
	}
}

// sheetZip is a minimal package with one sheet 表 holding rows and merges.
func sheetZip(t *testing.T, rows, merges string) []byte {
	t.Helper()
	if merges != "" {
		merges = `<mergeCells>` + merges + `</mergeCells>`
	}
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/sharedStrings.xml":       `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>项目名称</t></si></sst>`,
		"xl/worksheets/sheet1.xml":   `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData>` + merges + `</worksheet>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ownRendering puts into shown, excelize's values, our rendering of the
// numbers whose custom format renderNumber shows (numfmt_test.go and the
// LibreOffice comparison hold those).
func ownRendering(p *pkg, s *sheet, shown [][]string) {
	st, err := p.styleTable()
	if err != nil {
		return
	}
	for r := range shown {
		for c := range shown[r] {
			m, ok := s.at(r, c)
			if !ok || m.typ != typeNumber || m.style <= 0 || int(m.style) >= len(st.xfs) {
				continue
			}
			nf, ok := st.numFmts[st.xfs[m.style].numFmt]
			if !ok {
				continue
			}
			code := nf.code
			if nf.code16 != "" {
				code = nf.code16
			}
			if v, ok := renderNumber(generalNumber(m.raw), code); ok {
				shown[r][c] = v
			}
			// excelize shows dates past 9999-12-31; Excel shows ####, we
			// the stored number.
			if n, err := strconv.ParseFloat(m.raw, 64); err == nil && n > maxSerial+1 && dateCode(code) {
				shown[r][c] = generalNumber(m.raw)
			}
		}
	}
}

// TestSheetOutOfOrder: cells given out of row or column order are found
// where their references say, a cell given twice keeps its last value, and
// rows and widths count up to the last cell holding something.
func TestSheetOutOfOrder(t *testing.T) {
	rows := `<row r="3"><c r="C3"><v>3</v></c><c r="A3"><v>1</v></c></row>` +
		`<row r="1"><c r="B1"><v>5</v></c><c r="B1"><v>6</v></c><c r="D1"/></row>` +
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="E2"><f>A3+1</f></c></row>` +
		`<row r="3"><c r="B3"><v>2</v></c></row>`
	p, err := openPkg("o.xlsx", sheetZip(t, rows, ""))
	if err != nil {
		t.Fatal(err)
	}
	s, err := loadSheet(p, "表")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"", "6"}, {"项目名称", "", "", "", ""}, {"1", "2", "3"}}
	if got := shownRows(s); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if s.rows() != 3 || s.width(0) != 2 || s.width(1) != 5 || s.width(7) != 0 || s.width(-1) != 0 {
		t.Errorf("rows %d, widths %d %d %d", s.rows(), s.width(0), s.width(1), s.width(7))
	}
	if m, ok := s.at(1, 4); !ok || m.formula != "A3+1" {
		t.Errorf("E2 = %+v %v, want the formula", m, ok)
	}
	if _, ok := s.at(0, 3); ok {
		t.Errorf("D1, an empty cell, is kept")
	}
	if c := s.cell(2, 2); c.Ref != "C3" || !c.Number || c.Raw != "3" {
		t.Errorf("C3 = %+v", c)
	}
}
