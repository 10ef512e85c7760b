package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/watch"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// multiFormFile builds a workbook holding a 填报说明 sheet and then one form
// per seed, on sheets 项目1, 项目2, … (the corpus's guide-sheet layout).
func multiFormFile(t *testing.T, path string, seeds ...string) {
	t.Helper()
	var l *corpusLayout
	for _, x := range corpusLayouts() {
		if x.name == "guide-sheet" {
			c := *x
			l = &c
		}
	}
	if l == nil {
		t.Fatal("no guide-sheet layout in the corpus")
	}
	l.extra = "guide-two"
	buildCorpusFile(t, l, seeds, path)
}

// scoredFile is a form of score's JSON report.
type scoredFile struct {
	layoutFile
	Output string `json:"output"`
}

// scoreJSON runs `selfeval score --format json` with args and returns the
// exit code and the report's forms.
func scoreJSON(t *testing.T, args ...string) (int, []scoredFile) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), append([]string{"selfeval", "score", "--format", "json"}, args...), &stdout, &stderr))
	var rep struct {
		Files []scoredFile `json:"files"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("score %q: exit %d, no JSON report (%v)\nstdout: %s\nstderr: %s", args, code, err, stdout.String(), stderr.String())
	}
	return code, rep.Files
}

// twoForms reads the two forms of the workbook at path.
func twoForms(t *testing.T, path string) []*form.Form {
	t.Helper()
	wb, err := workbook.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fms, err := wb.ReadAll()
	if err != nil || len(fms) != 2 {
		t.Fatalf("read %d forms (%v), want 2", len(fms), err)
	}
	return fms
}

// zipParts returns the parts of a package by name, as unpacked.
func zipParts(t *testing.T, file string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}

// sheetPartOf returns the part of the named sheet in a package's parts.
func sheetPartOf(t *testing.T, parts map[string][]byte, sheet string) string {
	t.Helper()
	m := regexp.MustCompile(`<sheet [^>]*name="` + regexp.QuoteMeta(sheet) + `"[^>]*r:id="([^"]+)"`).FindSubmatch(parts["xl/workbook.xml"])
	if m == nil {
		t.Fatalf("no sheet %s in xl/workbook.xml", sheet)
	}
	for _, rel := range regexp.MustCompile(`<Relationship [^>]*>`).FindAll(parts["xl/_rels/workbook.xml.rels"], -1) {
		if bytes.Contains(rel, []byte(`Id="`+string(m[1])+`"`)) {
			target := regexp.MustCompile(`Target="([^"]+)"`).FindSubmatch(rel)
			if target == nil {
				break
			}
			return path.Join("xl", strings.TrimPrefix(string(target[1]), "/xl/"))
		}
	}
	t.Fatalf("no part for sheet %s", sheet)
	return ""
}

