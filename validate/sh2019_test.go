package validate

import (
	"testing"
)

// sh rows (lines 12–15) from shFull; the footer is on line 16 (D16 权重
// total, E16 自评分 total).
const (
	gInput  = "投入与管理（36分）"
	gOutput = "产出目标（34分）"
	gEffect = "效果目标（15分）"
	gImpact = "影响力目标（15分）"
)

// shRows builds an sh2019 form from rows given as group, name, weight,
// score, remark.
func shRows(rows ...[5]string) *builder {
	b := sh()
	for _, r := range rows {
		b.grouped(r[0], firstWord(r[0]), r[1], "解释", r[2], r[3], r[4])
	}
	return b
}

func firstWord(label string) string {
	for i, r := range label {
		if r == '（' || r == '(' {
			return label[:i]
		}
	}
	return label
}

var (
	shInput  = [5]string{gInput, "投入与管理", "36", "36", ""}
	shOutput = [5]string{gOutput, "产出目标", "34", "34", ""}
	shEffect = [5]string{gEffect, "效果目标", "15", "15", ""}
	shImpact = [5]string{gImpact, "影响力目标", "15", "15", ""}
)

func TestSH2019Rules(t *testing.T) {
	tests := []struct {
		name string
		b    *builder
		want []string
	}{
		{"valid form", sh().shFull(), nil},
		{"project blank", sh().shFull().field("project", ""), []string{"error header.required B2"}},
		{"budget blank", sh().shFull().field("budget", ""), []string{"error header.required B4"}},
		{"performance blank", sh().shFull().field("performance", ""), []string{"error narrative.required B8"}},
		{"goal blank", sh().shFull().field("goal", ""), []string{"error narrative.required B6"}},
		{"budget not a number", sh().shFull().field("budget", "一千"), []string{"error funds.not_numeric B4"}},
		{"budget zero", sh().shFull().field("budget", "0").field("spent", "0"), []string{"error funds.rate_undefined B4"}},
		{"overspent", sh().shFull().field("spent", "1,200.00"), []string{"warning funds.overspent B5"}},
		{"rate written wrong", sh().shFull().field("rate", "50%"), []string{"error rate.mismatch E5"}},
		{"rate written as text", sh().shFull().field("rate", "90.00%"), nil},
		{"rate as percent cell", sh().shFull().field("rate", "%0.9"), nil},
		{"date not a date", sh().shFull().field("date", "三月底"), []string{"warning field.invalid B7"}},
		{"date as serial", sh().shFull().field("date", "43921"), nil},
		{"recurring not yes or no", sh().shFull().field("recurring", "可能"), []string{"warning field.invalid E3"}},
		{"formula in a weight", shRows(shInput, shOutput, shEffect, [5]string{gImpact, "影响力目标", "=7+8|15", "15", ""}), []string{"warning cell.formula D15"}},
		{"unknown category", shRows(shInput, shOutput, shEffect, [5]string{"其他（15分）", "影响力目标", "15", "15", ""}),
			[]string{"error indicator.level1_unknown A15", "error weights.category D16"}},
		{"category blank on the first row", shRows([5]string{"", "投入与管理", "36", "36", ""}, shOutput, shEffect, shImpact),
			[]string{"error indicator.level1_required A12", "error weights.category D16"}},
		{"category continues on the next rows", shRows([5]string{gInput, "a", "20", "20", ""}, [5]string{"", "b", "16", "16", ""}, shOutput, shEffect, shImpact), nil},
		{"category with its list number", shRows([5]string{"一、" + gInput, "a", "36", "36", ""}, [5]string{"（二）产出目标", "b", "34", "34", ""}, shEffect, shImpact), nil},
		{"category by key", shRows([5]string{"input", "a", "36", "36", ""}, shOutput, shEffect, shImpact), nil},
		{"category weight from the label", shRows([5]string{"投入与管理（40分）", "a", "36", "36", ""}, shOutput, shEffect, shImpact),
			[]string{"error weights.category A12"}},
		{"category weights do not add up", shRows([5]string{gInput, "a", "30", "30", ""}, shOutput, shEffect, shImpact),
			[]string{"error weights.category A12", "error weights.total D16"}},
		{"name blank", shRows([5]string{gInput, "", "36", "36", ""}, shOutput, shEffect, shImpact), []string{"error indicator.name_required B12"}},
		{"weight invalid", shRows([5]string{gInput, "a", "-36", "0", ""}, shOutput, shEffect, shImpact), []string{"error weight.invalid D12"}},
		{"score blank", shRows([5]string{gInput, "a", "36", "", ""}, shOutput, shEffect, shImpact), []string{"error score.required E12"}},
		{"score not a number", shRows([5]string{gInput, "a", "36", "满分", ""}, shOutput, shEffect, shImpact), []string{"error score.not_numeric E12"}},
		{"score above weight", shRows([5]string{gInput, "a", "36", "37", ""}, shOutput, shEffect, shImpact), []string{"error score.out_of_range E12", "error total.above_max E16"}},
		{"deduction with remark", shRows([5]string{gInput, "a", "36", "35", "资料不全"}, shOutput, shEffect, shImpact),
			[]string{"info score.deduction_explained E12"}},
		{"deduction without remark", shRows([5]string{gInput, "a", "36", "35", ""}, shOutput, shEffect, shImpact),
			[]string{"warning deviation.reason_missing E12"}},
		{"below 100 without problems and measures", shRows([5]string{gInput, "a", "36", "35", "x"}, shOutput, shEffect, shImpact).field("problems", "").field("measures", ""),
			[]string{"warning narrative.expected B9", "warning narrative.expected B10", "info score.deduction_explained E12"}},
		{"total written wrong", sh().shFull().foot("100", "99"), []string{"error total.mismatch E16"}},
		{"total weight written wrong", sh().shFull().foot("90", "100"), []string{"error total.weight_mismatch D16"}},
		{"grade written wrong", sh().shFull().field("grade", "良"), []string{"error grade.mismatch E7"}},
		{"grade 优秀", sh().shFull().field("grade", "优秀"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFindings(t, tt.b, tt.want)
		})
	}
}

func TestSH2019Writes(t *testing.T) {
	res := sh().shFull().check()
	equalLines(t, "writes", writesSummary(res.Writes), []string{"E5=90.00", "D16=100.00", "E16=100.00", "E7=优"})
	if res.Execution.Weight.Sign() != 0 || res.Execution.Score.Sign() != 0 || !res.Execution.Rate.Equal(d("90")) {
		t.Errorf("execution = %+v, want rate 90 and no weight or score", res.Execution)
	}
}

func TestSH2019Messages(t *testing.T) {
	res := seedSH().check()
	f := res.Findings[0]
	if want := "自评分 9.00 低于权重 11.00，备注未说明扣分原因"; f.Message != want {
		t.Errorf("message = %q, want %q", f.Message, want)
	}
	if want := "请在该行备注中说明扣分原因（主要问题是全表的总体说明，填写它不能消除本提示）"; f.Hint != want {
		t.Errorf("hint = %q, want %q", f.Hint, want)
	}
}
