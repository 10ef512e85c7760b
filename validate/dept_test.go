package validate

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// dRow is one dept indicator row by column key (values as cellOf reads them).
type dRow map[string]string

// deptForm lays out a dept form like our template: header on rows 3–8,
// funds 1000 / 1000 / spent on row 6, indicator rows from line 10, footer
// after them. stamped says it is our own template.
func deptForm(spent string, stamped bool, rows ...dRow) *form.Form {
	k := form.Dept
	f := &form.Form{Kind: k, Path: "t.xlsx", Sheet: testSheet, Fields: map[string]form.Cell{}, Grid: map[string]map[string]form.Cell{"total": {}}}
	if stamped {
		f.Stamp = &form.Stamp{Kind: k.Name, Version: "2", Year: "2021", Profile: "default"}
	}
	for key, v := range map[string][2]string{
		"project": {"C3", "测试部门"}, "self_total": {"C4", ""}, "goal": {"B8", "年初绩效目标"}, "achieved": {"J8", "全年完成情况"},
	} {
		f.Fields[key] = cellOf(v[0], v[1])
	}
	for _, c := range k.Grid.Cols {
		v := map[string]string{"initial": "1000", "budget": "1000", "spent": spent}[c.Key]
		f.Grid["total"][c.Key] = cellOf(c.Col+"6", v)
	}
	for i, r := range rows {
		line := 10 + i
		row := k.Table.NewRow(line)
		for j, c := range k.Table.Columns {
			ref := ""
			if c.Col != "" {
				ref = fmt.Sprintf("%s%d", c.Col, line)
			}
			row.Cells[j] = cellOf(ref, r[c.Key])
		}
		f.Rows = append(f.Rows, row)
	}
	end := 10 + len(rows)
	f.Fields["total_weight"] = cellOf(fmt.Sprintf("J%d", end), "")
	f.Fields["total"] = cellOf(fmt.Sprintf("K%d", end), "")
	f.Fields["grade"] = cellOf(fmt.Sprintf("J%d", end+1), "")
	return f
}

func full(name string, w string) dRow {
	return dRow{"name": name, "planned": "≥100%", "actual": "100%", "coef": "100", "weight": w}
}

func TestDeptRules(t *testing.T) {
	tests := []struct {
		name    string
		spent   string
		foreign bool
		rows    []dRow
		total   string
		want    []string
	}{
		{"execution 76% and full indicators: 7.6 + 90", "760", false,
			[]dRow{full("甲", "45"), full("乙", "45")}, "97.60", nil},
		{"core indicator at 50% without a reason", "1000", false,
			[]dRow{{"name": "核心", "planned": "≥100%", "actual": "50%", "coef": "50", "weight": "45", "core": "是"}, full("乙", "45")},
			"77.50", []string{"warning dept.core_unexplained I10"}},
		{"core indicator at 50% with a reason", "1000", false,
			[]dRow{{"name": "核心", "planned": "≥100%", "actual": "50%", "coef": "50", "weight": "45", "core": "是", "reason": "资金下达较晚"}, full("乙", "45")},
			"77.50", nil},
		{"a coefficient above what the actual supports", "1000", false,
			[]dRow{{"name": "政府采购执行率", "unit": "'%", "planned": "100%", "actual": "72.74%", "coef": "100", "weight": "45"}, full("乙", "45")},
			"100.00", []string{"warning dept.coef_above_result I10"}},
		{"a coefficient exported as a fraction (0.8 is 80 %)", "1000", false,
			[]dRow{{"name": "甲", "planned": "≥100%", "actual": "80%", "coef": "0.8", "weight": "45", "reason": "部分完成"}, full("乙", "45")},
			"91.00", nil},
		{"a percent-formatted coefficient", "1000", false,
			[]dRow{{"name": "甲", "planned": "≥100%", "actual": "80%", "coef": "%0.8", "weight": "45", "reason": "部分完成"}, full("乙", "45")},
			"91.00", nil},
		{"coefficient out of range", "1000", false,
			[]dRow{{"name": "甲", "planned": "≥100%", "actual": "100%", "coef": "150", "weight": "45"}, full("乙", "45")},
			"100.00", []string{"error dept.coef_invalid I10"}},
		{"weights not 90", "1000", false,
			[]dRow{full("甲", "45"), full("乙", "40")}, "95.00", []string{"error weights.total J12"}},
		{"a written score that differs from coefficient × weight", "1000", true,
			[]dRow{{"name": "甲", "planned": "≥100%", "actual": "100%", "coef": "80", "weight": "45", "score": "45", "reason": "部分完成"}, full("乙", "45")},
			"91.00", []string{"error dept.score_mismatch K10"}},
		{"no coefficient: the mof2020 ratio against the adjusted target", "1000", false,
			[]dRow{{"name": "甲", "planned": "≥100篇", "adjusted": "≥120篇", "actual": "90篇", "weight": "45", "reason": "调整后任务未完成"}, full("乙", "45")},
			"88.75", nil},
		{"no coefficient: a deduction rule (在职人员控制率 104% → 2 − 4 × 0.5)", "1000", false,
			[]dRow{{"name": "在职人员控制率", "unit": "'%", "planned": "100", "actual": "104", "weight": "2", "reason": "超编"}, full("乙", "88")},
			"98.00", nil},
		{"Tianjin: 计算符号 and 计量单位 in their own columns", "1000", false,
			[]dRow{{"name": "甲", "sign": "≥", "unit": "次", "planned": "10", "actual": "5", "weight": "45", "reason": "疫情影响"}, full("乙", "45")},
			"77.50", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Check(deptForm(tt.spent, !tt.foreign, tt.rows...), DefaultProfile(), Chinese)
			var got []string
			for _, f := range res.Findings {
				if f.Severity != form.Info {
					got = append(got, fmt.Sprintf("%s %s %s", f.Severity, f.Code, f.Cell))
				}
			}
			if got == nil {
				got = []string{}
			}
			want := tt.want
			if want == nil {
				want = []string{}
			}
			equalLines(t, "findings", got, want)
			if res.Total.StringFixed(2) != tt.total {
				t.Errorf("total %s, want %s", res.Total.StringFixed(2), tt.total)
			}
		})
	}
}

