package template

import (
	"strconv"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// TestDeptTemplate: the dept template has the published form's blocks, the
// 指标性质 and 是否核心指标 dropdowns, a live 指标得分 on every row, a live
// total, grade and 自评总分, locked labels and computed cells and open
// inputs, for the rows asked for.
func TestDeptTemplate(t *testing.T) {
	k := form.Dept
	f := build(t, k, Options{Rows: 30, Year: "2021"})
	sheet := k.Sheet
	first, last := 10, 39
	checkCells(t, f, sheet, []cellWant{{"A1", "s", "部门整体支出绩效自评表"}, {"A5", "s", "部门预算执行情况（万元）"},
		{"G6", "n", "10"}, {"B7", "s", "年初绩效目标"}, {"C9", "s", "指标名称"}, {"I9", "s", "得分系数(%)"}})
	for _, row := range []int{first, last} {
		ref := "K" + itoa(row)
		got, err := f.GetCellFormula(sheet, ref)
		if err != nil || !strings.Contains(got, "I"+itoa(row)) || !strings.Contains(got, "J"+itoa(row)) || !locked(t, f, sheet, ref) {
			t.Errorf("%s: formula %q (%v), locked %v; want a locked 得分系数 × 指标权重", ref, got, err, locked(t, f, sheet, ref))
		}
		for _, in := range []string{"C", "E", "F", "H", "I", "J", "L", "M"} {
			if locked(t, f, sheet, in+itoa(row)) {
				t.Errorf("input %s%d is locked", in, row)
			}
		}
	}
	if dv := validationAt(t, f, sheet, "E"+itoa(first)); dv == nil || dv.Type != "list" || !strings.Contains(dv.Formula1, "定量,定性") {
		t.Errorf("指标性质 dropdown = %+v", dv)
	}
	if dv := validationAt(t, f, sheet, "L"+itoa(last)); dv == nil || dv.Type != "list" || !strings.Contains(dv.Formula1, "是,否") {
		t.Errorf("是否核心指标 dropdown = %+v", dv)
	}
	end := itoa(last + 1)
	for ref, want := range map[string]string{
		"K" + end:          `"待评分",ROUND(IF(N(D6)>0,MIN(N(E6)/D6,1)*G6,0)+SUM(K10:K39),2))`,
		"J" + end:          "G6+SUM(J10:J39)",
		"C4":               "K" + end,
		"J" + itoa(last+2): "COUNTBLANK(K10:K39)>COUNTBLANK(J10:J39)",
	} {
		got, _ := f.GetCellFormula(sheet, ref)
		if !strings.Contains(got, want) || !locked(t, f, sheet, ref) {
			t.Errorf("%s: formula %q, want it to hold %q and be locked", ref, got, want)
		}
	}
	if got := stampValue(t, f, "kind"); got != "dept" {
		t.Errorf("stamp kind %q", got)
	}
}

// TestDeptPrefill: the department's approved indicators are filled and
// locked; what the unit reports stays open.
func TestDeptPrefill(t *testing.T) {
	e := &form.Entry{Kind: "dept", Year: "2021", Fields: map[string]string{"project": "某部门", "goal": "年初目标"},
		Grid: map[string]map[string]string{"total": {"initial": "100", "budget": "120"}},
		Rows: []form.EntryRow{{Cells: map[string]string{"name": "预算调整率", "unit": "%", "nature": "定量", "planned": "≤3%", "weight": "2", "core": "否"}}}}
	f := build(t, form.Dept, Options{Prefill: e, Rows: 5})
	sheet := form.Dept.Sheet
	checkCells(t, f, sheet, []cellWant{{"C3", "s", "某部门"}, {"D6", "n", "120"}, {"C10", "s", "预算调整率"}, {"F10", "s", "≤3%"}, {"J10", "n", "2"}})
	for _, ref := range []string{"C3", "B8", "C6", "D6", "C10", "D10", "E10", "F10", "J10", "L10"} {
		if !locked(t, f, sheet, ref) {
			t.Errorf("prefilled %s is not locked", ref)
		}
	}
	for _, ref := range []string{"E6", "H10", "I10", "M10", "C11", "J11"} {
		if locked(t, f, sheet, ref) {
			t.Errorf("input %s is locked", ref)
		}
	}
	bad := &form.Entry{Kind: "dept", Rows: []form.EntryRow{{Cells: map[string]string{"score": "2"}}}}
	if _, err := Build(form.Dept, Options{Prefill: bad}); err == nil {
		t.Error("a prefilled 指标得分 (computed) was accepted")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