// TestScoreMultiForm: score writes into every form of a workbook with a
// 填报说明 sheet and two project forms, in one write, and into nothing
// else; the one result sheet names both forms; a second score changes no
// byte; read back, each form holds the total and grade the report gives.
func TestScoreMultiForm(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "两个项目.xlsx")
	multiFormFile(t, src, "mof2020-liaison", "mof2020-services")
	out := filepath.Join(dir, "scored.xlsx")
	code, forms := scoreJSON(t, "-o", out, src)
	if code != exitOK || len(forms) != 2 {
		t.Fatalf("score: exit %d, %d forms, want 0 and 2: %+v", code, len(forms), forms)
	}
	for i, f := range forms {
		if want := "项目" + strconv.Itoa(i+1); f.Sheet != want || f.Status != "ok" || f.Total == nil {
			t.Fatalf("form %d: sheet %q status %q total %v, want sheet %s, ok, a total", i, f.Sheet, f.Status, f.Total, want)
		}
	}
	if *forms[0].Total == *forms[1].Total {
		t.Fatalf("both forms total %v: the seeds should differ", *forms[0].Total)
	}

	before, after := zipParts(t, src), zipParts(t, out)
	guide := sheetPartOf(t, before, "填报说明")
	if g := sheetPartOf(t, after, "填报说明"); g != guide || !bytes.Equal(before[guide], after[g]) {
		t.Errorf("the 填报说明 sheet's part %s changed", guide)
	}
	for _, sh := range []string{"项目1", "项目2"} {
		p := sheetPartOf(t, before, sh)
		if bytes.Equal(before[p], after[sheetPartOf(t, after, sh)]) {
			t.Errorf("the form sheet %s was not written", sh)
		}
	}

	// One result sheet, listing both forms with their totals and grades.
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var results int
	for _, name := range f.GetSheetList() {
		if strings.Contains(name, resultSheetName) {
			results++
		}
	}
	f.Close()
	if results != 1 {
		t.Errorf("%d result sheets, want 1", results)
	}
	res := strings.Join(sheetRows(t, out, resultSheetName), "\n")
	for _, f := range forms {
		for _, want := range []string{"工作表「" + f.Sheet + "」：" + f.Project, strconv.FormatFloat(*f.Total, 'f', 2, 64), f.Grade} {
			if !strings.Contains(res, want) {
				t.Errorf("%s does not show %q:\n%s", resultSheetName, want, res)
			}
		}
	}

	// Read back: each form holds the total and grade of the report.
	wb, err := workbook.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	fms, err := wb.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(fms) != 2 {
		t.Fatalf("read back %d forms, want 2", len(fms))
	}
	for i, fm := range fms {
		total, err := strconv.ParseFloat(strings.TrimSpace(fm.Fields["total"].Text), 64)
		if fm.Sheet != forms[i].Sheet || err != nil || total != *forms[i].Total || strings.TrimSpace(fm.Fields["grade"].Text) != forms[i].Grade {
			t.Errorf("read back %s: 总分 %q 评分等级 %q, want %v %s", fm.Sheet, fm.Fields["total"].Text, fm.Fields["grade"].Text, *forms[i].Total, forms[i].Grade)
		}
	}

	// A second score, in place, with nothing new: the same bytes.
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	code, again := scoreJSON(t, out)
	if code != exitOK || len(again) != 2 {
		t.Fatalf("second score: exit %d, %d forms", code, len(again))
	}
	second, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("a second score changed the file")
	}
}

// TestScoreMultiFormDryRun: --dry-run on a workbook of two forms reports
// both and writes nothing.
func TestScoreMultiFormDryRun(t *testing.T) {
	src := filepath.Join(t.TempDir(), "in.xlsx")
	multiFormFile(t, src, "mof2020-cooperation", "mof2020-liaison")
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	code, forms := scoreJSON(t, "--dry-run", src)
	if code != exitOK || len(forms) != 2 || forms[0].Status != "ok" || forms[1].Status != "ok" {
		t.Fatalf("dry run: exit %d, %+v", code, forms)
	}
	if now, err := os.ReadFile(src); err != nil || !bytes.Equal(now, orig) {
		t.Errorf("--dry-run changed the file (%v)", err)
	}
}

// TestScoreMultiFormUnwritable: when the write-back fails, every form of the
// file is unwritable with the same error, the exit code is 4 and the file
// is unchanged.
func TestScoreMultiFormUnwritable(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "in.xlsx")
	multiFormFile(t, src, "mof2020-cooperation", "mof2020-liaison")
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// The output's folder does not exist: the write fails after the check.
	code, forms := scoreJSON(t, "-o", filepath.Join(dir, "missing", "out.xlsx"), src)
	if code != exitUnwritable || len(forms) != 2 {
		t.Fatalf("exit %d, %d forms, want %d and 2", code, len(forms), exitUnwritable)
	}
	for _, f := range forms {
		if f.Status != "unwritable" || f.Error == "" || f.Error != forms[0].Error {
			t.Errorf("%s: status %q error %q, want unwritable with the file's one error", f.Sheet, f.Status, f.Error)
		}
	}
	if now, err := os.ReadFile(src); err != nil || !bytes.Equal(now, orig) {
		t.Errorf("the input changed (%v)", err)
	}
}

