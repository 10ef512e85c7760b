package workbook

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// The fixtures are built here with excelize, laid out by labels the way the
// official forms are, independent of the template package.

// fx wraps a workbook under construction.
type fx struct {
	t      testing.TB
	f      *excelize.File
	sheet  string
	input  int // style of input cells: unlocked
	label  int // style of label cells: locked
	pct    int // unlocked, percent format
	locked int // locked, 2 decimals
}

func newFx(t testing.TB, sheet string) *fx {
	t.Helper()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	x := &fx{t: t, f: f, sheet: sheet}
	x.input = x.style(&excelize.Style{Protection: &excelize.Protection{Locked: false}})
	x.label = x.style(&excelize.Style{Protection: &excelize.Protection{Locked: true}, Alignment: &excelize.Alignment{WrapText: true}})
	x.pct = x.style(&excelize.Style{NumFmt: 10, Protection: &excelize.Protection{Locked: false}})
	x.locked = x.style(&excelize.Style{NumFmt: 2, Protection: &excelize.Protection{Locked: true}})
	return x
}

func (x *fx) style(s *excelize.Style) int {
	x.t.Helper()
	id, err := x.f.NewStyle(s)
	if err != nil {
		x.t.Fatal(err)
	}
	return id
}

func (x *fx) must(err error) {
	x.t.Helper()
	if err != nil {
		x.t.Fatal(err)
	}
}

// formula is a cell formula for put, without "=".
type formula string

// lab writes a locked label; at may be a range "A3:B3", which is merged.
func (x *fx) lab(at string, v any) { x.put(at, v, x.label) }

// in writes an unlocked input value.
func (x *fx) in(at string, v any) { x.put(at, v, x.input) }

func (x *fx) put(at string, v any, style int) {
	x.t.Helper()
	first, last, ok := strings.Cut(at, ":")
	if ok {
		x.must(x.f.MergeCell(x.sheet, first, last))
	} else {
		last = first
	}
	x.must(x.f.SetCellStyle(x.sheet, first, last, style))
	if v == nil {
		return
	}
	if s, ok := v.(formula); ok {
		x.must(x.f.SetCellFormula(x.sheet, first, string(s)))
		return
	}
	x.must(x.f.SetCellValue(x.sheet, first, v))
}

func (x *fx) protect() {
	x.t.Helper()
	x.must(x.f.ProtectSheet(x.sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true}))
}

// save writes the workbook under dir and returns its path.
func (x *fx) save(dir, name string) string {
	x.t.Helper()
	p := filepath.Join(dir, name)
	x.must(x.f.SaveAs(p))
	return p
}