// The warning on a missed core indicator names the reason cell, and the
// score written back is coefficient × weight.
func TestDeptCoreWarningAndWrites(t *testing.T) {
	f := deptForm("1000", true, dRow{"name": "党性教育培训次数", "planned": "≥6次", "actual": "3次", "coef": "50", "weight": "45", "core": "是"}, full("乙", "45"))
	res := Check(f, DefaultProfile(), Chinese)
	var msg string
	for _, fd := range res.Findings {
		if fd.Code == "dept.core_unexplained" {
			msg = fd.Message
		}
	}
	if !strings.Contains(msg, "党性教育培训次数") || !strings.Contains(msg, "M10") || !strings.Contains(msg, "50.00%") {
		t.Errorf("message %q should name the indicator, its coefficient and the reason cell M10", msg)
	}
	writes := strings.Join(writesSummary(res.Writes), " ")
	for _, w := range []string{"K10=22.50", "K11=45.00", "K12=77.50", "C4=77.50", "J13=中", "J12=100.00"} {
		if !strings.Contains(writes, w) {
			t.Errorf("writes %s lack %s", writes, w)
		}
	}
	if res.Grade != "中" {
		t.Errorf("grade %s, want 中", res.Grade)
	}
	en := Check(f, DefaultProfile(), English)
	for _, fd := range en.Findings {
		if fd.Code == "dept.core_unexplained" && !strings.Contains(fd.Message, "core indicator") {
			t.Errorf("English message %q", fd.Message)
		}
	}
}

func TestDeductionRule(t *testing.T) {
	tests := []struct {
		name, actual, target, want string
	}{
		{"财政供养人员控制率", "100", "100", "2.00"},
		{"财政供养人员控制率", "103", "100", "0.50"},
		{"“三公”经费变动率", "-5", "0", "2.00"},
		{"三公经费变动率", "1", "0", "1.20"},
		{"预算调整率", "5", "3", "1.00"},
		{"政府采购执行率", "90", "100", "1.00"},
		{"政府采购执行率", "72.74", "100", "0.00"},
	}
	for _, tt := range tests {
		d := deductionFor(DefaultProfile().DeptDeductions, tt.name)
		if d == nil {
			t.Fatalf("%s: no rule", tt.name)
		}
		got, _ := d.score(dd(tt.actual), dd(tt.target), dd("2"))
		if got.StringFixed(2) != tt.want {
			t.Errorf("%s %s against %s: %s, want %s", tt.name, tt.actual, tt.target, got.StringFixed(2), tt.want)
		}
	}
	if deductionFor(DefaultProfile().DeptDeductions, "播发稿件数量") != nil {
		t.Errorf("an own indicator has no deduction rule")
	}
}

