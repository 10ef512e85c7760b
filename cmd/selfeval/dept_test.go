package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/samples"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// The dept form (部门整体支出绩效自评表) in the layouts it is published in,
// written here as the budget systems and provinces print them (not by our
// template): the Chongqing project-shaped flat table with and without
// 一级/二级, the Tianjin flat list with 计算符号, and the Hubei table with the
// indicators under each 年度绩效目标.

// deptLayout is one published layout: its cells, merges, percent-formatted
// cells and what the form must read as.
type deptLayout struct {
	name     string
	cells    map[string]any
	merges   [][2]string
	percent  []string // cells shown with a percent format
	total    float64
	grade    string
	warnings []string // code@cell of every warning; no errors
}

// deptSample is the entry of the Chongqing sample.
func deptSample(t *testing.T) *form.Entry {
	t.Helper()
	all, err := samples.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Entry.Kind == form.Dept.Name {
			return s.Entry
		}
	}
	t.Fatal("no dept sample")
	return nil
}

// chongqingLayout writes the sample as the published Chongqing form: a
// merged 绩效指标 label left of a flat table, or 一级/二级 columns.
func chongqingLayout(e *form.Entry, levels bool) deptLayout {
	l := deptLayout{name: "chongqing-flat", cells: map[string]any{}, total: 97.6, grade: "优"}
	if levels {
		l.name = "chongqing-levels"
	}
	c := l.cells
	c["A1"] = "2021年度部门整体绩效自评表"
	c["A2"], c["C2"], c["G2"], c["K2"] = "部门（单位）名称", e.Fields["project"], "主管部门", "财政处室"
	c["A3"], c["C3"], c["E3"], c["H3"] = "自评总分（分）", 97.6, "部门联系人", "联系电话"
	c["A4"] = "部门预算执行情况（万元）"
	for i, h := range []string{"年初预算数", "全年（调整）预算数", "全年执行数", "执行率（%）", "执行率权重", "执行率得分（分）"} {
		col, _ := excelize.ColumnNumberToName(3 + i)
		c[col+"4"] = h
	}
	g := e.Grid["total"]
	c["C5"], c["D5"], c["E5"], c["F5"], c["G5"], c["H5"] = deptNum(g["initial"]), deptNum(g["budget"]), deptNum(g["spent"]), 0.76, 10, 7.6
	l.percent = append(l.percent, "F5")
	c["A6"], c["B6"], c["F6"], c["I6"] = "当年绩效目标", "年初绩效目标", "全年（调整）绩效目标", "全年目标实际完成情况"
	c["B7"], c["F7"], c["I7"] = e.Fields["goal"], e.Fields["goal_adjusted"], e.Fields["achieved"]
	l.merges = [][2]string{{"A1", "L1"}, {"A2", "B2"}, {"C2", "F2"}, {"A3", "B3"}, {"A4", "B5"}, {"A6", "A7"}, {"B6", "E6"}, {"B7", "E7"}, {"F6", "H6"}, {"F7", "H7"}, {"I6", "L6"}, {"I7", "L7"}}
	keys := []string{"name", "unit", "nature", "planned", "adjusted", "actual", "coef", "weight", "score", "core"}
	heads := []string{"指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）", "指标权重（分）", "指标得分（分）", "是否核心指标"}
	first := 2 // column B
	if levels {
		keys = append([]string{"level1", "level2"}, keys...)
		heads = append([]string{"一级指标", "二级指标"}, heads...)
		first = 1
	} else {
		c["A8"] = "绩效指标"
		l.merges = append(l.merges, [2]string{"A8", fmt.Sprintf("A%d", 8+len(e.Rows))})
	}
	for i, h := range heads {
		col, _ := excelize.ColumnNumberToName(first + i)
		c[col+"8"] = h
	}
	for r, row := range e.Rows {
		line := 9 + r
		cells := map[string]string{}
		for k, v := range row.Cells {
			cells[k] = v
		}
		cells["coef"] += "%"
		cells["score"] = cells["weight"]
		if levels {
			cells["level1"], cells["level2"] = "部门管理", "预算执行"
			if r >= 13 {
				cells["level1"], cells["level2"] = "履职效能", "重点工作"
			}
		}
		for i, k := range keys {
			col, _ := excelize.ColumnNumberToName(first + i)
			ref := fmt.Sprintf("%s%d", col, line)
			switch k {
			case "weight", "score":
				c[ref] = deptNum(cells[k])
			default:
				if cells[k] != "" {
					c[ref] = cells[k]
				}
			}
		}
		if strings.HasSuffix(row.Cells["name"], "政府采购执行率") {
			at := 0
			for i, k := range keys {
				if k == "coef" {
					at = i
				}
			}
			col, _ := excelize.ColumnNumberToName(first + at)
			l.warnings = append(l.warnings, fmt.Sprintf("dept.coef_above_result@%s%d", col, line))
		}
	}
	return l
}

