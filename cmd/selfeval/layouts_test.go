package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Layout fixtures are the three mof2020 seed projects written into the
// layouts of forms other systems produce (testdata/layouts, made by
// make_layouts.py, not by our template): label variants, the Sichuan 2023
// form, extra columns and merges, project workbooks with many sheets, two
// forms in one workbook, forms without 总分 or 评分等级 rows, and a target that
// became a formula. Each must read as our own sample of the seed does.

const layoutDir = "testdata/layouts"

var layoutSeeds = []string{"mof2020-cooperation", "mof2020-liaison", "mof2020-services"}

// layoutCase is one fixture file and the seeds of its forms, in sheet order.
type layoutCase struct {
	layout string
	seeds  []string
	absent [][]string // per form: rows the layout leaves out, a form.row_absent info each
	shared bool       // the forms are printed one under the other on one sheet
	yuan   bool       // amounts in 元, not 万元: the report's budget and spent are 10 000 times the sample's
}

func (lc layoutCase) file() string { return lc.layout + "--" + lc.seeds[0] + ".xlsx" }

func layoutCases() []layoutCase {
	layouts := []struct {
		name   string
		absent [][]string
		yuan   bool
	}{
		{name: "labels-ab"},
		{name: "labels-adjusted"},
		{name: "labels-short"},
		{name: "sichuan2023", absent: [][]string{{"上年结转资金"}}},
		{name: "merged-extra"},
		{name: "no-footer", absent: [][]string{{"总分", "评分等级"}}},
		{name: "target-formula", absent: [][]string{{"总分"}}},
		{name: "project-workbook"},
		// labels-short on the first sheet, sichuan2023 with the next seed on the second
		{name: "two-forms", absent: [][]string{nil, {"上年结转资金"}}},
		// make_layouts2.py: written apart from the reader and first measured
		// as a held-out set (36 of 45 files read right; see README.md).
		{name: "stamp-leader"},
		{name: "yuan-amounts", yuan: true},
		// 自评得分 under 得分 and nothing under 分值: no total of the weights
		{name: "self-score-foot", absent: [][]string{{"总分（分值）"}}},
		{name: "remark-col"},
		{name: "explain-standard"},
		{name: "seq-offset"},
		{name: "goal-stacked"},
		{name: "notes-bottom"},
		{name: "rate-first-words"},
		{name: "percent-cells"},
		{name: "side-notes"},
		{name: "hidden-code"},
		{name: "levels-first-only"},
		{name: "text-numbers"},
		{name: "total-grade-row"},
	}
	var out []layoutCase
	for _, l := range layouts {
		for i, s := range layoutSeeds {
			lc := layoutCase{layout: l.name, seeds: []string{s}, absent: l.absent, yuan: l.yuan}
			if len(l.absent) == 2 {
				lc.seeds = append(lc.seeds, layoutSeeds[(i+1)%len(layoutSeeds)])
			}
			out = append(out, lc)
		}
	}
	// The sh2019 form in a layout of its own (make_layouts2.py).
	return append(out, layoutCase{layout: "sh2019-grid", seeds: []string{"sh2019-kunming"}})
}

// layoutFile is one form of the JSON report, with its sheet.
type layoutFile struct {
	reportFile
	Sheet string `json:"sheet"`
}

