package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/internal/dump"
	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

func num(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// scoredFx is the mof2020 fixture with a person's notes on E15 (which gets
// a finding) and H13 (which does not), and a conditional format of their own.
func scoredFx(t *testing.T) (path string) {
	x := mof2020Fixture(t)
	x.must(x.f.AddComment(x.sheet, excelize.Comment{Cell: "E15", Author: "张三", Paragraph: []excelize.RichTextRun{
		{Text: "张三:", Font: &excelize.Font{Bold: true}}, {Text: "\n请复核实际完成值"},
	}}))
	x.must(x.f.AddComment(x.sheet, excelize.Comment{Cell: "H13", Author: "李四", Text: "无偏差"}))
	bold, err := x.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	x.must(err)
	x.must(x.f.SetConditionalFormat(x.sheet, "C13:C19", []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: ">", Value: "0", Format: &bold},
	}))
	return x.save(t.TempDir(), "form.xlsx")
}

// outcome is what the rule book would return for the fixture.
func outcome() form.Outcome {
	return form.Outcome{
		Total: decimal.RequireFromString("97.78"), Grade: "优",
		Profile: "default", ProfileHash: "abc123", Version: "v0.1.0", InputHash: "deadbeef",
		Writes: []form.Write{
			{Ref: "G6", Number: num("77.83")},
			{Ref: "H6", Number: num("7.78")},
			{Ref: "G16", Number: num("2")},
			{Ref: "F20", Number: num("100")},
			{Ref: "G20", Number: num("97.78")},
			{Ref: "F21", Text: "优"},
		},
		Findings: []form.Finding{
			{Code: "deviation.large_unexplained", Severity: form.Warning, Sheet: "自评表", Cell: "E15",
				Message: "实际完成值 12 偏离年度指标值 6 达 100%", Hint: "在偏差原因分析及改进措施中说明原因"},
			{Code: "actual.unit_mismatch", Severity: form.Info, Sheet: "自评表", Cell: "E15", Message: "单位一致"},
			{Code: "score.below_max", Severity: form.Error, Sheet: "自评表", Cell: "G19",
				Message: "得分 6 低于分值 8，需说明原因"},
			{Code: "score.filled", Severity: form.Info, Cell: "$G$16", Message: "得分按规则计算为 2.00"},
			{Code: "template.tampered", Severity: form.Error, Message: "锁定内容被修改"},
		},
	}
}

func readPath(t *testing.T, path string) *form.Form {
	t.Helper()
	wb, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, err := wb.Read()
	if err != nil {
		t.Fatal(err)
	}
	return fm
}