// tianjinLayout is a flat list with 计算符号, 指标值 and 计量单位 in their own
// columns and no 得分系数: the scores follow the rules.
func tianjinLayout() deptLayout {
	l := deptLayout{name: "tianjin", cells: map[string]any{}, total: 96, grade: "优"}
	c := l.cells
	c["A1"] = "部门整体支出绩效自评表"
	c["A2"], c["C2"] = "部门名称", "某区司法局"
	c["A3"] = "项目资金（万元）"
	for i, h := range []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"} {
		col, _ := excelize.ColumnNumberToName(3 + i)
		c[col+"3"] = h
	}
	c["B4"], c["C4"], c["D4"], c["E4"], c["F4"], c["G4"], c["H4"] = "年度资金总额", 1000, 1000, 950, 10, "95.00%", 9.5
	c["A5"], c["B5"], c["F5"] = "年度总体目标", "年度总体目标", "实际完成情况"
	c["B6"], c["F6"] = "依法履行司法行政职能，保障机关正常运转。", "全年完成各项司法行政任务，机关运转正常。"
	for i, h := range []string{"序号", "指标名称", "计算符号", "指标值", "计量单位", "完成值", "权重", "得分", "偏差原因"} {
		col, _ := excelize.ColumnNumberToName(1 + i)
		c[col+"7"] = h
	}
	rows := [][]any{
		{1, "在职人员控制率", "≤", 100, "%", 98, 10, 10, ""},
		{2, "“三公”经费变动率", "≤", 0, "%", -3, 10, 10, ""},
		{3, "政府采购执行率", "≥", 100, "%", 95, 10, 9.5, "部分采购延至次年"},
		{4, "办理法律援助案件数", "≥", 200, "件", 180, 30, 27, "申请量下降"},
		{5, "服务对象满意度", "≥", 90, "%", 95, 20, 20, ""},
		{6, "制度建设", "定性", "健全", "", "健全", 10, 10, ""},
	}
	for r, row := range rows {
		for i, v := range row {
			if v == "" {
				continue
			}
			col, _ := excelize.ColumnNumberToName(1 + i)
			c[fmt.Sprintf("%s%d", col, 8+r)] = v
		}
	}
	c["A15"] = "填表人："
	l.merges = [][2]string{{"A1", "I1"}, {"A2", "B2"}, {"C2", "I2"}, {"A3", "B3"}, {"A5", "A6"}, {"B5", "E5"}, {"B6", "E6"}, {"F5", "I5"}, {"F6", "I6"}}
	return l
}

