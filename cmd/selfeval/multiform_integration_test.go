//go:build integration

package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestIntegrationMultiForm: a workbook with a 填报说明 sheet and two project
// forms whose 总分 cells are formulas over their 得分 cells is scored; the
// scored file opens in LibreOffice, and each form's 总分 as LibreOffice
// recalculates it, and its 评分等级, equal the JSON report's.
func TestIntegrationMultiForm(t *testing.T) {
	o := needTools(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "in.xlsx")
	multiFormFile(t, src, "mof2020-liaison", "mof2020-services")
	fms := twoForms(t, src)
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	refs := map[string][2]string{} // sheet: 总分, 评分等级
	for _, fm := range fms {
		total := fm.Fields["total"]
		if total.Ref == "" {
			t.Fatalf("%s: no 总分 cell", fm.Sheet)
		}
		if err := f.SetCellFormula(fm.Sheet, total.Ref, totalFormula(t, fm)); err != nil {
			t.Fatal(err)
		}
		refs[fm.Sheet] = [2]string{total.Ref, fm.Fields["grade"].Ref}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out := filepath.Join(dir, "scored.xlsx")
	code, forms := scoreJSON(t, "-o", out, src)
	if code != exitOK || len(forms) != 2 {
		t.Fatalf("score: exit %d, %d forms: %+v", code, len(forms), forms)
	}
	g, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for sh, r := range refs {
		// The person's formula stays: LibreOffice recalculates it.
		if fx, _ := g.GetCellFormula(sh, r[0]); !strings.HasPrefix(fx, "ROUND(") {
			t.Errorf("%s!%s: formula %q after the score, want the input's", sh, r[0], fx)
		}
	}
	g.Close()
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var jobs []lapJob
	for i, fr := range forms {
		// One copy per form: a view is keyed by its file.
		p := filepath.Join(dir, fmt.Sprintf("view%d.xlsx", i+1))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r := refs[fr.Sheet]
		jobs = append(jobs, lapJob{Path: p, Sheet: fr.Sheet, Cells: [][]string{}, Read: []string{r[0], r[1]}})
	}
	views := runLap(t, o, jobs)
	for i, fr := range forms {
		v := views[jobs[i].Path]
		if got := strings.Join(v.Sheets, ","); !strings.Contains(got, "填报说明") || !strings.Contains(got, resultSheetName) {
			t.Errorf("LibreOffice shows the sheets %s", got)
		}
		r := refs[fr.Sheet]
		total, ok := v.Values[r[0]].(float64)
		if !ok || math.Abs(total-*fr.Total) > 0.005 {
			t.Errorf("%s!%s: LibreOffice recalculates 总分 %v, the report says %v", fr.Sheet, r[0], v.Values[r[0]], *fr.Total)
		}
		if g := v.Values[r[1]]; g != fr.Grade {
			t.Errorf("%s!%s: LibreOffice shows 评分等级 %v, the report says %s", fr.Sheet, r[1], g, fr.Grade)
		}
		t.Logf("%s: LibreOffice 总分 %v 评分等级 %v; JSON %v %s", fr.Sheet, v.Values[r[0]], v.Values[r[1]], *fr.Total, fr.Grade)
	}
}
