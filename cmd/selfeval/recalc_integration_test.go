//go:build integration

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/selfeval/selfeval/workbook/stamp"
	"github.com/xuri/excelize/v2"
)

// Recalculated by LibreOffice: a scored form's own formulas show the
// report's 执行率, 得分, 总分 and 评分等级 (compareLap), after the first
// score, after a correction typed in LibreOffice and after the next score.

// recalcView scores path and compares LibreOffice's recalculated view with
// the JSON report; it returns the report.
func recalcView(t *testing.T, o *office, step string, lf *lapForm, typed [][]string) reportFile {
	t.Helper()
	rep := jsonOf(t, "score", lf.path)
	if rep.Error != "" {
		t.Fatalf("%s %s: score: %s", lf.name, step, rep.Error)
	}
	lf.lastOK = rep.Status == "ok"
	lf.tool, lf.typed = map[string]bool{}, map[string]bool{}
	if f, err := excelize.OpenFile(lf.path); err == nil {
		if i, err := f.GetSheetIndex(stamp.Sheet); err == nil && i >= 0 {
			lf.tool = toolRecord(t, lf.path)
		}
		f.Close()
	}
	rate, total, grade, scores := lapRefs(t, lf.path)
	read := append([]string{rate, total, grade}, scores...)
	views := runLap(t, o, []lapJob{{Path: lf.path, Sheet: lf.sheet, Cells: [][]string{}, Read: read}})
	compareLap(t, step, lf, views[lf.path], rep, nil)
	if typed != nil {
		runLap(t, o, []lapJob{{Path: lf.path, Sheet: lf.sheet, Cells: typed, Read: []string{}}})
	}
	return rep
}

// TestIntegrationRecalcDeptBlankCoefficient: dept rows whose 得分系数 is
// left blank are scored by the rules; LibreOffice's recalculation shows
// the 指标得分 the tool filled, 总分 and 评分等级 of the report; a
// coefficient typed afterwards in LibreOffice is computed by the form and
// by the next score alike; a score with nothing new changes no byte.
func TestIntegrationRecalcDeptBlankCoefficient(t *testing.T) {
	o := needTools(t)
	const sheet = "部门整体自评表"
	lf := &lapForm{name: "dept", sheet: sheet, path: sampleCopy(t, "dept-chongqing")}
	setCells(t, lf.path, sheet, map[string]any{"I12": nil, "I28": nil})
	rep := recalcView(t, o, "first score", lf, [][]string{{"H28", "90%"}})
	// The actual of a row the tool scored changed: its 指标得分 is blank
	// and 总分 says 待评分 until the form is scored again.
	views := runLap(t, o, []lapJob{{Path: lf.path, Sheet: sheet, Cells: [][]string{}, Read: []string{"K28", "K35", "C4", "J36"}}})
	if v := views[lf.path].Values; v["K28"] != "" || v["K35"] != "待评分" || v["C4"] != "待评分" || v["J36"] != "" {
		t.Errorf("H28 changed: LibreOffice shows %v, want K28 blank, 总分 待评分, 等级 blank", v)
	}
	rep = recalcView(t, o, "scored after H28 changed", lf, [][]string{{"I12", "50"}})
	if findingAt(rep, "score.filled", "K28") == "" {
		t.Errorf("K28 not filled again after its row changed")
	}
	if !lf.tool["K12"] || !lf.tool["K28"] || rep.Grade != "优" {
		t.Errorf("first score: filled %v, grade %q; want K12 and K28 filled, 优", lf.tool, rep.Grade)
	}
	rep = recalcView(t, o, "after 得分系数 typed", lf, nil)
	if s, ok := scoreAt(rep, "K12"); !ok || s != 0.5 || lf.tool["K12"] || !lf.tool["K28"] {
		t.Errorf("after I12 = 50: K12 scores %v (%v), filled %v; want 0.5, K28 alone the tool's", s, ok, lf.tool)
	}
	before, err := os.ReadFile(lf.path)
	if err != nil {
		t.Fatal(err)
	}
	recalcView(t, o, "score with nothing new", lf, nil)
	if after, err := os.ReadFile(lf.path); err != nil || !bytes.Equal(before, after) {
		t.Errorf("a score with nothing new changed the file (err %v)", err)
	}
}