// hubeiLayout hangs the indicators under each 年度绩效目标 and ends with the
// two Hubei narratives.
func hubeiLayout() deptLayout {
	l := deptLayout{name: "hubei", cells: map[string]any{}, total: 98.8, grade: "优"}
	c := l.cells
	c["A1"] = "2021年度部门整体支出绩效自评表"
	c["A2"], c["C2"] = "部门（单位）名称", "某县融媒体中心"
	c["A3"] = "预算执行情况（万元）"
	for i, h := range []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"} {
		col, _ := excelize.ColumnNumberToName(3 + i)
		c[col+"3"] = h
	}
	c["B4"], c["C4"], c["D4"], c["E4"], c["F4"], c["G4"], c["H4"] = "年度资金总额", 900, 1000, 980, 10, 0.98, 9.8
	l.percent = []string{"G4"}
	c["A5"], c["B5"], c["F5"] = "年度总体目标", "年度总体目标", "年度总体目标完成情况"
	c["B6"], c["F6"] = "完成新闻宣传任务，保障中心正常运转。", "全年完成新闻宣传任务，中心运转正常。"
	for i, h := range []string{"年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "偏差原因分析及改进措施"} {
		col, _ := excelize.ColumnNumberToName(1 + i)
		c[col+"7"] = h
	}
	rows := [][]any{
		{"完成新闻宣传任务", "产出指标", "数量指标", "播发稿件数量", "≥2200篇", "2859篇", 30, 30, ""},
		{"", "产出指标", "质量指标", "稿件差错率", "≤1%", "0.5%", 20, 20, ""},
		{"", "效益指标", "社会效益指标", "宣传覆盖面", "扩大", "扩大", 10, 10, ""},
		{"保障中心正常运转", "产出指标", "数量指标", "组织宣传活动次数", "≥40次", "36次", 10, 9, "疫情取消4次活动"},
		{"", "效益指标", "可持续影响指标", "制度建设", "健全", "健全", 10, 10, ""},
		{"", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10, ""},
	}
	for r, row := range rows {
		for i, v := range row {
			if v == "" {
				continue
			}
			col, _ := excelize.ColumnNumberToName(1 + i)
			c[fmt.Sprintf("%s%d", col, 8+r)] = v
		}
	}
	c["A14"], c["D14"] = "偏差大或目标未完成的原因分析", "组织宣传活动因疫情取消4次。"
	c["A15"], c["D15"] = "改进措施及结果应用方案", "加强活动计划管理，结果用于下年预算安排。"
	l.merges = [][2]string{{"A1", "I1"}, {"A2", "B2"}, {"C2", "I2"}, {"A3", "B3"}, {"A5", "A6"}, {"B5", "E5"}, {"B6", "E6"}, {"F5", "I5"}, {"F6", "I6"},
		{"A8", "A10"}, {"A11", "A13"}, {"A14", "C14"}, {"D14", "I14"}, {"A15", "C15"}, {"D15", "I15"}}
	return l
}

func deptNum(s string) any {
	var f float64
	if _, err := fmt.Sscan(s, &f); err != nil {
		return s
	}
	return f
}