// mof2020Fixture is a mof2020 form after seed project 合作交流工作业务经费,
// shortened, with the variants people produce: 分数 for 分值, 本年财政拨款,
// "产出指标(50分)", merged 一级/二级 cells, an unmerged blank 一级 and 二级
// that continue the row above, a number stored as text, a percent-formatted
// actual, a blank 得分, an extra blank row and a header split by a line break.
func mof2020Fixture(t testing.TB) *fx {
	x := newFx(t, "自评表")
	x.lab("A1:H1", "财政项目支出绩效自评表")
	x.lab("A2:H2", "（2024年度）")
	x.lab("A3:B3", "项目名称")
	x.in("C3:H3", "合作交流工作业务经费")
	x.lab("A4:B4", "主管部门：")
	x.in("C4:D4", "上海市人民政府合作交流办公室")
	x.lab("E4", "实施单位")
	x.in("F4:H4", "上海市人民政府合作交流办公室")
	x.lab("A5:A9", "项目资金\n（万元）")
	x.lab("B5", nil)
	for i, h := range []string{"年初预算数", "全年预算数", "全年执行数", "分数", "执行率（%）", "得分"} {
		x.lab(string(rune('C'+i))+"5", h)
	}
	x.lab("B6", "年度资金总额")
	x.in("C6", 161.05)
	x.in("D6", 161.05)
	x.in("E6", 125.35)
	x.put("F6", 10, x.locked)
	x.put("G6", formula("IF(N(D6)>0,TRUNC(N(E6)/D6*100,2),0)"), x.locked)
	x.put("H6", formula("IF(N(D6)>0,ROUND(MIN(N(E6)/D6,1)*F6,2),0)"), x.locked)
	for i, l := range []string{"本年财政拨款", "      上年结转资金", "其他资金"} {
		r := 7 + i
		x.lab(fmt.Sprintf("B%d", r), l)
		x.in(fmt.Sprintf("C%d", r), []float64{161.05, 0, 0}[i])
		x.in(fmt.Sprintf("D%d", r), []float64{161.05, 0, 0}[i])
		x.in(fmt.Sprintf("E%d", r), []float64{125.35, 0, 0}[i])
		x.lab(fmt.Sprintf("F%d", r), "—")
		x.put(fmt.Sprintf("G%d", r), formula(fmt.Sprintf("IF(N(D%d)>0,TRUNC(N(E%d)/D%d*100,2),0)", r, r, r)), x.locked)
		x.lab(fmt.Sprintf("H%d", r), "—")
	}
	x.lab("A10:A11", "年度\n总体\n目标")
	x.lab("B10:E10", "预期目标")
	x.lab("F10:H10", "实际完成情况")
	x.in("B11:E11", "完成市委、市政府确定的年度对口支援与合作交流工作任务。")
	x.in("F11:H11", "确保合作交流工作顺利开展。")
	for i, h := range []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析\n及改进措施"} {
		x.lab(string(rune('A'+i))+"12", h)
	}
	x.in("A13", "成本指标")
	x.in("B13", "经济成本指标")
	x.in("C13", "成本控制")
	x.in("D13", "相关经费按照标准执行")
	x.in("E13", "达成指标")
	x.in("F13", 20)
	x.in("G13", 20)
	x.in("H13", nil)
	x.in("A14:A16", "产出指标(50分)")
	x.in("B14:B15", "数量指标")
	x.in("C14", "差旅支出保障到位率")
	x.in("D14", "=100(%)")
	x.in("E14", "100.00(%)")
	x.in("F14", 2)
	x.in("G14", 2)
	x.in("C15", "完成年度计划课题数")
	x.in("D15", "≥6.00(个)")
	x.in("E15", "12.00(个)")
	x.in("F15", "2") // a number stored as text
	x.in("G15", 2)
	x.in("B16", "质量指标")
	x.in("C16", "信息专刊准确率")
	x.in("D16", "≥90.00(%)")
	x.put("E16", 0.98, x.pct)
	x.in("F16", 2)
	x.in("G16", nil) // blank 得分: the rules fill it
	for c := 'A'; c <= 'H'; c++ {
		x.in(string(c)+"17", nil) // an extra blank row
	}
	x.in("A18", "效益指标")
	x.in("B18", "社会效益指标")
	x.in("C18", "对口支援与合作交流工作的支撑作用")
	x.in("D18", "有效支撑")
	x.in("E18", "达成指标")
	x.in("F18", 8)
	x.in("G18", 8)
	x.in("A19", nil) // blank 一级/二级, not merged: continue row 18
	x.in("B19", nil)
	x.in("C19", "课题成果应用情况")
	x.in("D19", "有效应用")
	x.in("E19", "达成指标")
	x.in("F19", 8)
	x.in("G19", 6)
	x.in("H19", "部分成果尚未转化")
	x.lab("A20:E20", "总分")
	x.put("F20", formula("F6+SUM(F13:F19)"), x.locked)
	x.put("G20", formula("ROUND(H6+SUM(G13:G19),2)"), x.locked)
	x.lab("H20", nil)
	x.lab("A21:E21", "评分等级")
	x.put("F21:H21", formula(`IF(G20>=90,"优",IF(G20>=80,"良",IF(G20>=60,"中","差")))`), x.label)
	x.protect()
	return x
}

