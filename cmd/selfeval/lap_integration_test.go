//go:build integration

package main

// The living round trip (issue 18): a form typed into our template through
// LibreOffice as a clerk types it — the scores the rules fill left blank,
// one score above its 分值 — goes three laps: score → correct two cells
// (one lowering an actual or the spending, one fixing the error) → score →
// correct → score. After every step LibreOffice's recalculated view and our
// JSON agree on 执行率, every 得分, 总分 and 评分等级 (LibreOffice may show
// 待更正 where the last score did not pass, and 待评分 where a score the
// tool filled is out of date since its row was edited); no finding blames
// the person for a value the tool wrote; LibreOffice and our reader open
// the file. The same for sh2019, for a prefilled template and for the dept
// form (得分系数 × 指标权重 in its own formulas).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/selfeval/selfeval/workbook/stamp"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

type lapJob struct {
	Path  string     `json:"path"`
	Sheet string     `json:"sheet"`
	Cells [][]string `json:"cells"`
	Read  []string   `json:"read"`
}

type lapView struct {
	Path   string         `json:"path"`
	Sheets []string       `json:"sheets"`
	Values map[string]any `json:"values"`
}

// lapForm is one form going round.
type lapForm struct {
	name, path, sheet string
	initial           [][]string    // [ref, text] typed first
	fixes             [2][][]string // typed after the first and the second score
	inputsOf          map[string][]string
	tool              map[string]bool // cells the last score filled (its record)
	typed             map[string]bool // cells typed since the last score
	lastOK            bool            // the last score passed
	totals            []float64       // the total each lap's score gives, when checked
}

// runLap performs one LibreOffice step on every form and returns the views.
func runLap(t *testing.T, o *office, jobs []lapJob) map[string]lapView {
	t.Helper()
	out := o.uno(t, "lap", jobs)
	views := map[string]lapView{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var v lapView
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("lap.py: %v: %q", err, line)
		}
		views[v.Path] = v
	}
	if len(views) != len(jobs) {
		t.Fatalf("lap.py viewed %d of %d files:\n%s", len(views), len(jobs), out)
	}
	return views
}

// lapRefs returns the cells to compare, as our reader finds them: the
// execution rate, every 得分, 总分 and 评分等级.
func lapRefs(t *testing.T, path string) (rate, total, grade string, scores []string) {
	t.Helper()
	wb, err := workbook.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, err := wb.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if fm.Kind.Grid != nil {
		rate = fm.Grid["total"]["rate"].Ref
	} else {
		rate = fm.Fields["rate"].Ref
	}
	for _, r := range fm.Rows {
		if c := r.Cell("score"); c.Ref != "" && strings.TrimSpace(r.Cell("name").Raw+r.Cell("name").Text) != "" {
			scores = append(scores, c.Ref)
		}
	}
	return rate, fm.Fields["total"].Ref, fm.Fields["grade"].Ref, scores
}