// write saves the layout as a workbook under dir.
func (l deptLayout) write(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	for ref, v := range l.cells {
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range l.merges {
		if err := f.MergeCell(sheet, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if len(l.percent) > 0 {
		id, err := f.NewStyle(&excelize.Style{NumFmt: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range l.percent {
			if err := f.SetCellStyle(sheet, ref, ref, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(dir, "dept-"+l.name+".xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func deptLayouts(t *testing.T) []deptLayout {
	e := deptSample(t)
	return []deptLayout{chongqingLayout(e, false), chongqingLayout(e, true), tianjinLayout(), hubeiLayout()}
}

// assertDept checks that a report reads as dept with the layout's total and
// grade, no error and exactly the layout's warnings.
func assertDept(t *testing.T, l deptLayout, path string) {
	t.Helper()
	_, forms, out := checkForms(t, path)
	if len(forms) != 1 {
		t.Fatalf("%d forms, want 1", len(forms))
	}
	got := forms[0]
	if got.Kind != form.Dept.Name || got.Total == nil || *got.Total != l.total || got.Grade != l.grade {
		t.Errorf("read as %s total %v grade %s, want dept %v %s\n%s", got.Kind, got.Total, got.Grade, l.total, l.grade, out)
	}
	var warnings []string
	for _, f := range got.Findings {
		switch f.Severity {
		case "error":
			t.Errorf("error %s at %s: %s", f.Code, f.Cell, f.Message)
		case "warning":
			warnings = append(warnings, f.Code+"@"+f.Cell)
		}
	}
	sort.Strings(warnings)
	want := append([]string{}, l.warnings...)
	sort.Strings(want)
	if strings.Join(warnings, " ") != strings.Join(want, " ") {
		t.Errorf("warnings %q, want %q", warnings, want)
	}
}

// TestDeptLayouts: each published dept layout reads as dept with its total.
func TestDeptLayouts(t *testing.T) {
	dir := t.TempDir()
	for _, l := range deptLayouts(t) {
		t.Run(l.name, func(t *testing.T) {
			assertDept(t, l, l.write(t, dir))
		})
	}
}

// TestDeptTemplateByLabels fills a blank dept template the way a person
// does, by its labels — the cell right of 部门（单位）名称, below 年初绩效目标,
// the columns under the table header — and reads it back with the sample's
// total.
func TestDeptTemplateByLabels(t *testing.T) {
	e := deptSample(t)
	f, err := template.Build(form.Dept, template.Options{Year: "2021"})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	find := func(label string) (int, int) {
		for r, row := range rows {
			for c, v := range row {
				if v == label {
					return c + 1, r + 1
				}
			}
		}
		t.Fatalf("no label %s in the template", label)
		return 0, 0
	}
	set := func(col, row int, v string) {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellValue(sheet, ref, deptNum(v)); err != nil {
			t.Fatal(err)
		}
	}
	setText := func(col, row int, v string) {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellStr(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	c, r := find("部门（单位）名称")
	setText(c+2, r, e.Fields["project"]) // the label spans two columns
	for label, key := range map[string]string{"年初绩效目标": "goal", "全年（调整）绩效目标": "goal_adjusted", "全年目标实际完成情况": "achieved"} {
		c, r := find(label)
		setText(c, r+1, e.Fields[key])
	}
	for label, key := range map[string]string{"年初预算数": "initial", "全年（调整）预算数": "budget", "全年执行数": "spent"} {
		c, r := find(label)
		set(c, r+1, e.Grid["total"][key])
	}
	cols := map[string]int{}
	_, hr := find("指标名称")
	for i, v := range rows[hr-1] {
		for _, col := range form.Dept.Table.Columns {
			if v == col.Label {
				cols[col.Key] = i + 1
			}
		}
	}
	for i, row := range e.Rows {
		for k, v := range row.Cells {
			switch k {
			case "coef", "weight":
				set(cols[k], hr+1+i, v)
			default:
				setText(cols[k], hr+1+i, v)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "filled.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_, forms, out := checkForms(t, path)
	got := forms[0]
	if got.Kind != "dept" || got.Total == nil || *got.Total != 97.6 || got.Grade != "优" || got.Status != "ok" {
		t.Fatalf("read as %s %v %s %s, want dept 97.6 优 ok\n%s", got.Kind, got.Total, got.Grade, got.Status, out)
	}
}

// TestDeptCoreAtHalf: the sample with a core indicator at 50 % and no
// reason loses half its points and is warned about at its coefficient cell,
// naming the reason cell; `score` writes the scores back into the form.
func TestDeptCoreAtHalf(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("../../samples/dept-chongqing.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "core.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	// 播发稿件数量 (10 points, core) is the 18th indicator row: line 27.
	if v, _ := f.GetCellValue(sheet, "C27"); v != "播发稿件数量" {
		t.Fatalf("C27 = %q", v)
	}
	if err := f.SetCellValue(sheet, "I27", 50); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, forms, out := checkForms(t, path)
	got := forms[0]
	if got.Total == nil || *got.Total != 92.6 {
		t.Errorf("total %v, want 97.6 − 5 = 92.6\n%s", got.Total, out)
	}
	found := false
	for _, fd := range got.Findings {
		if fd.Code == "dept.core_unexplained" {
			found = true
			if fd.Severity != "warning" || fd.Cell != "I27" || !strings.Contains(fd.Message, "M27") || !strings.Contains(fd.Message, "播发稿件数量") {
				t.Errorf("finding %+v", fd)
			}
		}
	}
	if !found {
		t.Errorf("no dept.core_unexplained warning\n%s", out)
	}

	var stdout, stderr bytes.Buffer
	if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "score", path}, &stdout, &stderr)); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr.String())
	}
	g, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	score, _ := g.GetCellValue(sheet, "K27", excelize.Options{RawCellValue: true})
	total, _ := g.GetCellValue(sheet, "C4", excelize.Options{RawCellValue: true})
	if !regexp.MustCompile(`^5(\.0+)?$`).MatchString(score) || !regexp.MustCompile(`^92\.6`).MatchString(total) {
		t.Errorf("written back: K27 %q, C4 %q; want 5 and 92.6", score, total)
	}
}

// TestDeptTemplateFrom: `template --kind dept --from` makes one template per
// department from a targets file (its common and own indicators), which
// reads back as dept with the indicators prefilled.
func TestDeptTemplateFrom(t *testing.T) {
	dir := t.TempDir()
	csv := "年度,部门（单位）名称,年初预算数,全年（调整）预算数,年初绩效目标,指标名称,计量单位,指标性质,年初指标值,指标权重,是否核心指标\n" +
		"2021,甲部门,100,120,保障运转,预算调整率,%,定量,≤3%,40,否\n" +
		"2021,甲部门,100,120,保障运转,播发稿件数量,篇,定量,≥2200篇,50,是\n" +
		"2021,乙部门,80,80,完成任务,结转结余率,%,定量,≤2%,90,否\n"
	src := filepath.Join(dir, "targets.csv")
	if err := os.WriteFile(src, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "template", "--kind", "dept", "--rows", "6", "--from", src, "--out-dir", out}, &stdout, &stderr)); code != exitOK {
		t.Fatalf("template --from: exit %d: %s", code, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
	if len(files) != 2 {
		t.Fatalf("%d templates, want 2: %v", len(files), files)
	}
	for _, path := range files {
		_, forms, rep := checkForms(t, path)
		got := forms[0]
		if got.Kind != "dept" || len(got.Indicators) == 0 {
			t.Errorf("%s: read as %s with %d indicators\n%s", path, got.Kind, len(got.Indicators), rep)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := f.GetCellValue(form.Dept.Sheet, "C10")
		last, _ := f.GetCellValue(form.Dept.Sheet, "A16")
		f.Close()
		if name != "预算调整率" && name != "结转结余率" {
			t.Errorf("%s: C10 = %q", path, name)
		}
		if last != "总分" {
			t.Errorf("%s: A16 = %q, want the 总分 row after 6 rows", path, last)
		}
	}
}

// TestDeptTemplateTampered: a locked label of an issued dept template that
// was changed is reported, as for the other kinds.
func TestDeptTemplateTampered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dept.xlsx")
	var stdout, stderr bytes.Buffer
	if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "template", "--kind", "dept", "--year", "2021", "-o", path}, &stdout, &stderr)); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, stderr.String())
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(form.Dept.Sheet, "A7", "目标"); err != nil { // the locked label 当年绩效目标
		t.Fatal(err)
	}
	if err := f.SetCellInt(form.Dept.Sheet, "G6", 20); err != nil { // the execution weight
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, forms, out := checkForms(t, path)
	found := map[string]bool{}
	for _, fd := range forms[0].Findings {
		found[fd.Code+"@"+fd.Cell] = true
	}
	if forms[0].Kind != "dept" || !found["template.tampered@A7"] || !found["funds.weight_mismatch@G6"] {
		t.Errorf("an edited label and execution weight are not reported: %v\n%s", found, out)
	}
}
