package template

import (
	"errors"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// seedEntry is the first project of the mof2020 seed, shortened.
func seedEntry() *form.Entry {
	return &form.Entry{
		Kind: "mof2020", Year: "2024",
		Fields: map[string]string{
			"project":    "合作交流工作业务经费",
			"department": "上海市人民政府合作交流办公室",
			"unit":       "上海市人民政府合作交流办公室",
			"goal":       "贯彻执行国家战略",
		},
		Grid: map[string]map[string]string{
			"total":     {"initial": "161.05", "budget": "161.05", "spent": "125.35"},
			"carryover": {"initial": "0.00"},
			"other":     {"initial": "1,234.5"},
		},
		Rows: []form.EntryRow{
			{Cells: map[string]string{"level1": "成本指标", "level2": "经济成本指标", "name": "成本控制",
				"target": "相关经费按照标准执行", "actual": "达成指标", "weight": "20.00", "score": "20.00"}},
			{Cells: map[string]string{"level1": "产出指标", "level2": "数量指标", "name": "差旅支出保障到位率",
				"target": "=100(%)", "actual": "100.00(%)", "weight": "2", "score": "2.00", "reason": "77.83%"}},
		},
	}
}

type cellWant struct {
	ref, typ, raw string // typ: "n" number, "s" text
}

func checkCells(t *testing.T, f *excelize.File, sheet string, want []cellWant) {
	t.Helper()
	for _, w := range want {
		raw, _ := f.GetCellValue(sheet, w.ref, excelize.Options{RawCellValue: true})
		ct, _ := f.GetCellType(sheet, w.ref)
		typ := "s"
		if ct == excelize.CellTypeNumber || ct == excelize.CellTypeUnset && raw != "" {
			typ = "n"
		}
		if raw != w.raw || typ != w.typ {
			t.Errorf("%s = %s %q, want %s %q", w.ref, typ, raw, w.typ, w.raw)
		}
	}
}

func TestFill(t *testing.T) {
	opts := Options{Rows: 20}
	f := build(t, form.MOF2020, opts)
	if err := Fill(f, form.MOF2020, opts, seedEntry()); err != nil {
		t.Fatal(err)
	}
	checkCells(t, f, "自评表", []cellWant{
		{"C3", "s", "合作交流工作业务经费"},
		{"C4", "s", "上海市人民政府合作交流办公室"},
		{"F4", "s", "上海市人民政府合作交流办公室"},
		{"B11", "s", "贯彻执行国家战略"},
		{"C6", "n", "161.05"},
		{"E6", "n", "125.35"},
		{"C8", "n", "0"},
		{"C9", "n", "1234.5"}, // thousands separators: a number the live formulas see
		{"A13", "s", "成本指标"},
		{"E13", "s", "达成指标"},
		{"F13", "n", "20"},
		{"F14", "n", "2"},
		{"D14", "s", "=100(%)"},
		{"E14", "s", "100.00(%)"},
		{"H14", "s", "77.83%"},
		{"C15", "s", ""},
	})
	// A person's values change nothing locked: the stamp still matches.
	fp, err := fingerprint(f, "自评表", LayoutOf(form.MOF2020, opts).Computed())
	if err != nil {
		t.Fatal(err)
	}
	if got := stampValue(t, f, "fingerprint"); got != fp {
		t.Errorf("fingerprint after Fill = %s, stamp says %s", fp, got)
	}
}

func TestFillGroups(t *testing.T) {
	f := build(t, form.SH2019, Options{Rows: 2})
	e := &form.Entry{
		Fields: map[string]string{"budget": "1,040,000.00", "spent": "1027026.81", "recurring": "是", "date": "2020-3-31"},
		Rows: []form.EntryRow{
			{Group: "output", Cells: map[string]string{"name": "完成工作任务数量", "weight": "12", "score": "12"}},
			{Group: "input", Cells: map[string]string{"name": "预算执行率", "weight": "8", "level1": "投入与管理（36分）"}},
			{Group: "output", Cells: map[string]string{"name": "完成工作任务质量", "weight": "11", "score": "9"}},
		},
	}
	if err := Fill(f, form.SH2019, Options{Rows: 2}, e); err != nil {
		t.Fatal(err)
	}
	checkCells(t, f, "自评价", []cellWant{
		{"B4", "n", "1040000"}, // prefilled amounts are numbers, never text
		{"B5", "n", "1027026.81"},
		{"E3", "s", "是"},
		{"B7", "s", "2020-3-31"},
		{"B12", "s", "预算执行率"},
		{"D12", "n", "8"},
		{"B14", "s", "完成工作任务数量"},
		{"B15", "s", "完成工作任务质量"},
		{"E15", "n", "9"},
		{"A12", "s", "投入与管理（36分）"},
	})
}

func TestFillErrors(t *testing.T) {
	cases := []struct {
		name string
		kind *form.Kind
		e    *form.Entry
		want string
	}{
		{"unknown field", form.MOF2020, &form.Entry{Fields: map[string]string{"nope": "x"}},
			"fields.nope：表单没有这个字段"},
		{"computed field", form.MOF2020, &form.Entry{Fields: map[string]string{"grade": "优"}},
			"fields.grade：评分等级 由工具计算，不能填写"},
		{"computed grid", form.MOF2020, &form.Entry{Grid: map[string]map[string]string{"total": {"rate": "1"}}},
			"grid.total.rate：执行率(%) 由工具计算，不能填写"},
		{"unknown grid row", form.MOF2020, &form.Entry{Grid: map[string]map[string]string{"x": {"budget": "1"}}},
			"grid.x.budget：资金表没有这个单元格"},
		{"wrong kind", form.MOF2020, &form.Entry{Kind: "sh2019"},
			`kind：数据属于表单类型 "sh2019"，模板是 "mof2020"`},
		{"too many rows", form.MOF2020, &form.Entry{Rows: make([]form.EntryRow, 3)},
			"rows[2]：超出模板的 2 个指标行（可加大行数）"},
		{"group on ungrouped", form.MOF2020, &form.Entry{Rows: []form.EntryRow{{Group: "input"}}},
			`rows[0].group：表格没有分组，不能指定 "input"`},
		{"unknown column", form.MOF2020, &form.Entry{Rows: []form.EntryRow{{Cells: map[string]string{"zzz": "1"}}}},
			"rows[0].zzz：表格没有这一列"},
		{"unknown group", form.SH2019, &form.Entry{Rows: []form.EntryRow{{Group: "nope"}}},
			`rows[0].group：没有分组 "nope"`},
		{"group full", form.SH2019, &form.Entry{Rows: []form.EntryRow{{Group: "impact"}, {Group: "impact"}, {Group: "impact"}}},
			"rows[2]：超出分组 影响力目标（15分） 的 2 个指标行（可加大行数）"},
		{"group column typed", form.SH2019, &form.Entry{Rows: []form.EntryRow{{Group: "input", Cells: map[string]string{"level1": "产出目标"}}}},
			`rows[0].level1：一级指标 由分组决定，不能填写 "产出目标"`},
		{"all problems at once", form.MOF2020, &form.Entry{Fields: map[string]string{"a": "1", "b": "2"}},
			"fields.a：表单没有这个字段\nfields.b：表单没有这个字段"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{Rows: 2}
			f := build(t, c.kind, opts)
			err := Fill(f, c.kind, opts, c.e)
			if err == nil || err.Error() != c.want {
				t.Fatalf("Fill error = %v\nwant %s", err, c.want)
			}
			var pe *PlaceError
			if !errors.As(err, &pe) {
				t.Errorf("error is not a *PlaceError: %T", err)
			}
		})
	}
}

func TestFillNothingWhenInvalid(t *testing.T) {
	opts := Options{Rows: 1}
	f := build(t, form.MOF2020, opts)
	e := seedEntry() // two rows for one
	if err := Fill(f, form.MOF2020, opts, e); err == nil {
		t.Fatal("Fill accepted more rows than the template has")
	}
	if v, _ := f.GetCellValue("自评表", "C3"); v != "" {
		t.Errorf("Fill wrote C3 = %q despite the error", v)
	}
	if err := Fill(f, form.MOF2020, opts, nil); err == nil || !strings.Contains(err.Error(), "缺少") {
		t.Errorf("Fill(nil entry) = %v", err)
	}
}