// toolRecord returns the cells the last score filled, from its record on
// the stamp sheet.
func toolRecord(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(stamp.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, r := range rows {
		if len(r) >= 2 && r[0] == stamp.FilledKey {
			for _, item := range strings.Split(r[1], ";") {
				if at, _, ok := strings.Cut(item, "="); ok {
					out[at] = true
				}
			}
		}
	}
	return out
}

func near(v any, want float64) bool {
	f, ok := v.(float64)
	return ok && math.Abs(f-want) < 0.005
}

// compareLap checks a view against a JSON report of the same file. stale
// lists the score cells the tool filled whose row was edited since.
func compareLap(t *testing.T, step string, lf *lapForm, v lapView, rep reportFile, stale map[string]bool) {
	t.Helper()
	rate, total, grade, scores := lapRefs(t, lf.path)
	if !strings.Contains(strings.Join(v.Sheets, ","), lf.sheet) {
		t.Errorf("%s %s: LibreOffice opened sheets %v, no %s", lf.name, step, v.Sheets, lf.sheet)
	}
	if rep.Execution != nil && !near(v.Values[rate], rep.Execution["rate"]) {
		t.Errorf("%s %s: 执行率 %s shows %v, JSON %v", lf.name, step, rate, v.Values[rate], rep.Execution["rate"])
	}
	byCell := map[string]float64{}
	for _, in := range rep.Indicators {
		byCell[in.Cell] = in.Score
	}
	for _, at := range scores {
		want, ok := byCell[at]
		switch {
		case stale[at] && v.Values[at] == "":
			// the tool's score of an edited row: blank until scored again
		case !ok:
			t.Errorf("%s %s: JSON has no indicator at %s (LibreOffice shows %v)", lf.name, step, at, v.Values[at])
		case !near(v.Values[at], want):
			t.Errorf("%s %s: 得分 %s shows %v, JSON %v", lf.name, step, at, v.Values[at], want)
		}
	}
	switch {
	case len(stale) > 0:
		if v.Values[total] != "待评分" {
			t.Errorf("%s %s: 总分 %s shows %v with the tool's scores %v out of date, want 待评分", lf.name, step, total, v.Values[total], stale)
		}
	case rep.Total == nil || !near(v.Values[total], *rep.Total):
		t.Errorf("%s %s: 总分 %s shows %v, JSON %v", lf.name, step, total, v.Values[total], deref(rep.Total))
	}
	wantGrade := rep.Grade
	switch {
	case !lf.lastOK:
		wantGrade = "待更正"
	case len(stale) > 0 && lf.sheet == "自评表":
		wantGrade = "待评分"
	}
	if v.Values[grade] != wantGrade {
		t.Errorf("%s %s: 评分等级 %s shows %v, want %q (JSON status %s grade %q)", lf.name, step, grade, v.Values[grade], wantGrade, rep.Status, rep.Grade)
	}
	for _, f := range rep.Findings {
		if f.Severity != "info" && lf.tool[f.Cell] && !lf.typed[f.Cell] {
			t.Errorf("%s %s: %s %s blames the person for the value the tool wrote at %s: %s", lf.name, step, f.Severity, f.Code, f.Cell, f.Message)
		}
	}
}

func TestIntegrationLivingRoundTrip(t *testing.T) {
	o := needTools(t)
	dir := t.TempDir()
	var forms []*lapForm

	// mof2020: the 驻外办 seed on a blank template, and on the template
	// prefilled from the approved targets (only actuals, spending, scores
	// and reasons typed).
	for _, prefilled := range []bool{false, true} {
		e, _ := loadSample(t, "mof2020-liaison")
		sheet, plan := fillPlan(t, e, nil)
		lf := &lapForm{name: "mof2020", sheet: sheet, inputsOf: map[string][]string{}}
		if prefilled {
			lf.name = "mof2020-prefilled"
			out := filepath.Join(dir, "issued")
			if code, so, se := runCLI(t, "template", "--kind", "mof2020", "--from", filepath.Join("..", "..", "samples", "targets", "mof2020-targets.csv"), "--out-dir", out); code != exitOK {
				t.Fatalf("template --from: exit %d\n%s%s", code, so, se)
			}
			lf.path = filepath.Join(out, e.Fields["project"]+".xlsx")
		} else {
			lf.path = filepath.Join(dir, "mof2020.xlsx")
			if code, so, se := runCLI(t, "template", "--kind", "mof2020", "--year", e.Year, "-o", lf.path); code != exitOK {
				t.Fatalf("template: exit %d\n%s%s", code, so, se)
			}
		}
		prefilledKey := regexp.MustCompile(`^(fields\.(project|department|unit|goal)|grid\.\w+\.(initial|budget)|rows\.\d+\.(level1|level2|name|target|weight))$`)
		refOf := map[string]string{}
		var fill []int // rows whose score the rules fill
		errRow := -1
		for _, c := range plan {
			refOf[c.Key] = c.Ref
		}
		for i := range e.Rows {
			key := fmt.Sprintf("rows.%d.score", i)
			switch {
			case leftForTheRules(e, key):
				fill = append(fill, i)
				lf.inputsOf[refOf[key]] = []string{refOf[fmt.Sprintf("rows.%d.target", i)], refOf[fmt.Sprintf("rows.%d.actual", i)], refOf[fmt.Sprintf("rows.%d.weight", i)]}
			case errRow < 0 && refOf[key] != "":
				errRow = i
			}
		}
		if len(fill) < 1 || errRow < 0 {
			t.Fatalf("%s: rows the rules fill %v, row for an error %d", lf.name, fill, errRow)
		}
		errKey := fmt.Sprintf("rows.%d.score", errRow)
		for _, c := range plan {
			if prefilled && prefilledKey.MatchString(c.Key) || leftForTheRules(e, c.Key) {
				continue
			}
			text := c.Value
			if typ := keyType(form.MOF2020, c.Key); typ == form.Target || typ == form.Actual {
				text = typedText(c.Key, typ, c.Value)
			}
			if c.Key == errKey { // above its 分值: score.above_max
				text = decimal.RequireFromString(e.Rows[errRow].Cells["weight"]).Add(decimal.NewFromInt(5)).String()
			}
			lf.initial = append(lf.initial, []string{c.Ref, text})
		}
		lf.fixes[0] = [][]string{
			{refOf[errKey], e.Rows[errRow].Cells["score"]},
			{refOf[fmt.Sprintf("rows.%d.actual", fill[0])], "80%"},
		}
		lf.fixes[1] = [][]string{
			{refOf[fmt.Sprintf("rows.%d.actual", fill[len(fill)-1])], "90%"},
			{refOf["grid.total.spent"], "11.50"},
			{refOf["grid.appropriation.spent"], "11.50"},
		}
		forms = append(forms, lf)
	}

	// sh2019: scores are the person's; the spending is lowered.
	{
		e, _ := loadSample(t, "sh2019-kunming")
		sheet, plan := fillPlan(t, e, nil)
		lf := &lapForm{name: "sh2019", sheet: sheet, path: filepath.Join(dir, "sh2019.xlsx")}
		if code, so, se := runCLI(t, "template", "--kind", "sh2019", "--year", e.Year, "-o", lf.path); code != exitOK {
			t.Fatalf("template: exit %d\n%s%s", code, so, se)
		}
		refOf := map[string]string{}
		for _, c := range plan {
			refOf[c.Key] = c.Ref
		}
		errKey, lowerKey := "rows.0.score", "rows.1.score"
		for _, c := range plan {
			text := c.Value
			if c.Key == errKey {
				text = decimal.RequireFromString(e.Rows[0].Cells["weight"]).Add(decimal.NewFromInt(5)).String()
			}
			lf.initial = append(lf.initial, []string{c.Ref, text})
		}
		spent := decimal.RequireFromString(strings.ReplaceAll(e.Fields["spent"], ",", "")).Mul(decimal.RequireFromString("0.9")).StringFixed(2)
		lf.fixes[0] = [][]string{{refOf[errKey], e.Rows[0].Cells["score"]}, {refOf["fields.spent"], spent}}
		lower := decimal.RequireFromString(e.Rows[1].Cells["score"]).Sub(decimal.NewFromInt(1)).String()
		lf.fixes[1] = [][]string{{refOf[lowerKey], lower}, {refOf["fields.problems"], "个别指标未完成，已分析原因。"}}
		forms = append(forms, lf)
	}

	// dept: the 部门整体支出 form scores each row as 得分系数 × 指标权重 in
	// its own formulas; a coefficient above 100 is typed first, then one
	// row's 全年完成值 and 得分系数 are lowered, then restored.
	{
		e, _ := loadSample(t, "dept-chongqing")
		sheet, plan := fillPlan(t, e, nil)
		lf := &lapForm{name: "dept", sheet: sheet, path: filepath.Join(dir, "dept.xlsx")}
		if code, so, se := runCLI(t, "template", "--kind", "dept", "--year", e.Year, "-o", lf.path); code != exitOK {
			t.Fatalf("template: exit %d\n%s%s", code, so, se)
		}
		refOf := map[string]string{}
		for _, c := range plan {
			refOf[c.Key] = c.Ref
		}
		errKey, lowRow := "rows.3.coef", len(e.Rows)-3
		for _, c := range plan {
			text := c.Value
			if c.Key == errKey { // above 100: dept.coef_invalid
				text = "120"
			}
			lf.initial = append(lf.initial, []string{c.Ref, text})
		}
		actualKey, coefKey := fmt.Sprintf("rows.%d.actual", lowRow), fmt.Sprintf("rows.%d.coef", lowRow)
		if refOf[actualKey] == "" || refOf[coefKey] == "" {
			t.Fatalf("dept: row %d has no 全年完成值 or 得分系数 in the plan", lowRow)
		}
		lf.fixes[0] = [][]string{{refOf[errKey], e.Rows[3].Cells["coef"]}, {refOf[actualKey], "85%"}, {refOf[coefKey], "80"}}
		lf.fixes[1] = [][]string{{refOf[actualKey], e.Rows[lowRow].Cells["actual"]}, {refOf[coefKey], e.Rows[lowRow].Cells["coef"]}}
		// the sample's 97.6 less a fifth of the lowered row's weight, then 97.6 again
		lowered := decimal.NewFromFloat(97.6).Sub(decimal.RequireFromString(e.Rows[lowRow].Cells["weight"]).Div(decimal.NewFromInt(5))).InexactFloat64()
		lf.totals = []float64{0, lowered, 97.6}
		forms = append(forms, lf)
	}

	// The clerk types the form.
	var jobs []lapJob
	for _, lf := range forms {
		jobs = append(jobs, lapJob{Path: lf.path, Sheet: lf.sheet, Cells: lf.initial, Read: []string{}})
	}
	runLap(t, o, jobs)
	for _, lf := range forms {
		lf.lastOK = true
		lf.tool, lf.typed = map[string]bool{}, map[string]bool{}
	}

	for lap := 1; lap <= 3; lap++ {
		// score
		reports := map[string]reportFile{}
		jobs = jobs[:0]
		for _, lf := range forms {
			code, stdout, stderr := runCLI(t, "score", "--format", "json", lf.path)
			rep := decodeReport(t, code, stdout, stderr)
			if rep.Error != "" {
				t.Fatalf("%s lap %d: score: %s", lf.name, lap, rep.Error)
			}
			if lap == 1 && rep.Status != "invalid" {
				t.Errorf("%s lap 1: status %s, want invalid (a score above its 分值 was typed)", lf.name, rep.Status)
			}
			if lap > 1 && rep.Status != "ok" {
				t.Errorf("%s lap %d: status %s, want ok after the corrections; findings %+v", lf.name, lap, rep.Status, rep.Findings)
			}
			lf.lastOK = rep.Status == "ok"
			if lap > 1 && lf.totals != nil && (rep.Total == nil || !near(*rep.Total, lf.totals[lap-1])) {
				t.Errorf("%s lap %d: total %v, want %v", lf.name, lap, deref(rep.Total), lf.totals[lap-1])
			}
			// No finding on a cell the tool filled, before or now, unless
			// the person typed it.
			filled := toolRecord(t, lf.path)
			if strings.HasPrefix(lf.name, "mof2020") && len(filled) == 0 {
				t.Errorf("%s lap %d: the score filled no cell (record empty)", lf.name, lap)
			}
			for at := range filled {
				lf.tool[at] = true
				said := false
				for _, f := range rep.Findings {
					said = said || (f.Code == "score.filled" && f.Cell == at)
				}
				if !said {
					t.Errorf("%s lap %d: no score.filled note on %s, which the tool filled", lf.name, lap, at)
				}
			}
			for _, f := range rep.Findings {
				if f.Severity != "info" && lf.tool[f.Cell] && !lf.typed[f.Cell] {
					t.Errorf("%s lap %d: %s %s blames the person for the value the tool wrote at %s: %s", lf.name, lap, f.Severity, f.Code, f.Cell, f.Message)
				}
			}
			lf.tool, lf.typed = filled, map[string]bool{}
			reports[lf.path] = rep
			rate, total, grade, scores := lapRefs(t, lf.path)
			jobs = append(jobs, lapJob{Path: lf.path, Sheet: lf.sheet, Cells: [][]string{}, Read: append([]string{rate, total, grade}, scores...)})
		}
		views := runLap(t, o, jobs)
		for _, lf := range forms {
			compareLap(t, fmt.Sprintf("lap %d scored", lap), lf, views[lf.path], reports[lf.path], nil)
		}
		if lap == 3 {
			break
		}
		// correct
		jobs = jobs[:0]
		for _, lf := range forms {
			rate, total, grade, scores := lapRefs(t, lf.path)
			jobs = append(jobs, lapJob{Path: lf.path, Sheet: lf.sheet, Cells: lf.fixes[lap-1], Read: append([]string{rate, total, grade}, scores...)})
		}
		views = runLap(t, o, jobs)
		for _, lf := range forms {
			stale := map[string]bool{}
			for _, c := range lf.fixes[lap-1] {
				lf.typed[c[0]] = true
			}
			for at, inputs := range lf.inputsOf {
				for _, in := range inputs {
					if lf.tool[at] && lf.typed[in] {
						stale[at] = true
					}
				}
			}
			code, stdout, stderr := runCLI(t, "check", "--format", "json", lf.path)
			rep := decodeReport(t, code, stdout, stderr)
			compareLap(t, fmt.Sprintf("lap %d corrected", lap), lf, views[lf.path], rep, stale)
			if lap == 1 && strings.HasPrefix(lf.name, "mof2020") && len(stale) == 0 {
				t.Errorf("%s: lowering an actual of a row the tool scored left no score out of date", lf.name)
			}
		}
	}
	// A score with nothing new changes no byte, on every form.
	for _, lf := range forms {
		runCLI(t, "score", "--format", "json", lf.path)
		before, err := os.ReadFile(lf.path)
		if err != nil {
			t.Fatal(err)
		}
		runCLI(t, "score", "--format", "json", lf.path)
		if after, err := os.ReadFile(lf.path); err != nil || !bytes.Equal(before, after) {
			t.Errorf("%s: a score with nothing new changed the file (err %v)", lf.name, err)
		}
	}
}
