package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/stamp"
	"github.com/xuri/excelize/v2"
)

// Recalculated forms: what score writes into a form must be what the form's
// own formulas compute when a spreadsheet program recalculates them. These
// tests recalculate with excelize's calculation engine; the LibreOffice
// ones (recalc_integration_test.go) with LibreOffice.

// sampleCopy copies samples/NAME.xlsx into a temp folder.
func sampleCopy(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "samples", name+".xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+".xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// setCells sets cells of sheet as a program that does not recalculate
// leaves them (nil clears a cell).
func setCells(t *testing.T, path, sheet string, cells map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for ref, v := range cells {
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// earlierScore gives the 指标得分 cells of a dept form the formula templates
// issued before it read 得分系数 as the rules do.
func earlierScore(t *testing.T, path, sheet string, rows ...int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, r := range rows {
		n := strconv.Itoa(r)
		formula := `IF(OR(I` + n + `="",J` + n + `=""),"",ROUND(N(I` + n + `)/100*N(J` + n + `),2))`
		if err := f.SetCellFormula(sheet, "K"+n, formula); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// recalc returns what the formulas of the cells compute, recalculated by
// excelize (each cell's formula evaluated over the others' formulas).
// excelize has no CELL function: CELL("format",X) is given the code Excel
// and LibreOffice return for X's number format ("P2" for a percent
// format, "F2" otherwise; the form's number cells show 2 decimals).
func recalc(t *testing.T, path, sheet string, refs ...string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r := range rows {
		for c := range rows[r] {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			formula, err := f.GetCellFormula(sheet, ref)
			if err != nil || !strings.Contains(formula, "CELL(") {
				continue
			}
			formula = cellFormat.ReplaceAllStringFunc(formula, func(m string) string {
				sub := cellFormat.FindStringSubmatch(m)
				at := sub[1] + sub[2]
				style, err := f.GetCellStyle(sheet, at)
				if err != nil {
					t.Fatal(err)
				}
				if st, err := f.GetStyle(style); err == nil && (st.NumFmt == 9 || st.NumFmt == 10 || st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%")) {
					return `"P2"`
				}
				return `"F2"`
			})
			if err := f.SetCellFormula(sheet, ref, formula); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := map[string]string{}
	for _, ref := range refs {
		v, err := f.CalcCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s!%s: %v", sheet, ref, err)
		}
		out[ref] = v
	}
	return out
}

// cellFormat matches CELL("format",X), X's column and row submatches 1 and 2.
var cellFormat = regexp.MustCompile(`CELL\("format",\$?([A-Z]{1,3})\$?([0-9]+)\)`)

// sameNumber reports whether s is the number want (within half a cent).
func sameNumber(s string, want float64) bool {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil && v-want < 0.005 && want-v < 0.005
}

// TestRecalcDeptBlankCoefficient: a dept row whose 得分系数 is left blank
// is scored by the rules, and the 指标得分 the tool fills is recorded as the
// tool's and holds a formula that shows it when recalculated (while the
// row is as scored; a coefficient typed later is computed by the column's
// own formula): recalculated, 指标得分, 总分 and 评分等级 are the report's,
// and a second score changes no byte.
func TestRecalcDeptBlankCoefficient(t *testing.T) {
	const sheet = "部门整体自评表"
	path := sampleCopy(t, "dept-chongqing")
	setCells(t, path, sheet, map[string]any{"I12": nil, "I28": nil})
	rep := jsonOf(t, "score", path)
	if rep.Status != "ok" || rep.Total == nil {
		t.Fatalf("score: status %s, findings %+v", rep.Status, rep.Findings)
	}
	for _, at := range []string{"K12", "K28"} {
		if findingAt(rep, "score.filled", at) == "" {
			t.Errorf("no score.filled on %s", at)
		}
	}
	got := recalc(t, path, sheet, "K12", "K28", "K35", "C4", "J36")
	for _, at := range []string{"K12", "K28"} {
		want, ok := scoreAt(rep, at)
		if !ok || !sameNumber(got[at], want) {
			t.Errorf("recalculated %s = %q, report %v (%v)", at, got[at], want, ok)
		}
	}
	for _, at := range []string{"K35", "C4"} {
		if !sameNumber(got[at], *rep.Total) {
			t.Errorf("recalculated 总分 %s = %q, report %v", at, got[at], *rep.Total)
		}
	}
	if got["J36"] != rep.Grade || rep.Grade == "" {
		t.Errorf("recalculated 评分等级 J36 = %q, report %q", got["J36"], rep.Grade)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(stamp.Sheet)
	f.Close()
	var record string
	for _, r := range rows {
		if len(r) > 1 && r[0] == stamp.FilledKey {
			record = r[1]
		}
	}
	if !strings.Contains(record, "K12=") || !strings.Contains(record, "K28=") {
		t.Errorf("the record of the filled cells is %q, want K12 and K28", record)
	}

	// A second score with nothing new: the same report, no byte changed.
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rep2 := jsonOf(t, "score", path)
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("a second score with nothing new changed the file")
	}
	if findingAt(rep2, "score.filled", "K12") == "" || rep2.Total == nil || *rep2.Total != *rep.Total {
		t.Errorf("second score: total %v, score.filled on K12 %q; want %v and the note kept", totalOf(rep2.Total), findingAt(rep2, "score.filled", "K12"), *rep.Total)
	}

	// A coefficient typed later is the person's: the column's own formula
	// computes from it.
	setCells(t, path, sheet, map[string]any{"I12": 50})
	if got := recalc(t, path, sheet, "K12")["K12"]; !sameNumber(got, 0.5) {
		t.Errorf("K12 with 得分系数 50 recalculates to %q, want 0.5 (50 %% of 1)", got)
	}
	rep3 := jsonOf(t, "score", path)
	if s, ok := scoreAt(rep3, "K12"); !ok || s != 0.5 || findingAt(rep3, "score.filled", "K12") != "" {
		t.Errorf("after 得分系数 50: K12 scores %v (%v), score.filled %q", s, ok, findingAt(rep3, "score.filled", "K12"))
	}
	if got := recalc(t, path, sheet, "K12", "K35"); !sameNumber(got["K12"], 0.5) || !sameNumber(got["K35"], *rep3.Total) {
		t.Errorf("rescored: K12 %q, K35 %q; report 0.5, %v", got["K12"], got["K35"], totalOf(rep3.Total))
	}
}

// totalOf is *p, or nil.
func totalOf(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestRecalcDeptPercentCoefficient: a 得分系数 typed as 100% (LibreOffice
// stores 1 in the cell's 2-decimal format; Excel stores 1 and makes the
// format a percent one) or as a fraction (0.8) is read by the form's own
// 指标得分 formula as the rules read it: recalculated, the scores, 总分
// and 评分等级 are the report's, also in a form issued with the earlier
// formula, whose 指标得分 formulas score brings up to date.
func TestRecalcDeptPercentCoefficient(t *testing.T) {
	const sheet = "部门整体自评表"
	path := sampleCopy(t, "dept-chongqing")
	earlierScore(t, path, sheet, 10, 12, 14)
	setCells(t, path, sheet, map[string]any{"I10": 1, "I12": 1, "I14": 0.8, "M14": "部分完成，原因已分析。"})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetCellStyle(sheet, "I12")
	if err == nil {
		var st *excelize.Style
		if st, err = f.GetStyle(style); err == nil {
			st.NumFmt, st.CustomNumFmt = 10, nil // 0.00%
			if style, err = f.NewStyle(st); err == nil {
				err = f.SetCellStyle(sheet, "I12", "I12", style)
			}
		}
	}
	saved(t, f, err)
	rep := jsonOf(t, "score", path)
	if rep.Total == nil || rep.Grade == "" {
		t.Fatalf("score: status %s, findings %+v", rep.Status, rep.Findings)
	}
	got := recalc(t, path, sheet, "K10", "K12", "K14", "K35", "C4", "J36")
	for _, at := range []string{"K10", "K12", "K14"} {
		want, ok := scoreAt(rep, at)
		if !ok || !sameNumber(got[at], want) {
			t.Errorf("recalculated %s = %q, report %v (%v)", at, got[at], want, ok)
		}
	}
	if s, _ := scoreAt(rep, "K14"); s == 0 {
		t.Error("K14 (得分系数 0.8) scores 0 in the report")
	}
	for _, at := range []string{"K35", "C4"} {
		if !sameNumber(got[at], *rep.Total) {
			t.Errorf("recalculated 总分 %s = %q, report %v", at, got[at], *rep.Total)
		}
	}
	if got["J36"] != rep.Grade {
		t.Errorf("recalculated 评分等级 J36 = %q, report %q", got["J36"], rep.Grade)
	}
}

// TestRecalcTotalRounding: 总分 is the execution score and the 得分 added
// unrounded, rounded half-up to 2 decimals, and graded rounded (RULES
// §2.8): a 得分 with 3 decimals that brings the sum to 89.995 or more is
// 90.00 and 优 in the report and in the form recalculated, for mof2020
// (whose funds block shows the execution score rounded), sh2019 and dept.
func TestRecalcTotalRounding(t *testing.T) {
	for _, c := range []struct {
		sample, sheet string
		set           map[string]any
		total, grade  string
	}{
		// 7.5218… + 82.474 = 89.9958…: the rounded 7.52 would give 89.99 良.
		{"mof2020-liaison", "自评表", map[string]any{"G15": 12.474}, "G33", "F34"},
		// 36 + 32 + 12 + 9.996 = 89.996: graded unrounded it is 良.
		{"sh2019-kunming", "自评价", map[string]any{"E31": 5.996}, "E36", "E7"},
		// 7.6045 + 82.391 = 89.9955 (指标得分 typed where 得分系数 is blank):
		// the rounded 7.60 would give 89.99 良.
		{"dept-chongqing", "部门整体自评表", map[string]any{"E6": 760.45, "I28": nil, "K28": 2.391, "M28": "部分完成，原因已分析。"}, "K35", "J36"},
	} {
		t.Run(c.sample, func(t *testing.T) {
			path := sampleCopy(t, c.sample)
			setCells(t, path, c.sheet, c.set)
			rep := jsonOf(t, "score", path)
			if rep.Total == nil || *rep.Total != 90 || rep.Grade != "优" {
				t.Fatalf("score: total %v grade %q status %s, want 90 优; findings %+v", totalOf(rep.Total), rep.Grade, rep.Status, rep.Findings)
			}
			got := recalc(t, path, c.sheet, c.total, c.grade)
			if !sameNumber(got[c.total], 90) || got[c.grade] != "优" {
				t.Errorf("recalculated 总分 %s = %q, 等级 %s = %q; report 90 优", c.total, got[c.total], c.grade, got[c.grade])
			}
		})
	}
}

// TestRecalcStampSheetDeleted: a scored form whose hidden stamp sheet was
// deleted (LibreOffice lets a clerk do it; it turns the references to it
// into #REF!, other programs leave them) is sent back 待更正
// (template.stamp_deleted), and no formula score writes refers to the
// missing sheet: recalculated, 评分等级 shows 待更正 as the report says; a
// second score changes no byte.
func TestRecalcStampSheetDeleted(t *testing.T) {
	for _, broken := range []bool{false, true} {
		t.Run(fmt.Sprintf("ref-broken-%v", broken), func(t *testing.T) {
			const sheet = "自评表"
			path := sampleCopy(t, "mof2020-liaison")
			if rep := jsonOf(t, "score", path); rep.Grade != "优" {
				t.Fatalf("first score: %s %q", rep.Status, rep.Grade)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			err = f.DeleteSheet(stamp.Sheet)
			if formula, _ := f.GetCellFormula(sheet, "F34"); err == nil && broken {
				err = f.SetCellFormula(sheet, "F34", strings.ReplaceAll(formula, "'"+stamp.Sheet+"'!$A:$B", "#REF!"))
			}
			saved(t, f, err)
			rep := jsonOf(t, "score", path)
			if rep.Status != "invalid" || rep.Grade != "" || findingAt(rep, "template.stamp_deleted", "") == "" {
				t.Fatalf("score: %s %q, want invalid with template.stamp_deleted; findings %+v", rep.Status, rep.Grade, rep.Findings)
			}
			f, err = excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, ref := range []string{"F34", "G33", "H6", "G6"} {
				if formula, _ := f.GetCellFormula(sheet, ref); strings.Contains(formula, stamp.Sheet) || strings.Contains(formula, "#REF!") {
					t.Errorf("%s holds %q, a formula over the deleted sheet", ref, formula)
				}
			}
			f.Close()
			got := recalc(t, path, sheet, "F34", "G33")
			if got["F34"] != "待更正" || !sameNumber(got["G33"], *rep.Total) {
				t.Errorf("recalculated F34 %q, G33 %q; want 待更正 and %v", got["F34"], got["G33"], *rep.Total)
			}
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			jsonOf(t, "score", path)
			if after, err := os.ReadFile(path); err != nil || !bytes.Equal(before, after) {
				t.Errorf("a second score changed the file (err %v)", err)
			}
		})
	}
}

// TestRecalcDeptInsertedRow: a row the unit inserts into the dept table
// (a spreadsheet does not copy the 指标得分 formula into it) gets the
// column's formula from score, not a marker of the value: recalculated,
// the form shows the report's score and total, and keeps computing when
// the row's 得分系数 is changed afterwards, as check reads it.
func TestRecalcDeptInsertedRow(t *testing.T) {
	const sheet = "部门整体自评表"
	// The sample typed into a blank template (a prefilled one takes no rows).
	e := deptSample(t)
	l := template.LayoutOf(form.Dept, template.Options{Year: e.Year})
	f, err := template.Build(form.Dept, template.Options{Year: e.Year})
	if err != nil {
		t.Fatal(err)
	}
	set := func(ref, v string) {
		if err == nil {
			err = f.SetCellValue(sheet, ref, deptNum(v))
		}
	}
	for key, v := range e.Fields {
		set(l.Fields[key].Ref, v)
	}
	for _, c := range form.Dept.Grid.Cols {
		if v := e.Grid["total"][c.Key]; v != "" && !c.Computed {
			set(l.Grid["total"][c.Key], v)
		}
	}
	for i, r := range e.Rows {
		for key, v := range r.Cells {
			set(l.Cell(key, l.First+i), v)
		}
	}
	path := filepath.Join(t.TempDir(), "dept.xlsx")
	if err == nil {
		err = f.SaveAs(path)
	}
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if rep := jsonOf(t, "check", path); rep.Total == nil || *rep.Total != 97.6 {
		t.Fatalf("the sample typed into the template checks %v %s, want 97.6", totalOf(rep.Total), rep.Status)
	}
	if f, err = excelize.OpenFile(path); err != nil {
		t.Fatal(err)
	}
	// Inserted as LibreOffice inserts it: the formats of the row above,
	// no formula in 指标得分.
	err = f.InsertRows(sheet, 12, 1)
	for c := 'A'; c <= 'M' && err == nil; c++ {
		var style int
		if style, err = f.GetCellStyle(sheet, string(c)+"11"); err == nil {
			err = f.SetCellStyle(sheet, string(c)+"12", string(c)+"12", style)
		}
	}
	for ref, v := range map[string]any{"C12": "新增考核指标", "D12": "次", "E12": "定量", "F12": "≥2次", "H12": "2次", "I12": 100, "J12": 1, "L12": "否", "J11": 1} {
		if err == nil {
			err = f.SetCellValue(sheet, ref, v)
		}
	}
	saved(t, f, err)
	rep := jsonOf(t, "score", path)
	if rep.Total == nil || rep.Grade == "" {
		t.Fatalf("score: %s %q; findings %+v", rep.Status, rep.Grade, rep.Findings)
	}
	if s, ok := scoreAt(rep, "K12"); !ok || s != 1 {
		t.Fatalf("K12 scores %v (%v), want 1", s, ok)
	}
	f, err = excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	k12, _ := f.GetCellFormula(sheet, "K12")
	k13, _ := f.GetCellFormula(sheet, "K13")
	f.Close()
	if k12 != strings.ReplaceAll(k13, "13", "12") {
		t.Errorf("K12 holds %q, want the column's formula as K13 has it (%q)", k12, k13)
	}
	if got := recalc(t, path, sheet, "K12", "K36"); !sameNumber(got["K12"], 1) || !sameNumber(got["K36"], *rep.Total) {
		t.Errorf("recalculated K12 %q, K36 %q; report 1, %v", got["K12"], got["K36"], *rep.Total)
	}
	setCells(t, path, sheet, map[string]any{"I12": 50, "M12": "部分完成"})
	chk := jsonOf(t, "check", path)
	if got := recalc(t, path, sheet, "K12", "K36"); !sameNumber(got["K12"], 0.5) || chk.Total == nil || !sameNumber(got["K36"], *chk.Total) {
		t.Errorf("得分系数 50: recalculated K12 %q, K36 %q; check says %v", got["K12"], got["K36"], totalOf(chk.Total))
	}
}

// saved saves and closes f after the edits whose first error is err,
// failing the test on either.
func saved(t *testing.T, f *excelize.File, err error) {
	t.Helper()
	if err == nil {
		err = f.Save()
	}
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
}