func dumpFile(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := dump.Text(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// notes returns the notes of a sheet as "cell author: text".
func notes(t *testing.T, f *excelize.File, sheet string) []string {
	t.Helper()
	cs, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s %s: %s", c.Cell, c.Author, commentText(c)))
	}
	sort.Strings(out)
	return out
}

// cfs returns the conditional formats of a sheet as "range type criteria".
func cfs(t *testing.T, f *excelize.File, sheet string) []string {
	t.Helper()
	m, err := f.GetConditionalFormats(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rng, list := range m {
		for _, o := range list {
			fill := ""
			if o.Format != nil {
				if st, err := f.GetConditionalStyle(*o.Format); err == nil && len(st.Fill.Color) > 0 {
					fill = st.Fill.Color[0]
				}
			}
			out = append(out, fmt.Sprintf("%s %s %s%s %s", rng, o.Type, o.Criteria, o.Value, fill))
		}
	}
	sort.Strings(out)
	return out
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriteBack(t *testing.T) {
	path := scoredFx(t)
	fm := readPath(t, path)
	if err := WriteBack(path, path, fm, outcome(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	first := dumpFile(t, path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sh := "自评表"

	// Writes: computed cells keep their formulas with the value written as
	// the cached result; a filled score holds the tool's fill formula (it
	// shows the score while its row is as scored); two decimals; lock
	// unchanged.
	for _, tc := range []struct{ ref, shown, formula string }{
		{"G6", "77.83", "IF(N(D6)>0,TRUNC(N(E6)/D6*100,2),0)"}, {"H6", "7.78", "IF(N(D6)>0,ROUND(MIN(N(E6)/D6,1)*F6,2),0)"},
		{"G16", "2.00", `IF(AND(D16&""="≥90.00(%)",E16&""="0.98",F16&""="2"),2,"")`}, {"F20", "100.00", "F6+SUM(F13:F19)"}, {"G20", "97.78", "ROUND(H6+SUM(G13:G19),2)"},
		{"F21", "优", `IF(G20>=90,"优",IF(G20>=80,"良",IF(G20>=60,"中","差")))`}, {"G7", "", "IF(N(D7)>0,TRUNC(N(E7)/D7*100,2),0)"},
	} {
		v, _ := f.GetCellValue(sh, tc.ref)
		fo, _ := f.GetCellFormula(sh, tc.ref)
		if v != tc.shown || fo != tc.formula {
			t.Errorf("%s = %q formula %q, want %q formula %q", tc.ref, v, fo, tc.shown, tc.formula)
		}
	}
	for ref, locked := range map[string]bool{"G16": false, "G20": true, "G6": true, "E15": false, "F21": true} {
		id, _ := f.GetCellStyle(sh, ref)
		st, _ := f.GetStyle(id)
		if got := st.Protection == nil || st.Protection.Locked; got != locked {
			t.Errorf("%s locked = %v, want %v", ref, got, locked)
		}
	}
	if typ, _ := f.GetCellType(sh, "G16"); typ != excelize.CellTypeUnset {
		t.Errorf("G16 type %v, want a number", typ)
	}

	// Notes: the person's kept, ours added after a separator.
	same(t, "notes", notes(t, f, sh), []string{
		"E15 张三: 张三:\n请复核实际完成值" + noteSep + noteMarker + "\n警告：实际完成值 12 偏离年度指标值 6 达 100%\n  建议：在偏差原因分析及改进措施中说明原因\n提示：单位一致",
		"G16 selfeval: " + noteMarker + "\n提示：得分按规则计算为 2.00",
		"G19 selfeval: " + noteMarker + "\n错误：得分 6 低于分值 8，需说明原因",
		"H13 李四: 无偏差",
	})
	// Highlights: the worst severity per cell; the person's format kept.
	same(t, "conditional formats", cfs(t, f, sh), []string{
		"C13:C19 cell greater than0 ",
		"E15 formula " + highlightFormula + " F4B084",
		"G16 formula " + highlightFormula + " DDEBF7",
		"G19 formula " + highlightFormula + " FFC7CE",
	})
	// The result sheet follows the form sheet.
	if got := f.GetSheetList(); fmt.Sprint(got) != fmt.Sprint([]string{sh, ResultSheet}) {
		t.Errorf("sheets %q", got)
	}
	rows, _ := f.GetRows(ResultSheet)
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(r, "|"))
	}
	same(t, "result sheet", got, []string{
		"校验结果", "本表未通过校验：有 2 个错误须更正后重新提交，更正前不评定等级（评分等级显示“待更正”）。",
		"项目名称|合作交流工作业务经费",
		"表单类型|mof2020（项目支出绩效自评表（财预〔2020〕10号））",
		"总分|97.78", "评分等级|待更正", "错误|2", "警告|1", "提示|2",
		"规则配置|default（abc123）", "工具版本|v0.1.0", "输入指纹|deadbeef", "",
		"序号|级别|代码|单元格|说明|建议",
		"1|警告|deviation.large_unexplained|自评表!E15|实际完成值 12 偏离年度指标值 6 达 100%|在偏差原因分析及改进措施中说明原因",
		"2|提示|actual.unit_mismatch|自评表!E15|单位一致",
		"3|错误|score.below_max|自评表!G19|得分 6 低于分值 8，需说明原因",
		"4|提示|score.filled|自评表!G16|得分按规则计算为 2.00",
		"5|错误|template.tampered||锁定内容被修改",
	})
	if ok, link, _ := f.GetCellHyperLink(ResultSheet, "D16"); !ok || link != "'自评表'!E15" {
		t.Errorf("D16 link %v %q", ok, link)
	}
	if panes, _ := f.GetPanes(ResultSheet); !panes.Freeze || panes.YSplit != 14 {
		t.Errorf("panes %+v, want frozen under row 14", panes)
	}
	f.Close()
	if !strings.Contains(string(part(t, path, "xl/worksheets/sheet1.xml")), "<sheetProtection") {
		t.Error("the form sheet lost its protection")
	}

	// Re-running gives the same file.
	if err := WriteBack(path, path, readPath(t, path), outcome(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if second := dumpFile(t, path); second != first {
		t.Errorf("second write-back differs:\n%s", lineDiff(first, second))
	}

	// No findings left: our notes and highlights go, the person's stay.
	clean := outcome()
	clean.Findings, clean.Writes = nil, nil
	if err := WriteBack(path, path, readPath(t, path), clean, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err = excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	same(t, "notes after a clean run", notes(t, f, sh), []string{"E15 张三: 张三:\n请复核实际完成值", "H13 李四: 无偏差"})
	same(t, "conditional formats after a clean run", cfs(t, f, sh), []string{"C13:C19 cell greater than0 "})
	if v, _ := f.GetCellValue(ResultSheet, "A15"); v != "未发现问题" {
		t.Errorf("A15 = %q", v)
	}
}

// part returns one part of the package at path.
func part(t *testing.T, path, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, _ := zf.Open()
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return b
		}
	}
	t.Fatalf("%s has no part %s", path, name)
	return nil
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestWriteBackLeavesOriginal: every failure, and a dry run, leaves the file
// byte-identical and no temp file behind.
func TestWriteBackLeavesOriginal(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, path string) (dst string, fm *form.Form, out form.Outcome, opts WriteOptions)
		err   func(t *testing.T, err error)
	}{
		{"dry run", func(t *testing.T, path string) (string, *form.Form, form.Outcome, WriteOptions) {
			return path, readPath(t, path), outcome(), WriteOptions{DryRun: true}
		}, func(t *testing.T, err error) {
			if err != nil {
				t.Fatal(err)
			}
		}},
		{"write over typed input", func(t *testing.T, path string) (string, *form.Form, form.Outcome, WriteOptions) {
			out := outcome()
			out.Writes = append(out.Writes, form.Write{Ref: "E15", Text: "6.00(个)"})
			return path, readPath(t, path), out, WriteOptions{}
		}, func(t *testing.T, err error) {
			var ce *CellError
			if !errors.As(err, &ce) || ce.Cell != "E15" || ce.Sheet != "自评表" || !errors.Is(err, errInputCell) {
				t.Fatalf("err = %v, want a CellError on 自评表!E15", err)
			}
			if !strings.Contains(err.Error(), "form.xlsx") || !strings.Contains(err.Error(), "E15") {
				t.Errorf("message %q names neither file nor cell", err)
			}
		}},
		{"write error before rename", func(t *testing.T, path string) (string, *form.Form, form.Outcome, WriteOptions) {
			testHookBeforeRename = func(string) error { return errors.New("disk full") }
			t.Cleanup(func() { testHookBeforeRename = nil })
			return path, readPath(t, path), outcome(), WriteOptions{}
		}, func(t *testing.T, err error) {
			if err == nil || err.Error() != "disk full" {
				t.Fatalf("err = %v", err)
			}
		}},
		{"read-only folder", func(t *testing.T, path string) (string, *form.Form, form.Outcome, WriteOptions) {
			if os.Geteuid() == 0 {
				t.Skip("root writes into read-only folders")
			}
			fm := readPath(t, path)
			dir := filepath.Dir(path)
			if err := os.Chmod(dir, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
			return path, fm, outcome(), WriteOptions{}
		}, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "临时文件") {
				t.Fatalf("err = %v", err)
			}
		}},
		{"output folder missing", func(t *testing.T, path string) (string, *form.Form, form.Outcome, WriteOptions) {
			return filepath.Join(filepath.Dir(path), "gone", "out.xlsx"), readPath(t, path), outcome(), WriteOptions{}
		}, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "临时文件") || !strings.Contains(err.Error(), "out.xlsx") {
				t.Fatalf("err = %v", err)
			}
		}},
		{"xlsm to xlsx", func(t *testing.T, path string) (string, *form.Form, form.Outcome, WriteOptions) {
			return strings.TrimSuffix(path, ".xlsx") + ".xlsm", readPath(t, path), outcome(), WriteOptions{}
		}, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "扩展名") {
				t.Fatalf("err = %v", err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := scoredFx(t)
			before, _ := os.ReadFile(path)
			entries := listDir(t, filepath.Dir(path))
			dst, fm, out, opts := tc.setup(t, path)
			tc.err(t, WriteBack(path, dst, fm, out, opts))
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Error("the original changed")
			}
			same(t, "folder", listDir(t, filepath.Dir(path)), entries)
		})
	}
}