// TestIntegrationRecalcDeptPercentCoefficient: 得分系数 typed in LibreOffice
// as 100% (stored 1) or as a fraction, in a form issued with the earlier
// 指标得分 formula and in a template issued now: LibreOffice's
// recalculation shows the report's 指标得分, 总分 and 评分等级.
func TestIntegrationRecalcDeptPercentCoefficient(t *testing.T) {
	o := needTools(t)
	const sheet = "部门整体自评表"
	typed := [][]string{{"I10", "100%"}, {"I12", "100%"}, {"I14", "0.8"}, {"M14", "部分完成，原因已分析。"}}
	sample := &lapForm{name: "dept issued earlier", sheet: sheet, path: sampleCopy(t, "dept-chongqing")}
	earlierScore(t, sample.path, sheet, 10, 12, 14)
	runLap(t, o, []lapJob{{Path: sample.path, Sheet: sheet, Cells: typed, Read: []string{}}})
	fresh := &lapForm{name: "dept template", sheet: sheet, path: filepath.Join(t.TempDir(), "dept.xlsx")}
	deptIssued(t, o, fresh.path, sheet, typed...)
	for _, lf := range []*lapForm{sample, fresh} {
		rep := recalcView(t, o, "scored", lf, nil)
		if s, ok := scoreAt(rep, "K14"); !ok || s == 0 || rep.Grade == "" {
			t.Errorf("%s: K14 (得分系数 0.8) scores %v (%v), grade %q", lf.name, s, ok, rep.Grade)
		}
	}
}

// TestIntegrationRecalcTotalRounding: a 得分 with 3 decimals bringing the
// unrounded sum to 89.995 or more, typed in LibreOffice: the report says
// 90 优 and so does LibreOffice's recalculation of the scored form
// (mof2020, whose funds block shows the execution score rounded; sh2019;
// dept).
func TestIntegrationRecalcTotalRounding(t *testing.T) {
	o := needTools(t)
	for _, c := range []struct {
		sample, sheet string
		typed         [][]string
	}{
		{"mof2020-liaison", "自评表", [][]string{{"G15", "12.474"}}},
		{"sh2019-kunming", "自评价", [][]string{{"E31", "5.996"}}},
		// 指标得分 is locked in the template: K28 is set outside LibreOffice.
		{"dept-chongqing", "部门整体自评表", [][]string{{"E6", "760.45"}, {"M28", "部分完成，原因已分析。"}}},
	} {
		t.Run(c.sample, func(t *testing.T) {
			lf := &lapForm{name: c.sample, sheet: c.sheet, path: sampleCopy(t, c.sample)}
			if c.sample == "dept-chongqing" {
				setCells(t, lf.path, c.sheet, map[string]any{"I28": nil, "K28": 2.391})
			}
			runLap(t, o, []lapJob{{Path: lf.path, Sheet: c.sheet, Cells: c.typed, Read: []string{}}})
			rep := recalcView(t, o, "scored", lf, nil)
			if rep.Total == nil || *rep.Total != 90 || rep.Grade != "优" {
				t.Errorf("report: total %v grade %q, want 90 优", totalOf(rep.Total), rep.Grade)
			}
		})
	}
}