// sh2019Fixture is an sh2019 form after seed 002: merged category cells
// with their weights in the label, a header with 具体实施处(科室) in
// half-width brackets, and amounts with thousands separators stored as text.
func sh2019Fixture(t testing.TB) *fx {
	x := newFx(t, "自评价")
	x.lab("A1:F1", "2019年度财政项目绩效自评价")
	x.lab("A2", "项目名称：")
	x.in("B2:C2", "合作交流工作业务费")
	x.lab("D2", "预算单位：")
	x.in("E2:F2", "上海市人民政府驻昆明办事处")
	x.lab("A3", "具体实施处(科室)：")
	x.in("B3:C3", "援外服务处、联络协调处、综合管理处")
	x.lab("D3", "是否为经常性项目：")
	x.in("E3:F3", "是")
	x.lab("A4", "当年预算数（元）：")
	x.in("B4:C4", "1,040,000.00")
	x.lab("D4", "上年预算金额（元）：")
	x.in("E4:F4", 1160000)
	x.lab("A5", "预算执行数（元）：")
	x.in("B5:C5", 1027026.81)
	x.lab("D5", "预算执行率（%）：")
	x.put("E5:F5", formula("IF(N(B4)>0,ROUND(N(B5)/B4*100,2),0)"), x.locked)
	x.lab("A6", "项目年度总目标：")
	x.in("B6:F6", "全力做好东西部扶贫协作和对口支援工作。")
	x.lab("A7", "自评时间：")
	x.must(x.f.SetCellValue(x.sheet, "B7", 43921)) // 2020-03-31 as a date serial
	x.put("B7:C7", nil, x.style(&excelize.Style{NumFmt: 14, Protection: &excelize.Protection{Locked: false}}))
	x.lab("D7", "绩效等级：")
	x.put("E7:F7", "良好", x.label)
	x.lab("A8", "主要绩效：")
	x.in("B8:F8", "有效保障了对口支援工作的开展。")
	x.lab("A9", "主要问题：")
	x.in("B9:F9", "部门协作有待加强。")
	x.lab("A10", "改进措施：")
	x.in("B10:F10", "提高项目预算编制的前瞻性和科学性。")
	for i, h := range []string{"一级指标", "指标名称", "指标解释", "权重", "自评分", "备注"} {
		x.lab(string(rune('A'+i))+"11", h)
	}
	rows := []struct {
		name          string
		weight, score int
	}{
		{"资金使用的合规性", 6, 6}, {"预算执行率", 8, 8}, {"项目设立的规范性", 5, 5},
		{"财务（资产）管理制度的健全性和执行的有效性", 5, 5}, {"绩效目标合理性", 8, 8}, {"项目管理制度的健全性和执行的有效性", 4, 4},
		{"完成工作任务数量", 12, 12}, {"完成项目预期规模及要点要求", 11, 9}, {"完成工作任务质量", 11, 11},
		{"服务对象满意度", 4, 3}, {"课题转化成果率", 3, 3}, {"社会效益和经济效益", 8, 6},
		{"部门协助情况", 8, 4}, {"长效机制建立情况", 7, 5},
	}
	groups := []struct {
		label      string
		first, end int
	}{{"投入与管理（36分）", 12, 17}, {"产出目标(34分)", 18, 20}, {"效果目标（15分）", 21, 23}, {"影响力目标（15分）", 24, 25}}
	for _, g := range groups {
		x.lab(fmt.Sprintf("A%d:A%d", g.first, g.end), g.label)
	}
	for i, r := range rows {
		n := 12 + i
		x.in(fmt.Sprintf("B%d", n), r.name)
		x.in(fmt.Sprintf("C%d", n), "指标解释"+fmt.Sprint(i+1))
		x.in(fmt.Sprintf("D%d", n), r.weight)
		x.in(fmt.Sprintf("E%d", n), r.score)
		x.in(fmt.Sprintf("F%d", n), nil)
	}
	x.lab("A26:C26", "合计")
	x.put("D26", formula("SUM(D12:D25)"), x.locked)
	x.put("E26", formula("SUM(E12:E25)"), x.locked)
	x.protect()
	return x
}

// dumpForm renders a Form compactly, one line per value, for whole-value
// comparison. With refs false, cell references are left out so that layouts
// that differ only in position compare equal.
func dumpForm(fm *form.Form, refs bool) string {
	var b strings.Builder
	cell := func(c form.Cell) string {
		s := ""
		if refs {
			s = c.Ref + "="
		}
		s += fmt.Sprintf("%q", c.Text)
		if c.Raw != c.Text {
			s += fmt.Sprintf(" raw=%q", c.Raw)
		}
		if c.Number {
			s += " #"
		}
		if c.Percent {
			s += " %"
		}
		if c.Formula != "" && refs {
			s += " =" + c.Formula
		} else if c.Formula != "" {
			s += " =…" // formulas hold references
		}
		return s
	}
	fmt.Fprintf(&b, "kind %s sheet %s\n", fm.Kind.Name, fm.Sheet)
	if fm.Stamp != nil {
		fmt.Fprintf(&b, "stamp %+v\n", *fm.Stamp)
	}
	for _, k := range sortedKeys(fm.Fields) {
		fmt.Fprintf(&b, "field %s %s\n", k, cell(fm.Fields[k]))
	}
	for _, r := range sortedKeys(fm.Grid) {
		for _, c := range sortedKeys(fm.Grid[r]) {
			fmt.Fprintf(&b, "grid %s.%s %s\n", r, c, cell(fm.Grid[r][c]))
		}
	}
	for _, row := range fm.Rows {
		if refs {
			fmt.Fprintf(&b, "row %d", row.Line)
		} else {
			b.WriteString("row")
		}
		if row.Group != "" {
			fmt.Fprintf(&b, " group=%q", row.Group)
		}
		b.WriteString("\n")
		for _, col := range fm.Kind.Table.Columns {
			fmt.Fprintf(&b, "  %s %s\n", col.Key, cell(row.Cell(col.Key)))
		}
	}
	var probs []string
	for _, p := range fm.Problems {
		probs = append(probs, fmt.Sprintf("problem %s %s %v", p.Code, p.Sheet, p.Args))
	}
	sort.Strings(probs)
	for _, p := range probs {
		b.WriteString(p + "\n")
	}
	return b.String()
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test -update rewrites it):\n%s", name, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want (-) or only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, a, c)
		}
	}
	return b.String()
}