// checkForms runs `selfeval check --format json` on one file and returns
// every form of the report.
func checkForms(t *testing.T, path string) (int, []layoutFile, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "check", "--format", "json", path}, &stdout, &stderr))
	var rep struct {
		Files []layoutFile `json:"files"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || len(rep.Files) == 0 {
		t.Fatalf("check %s: exit %d, no JSON report (%v)\nstdout: %s\nstderr: %s", path, code, err, stdout.String(), stderr.String())
	}
	return code, rep.Files, stdout.String()
}

var (
	sampleMu      sync.Mutex
	sampleReports = map[string]reportFile{}
)

// sampleReport is the report of our own sample of a seed.
func sampleReport(t *testing.T, seed string) reportFile {
	t.Helper()
	sampleMu.Lock()
	defer sampleMu.Unlock()
	if r, ok := sampleReports[seed]; ok {
		return r
	}
	code, got, _ := checkJSON(t, filepath.Join("../../samples", seed+".xlsx"))
	if code != exitOK {
		t.Fatalf("sample %s: exit %d", seed, code)
	}
	sampleReports[seed] = got
	return got
}

// rowOf is the sheet row of an A1 reference, or 0.
func rowOf(ref string) int {
	n, err := strconv.Atoi(strings.TrimLeft(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
	if err != nil {
		return 0
	}
	return n
}

// findingKeys are the findings that must agree between layouts of one seed:
// every error and warning and every deviation finding, placed by indicator
// (the n-th indicator row) rather than by cell.
func findingKeys(f reportFile) []string {
	ind := map[int]int{}
	for i, in := range f.Indicators {
		ind[rowOf(in.Cell)] = i
	}
	var out []string
	for _, x := range f.Findings {
		if x.Severity == "info" && !strings.HasPrefix(x.Code, "deviation.") {
			continue
		}
		where := "form"
		if i, ok := ind[rowOf(x.Cell)]; ok && x.Cell != "" {
			where = fmt.Sprintf("indicator %d", i)
		} else if x.Cell != "" {
			where = "cell " + x.Cell
		}
		out = append(out, x.Severity+" "+x.Code+" @ "+where)
	}
	sort.Strings(out)
	return out
}

// assertLikeSample checks one form of a layout against the seed's sample.
func assertLikeSample(t *testing.T, got layoutFile, seed string, absent []string, yuan bool) {
	t.Helper()
	want := sampleReport(t, seed)
	_, exp := loadSample(t, seed)
	if got.Status != "ok" || got.Error != "" {
		t.Errorf("%s: status %q %s, want ok", seed, got.Status, got.Error)
	}
	if got.Total == nil || *got.Total != exp.Total || got.Grade != exp.Grade || *want.Total != exp.Total {
		t.Errorf("%s: total %v grade %q, want %v %q", seed, got.Total, got.Grade, exp.Total, exp.Grade)
	}
	if got.Kind != want.Kind || got.Project != want.Project {
		t.Errorf("%s: %s %q, want %s %q", seed, got.Kind, got.Project, want.Kind, want.Project)
	}
	if unit := map[bool]string{false: want.MoneyUnit, true: "元"}[yuan]; got.MoneyUnit != unit || unit == "" {
		t.Errorf("%s: money_unit %q, want %q", seed, got.MoneyUnit, unit)
	}
	for k, v := range want.Execution {
		if yuan && (k == "budget" || k == "spent") {
			v *= 10000
		}
		if math.Abs(got.Execution[k]-v) > 1e-6 {
			t.Errorf("%s: execution.%s = %v, want %v", seed, k, got.Execution[k], v)
		}
	}
	if len(got.Indicators) != len(want.Indicators) {
		t.Fatalf("%s: %d indicators, want %d", seed, len(got.Indicators), len(want.Indicators))
	}
	for i, in := range got.Indicators {
		w := want.Indicators[i]
		if in.Name != w.Name || in.Weight != w.Weight || in.Score != w.Score {
			t.Errorf("%s: indicator %d = %s %v/%v, want %s %v/%v", seed, i, in.Name, in.Score, in.Weight, w.Name, w.Score, w.Weight)
		}
	}
	for _, x := range got.Findings {
		if x.Severity == "error" {
			t.Errorf("%s: error finding %s at %s: %s", seed, x.Code, x.Cell, x.Message)
		}
	}
	if g, w := findingKeys(got.reportFile), findingKeys(want); strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Errorf("%s: findings\n got  %q\n want %q", seed, g, w)
	}
	var rows []string
	for _, x := range got.Findings {
		if x.Code == "form.row_absent" {
			rows = append(rows, x.Message)
		}
	}
	if len(rows) != len(absent) {
		t.Errorf("%s: form.row_absent %q, want one for each of %q", seed, rows, absent)
	}
	for _, a := range absent {
		if !strings.Contains(strings.Join(rows, "\n"), "“"+a+"”") {
			t.Errorf("%s: no form.row_absent for %s (got %q)", seed, a, rows)
		}
	}
}

// assertLayout checks every form of a layout fixture at path.
func assertLayout(t *testing.T, path string, lc layoutCase) {
	t.Helper()
	code, forms, raw := checkForms(t, path)
	defer func() {
		if t.Failed() {
			t.Logf("report:\n%s", raw)
		}
	}()
	if code != exitOK {
		t.Errorf("exit %d, want %d", code, exitOK)
	}
	if len(forms) != len(lc.seeds) {
		t.Fatalf("%d forms, want %d", len(forms), len(lc.seeds))
	}
	sheets := map[string]bool{}
	for i, fm := range forms {
		var absent []string
		if i < len(lc.absent) {
			absent = lc.absent[i]
		}
		assertLikeSample(t, fm, lc.seeds[i], absent, lc.yuan)
		if len(forms) > 1 && (fm.Sheet == "" || sheets[fm.Sheet] && !lc.shared) {
			t.Errorf("form %d: sheet %q, want a sheet of its own", i, fm.Sheet)
		}
		sheets[fm.Sheet] = true
	}
}

func TestLayouts(t *testing.T) {
	cases := layoutCases()
	files, err := filepath.Glob(filepath.Join(layoutDir, "*.xlsx"))
	if err != nil || len(files) != len(cases) {
		t.Fatalf("%d fixtures in %s, %d cases (regenerate with /usr/bin/python3 %s/make_layouts.py)", len(files), layoutDir, len(cases), layoutDir)
	}
	if n := (len(cases) - 1) / len(layoutSeeds); n < 8 {
		t.Fatalf("%d layouts, want at least 8", n)
	}
	for _, lc := range cases {
		t.Run(strings.TrimSuffix(lc.file(), ".xlsx"), func(t *testing.T) {
			assertLayout(t, filepath.Join(layoutDir, lc.file()), lc)
		})
	}
}

// TestLayoutScoreWithoutFooter: a form without 总分 and 评分等级 rows is
// scored into 校验结果 only: the form's own sheet shows what it showed.
func TestLayoutScoreWithoutFooter(t *testing.T) {
	src := filepath.Join(layoutDir, "no-footer--mof2020-liaison.xlsx")
	out := filepath.Join(t.TempDir(), "scored.xlsx")
	var stdout, stderr bytes.Buffer
	if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "score", "-o", out, src}, &stdout, &stderr)); code != exitOK {
		t.Fatalf("score: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	before, after := sheetRows(t, src, "自评表"), sheetRows(t, out, "自评表")
	if strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("the form sheet changed:\n before %q\n after  %q", before, after)
	}
	res := strings.Join(sheetRows(t, out, resultSheetName), "\n")
	for _, want := range []string{"93.52", "优", "form.row_absent"} {
		if !strings.Contains(res, want) {
			t.Errorf("%s does not show %q:\n%s", resultSheetName, want, res)
		}
	}
}

const resultSheetName = "校验结果"

// sheetRows returns the shown values of a sheet, one line per row.
func sheetRows(t *testing.T, path, sheet string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, "|"))
	}
	return out
}

// TestLayoutFixturesAreForeign guards the premise: no fixture carries our
// stamp.
func TestLayoutFixturesAreForeign(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(layoutDir, "*.xlsx"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range f.GetSheetList() {
			if n == "_selfeval" {
				t.Errorf("%s has the stamp sheet", p)
			}
		}
		if props, err := f.GetCustomProps(); err == nil && len(props) > 0 {
			t.Errorf("%s has custom properties %v", p, props)
		}
		f.Close()
	}
}

// TestLayoutSummaryTwoForms: the roll-up has a row for each form of a
// workbook with two, and their total carries the year of their title lines.
func TestLayoutSummaryTwoForms(t *testing.T) {
	out := filepath.Join(t.TempDir(), "汇总.xlsx")
	src := filepath.Join(layoutDir, "two-forms--mof2020-services.xlsx")
	var stdout, stderr bytes.Buffer
	if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "summary", "-o", out, src}, &stdout, &stderr)); code != exitOK {
		t.Fatalf("summary: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	b, err := os.ReadFile(strings.TrimSuffix(out, ".xlsx") + ".csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 4 || !strings.HasPrefix(lines[1], "机关服务费,") || !strings.HasPrefix(lines[2], "合作交流工作业务经费,") ||
		!strings.HasPrefix(lines[3], "合计（2024年度 mof2020，万元，2 份）,") {
		t.Errorf("summary rows:\n%s", b)
	}
}