var dd = d

// A rules file replaces the deduction table; a bad row is refused with its
// field named, and the table enters the profile hash.
func TestDeptDeductionsProfile(t *testing.T) {
	dir := t.TempDir()
	good := dir + "/good.yaml"
	if err := os.WriteFile(good, []byte("dept_deductions:\n  - name: 在职人员控制率\n    threshold: 100\n    direction: le\n    per_point: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := LoadProfile(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.DeptDeductions) != 1 || p.Hash() == DefaultProfile().Hash() {
		t.Errorf("table %+v, hash %s", p.DeptDeductions, p.Hash())
	}
	f := deptForm("1000", true, dRow{"name": "在职人员控制率", "unit": "'%", "planned": "100", "actual": "101", "weight": "2", "reason": "超编"}, full("乙", "88"))
	if res := Check(f, p, Chinese); res.Total.StringFixed(2) != "99.00" {
		t.Errorf("with 1 point per pp: total %s, want 99.00", res.Total.StringFixed(2))
	}
	if res := Check(f, DefaultProfile(), Chinese); res.Total.StringFixed(2) != "99.50" {
		t.Errorf("with the default 0.5 per pp: total %s, want 99.50", res.Total.StringFixed(2))
	}
	bad := dir + "/bad.yaml"
	if err := os.WriteFile(bad, []byte("dept_deductions:\n  - name: 甲\n    direction: up\n    per_point: 0\n  - 乙\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadProfile(bad)
	for _, want := range []string{"dept_deductions[0].direction", "dept_deductions[0].per_point", "dept_deductions[1]"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
}

// TestDeptHostileCells: whatever a dept row holds, Check neither panics nor
// scores a row beyond its weight.
func TestDeptHostileCells(t *testing.T) {
	values := []string{"", "abc", "-5", "1e308", "0", "0.001", "150", "100%", "≥abc", "定性", "是", "—", "=1/0|", "%1.5", "99999999999999999999"}
	keys := []string{"sign", "unit", "nature", "planned", "adjusted", "actual", "coef", "weight", "score", "core"}
	for i, v := range values {
		for j, k := range keys {
			row := dRow{"name": "甲", "planned": "≥100%", "actual": "90%", "coef": "100", "weight": "45"}
			row[k] = v
			other := dRow{"name": "乙", "planned": values[(i+j)%len(values)], "actual": values[(i+2*j)%len(values)], "weight": "45", "core": "是"}
			for _, stamped := range []bool{true, false} {
				res := Check(deptForm("760", stamped, row, other), DefaultProfile(), Chinese)
				for _, in := range res.Indicators {
					if in.Score.IsNegative() || in.Score.GreaterThan(in.Weight) && in.Weight.IsPositive() {
						t.Errorf("%s=%q: row %s scored %s of %s", k, v, in.Name, in.Score, in.Weight)
					}
				}
			}
		}
	}
}

// On a form without a reason column (Hubei), the form's 偏差大或目标未完成的
// 原因分析 explains a missed core indicator; without it the warning names
// that cell.
func TestDeptReasonWithoutColumn(t *testing.T) {
	for _, analysis := range []string{"", "疫情影响，活动取消"} {
		f := deptForm("1000", true, dRow{"name": "核心", "planned": "≥100%", "actual": "50%", "coef": "50", "weight": "45", "core": "是"}, full("乙", "45"))
		for i := range f.Rows {
			f.Rows[i].Set("reason", form.Cell{Sheet: testSheet})
		}
		f.Fields["analysis"] = cellOf("D14", analysis)
		res := Check(f, DefaultProfile(), Chinese)
		var got []string
		for _, fd := range res.Findings {
			if fd.Code == "dept.core_unexplained" {
				got = append(got, fd.Message)
			}
		}
		switch {
		case analysis == "" && (len(got) != 1 || !strings.Contains(got[0], "D14")):
			t.Errorf("without the analysis: %q, want one warning naming D14", got)
		case analysis != "" && len(got) != 0:
			t.Errorf("with the analysis: %q, want none", got)
		}
	}
}