// TestIntegrationRecalcStampSheetDeleted: the hidden stamp sheet of a
// scored form deleted in LibreOffice; score sends the form back
// (template.stamp_deleted) and LibreOffice's recalculation of the scored
// form shows 待更正 in 评分等级 and the report's 总分; a second score
// changes no byte.
func TestIntegrationRecalcStampSheetDeleted(t *testing.T) {
	o := needTools(t)
	const sheet = "自评表"
	lf := &lapForm{name: "mof2020", sheet: sheet, path: sampleCopy(t, "mof2020-liaison")}
	if rep := jsonOf(t, "score", lf.path); rep.Grade != "优" {
		t.Fatalf("first score: %s %q", rep.Status, rep.Grade)
	}
	type removeJob struct {
		lapJob
		Remove []string `json:"remove_sheets"`
	}
	o.uno(t, "lap", []removeJob{{lapJob{Path: lf.path, Sheet: sheet, Cells: [][]string{}, Read: []string{}}, []string{stamp.Sheet}}})
	rep := recalcView(t, o, "stamp sheet deleted", lf, nil)
	if rep.Status != "invalid" || findingAt(rep, "template.stamp_deleted", "") == "" {
		t.Errorf("score: %s %q, want invalid with template.stamp_deleted", rep.Status, rep.Grade)
	}
	before, err := os.ReadFile(lf.path)
	if err != nil {
		t.Fatal(err)
	}
	jsonOf(t, "score", lf.path)
	if after, err := os.ReadFile(lf.path); err != nil || !bytes.Equal(before, after) {
		t.Errorf("a second score changed the file (err %v)", err)
	}
}

// TestIntegrationRecalcDeptInsertedRow: a row inserted into a blank dept
// template in LibreOffice (which does not copy the 指标得分 formula into
// it) and typed; after score LibreOffice's recalculation shows the
// report's scores and total, and when the row's 得分系数 is lowered
// afterwards it computes what check reads, then what the next score says.
func TestIntegrationRecalcDeptInsertedRow(t *testing.T) {
	o := needTools(t)
	const sheet = "部门整体自评表"
	lf := &lapForm{name: "dept", sheet: sheet, path: filepath.Join(t.TempDir(), "dept.xlsx")}
	deptIssued(t, o, lf.path, sheet)
	type insertJob struct {
		lapJob
		Insert []int `json:"insert_rows"`
	}
	row := [][]string{{"C12", "新增考核指标"}, {"D12", "次"}, {"E12", "定量"}, {"F12", "≥2次"}, {"H12", "2次"}, {"I12", "100"}, {"J12", "1"}, {"L12", "否"}, {"J11", "1"}}
	o.uno(t, "lap", []insertJob{{lapJob{Path: lf.path, Sheet: sheet, Cells: row, Read: []string{}}, []int{12}}})
	rep := recalcView(t, o, "inserted row scored", lf, [][]string{{"I12", "50"}, {"M12", "部分完成"}})
	if s, ok := scoreAt(rep, "K12"); !ok || s != 1 || rep.Status != "ok" {
		t.Errorf("score: K12 %v (%v), status %s; want 1, ok; findings %+v", s, ok, rep.Status, rep.Findings)
	}
	// 得分系数 lowered in LibreOffice: the form computes what check reads.
	rate, total, grade, scores := lapRefs(t, lf.path)
	views := runLap(t, o, []lapJob{{Path: lf.path, Sheet: sheet, Cells: [][]string{}, Read: append([]string{rate, total, grade}, scores...)}})
	chk := jsonOf(t, "check", lf.path)
	if s, ok := scoreAt(chk, "K12"); !ok || s != 0.5 {
		t.Errorf("check: K12 %v (%v), want 0.5", s, ok)
	}
	compareLap(t, "得分系数 lowered", lf, views[lf.path], chk, nil)
	recalcView(t, o, "scored again", lf, nil)
}

// deptIssued issues a 部门整体 template at path and types the Chongqing
// seed into it through LibreOffice, then the cells typed after it.
func deptIssued(t *testing.T, o *office, path, sheet string, typed ...[]string) {
	t.Helper()
	if code, so, se := runCLI(t, "template", "--kind", "dept", "--year", "2021", "-o", path); code != exitOK {
		t.Fatalf("template: exit %d\n%s%s", code, so, se)
	}
	e, _ := loadSample(t, "dept-chongqing")
	_, plan := fillPlan(t, e, nil)
	var cells [][]string
	for _, c := range plan {
		cells = append(cells, []string{c.Ref, c.Value})
	}
	runLap(t, o, []lapJob{{Path: path, Sheet: sheet, Cells: append(cells, typed...), Read: []string{}}})
}