// TestWatchMultiForm: the watcher scores every form of a file, and a file
// whose second form has an error goes back (status invalid) with the
// errors of all its forms counted.
func TestWatchMultiForm(t *testing.T) {
	src := filepath.Join(t.TempDir(), "in.xlsx")
	multiFormFile(t, src, "mof2020-cooperation", "mof2020-liaison")
	fms := twoForms(t, src)
	grade := fms[1].Fields["grade"]
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(grade.Sheet, grade.Ref, "差"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, forms, _ := checkForms(t, src)
	if len(forms) != 2 || forms[0].Status != "ok" || forms[1].Status != "invalid" {
		t.Fatalf("check: %+v, want the second form invalid", forms)
	}
	g := &engine{profile: validate.DefaultProfile(), budget: newBudget(workbook.MaxCost)}
	out, err := processor{g}.Process(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != watch.StatusInvalid || out.Errors == 0 {
		t.Errorf("outcome %+v, want invalid with the second form's errors", out)
	}
	if len(out.Forms) != 2 || out.Forms[0].Sheet != "项目1" || out.Forms[0].Status != "ok" ||
		out.Forms[1].Sheet != "项目2" || out.Forms[1].Status != watch.StatusInvalid || out.Forms[1].FormKey == out.Forms[0].FormKey {
		t.Errorf("outcome's forms %+v, want 项目1 ok and 项目2 invalid, each its own form key", out.Forms)
	}
	res := strings.Join(sheetRows(t, src, resultSheetName), "\n")
	if !strings.Contains(res, "工作表「项目1」") || !strings.Contains(res, "工作表「项目2」") || !strings.Contains(res, "未通过校验") {
		t.Errorf("%s does not list both forms and the failure:\n%s", resultSheetName, res)
	}
}

// TestCorpusScoreEveryForm: every multi-form layout of the corpus (汇总 +
// project sheets, two sheets, two layouts, two forms stacked on one sheet)
// is scored whole: every form is written (read back, its 总分 is the
// report's), the sheets that are not forms keep their parts byte for byte,
// the result sheet names every form, and a second score changes no byte.
func TestCorpusScoreEveryForm(t *testing.T) {
	n := 0
	for _, c := range corpusCases() {
		if c.layout.forms < 2 || c.seeds[0] != layoutSeeds[0] {
			continue
		}
		n++
		t.Run(c.layout.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "in.xlsx")
			buildCorpusFile(t, c.layout, c.seeds, src)
			// The last form's 总分 a formula with no value yet: the score
			// keeps the formula and gives it its value, as a computed cell
			// of that form, wherever the form stands.
			in, err := workbook.Load(src)
			if err != nil {
				t.Fatal(err)
			}
			read, err := in.ReadAll()
			if err != nil || len(read) != c.layout.forms {
				t.Fatalf("read %d forms (%v), want %d", len(read), err, c.layout.forms)
			}
			total := read[len(read)-1].Fields["total"]
			if total.Ref == "" {
				t.Fatalf("%s: the last form has no 总分 cell", c.layout.name)
			}
			g, err := excelize.OpenFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := g.SetCellFormula(total.Sheet, total.Ref, totalFormula(t, read[len(read)-1])); err != nil {
				t.Fatal(err)
			}
			if err := g.Save(); err != nil {
				t.Fatal(err)
			}
			g.Close()
			out := filepath.Join(dir, "scored.xlsx")
			code, forms := scoreJSON(t, "-o", out, src)
			if code == exitUnwritable || code == exitUnreadable || len(forms) != c.layout.forms {
				t.Fatalf("score: exit %d, %d forms, want %d written", code, len(forms), c.layout.forms)
			}
			sheets := map[string]bool{}
			for _, f := range forms {
				if f.Status == "unwritable" || f.Total == nil || f.Output != out {
					t.Fatalf("%s: status %q total %v output %q", f.Sheet, f.Status, f.Total, f.Output)
				}
				sheets[f.Sheet] = true
			}
			before, after := zipParts(t, src), zipParts(t, out)
			g, err = excelize.OpenFile(src)
			if err != nil {
				t.Fatal(err)
			}
			for _, sh := range g.GetSheetList() {
				p, q := sheetPartOf(t, before, sh), sheetPartOf(t, after, sh)
				if changed := !bytes.Equal(before[p], after[q]); changed != sheets[sh] {
					t.Errorf("sheet %s: changed %v, want %v (a form: %v)", sh, changed, sheets[sh], sheets[sh])
				}
			}
			g.Close()
			res := strings.Join(sheetRows(t, out, resultSheetName), "\n")
			wb, err := workbook.Load(out)
			if err != nil {
				t.Fatal(err)
			}
			fms, err := wb.ReadAll()
			if err != nil || len(fms) != len(forms) {
				t.Fatalf("read back %d forms (%v), want %d", len(fms), err, len(forms))
			}
			for i, fm := range fms {
				if !strings.Contains(res, "工作表「"+fm.Sheet+"」") {
					t.Errorf("%s does not name the form on %s", resultSheetName, fm.Sheet)
				}
				if cell, ok := fm.Fields["total"]; ok && cell.Ref != "" {
					if v, err := strconv.ParseFloat(cell.Text, 64); err != nil || v != *forms[i].Total {
						t.Errorf("%s!%s: 总分 %q, the report says %v", fm.Sheet, cell.Ref, cell.Text, *forms[i].Total)
					}
				}
			}
			first, _ := os.ReadFile(out)
			if code, _ := scoreJSON(t, out); code == exitUnwritable {
				t.Fatalf("second score: exit %d", code)
			}
			if second, _ := os.ReadFile(out); !bytes.Equal(first, second) {
				t.Error("a second score changed the file")
			}
		})
	}
	if n < 3 {
		t.Fatalf("%d multi-form layouts in the corpus, want at least 3", n)
	}
}

