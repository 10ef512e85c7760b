package validate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeRules(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDefaultProfile(t *testing.T) {
	p := DefaultProfile()
	if p.Name != "default" || p.RateRounding != RateTruncate || p.ReverseFormula != ReverseRatio {
		t.Errorf("DefaultProfile() = %+v", p)
	}
	if err := validateProfile("default", p, nil, nil); err != nil {
		t.Errorf("the default profile does not validate: %v", err)
	}
	// The hash is part of every report: changing it silently would make old
	// reports look scored by other rules.
	if got, want := p.Hash(), "d75270224d89"; got != want {
		t.Errorf("DefaultProfile().Hash() = %s, want %s", got, want)
	}
	q := DefaultProfile()
	q.Name, q.Description = "other", "same settings"
	if q.Hash() != p.Hash() {
		t.Errorf("the hash depends on the name")
	}
	q.RateRounding = RateHalfUp
	if q.Hash() == p.Hash() {
		t.Errorf("the hash ignores rate_rounding")
	}
	q = DefaultProfile()
	q.Grades.Good = d("80.0")
	if q.Hash() != p.Hash() {
		t.Errorf("80.0 and 80 hash differently")
	}
}

func TestGrade(t *testing.T) {
	p := DefaultProfile()
	for total, want := range map[string]string{"100": "优", "90": "优", "89.99": "良", "80": "良", "79.99": "中", "60": "中", "59.99": "差", "0": "差"} {
		if got := p.Grade(d(total)); got != want {
			t.Errorf("Grade(%s) = %s, want %s", total, got, want)
		}
	}
}

func TestLoadProfile(t *testing.T) {
	path := writeRules(t, "yunnan.yaml", `
grades: {excellent: 95, good: 85, fair: 70}
execution_weight: 20
indicator_total: 80
rate_rounding: half_up
reverse_formula: linear
qualitative_floors: {partial: 0.5}
deviation_threshold: 50
tolerance: {rate: 0}
sh2019_weights: {input: 40, output: 30}
recommended_split: {output: 40, effect: 30, satisfaction: 10}
`)
	p, err := LoadProfile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultProfile()
	want.Name = "yunnan"
	want.Grades = Grades{Excellent: d("95"), Good: d("85"), Fair: d("70")}
	want.ExecutionWeight, want.IndicatorTotal = d("20"), d("80")
	want.RateRounding, want.ReverseFormula = RateHalfUp, ReverseLinear
	want.Floors.Partial = d("0.5")
	want.DeviationThreshold = d("50")
	want.Tolerance.Rate = d("0")
	want.SH2019.Input, want.SH2019.Output = d("40"), d("30")
	want.Split = Split{Output: d("40"), Effect: d("30"), Satisfaction: d("10")}
	if p.Name != want.Name || p.Hash() != want.Hash() {
		t.Errorf("LoadProfile = %+v\nwant %+v", p, want)
	}

	named, err := LoadProfile(writeRules(t, "r.yml", "name: 云南省\ndescription: 省级口径\n"))
	if err != nil || named.Name != "云南省" || named.Hash() != DefaultProfile().Hash() {
		t.Errorf("LoadProfile(named) = %+v, %v", named, err)
	}
	empty, err := LoadProfile(writeRules(t, "empty.yaml", ""))
	if err != nil || empty.Name != "empty" || empty.Hash() != DefaultProfile().Hash() {
		t.Errorf("LoadProfile(empty) = %+v, %v", empty, err)
	}
}

func TestLoadProfileRefused(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{"unknown field", "grade: 90\n",
			"规则文件 bad.yaml 第 1 行：字段 grade：未知字段；可用字段：name、description、grades、execution_weight、indicator_total、rate_rounding、reverse_formula、qualitative_floors、deviation_threshold、tolerance、sh2019_weights、recommended_split、execution_reason_below、review、dept_deductions、labels"},
		{"unknown nested field", "grades:\n  great: 95\n",
			"规则文件 bad.yaml 第 2 行：字段 grades.great：未知字段；可用字段：excellent、good、fair"},
		{"value not allowed", "rate_rounding: round\n",
			"规则文件 bad.yaml 第 1 行：字段 rate_rounding：值 \"round\" 无效，可选值：truncate、half_up"},
		{"reverse not allowed", "reverse_formula: inverse\n",
			"规则文件 bad.yaml 第 1 行：字段 reverse_formula：值 \"inverse\" 无效，可选值：ratio、linear"},
		{"out of range", "grades:\n  good: 150\n",
			"规则文件 bad.yaml 第 2 行：字段 grades.good：值 150 无效：须大于 0 且不大于 100 的数"},
		{"negative tolerance", "tolerance: {score: -1}\n",
			"规则文件 bad.yaml 第 1 行：字段 tolerance.score：值 -1 无效：须不小于 0 且不大于 10 的数"},
		{"not a number", "grades:\n  good: abc\n",
			"规则文件 bad.yaml 第 2 行：字段 grades.good：值 \"abc\" 不是数值"},
		{"map where a number belongs", "deviation_threshold: {a: 1}\n",
			"规则文件 bad.yaml 第 1 行：字段 deviation_threshold：值 \"…\" 不是数值"},
		{"number where a map belongs", "grades: 90\n",
			"规则文件 bad.yaml 第 1 行：字段 grades：须为“键: 值”的映射，可用字段：excellent、good、fair"},
		{"grades not descending", "grades: {good: 95}\n",
			"规则文件 bad.yaml 第 1 行：字段 grades.good：值 95 无效：须小于 grades.excellent（90），三个等级下限须依次递减"},
		{"weights do not make 100", "execution_weight: 20\n",
			"规则文件 bad.yaml：字段 indicator_total：值 90 无效：execution_weight（20）与 indicator_total 之和须为 100，indicator_total 应为 80"},
		{"floors inverted", "qualitative_floors: {partial: 0.9}\n",
			"规则文件 bad.yaml 第 1 行：字段 qualitative_floors.partial：值 0.9 无效：须小于 qualitative_floors.achieved（0.8）"},
		{"sh2019 weights", "sh2019_weights: {input: 40}\n",
			"规则文件 bad.yaml 第 1 行：字段 sh2019_weights：四类权重之和为 104，须为 100"},
		{"name blank", "name: ''\n", "规则文件 bad.yaml 第 1 行：字段 name：不能为空"},
		{"not yaml", "grades: [\n", "规则文件 bad.yaml 第 1 行：不是有效的 YAML：did not find expected node content"},
		{"every problem at once", "rate_rounding: x\nreverse_formula: y\n",
			"规则文件 bad.yaml 第 1 行：字段 rate_rounding：值 \"x\" 无效，可选值：truncate、half_up\n" +
				"规则文件 bad.yaml 第 2 行：字段 reverse_formula：值 \"y\" 无效，可选值：ratio、linear"},
		// unknown keys and values of the wrong type do not hide the rest; a
		// rule between fields is not applied to a field already wrong
		{"every kind of problem at once", "grade: 90\nrate_rounding: x\nexecution_weight: abc\ngrades: {good: 95}\ntolerance: 1\n",
			"规则文件 bad.yaml 第 1 行：字段 grade：未知字段；可用字段：name、description、grades、execution_weight、indicator_total、rate_rounding、reverse_formula、qualitative_floors、deviation_threshold、tolerance、sh2019_weights、recommended_split、execution_reason_below、review、dept_deductions、labels\n" +
				"规则文件 bad.yaml 第 3 行：字段 execution_weight：值 \"abc\" 不是数值\n" +
				"规则文件 bad.yaml 第 5 行：字段 tolerance：须为“键: 值”的映射，可用字段：rate、score、rounded_amounts\n" +
				"规则文件 bad.yaml 第 2 行：字段 rate_rounding：值 \"x\" 无效，可选值：truncate、half_up\n" +
				"规则文件 bad.yaml 第 4 行：字段 grades.good：值 95 无效：须小于 grades.excellent（90），三个等级下限须依次递减"},
		{"labels not a label", "labels: {项目编号: [编号]}\n", "规则文件 bad.yaml 第 1 行：字段 labels.项目编号：不是表中的标签（写官方标签文字，如 年度指标值）"},
		{"labels not variants", "labels: {年度指标值: {a: b}}\n", "规则文件 bad.yaml 第 1 行：字段 labels.年度指标值：须为一个或几个写法"},
		{"a field rule and a rule between fields", "grades: {excellent: 150, fair: 85}\nsh2019_weights: {input: 40}\n",
			"规则文件 bad.yaml 第 1 行：字段 grades.excellent：值 150 无效：须大于 0 且不大于 100 的数\n" +
				"规则文件 bad.yaml 第 1 行：字段 grades.fair：值 85 无效：须小于 grades.good（80），三个等级下限须依次递减\n" +
				"规则文件 bad.yaml 第 2 行：字段 sh2019_weights：四类权重之和为 104，须为 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := LoadProfile(writeRules(t, "bad.yaml", tt.yaml))
			if err == nil {
				t.Fatalf("LoadProfile accepted %q: %+v", tt.yaml, p)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *FieldError", err)
			}
		})
	}
	if _, err := LoadProfile(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Errorf("LoadProfile(missing file) = nil error")
	}
}

