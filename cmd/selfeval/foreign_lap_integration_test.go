//go:build integration

package main

// Foreign forms through laps: a form this tool did not issue (a corpus
// layout, one of them a workbook with two forms) arrives saved by
// LibreOffice with one 得分 left for the rules and one 实际完成值 that
// cannot be read; it is scored (invalid, 待更正 where the form has a grade
// cell), the person types the correction in LibreOffice and lowers the
// actual of the row the tool scored (so the tool's 得分 is out of date),
// LibreOffice recalculates and saves, and it is scored again (ok); a third
// score changes no byte. After every step LibreOffice opens the file, its
// recalculated 总分, 评分等级 and 得分 equal our JSON report, no error or
// warning is about a cell the tool wrote, what the person typed stays as
// typed, and openpyxl opens the file.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/selfeval/selfeval/workbook"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// foreignForm is one form of a foreign workbook: where its cells are.
type foreignForm struct {
	sheet, total, grade string
	ours                bool // 总分 and 评分等级 left blank: the tool writes them
	// marked: 总分 itself left blank too, so the tool fills it with its
	// marker formula (form.IsMark), which shows the last score's figure
	// until the form is scored again.
	marked bool
}

// foreignLap is one foreign workbook going round.
type foreignLap struct {
	name   string
	path   string
	forms  []foreignForm
	bad    int        // the form with the unreadable actual
	fill   string     // "sheet!ref" of the 得分 left for the rules
	fixes  [][]string // ["sheet!ref", text] typed after the first score
	tool   map[string]bool
	typed  map[string]any // what LibreOffice showed in each typed cell
	kept   map[string]any // what LibreOffice showed in the person's 总分 and 评分等级
	passed []bool         // each form passed the last score
}

var percentTarget = regexp.MustCompile(`^=[0-9.]+\(%\)$`)