// totalFormula is a 总分 formula of the form: its funds score plus the sum
// of its 得分 cells, rounded to 2 decimals.
func totalFormula(t *testing.T, fm *form.Form) string {
	t.Helper()
	terms := []string{fm.Grid["total"]["score"].Ref}
	for _, r := range fm.Rows {
		if c := r.Cell("score"); r.Has("score") && c.Ref != "" {
			terms = append(terms, "N("+c.Ref+")")
		}
	}
	if terms[0] == "" || len(terms) < 3 {
		t.Fatalf("%s: no funds score or 得分 cells: %q", fm.Sheet, terms)
	}
	return fmt.Sprintf("ROUND(%s,2)", strings.Join(terms, "+"))
}

// TestTextSummaryCountsFiles: the text report's closing line says how many
// forms in how many files when a workbook holds several forms, and keeps
// its one-form wording otherwise.
func TestTextSummaryCountsFiles(t *testing.T) {
	dir := t.TempDir()
	two, one := filepath.Join(dir, "两个项目.xlsx"), filepath.Join(dir, "一个项目.xlsx")
	multiFormFile(t, two, "mof2020-liaison", "mof2020-services")
	buildCorpusFile(t, corpusLayouts()[0], []string{"mof2020-liaison"}, one)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{two, one}, "共 3 张表（2 个文件）：通过 3，"},
		{[]string{one}, "共 1 个文件：通过 1，"},
		{[]string{"--lang", "en", two}, "2 form(s) in 1 file(s): 2 ok,"},
	} {
		var stdout, stderr bytes.Buffer
		code := exitStatus(&stderr, run(context.Background(), append([]string{"selfeval", "check"}, c.args...), &stdout, &stderr))
		if code != exitOK || !strings.Contains(stdout.String(), c.want) {
			t.Errorf("check %q: exit %d, want 0 and a line with %q:\n%s%s", c.args, code, c.want, stdout.String(), stderr.String())
		}
	}
}