// Alternative settings change results as RULES §4 says.
func TestProfileSettings(t *testing.T) {
	p := func(edit func(*Profile)) *Profile {
		p := DefaultProfile()
		edit(p)
		return p
	}
	t.Run("rate rounding", func(t *testing.T) {
		b := mof().grid("total", "3", "3", "2").grid("appropriation", "3", "3", "2")
		for mode, want := range map[string]string{RateTruncate: "66.66", RateHalfUp: "66.67"} {
			res := Check(b.build(), p(func(p *Profile) { p.RateRounding = mode }), Chinese)
			if got := res.Execution.Rate.StringFixed(2); got != want || !res.Execution.Score.Equal(d("6.67")) {
				t.Errorf("%s: rate %s score %s, want %s and 6.67", mode, got, res.Execution.Score, want)
			}
		}
	})
	t.Run("reverse formula", func(t *testing.T) {
		b := rows4(with(rowOutput, cTarget, "≤10(天)", cActual, "12(天)", cScore, ""))
		for mode, want := range map[string]string{ReverseRatio: "25", ReverseLinear: "24"} {
			res := Check(b.build(), p(func(p *Profile) { p.ReverseFormula = mode }), Chinese)
			if got := res.Indicators[1].Score; !got.Equal(d(want)) || !res.Total.Equal(d("70").Add(d(want))) {
				t.Errorf("%s: filled score %s total %s, want %s", mode, got, res.Total, want)
			}
		}
	})
	t.Run("qualitative floors", func(t *testing.T) {
		b := mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "部分达成指标", cScore, "16", cReason, "x")...).row(rowSatisf...)
		equalLines(t, "0.8/0.6", summary(Check(b.build(), DefaultProfile(), Chinese).Findings), []string{"error score.outside_band G15"})
		equalLines(t, "0.8/0.5", summary(Check(b.build(), p(func(p *Profile) { p.Floors.Partial = d("0.5") }), Chinese).Findings),
			[]string{"info score.deduction_explained G15"})
	})
	t.Run("execution weight 20", func(t *testing.T) {
		p20 := p(func(p *Profile) {
			p.ExecutionWeight, p.IndicatorTotal = d("20"), d("80")
			p.Split = Split{d("40"), d("30"), d("10")}
		})
		b := mof().grid("total", "100", "100", "50").grid("appropriation", "100", "100", "50").
			row(with(rowCost, cWeight, "10", cScore, "10")...).row(rowOutput...).row(rowEffect...).row(rowSatisf...)
		res := Check(b.build(), p20, Chinese)
		equalLines(t, "findings", summary(res.Findings), []string{})
		if !res.Execution.Score.Equal(d("10")) || !res.Total.Equal(d("90")) {
			t.Errorf("execution score %s total %s, want 10 and 90", res.Execution.Score, res.Total)
		}
		equalLines(t, "default profile on the same form", summary(Check(b.build(), DefaultProfile(), Chinese).Findings),
			[]string{"error weights.total F17"})
	})
	t.Run("grade bands", func(t *testing.T) {
		strict := p(func(p *Profile) { p.Grades = Grades{d("95"), d("85"), d("70")} })
		res := Check(seedMOF3().build(), strict, Chinese)
		// The written 优 is now wrong: an error, so the form is not graded
		// and the finding names the grade the stricter bands give.
		if res.Grade != "" || !strings.Contains(res.Findings[len(res.Findings)-1].Message, "“良”") {
			t.Errorf("grade = %q, findings %v; want no grade and a mismatch naming 良", res.Grade, res.Findings)
		}
		equalLines(t, "findings", summary(res.Findings), []string{"info score.deduction_explained G15", "info weights.split F22", "error grade.mismatch F23"})
	})
	t.Run("deviation threshold", func(t *testing.T) {
		res := Check(seedMOF1().build(), p(func(p *Profile) { p.DeviationThreshold = d("150") }), Chinese)
		equalLines(t, "findings", summary(res.Findings), []string{
			"info indicator.missing_satisfaction A13", "warning deviation.large_unexplained E16", "warning deviation.large_unexplained E17", "info weights.split F32"})
	})
	t.Run("tolerance", func(t *testing.T) {
		b := mof().gridCell("total", "rate", "99.99")
		equalLines(t, "default", summary(Check(b.build(), DefaultProfile(), Chinese).Findings), []string{})
		equalLines(t, "zero", summary(Check(b.build(), p(func(p *Profile) { p.Tolerance.Rate = d("0") }), Chinese).Findings),
			[]string{"error rate.mismatch G6"})
	})
	t.Run("sh2019 weights", func(t *testing.T) {
		b := shRows([5]string{"投入与管理", "a", "40", "40", ""}, [5]string{"产出目标", "b", "30", "30", ""}, [5]string{"效果目标", "c", "15", "15", ""}, [5]string{"影响力目标", "d", "15", "15", ""})
		equalLines(t, "default", summary(Check(b.build(), DefaultProfile(), Chinese).Findings),
			[]string{"error weights.category A12", "error weights.category A13"})
		equalLines(t, "40/30", summary(Check(b.build(), p(func(p *Profile) { p.SH2019.Input, p.SH2019.Output = d("40"), d("30") }), Chinese).Findings),
			[]string{})
	})
}