// foreignScore runs `selfeval CMD --format json` on a file with any number
// of forms.
func foreignScore(t *testing.T, cmd, path string) []layoutFile {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", cmd, "--format", "json", path}, &stdout, &stderr))
	var rep struct {
		Files []layoutFile `json:"files"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || len(rep.Files) == 0 {
		t.Fatalf("%s %s: exit %d, no JSON report (%v)\nstdout: %s\nstderr: %s", cmd, path, code, err, stdout.String(), stderr.String())
	}
	for _, f := range rep.Files {
		if f.Error != "" {
			t.Fatalf("%s %s: %s", cmd, path, f.Error)
		}
	}
	return rep.Files
}

// foreignSetup builds the layout's file, leaves one 得分 to the rules in
// the first form and makes one 实际完成值 of the last form unreadable.
func foreignSetup(t *testing.T, l *corpusLayout, seeds []string, dir string) *foreignLap {
	t.Helper()
	fl := &foreignLap{name: l.name, path: filepath.Join(dir, l.name+".xlsx"), tool: map[string]bool{}, typed: map[string]any{}, kept: map[string]any{}}
	buildCorpusFile(t, l, seeds, fl.path)
	wb, err := workbook.Load(fl.path)
	if err != nil {
		t.Fatal(err)
	}
	fms, err := wb.ReadAll()
	if err != nil || len(fms) != len(seeds) {
		t.Fatalf("%s: read %d forms (%v), want %d", l.name, len(fms), err, len(seeds))
	}
	fl.bad = len(fms) - 1
	edits := map[string]map[string]any{}
	formulas := map[string]string{}
	for i, fm := range fms {
		d := loadSeed(t, seeds[i])
		ff := foreignForm{sheet: fm.Sheet, total: fm.Fields["total"].Ref, grade: fm.Fields["grade"].Ref}
		if ff.total == "" {
			t.Fatalf("%s form %d: no 总分 cell", l.name, i)
		}
		fill, errRow := -1, -1
		for j, r := range fm.Rows {
			if j >= len(d.Rows) {
				continue
			}
			c := d.Rows[j].Cells
			full := c["score"] != "" && c["weight"] != "" && decimal.RequireFromString(c["score"]).Equal(decimal.RequireFromString(c["weight"]))
			switch {
			case i == 0 && fill < 0 && full && percentTarget.MatchString(c["target"]):
				fill = j
			case i == fl.bad && errRow < 0 && full && regexp.MustCompile(`^[≥≤=]?[0-9]`).MatchString(c["target"]) && r.Cell("actual").Ref != "":
				errRow = j
			}
		}
		if edits[fm.Sheet] == nil {
			edits[fm.Sheet] = map[string]any{}
		}
		if i == 0 {
			if fill < 0 {
				t.Fatalf("%s: no row of the first form the rules score", l.name)
			}
			r := fm.Rows[fill]
			edits[fm.Sheet][r.Cell("score").Ref] = nil
			// 总分 the person's own formula over the 得分 cells, as
			// multiform_test's; 评分等级 left for the tool.
			ff.ours = true
			formulas[fm.Sheet+"!"+ff.total] = totalFormula(t, fm)
			if ff.grade != "" {
				edits[fm.Sheet][ff.grade] = nil
			}
			fl.fill = fm.Sheet + "!" + r.Cell("score").Ref
			// The person lowers the actual of the row the tool scored.
			fl.fixes = append(fl.fixes, []string{fm.Sheet + "!" + r.Cell("actual").Ref, lowered(r.Cell("actual").Text)})
		}
		if i == 1 {
			// The second form of a workbook of two: 总分 and 评分等级 left
			// blank for the tool, and its figures the tool's on every lap.
			ff.ours, ff.marked = true, true
			edits[fm.Sheet][ff.total] = nil
			if ff.grade != "" {
				edits[fm.Sheet][ff.grade] = nil
			}
			// The correction also lowers a full 得分 the person typed by one
			// point, with the reason: the tool's 总分 is out of date until
			// scored again.
			low := -1
			for j, r := range fm.Rows {
				if j < len(d.Rows) && j != errRow && low < 0 && r.Cell("score").Ref != "" && r.Cell("reason").Ref != "" {
					c := d.Rows[j].Cells
					if c["score"] != "" && c["weight"] != "" && c["score"] == c["weight"] && decimal.RequireFromString(c["weight"]).GreaterThan(decimal.NewFromInt(1)) {
						low = j
					}
				}
			}
			if low < 0 {
				t.Fatalf("%s: no full 得分 in the second form to lower", l.name)
			}
			w := decimal.RequireFromString(d.Rows[low].Cells["weight"]).Sub(decimal.NewFromInt(1))
			fl.fixes = append(fl.fixes, []string{fm.Sheet + "!" + fm.Rows[low].Cell("score").Ref, w.String()},
				[]string{fm.Sheet + "!" + fm.Rows[low].Cell("reason").Ref, "部分任务推迟至次年一季度完成，已制定整改计划"})
		}
		if i == fl.bad {
			if errRow < 0 {
				t.Fatalf("%s: no quantitative row for an unreadable actual", l.name)
			}
			a := fm.Rows[errRow].Cell("actual")
			edits[fm.Sheet][a.Ref] = "见附件"
			fl.fixes = append(fl.fixes, []string{fm.Sheet + "!" + a.Ref, a.Text})
		}
		fl.forms = append(fl.forms, ff)
	}
	f, err := excelize.OpenFile(fl.path)
	if err != nil {
		t.Fatal(err)
	}
	for sh, cells := range edits {
		for ref, v := range cells {
			if err := f.SetCellValue(sh, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for q, fx := range formulas {
		sh, at, _ := strings.Cut(q, "!")
		if err := f.SetCellFormula(sh, at, fx); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return fl
}

// lowered is an actual of 100 (%) typed as 80, in the way it was written.
func lowered(text string) string {
	return regexp.MustCompile(`100(\.0+)?`).ReplaceAllString(text, "80$1")
}

// compareForeign checks LibreOffice's view of a file against a report of
// it. stale: the tool's 得分 whose row the person edited since.
func compareForeign(t *testing.T, step string, fl *foreignLap, v lapView, reps []layoutFile, stale map[string]bool) {
	t.Helper()
	if len(reps) != len(fl.forms) {
		t.Errorf("%s %s: %d forms in the report, want %d", fl.name, step, len(reps), len(fl.forms))
		return
	}
	for i, ff := range fl.forms {
		rep := reps[i]
		if rep.Sheet != "" && rep.Sheet != ff.sheet {
			t.Errorf("%s %s: report form %d on sheet %s, want %s", fl.name, step, i, rep.Sheet, ff.sheet)
		}
		if !strings.Contains(strings.Join(v.Sheets, ","), ff.sheet) {
			t.Errorf("%s %s: LibreOffice opened sheets %v, no %s", fl.name, step, v.Sheets, ff.sheet)
		}
		// The total less the tool's 得分 of edited rows, which show blank
		// until scored again.
		wantTotal := 0.0
		if rep.Total != nil {
			wantTotal = *rep.Total
		}
		for _, in := range rep.Indicators {
			q := ff.sheet + "!" + in.Cell
			switch {
			case stale[q] && v.Values[q] == "":
				wantTotal -= in.Score
			case !near(v.Values[q], in.Score):
				t.Errorf("%s %s: 得分 %s (%s) shows %v, JSON %v", fl.name, step, q, in.Name, v.Values[q], in.Score)
			}
		}
		total, grade := ff.sheet+"!"+ff.total, ff.sheet+"!"+ff.grade
		if !ff.ours {
			// The person's own 总分 and 评分等级 stay as typed.
			for _, q := range []string{total, grade} {
				if was, ok := fl.kept[q]; !ok {
					fl.kept[q] = v.Values[q]
				} else if v.Values[q] != was {
					t.Errorf("%s %s: the person's %s shows %v, was %v", fl.name, step, q, v.Values[q], was)
				}
			}
		} else if ff.marked && step == "corrected" {
			// Corrected, not yet scored: the tool's 总分 shows the last
			// score's figure (checked below: never held against the person).
		} else {
			if rep.Total == nil || !near(v.Values[total], wantTotal) {
				t.Errorf("%s %s: 总分 %s shows %v, want %v (JSON %v)", fl.name, step, total, v.Values[total], wantTotal, deref(rep.Total))
			}
			if ff.grade != "" {
				// 待更正 until a score passes the form.
				want := rep.Grade
				if rep.Status != "ok" || i < len(fl.passed) && !fl.passed[i] {
					want = "待更正"
				}
				if v.Values[grade] != want {
					t.Errorf("%s %s: 评分等级 %s shows %v, want %q (JSON status %s grade %q)", fl.name, step, grade, v.Values[grade], want, rep.Status, rep.Grade)
				}
			}
		}
		for _, f := range rep.Findings {
			at := ff.sheet + "!" + f.Cell
			if f.Severity != "info" && fl.tool[at] {
				if _, typed := fl.typed[at]; !typed {
					t.Errorf("%s %s: %s %s blames the person for the value the tool wrote at %s: %s", fl.name, step, f.Severity, f.Code, at, f.Message)
				}
			}
		}
	}
}

// toolWrote returns the cells a score just wrote: 总分 and 评分等级 where
// they are the tool's, and every 得分 it filled (score.filled).
func toolWrote(fl *foreignLap, reps []layoutFile) map[string]bool {
	out := map[string]bool{}
	for i, rep := range reps {
		if i >= len(fl.forms) {
			break
		}
		ff := fl.forms[i]
		if ff.ours {
			out[ff.sheet+"!"+ff.total] = true
			if ff.grade != "" {
				out[ff.sheet+"!"+ff.grade] = true
			}
		}
		for _, f := range rep.Findings {
			if f.Code == "score.filled" {
				out[ff.sheet+"!"+f.Cell] = true
			}
		}
	}
	return out
}

// reads returns the cells to look at: every form's 总分, 评分等级 and 得分
// as the report finds them, and the cells the person types.
func (fl *foreignLap) reads(reps []layoutFile) []string {
	var out []string
	for i, ff := range fl.forms {
		out = append(out, ff.sheet+"!"+ff.total)
		if ff.grade != "" {
			out = append(out, ff.sheet+"!"+ff.grade)
		}
		if i < len(reps) {
			for _, in := range reps[i].Indicators {
				out = append(out, ff.sheet+"!"+in.Cell)
			}
		}
	}
	for _, c := range fl.fixes {
		out = append(out, c[0])
	}
	return out
}

// openpyxlReadAll loads every file named on its command line with
// openpyxl, reading every cell and note; it exits 1 naming those it cannot.
const openpyxlReadAll = `
import sys, openpyxl
bad = 0
for p in sys.argv[1:]:
    try:
        wb = openpyxl.load_workbook(p)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    c.value, c.comment
    except Exception as e:
        bad += 1
        print("%s: %r" % (p, e))
sys.exit(1 if bad else 0)
`

// openpyxlOpens loads every file with openpyxl, every cell and note.
func openpyxlOpens(t *testing.T, step string, files []string) {
	t.Helper()
	if out, err := exec.Command(python, append([]string{"-c", openpyxlReadAll}, files...)...).CombinedOutput(); err != nil {
		t.Errorf("%s: openpyxl: %v\n%s", step, err, out)
	}
}

func TestIntegrationForeignLaps(t *testing.T) {
	o := needTools(t)
	start := time.Now()
	byName := map[string]*corpusLayout{}
	for _, l := range corpusLayouts() {
		byName[l.name] = l
	}
	one, two := []string{"mof2020-liaison"}, []string{"mof2020-liaison", "mof2020-services"}
	cases := []struct {
		layout string
		seeds  []string
	}{
		{"central-dept", one},
		{"anhui-chizhou2022", one},
		{"hebei-langfang2019", one},
		{"numfmt-custom", one},
		{"subtotals", one},
		{"doczj-shijizhi", one},
		{"reordered-columns", one},
		{"goal-variants", one},
		{"single-budget", one},
		{"dept-code", one},
		{"narrative-block", one},
		{"numfmt-sections", one},
		{"two-forms-mixed", two},
		// Targets joined from several cells (计算符号/度量单位 columns,
		// 年度指标值 over value | unit): the fill formula compares what the
		// target cell itself holds.
		{"sichuan-qingshen2023", one},
		{"sichuan-stacked", two},
		{"calc-symbol", one},
		{"nature-direction", one},
		{"level-headings", one},
		// PDF conversions: values in the right half of two-column headers;
		// a blank 得分 there is filled there, inside the 总分 formula.
		{"converter-pdf-right", one},
		{"converter-funds-right", one},
		{"converter-merged-header", one},
		{"converter-pdf-split", one},
	}
	// SELFEVAL_FOREIGN_LAYOUTS=a,b runs other corpus layouts.
	if s := os.Getenv("SELFEVAL_FOREIGN_LAYOUTS"); s != "" {
		cases = cases[:0]
		for _, name := range strings.Split(s, ",") {
			seeds := one
			if l := byName[name]; l != nil && l.forms == 2 {
				seeds = two
			}
			cases = append(cases, struct {
				layout string
				seeds  []string
			}{name, seeds})
		}
	}
	src, dir := t.TempDir(), t.TempDir()
	var laps []*foreignLap
	var files, paths []string
	for _, c := range cases {
		l := byName[c.layout]
		if l == nil {
			t.Fatalf("no layout %s in the corpus", c.layout)
		}
		fl := foreignSetup(t, l, c.seeds, src)
		files = append(files, fl.path)
		fl.path = filepath.Join(dir, filepath.Base(fl.path))
		paths = append(paths, fl.path)
		laps = append(laps, fl)
	}
	// Saved by LibreOffice, as the person's program saves it.
	o.convertAll(t, "xlsx", dir, files)

	reports := map[string][]layoutFile{}
	// view has LibreOffice open every file (typing the corrections first
	// when typing), recalculate and show the cells; openpyxl opens them.
	view := func(step string, typing bool) map[string]lapView {
		t.Helper()
		var jobs []lapJob
		for _, fl := range laps {
			cells := [][]string{}
			if typing {
				cells = fl.fixes
			}
			jobs = append(jobs, lapJob{Path: fl.path, Sheet: fl.forms[0].sheet, Cells: cells, Read: fl.reads(reports[fl.path])})
		}
		views := runLap(t, o, jobs)
		openpyxlOpens(t, step, paths)
		return views
	}
	score := func(lap int) {
		t.Helper()
		for _, fl := range laps {
			reps := foreignScore(t, "score", fl.path)
			for i, rep := range reps {
				want := "ok"
				if lap == 1 && i == fl.bad {
					want = "invalid"
				}
				if i < len(fl.forms) && rep.Status != want {
					t.Errorf("%s lap %d form %d: status %s, want %s; findings %+v", fl.name, lap, i, rep.Status, want, rep.Findings)
				}
			}
			wrote := toolWrote(fl, reps)
			if !wrote[fl.fill] {
				t.Errorf("%s lap %d: the rules did not fill %s", fl.name, lap, fl.fill)
			}
			reports[fl.path] = reps
			fl.passed = fl.passed[:0]
			for _, rep := range reps {
				fl.passed = append(fl.passed, rep.Status == "ok")
			}
		}
		views := view(fmt.Sprintf("lap %d scored", lap), false)
		for _, fl := range laps {
			v := views[fl.path]
			compareForeign(t, fmt.Sprintf("lap %d scored", lap), fl, v, reports[fl.path], nil)
			// What the person typed stays as typed.
			for at, was := range fl.typed {
				if v.Values[at] != was {
					t.Errorf("%s lap %d: %s typed as %v shows %v after the score", fl.name, lap, at, was, v.Values[at])
				}
			}
			fl.tool, fl.typed = toolWrote(fl, reports[fl.path]), map[string]any{}
		}
	}

	// Lap 1: the score fills the blank 得分 and sends the form back.
	score(1)

	// The person types the correction and lowers the actual of the row
	// the tool scored; LibreOffice recalculates and saves.
	views := view("corrected", true)
	typed := map[string]map[string]any{}
	for _, fl := range laps {
		v := views[fl.path]
		typed[fl.path] = map[string]any{}
		for _, c := range fl.fixes {
			typed[fl.path][c[0]] = v.Values[c[0]]
			fl.typed[c[0]] = v.Values[c[0]]
		}
		reps := foreignScore(t, "check", fl.path)
		compareForeign(t, "corrected", fl, v, reps, map[string]bool{fl.fill: true})
		if got := v.Values[fl.fill]; got != "" {
			t.Errorf("%s corrected: the tool's 得分 %s shows %v with its row's 实际完成值 lowered, want blank", fl.name, fl.fill, got)
		}
	}

	// Lap 2: scored again, it passes; the tool's 得分 is recomputed.
	for _, fl := range laps {
		fl.typed = typed[fl.path]
	}
	score(2)

	// Lap 3: nothing new, no byte changes.
	for _, fl := range laps {
		before, err := os.ReadFile(fl.path)
		if err != nil {
			t.Fatal(err)
		}
		reps := foreignScore(t, "score", fl.path)
		after, err := os.ReadFile(fl.path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(before, after) {
			t.Errorf("%s lap 3: a score with nothing new changed the file", fl.name)
		}
		for i, rep := range reps {
			if rep.Status != "ok" {
				t.Errorf("%s lap 3 form %d: status %s", fl.name, i, rep.Status)
			}
		}
	}
	t.Logf("%d layouts through three laps in %s", len(laps), time.Since(start).Round(time.Millisecond))
}