func TestWriteBackElsewhereKeepsMode(t *testing.T) {
	path := scoredFx(t)
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	dst := filepath.Join(filepath.Dir(path), "scored.xlsx")
	if err := WriteBack(path, dst, readPath(t, path), outcome(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the input changed")
	}
	fi, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
	if err := WriteBack(dst, "", readPath(t, dst), outcome(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dst); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after in-place %v, want 0640", fi.Mode().Perm())
	}
}

func TestWriteBackMacros(t *testing.T) {
	x := sh2019Fixture(t)
	vba := append(append([]byte{}, oleMagic...), []byte("fake VBA project for the test")...)
	x.must(x.f.AddVBAProject(vba))
	path := x.save(t.TempDir(), "form.xlsm")
	out := form.Outcome{Total: decimal.RequireFromString("89"), Grade: "良",
		Writes:   []form.Write{{Ref: "E26", Number: num("89")}, {Ref: "E7", Text: "良"}},
		Findings: []form.Finding{{Code: "score.remark_missing", Severity: form.Warning, Cell: "E19", Message: "扣分未说明"}}}
	if err := WriteBack(path, path, readPath(t, path), out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := part(t, path, "xl/vbaProject.bin"); !bytes.Equal(got, vba) {
		t.Error("vbaProject.bin changed")
	}
	if ct := string(part(t, path, "[Content_Types].xml")); !strings.Contains(ct, "application/vnd.ms-excel.sheet.macroEnabled.main+xml") {
		t.Errorf("content types lost the macro workbook type:\n%s", ct)
	}
	if fm := readPath(t, path); fm.Fields["total"].Text != "89.00" || fm.Fields["grade"].Text != "良" {
		t.Errorf("total %q grade %q", fm.Fields["total"].Text, fm.Fields["grade"].Text)
	}
}

// TestWriteBackLibreOfficeNotes: LibreOffice saves every note shape with the
// id "shape_0", which excelize cannot add to or delete from; the write-back
// renumbers them first.
func TestWriteBackLibreOfficeNotes(t *testing.T) {
	path := scoredFx(t)
	if err := WriteBack(path, path, readPath(t, path), outcome(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	// Rewrite the package as LibreOffice would name the shapes.
	renamed := 0
	rewriteParts(t, path, func(name string, data []byte) []byte {
		if !strings.HasSuffix(name, ".vml") {
			return data
		}
		return shapeID.ReplaceAllFunc(data, func(m []byte) []byte {
			if bytes.Contains(m, []byte("_x0000_s")) {
				renamed++
				return []byte(` id="shape_0"`)
			}
			return m
		})
	})
	if renamed < 4 {
		t.Fatalf("renamed %d shapes, want 4", renamed)
	}
	clean := outcome()
	clean.Writes = nil
	clean.Findings = clean.Findings[2:] // E15 has no finding any more
	if err := WriteBack(path, path, readPath(t, path), clean, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	// Scored again with nothing new: no byte changes (E15, now the
	// person's note alone, keeps the box it had, and ours keep their ids).
	once, _ := os.ReadFile(path)
	if err := WriteBack(path, path, readPath(t, path), clean, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if twice, _ := os.ReadFile(path); !bytes.Equal(once, twice) {
		t.Error("a second write-back with nothing new changed the file")
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	same(t, "notes", notes(t, f, "自评表"), []string{
		"E15 张三: 张三:\n请复核实际完成值",
		"G16 selfeval: " + noteMarker + "\n提示：得分按规则计算为 2.00",
		"G19 selfeval: " + noteMarker + "\n错误：得分 6 低于分值 8，需说明原因",
		"H13 李四: 无偏差",
	})
}

// TestWriteBackKeepsPictures: pictures are set aside while excelize edits
// the workbook and come back byte for byte, still shown on their sheet.
func TestWriteBackKeepsPictures(t *testing.T) {
	dir := t.TempDir()
	x := mof2020Fixture(t)
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var png1 bytes.Buffer
	if err := png.Encode(&png1, img); err != nil {
		t.Fatal(err)
	}
	x.must(x.f.AddPictureFromBytes(x.sheet, "J2", &excelize.Picture{Extension: ".png", File: png1.Bytes()}))
	path := x.save(dir, "picture.xlsx")
	if err := WriteBack(path, "", readPath(t, path), outcome(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.GetSheetIndex(ResultSheet); err != nil {
		t.Fatal(err)
	}
	pics, err := f.GetPictures(x.sheet, "J2")
	if err != nil || len(pics) != 1 || !bytes.Equal(pics[0].File, png1.Bytes()) {
		t.Fatalf("picture at J2 after write-back: %d pictures, err %v", len(pics), err)
	}
}

var shapeID = regexp.MustCompile(`\sid="([^"]*)"`)

// TestReplyInOurNoteKept: a reply a person types at the end of our note is
// theirs: the next score keeps it (before our part, with the person's
// note) and the one after changes no byte.
func TestReplyInOurNoteKept(t *testing.T) {
	path := scoredFx(t)
	if err := WriteBack(path, path, readPath(t, path), outcome(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	replied := 0
	rewriteParts(t, path, func(name string, data []byte) []byte {
		if !strings.Contains(name, "comments") {
			return data
		}
		// The reply typed at the end of the note on G19.
		at := bytes.Index(data, []byte(`ref="G19"`))
		end := bytes.Index(data[at:], []byte(`</text>`))
		if at < 0 || end < 0 {
			t.Fatalf("no note on G19 in %s", name)
		}
		reply := []byte(`<r><t xml:space="preserve">` + "\n" + `李会计回复：已补充原因</t></r>`)
		replied++
		return append(data[:at+end:at+end], append(reply, data[at+end:]...)...)
	})
	if replied != 1 {
		t.Fatalf("replied in %d comments parts", replied)
	}
	if err := WriteBack(path, path, readPath(t, path), outcome(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	once, _ := os.ReadFile(path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g19 string
	for _, n := range notes(t, f, "自评表") {
		if strings.HasPrefix(n, "G19 ") {
			g19 = n
		}
	}
	f.Close()
	want := "G19 selfeval: 李会计回复：已补充原因" + noteSep + noteMarker + "\n错误：得分 6 低于分值 8，需说明原因"
	if g19 != want {
		t.Errorf("note on G19:\n%q\nwant\n%q", g19, want)
	}
	if err := WriteBack(path, path, readPath(t, path), outcome(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if twice, _ := os.ReadFile(path); !bytes.Equal(once, twice) {
		t.Error("the score after changed the file")
	}
}

// rewriteParts rewrites the package at path with each part as edit returns
// it, as another program saving the file would.
func rewriteParts(t *testing.T, path string, edit func(name string, data []byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		data, err := ooxml.ReadZipFile(zf)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(zf.Name)
		w.Write(edit(zf.Name, data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
