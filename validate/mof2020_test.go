package validate

import (
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
)

// Default rows (lines 13–16) and the footer on line 17 (F17 total weight,
// G17 total) and 18 (F18 grade).
var (
	rowCost   = []string{"成本指标", "经济成本指标", "成本控制", "相关经费按照标准执行", "达成指标", "20", "20", ""}
	rowOutput = []string{"产出指标", "数量指标", "完成数量", "≥10(个)", "10(个)", "30", "30", ""}
	rowEffect = []string{"效益指标", "社会效益指标", "支撑作用", "有效支撑", "达成指标", "30", "30", ""}
	rowSatisf = []string{"满意度指标", "服务对象满意度指标", "满意度", "≥90(%)", "95(%)", "10", "10", ""}
)

// with returns a copy of a row with the cells at the given column indexes
// (0 一级 … 7 偏差原因) replaced.
func with(row []string, kv ...any) []string {
	out := append([]string(nil), row...)
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(int)] = kv[i+1].(string)
	}
	return out
}

// Column indexes of a mof2020 row.
const (
	cL1 = iota
	cL2
	cName
	cTarget
	cActual
	cWeight
	cScore
	cReason
)

// rows4 is a mof builder with the four default rows, the output row changed.
func rows4(output []string) *builder {
	return mof().row(rowCost...).row(output...).row(rowEffect...).row(rowSatisf...)
}

func TestMOF2020Rules(t *testing.T) {
	tests := []struct {
		name string
		b    *builder
		want []string
	}{
		{"valid form", mof(), nil},

		// §2.9 header and narrative
		{"project blank", mof().field("project", ""), []string{"error header.required C3"}},
		{"unit blank", mof().field("unit", "  "), []string{"error header.required F4"}},
		{"goal blank", mof().field("goal", ""), []string{"error narrative.required B11"}},
		{"achieved blank", mof().field("achieved", ""), []string{"error narrative.required F11"}},
		{"formula in a text input", mof().field("department", "=A1|测试主管部门"), []string{"info cell.formula_text C4"}},
		// What a spreadsheet makes of typing into a General cell: =100% is a
		// formula worth 1, =100(%) a formula error, 100% the number 1 in a
		// percent format. Each reads as the person meant it.
		{"target typed =100%", rows4(with(rowOutput, cTarget, "=100%|1", cActual, "100(%)")), []string{"info cell.formula_text D14"}},
		{"target typed =100(%)", rows4(with(rowOutput, cTarget, "=100(%)|#VALUE!", cActual, "100(%)")), []string{"info cell.formula_text D14"}},
		{"actual typed =100%", rows4(with(rowOutput, cTarget, "100(%)", cActual, "=100%|1")), []string{"info cell.formula_text E14"}},
		{"actual typed 100%", rows4(with(rowOutput, cTarget, "≥90(%)", cActual, "%1")), nil},
		{"actual typed 99.99%", rows4(with(rowOutput, cTarget, "≥90(%)", cActual, "%0.9999")), nil},
		{"percent in an amount", mof().gridCell("total", "spent", "%0.5"), []string{"error funds.percent E6"}},
		{"percent text in an amount", mof().gridCell("total", "spent", "50%"), []string{"error funds.percent E6"}},
		{"formula in an amount", mof().gridCell("total", "budget", "=SUM(D7:D9)|100"), []string{"warning cell.formula D6"}},
		{"formula in a score", rows4(with(rowOutput, cScore, "=F14|30")), []string{"warning cell.formula G14"}},

		// §2.1 funds
		{"total spent blank", mof().gridCell("total", "spent", ""), []string{"error funds.required E6"}},
		{"budget approximate", mof().gridCell("total", "budget", "约100"), []string{"error funds.not_numeric D6"}},
		{"negative source", mof().gridCell("other", "spent", "-5"), []string{"error funds.negative E9"}},
		{"budget zero", mof().grid("total", "0", "0", "0").grid("appropriation", "0", "0", "0"), []string{"error funds.rate_undefined D6"}},
		{"overspent", mof().gridCell("total", "spent", "110").gridCell("appropriation", "spent", "110"), []string{"warning funds.overspent E6"}},
		{"sources do not add up", mof().gridCell("appropriation", "budget", "90"), []string{"error funds.sum_mismatch D6"}},
		{"sources add up within 0.01", mof().gridCell("appropriation", "budget", "99.99").gridCell("other", "budget", "0.005"), nil},
		{"not broken down", mof().grid("appropriation", "", "", "").grid("carryover", "", "", "").grid("other", "-", "—", ""),
			[]string{"info funds.not_broken_down C7"}},
		{"budget adjusted", mof().gridCell("total", "initial", "80").gridCell("appropriation", "initial", "80"), []string{"info funds.adjusted D6"}},
		{"weight written differently", mof().gridCell("total", "weight", "20"), []string{"error funds.weight_mismatch F6"}},
		{"rate written wrong", mof().gridCell("total", "rate", "77.00"), []string{"error rate.mismatch G6"}},
		{"rate within 0.02 pp", mof().gridCell("total", "rate", "99.98"), nil},
		{"rate as percent cell", mof().gridCell("total", "rate", "%1"), nil},
		{"sub-row rate written wrong", mof().gridCell("carryover", "rate", "5"), []string{"error rate.mismatch G8"}},
		{"sub-row rate shown as a dash", mof().gridCell("carryover", "rate", "—"), nil},
		{"rate not a number", mof().gridCell("total", "rate", "满"), []string{"error rate.mismatch G6"}},
		{"score written wrong", mof().gridCell("total", "score", "9.00"), []string{"error funds.score_mismatch H6"}},

		// §2.2 indicator rows
		{"no rows", mof().noRows(), []string{"error indicator.none F13"}},
		{"level1 blank", mof().row(with(rowCost, cL1, "")...).row(rowOutput...).row(rowEffect...).row(rowSatisf...),
			[]string{"error indicator.level1_required A13"}},
		{"level1 unknown", rows4(with(rowOutput, cL1, "投入指标")), []string{"warning indicator.missing_output A13", "error indicator.level1_unknown A14"}},
		{"level1 with its points", rows4(with(rowOutput, cL1, "产出指标（50分）")), nil},
		{"level1 with half-width points", rows4(with(rowOutput, cL1, "产出指标(50分)")), nil},
		{"level2 blank under a new level1", rows4(with(rowOutput, cL2, "")), []string{"error indicator.level2_required B14"}},
		{"level2 of another level1", rows4(with(rowOutput, cL2, "社会效益指标")), []string{"error indicator.level2_mismatch B14"}},
		{"成本指标 accepted under 产出指标", rows4(with(rowOutput, cL2, "成本指标")), nil},
		{"满意度指标 accepted as level2", mof().row(rowCost...).row(rowOutput...).row(rowEffect...).row(with(rowSatisf, cL2, "满意度指标")...), nil},
		{"merged levels continue", mof().row(rowCost...).row(with(rowOutput, cWeight, "15", cScore, "15")...).
			row(with(rowOutput, cL1, "", cL2, "", cName, "完成质量", cWeight, "15", cScore, "15")...).row(rowEffect...).row(rowSatisf...), nil},
		{"one finding for a merged cell", mof().row(rowCost...).row(with(rowOutput, cL1, "投入指标", cWeight, "15", cScore, "15")...).
			row(with(rowOutput, cL1, "投入指标", cName, "完成质量", cWeight, "15", cScore, "15")...).row(rowEffect...).row(rowSatisf...).
			edit(func(f *form.Form) { f.Rows[2].Set("level1", f.Rows[1].Cell("level1")) }), // the reader repeats a merged cell with its origin
			[]string{"warning indicator.missing_output A13", "error indicator.level1_unknown A14"}},
		{"name blank", rows4(with(rowOutput, cName, "")), []string{"error indicator.name_required C14"}},
		{"duplicate name", mof().row(rowCost...).row(with(rowOutput, cWeight, "15", cScore, "15")...).
			row(with(rowOutput, cL1, "", cL2, "", cName, "完成 数量", cWeight, "15", cScore, "15")...).row(rowEffect...).row(rowSatisf...),
			[]string{"warning indicator.duplicate C15"}},
		{"no output and no effect", mof().row(with(rowCost, cWeight, "80", cScore, "80")...).row(rowSatisf...),
			[]string{"warning indicator.missing_output A13", "warning indicator.missing_effect A13", "info weights.split F15"}},
		{"weight zero", rows4(with(rowOutput, cWeight, "0")), []string{"error weight.invalid F14"}},
		{"weight blank", rows4(with(rowOutput, cWeight, "")), []string{"error weight.invalid F14"}},
		{"weights add up to 80", rows4(with(rowOutput, cWeight, "20", cScore, "20")), []string{"error weights.total F17"}},
		{"split differs", mof().row(rowCost...).row(with(rowOutput, cWeight, "40", cScore, "40")...).row(with(rowEffect, cWeight, "20", cScore, "20")...).row(rowSatisf...),
			[]string{"info weights.split F17"}},

		// §2.3 targets and actuals
		{"target blank", rows4(with(rowOutput, cTarget, "")), []string{"error target.required D14"}},
		{"target unparsed", rows4(with(rowOutput, cTarget, "≥较高水平", cActual, "达成指标")), []string{"warning target.unparsed D14"}},
		{"actual blank", rows4(with(rowOutput, cActual, "")), []string{"error actual.required E14"}},
		{"actual approximate", rows4(with(rowOutput, cActual, "约10个")), []string{"error actual.not_numeric E14"}},
		{"actual is an outcome for a number target", rows4(with(rowOutput, cActual, "达成指标")), []string{"error actual.not_numeric E14"}},
		{"actual unit differs", rows4(with(rowOutput, cActual, "10(次)")), []string{"warning actual.unit_mismatch E14"}},
		{"actual without unit", rows4(with(rowOutput, cActual, "10")), nil},
		{"actual full-width", rows4(with(rowOutput, cActual, "１０（个）")), nil},
		{"actual unknown outcome", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "较好")...).row(rowSatisf...),
			[]string{"warning actual.unknown_outcome E15"}},
		{"actual same text as target", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "有效支撑")...).row(rowSatisf...), nil},
		{"percent cell actual", mof().row(rowCost...).row(rowOutput...).row(rowEffect...).row(with(rowSatisf, cActual, "%0.95")...), nil},

		// §2.6 self-score
		{"score blank, partial outcome", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "部分达成指标", cScore, "")...).row(rowSatisf...),
			[]string{"error score.required G15"}},
		{"score blank, unknown outcome", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "较好", cScore, "")...).row(rowSatisf...),
			[]string{"warning actual.unknown_outcome E15", "error score.required G15"}},
		{"score blank, actual unreadable", rows4(with(rowOutput, cActual, "很多", cScore, "")), []string{"error actual.not_numeric E14"}},
		{"score not a number", rows4(with(rowOutput, cScore, "满分")), []string{"error score.not_numeric G14"}},
		{"score above weight", rows4(with(rowOutput, cScore, "31")), []string{"error score.out_of_range G14", "error total.above_max G17"}},
		{"score negative", rows4(with(rowOutput, cScore, "-1")), []string{"error score.out_of_range G14"}},
		{"score above computed max", rows4(with(rowOutput, cActual, "8(个)")), []string{"error score.above_max G14"}},
		{"computed max rounds to the weight", rows4(with(rowOutput, cActual, "9.999(个)", cScore, "30")), nil},
		{"quantitative deduction without reason", rows4(with(rowOutput, cScore, "25")), []string{"error score.deduction_unexplained G14"}},
		{"quantitative deduction with reason", rows4(with(rowOutput, cScore, "25", cReason, "部分任务延后")), []string{"info score.deduction_explained G14"}},
		{"qualitative deduction without reason", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cScore, "25")...).row(rowSatisf...),
			[]string{"error score.deduction_unexplained G15"}},
		{"achieved below its band", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cScore, "20", cReason, "x")...).row(rowSatisf...),
			[]string{"error score.outside_band G15"}},
		{"partial at the band top is outside", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "部分达成", cScore, "24", cReason, "x")...).row(rowSatisf...),
			[]string{"error score.outside_band G15"}},
		{"partial in band with reason", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "部分达成年度指标并具有一定效果", cScore, "20", cReason, "x")...).row(rowSatisf...),
			[]string{"info score.deduction_explained G15"}},
		{"missed in band without reason", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "未达成指标", cScore, "10")...).row(rowSatisf...),
			[]string{"error score.deduction_unexplained G15"}},
		{"unknown outcome only checked against the weight", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "较好", cScore, "5")...).row(rowSatisf...),
			[]string{"warning actual.unknown_outcome E15"}},

		// §2.7 deviation
		{"large favourable deviation", rows4(with(rowOutput, cActual, "14(个)")), []string{"warning deviation.large_unexplained E14"}},
		{"large unfavourable deviation", rows4(with(rowOutput, cActual, "6(个)", cScore, "18")), []string{"warning deviation.large_unexplained E14"}},
		{"deviation explained", rows4(with(rowOutput, cActual, "6(个)", cScore, "18", cReason, "疫情影响")), []string{"info deviation.explained E14"}},
		{"deviation exactly 30%", rows4(with(rowOutput, cActual, "13(个)")), nil},
		{"deduction and deviation explained", rows4(with(rowOutput, cActual, "6(个)", cScore, "15", cReason, "原因")),
			[]string{"info deviation.explained E14", "info score.deduction_explained G14"}},

		// §2.8 total and grade
		// The person's 优 stays, said to count for nothing while the form fails.
		{"total written wrong", mof().foot("100.00", "99", "优"), []string{"error total.mismatch G17", "warning grade.ungraded F18"}},
		{"total within 0.02", mof().foot("100.00", "99.98", "优"), nil},
		{"total weight written wrong", mof().foot("90", "100", "优"), []string{"error total.weight_mismatch F17", "warning grade.ungraded F18"}},
		{"grade written wrong", mof().foot("100", "100", "良"), []string{"error grade.mismatch F18"}},
		{"grade 优秀 is 优", mof().foot("100", "100", "优秀"), nil},
		{"total formula with a wrong cached value", mof().foot("", "=ROUND(H6+SUM(G13:G16),2)|50", ""), []string{"error total.mismatch G17"}},
		// The cached value was computed before the rules filled G14: the
		// score writes the total, blaming no one.
		{"total formula over a score the rules fill", rows4(with(rowOutput, cScore, "")).foot("", "=ROUND(H6+SUM(G13:G16),2)|70", ""), []string{"info score.filled G14"}},
		{"total formula over other cells, wrong", rows4(with(rowOutput, cScore, "")).foot("", "=ROUND(H6+SUM(G15:G16),2)|70", ""), []string{"info score.filled G14", "error total.mismatch G17"}},

		// reader problems
		{"tampered", mof().problem(form.Problem{Code: "template.tampered", Sheet: testSheet}), []string{"error template.tampered "}},
		{"tampered cell", mof().problem(form.Problem{Code: "template.tampered", Sheet: testSheet, Ref: "F14", Args: []any{"2", "5"}}),
			[]string{"error template.tampered F14"}},
		{"row deleted", mof().problem(form.Problem{Code: "template.row_deleted", Sheet: testSheet, Args: []any{15, "产出指标 / 数量指标"}}),
			[]string{"error template.row_deleted "}},
		{"row inserted", mof().problem(form.Problem{Code: "template.row_inserted", Sheet: testSheet, Ref: "A15", Args: []any{15, "x"}}),
			[]string{"error template.row_inserted A15"}},
		{"stamp deleted", mof().problem(form.Problem{Code: "template.stamp_deleted", Sheet: testSheet, Args: []any{"隐藏工作表"}}),
			[]string{"error template.stamp_deleted "}},
		{"signature", mof().problem(form.Problem{Code: "template.signature_invalid", Sheet: testSheet, Args: []any{"密钥不同"}}),
			[]string{"error template.signature_invalid "}},
		{"unsigned", mof().problem(form.Problem{Code: "template.unsigned", Sheet: testSheet}),
			[]string{"warning template.unsigned "}},
		{"unknown version", mof().problem(form.Problem{Code: "template.unknown_version", Sheet: testSheet, Ref: "A1", Args: []any{"9"}}),
			[]string{"warning template.unknown_version A1"}},
		{"label missing", mof().problem(form.Problem{Code: "form.label_missing", Sheet: testSheet, Args: []any{"项目名称"}}), []string{"error form.label_missing "}},
		{"no grade row", mof().problem(form.Problem{Code: "form.row_absent", Sheet: testSheet, Args: []any{"评分等级"}}).
			edit(func(f *form.Form) { delete(f.Fields, "grade") }), []string{"info form.row_absent "}},
		{"one budget figure", mof().problem(form.Problem{Code: "form.column_absent", Sheet: testSheet, Args: []any{"年初预算数"}}), []string{"info form.column_absent "}},
		{"unknown reader code", mof().problem(form.Problem{Code: "reader.odd", Sheet: "其他", Ref: "B2", Args: []any{1, "x"}}),
			[]string{"warning read.problem B2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFindings(t, tt.b, tt.want)
		})
	}
}

func TestMOF2020Messages(t *testing.T) {
	tests := []struct {
		name          string
		b             *builder
		lang          Lang
		code          string
		message, hint string
	}{
		{"approximate actual", rows4(with(rowOutput, cActual, "约10个")), Chinese, "actual.not_numeric",
			"实际完成值不是数值：“约10个”不是确切数值", "年度指标值为定量（≥10(个)），请填写实测数值，如 10.00(个)"},
		{"approximate actual in English", rows4(with(rowOutput, cActual, "约10个")), English, "actual.not_numeric",
			"the actual value is not a number: “约10个” is not an exact number", "the target is quantitative (≥10(个)); write the measured value, e.g. 10.00(个)"},
		{"above max", rows4(with(rowOutput, cActual, "8(个)")), Chinese, "score.above_max",
			"得分 30.00 高于按规则计算的最高分 24.00", "按规则应不高于 24.00（未达到年度指标值，按完成比例计算）"},
		{"partial needs a judgement", mof().row(rowCost...).row(rowOutput...).row(with(rowEffect, cActual, "部分达成指标", cScore, "")...).row(rowSatisf...),
			Chinese, "score.required", "得分未填写", "“部分达成”须自行评分，得分区间为 [18.00, 24.00)"},
		{"unfavourable deviation", rows4(with(rowOutput, cActual, "6(个)", cScore, "18")), Chinese, "deviation.large_unexplained",
			"实际完成值 6(个) 与年度指标值 ≥10(个) 偏离 40%，超过 30%，未说明原因", "请在“偏差原因分析及改进措施”中说明偏差原因"},
		{"rate mismatch", mof().gridCell("total", "rate", "77.00"), Chinese, "rate.mismatch",
			"执行率 77.00 与按规则计算的 100.00 不符", "按规则应为 100.00"},
		{"grade mismatch in English", mof().foot("100", "100", "良"), English, "grade.mismatch",
			"the grade “良” does not match “优” for the total 100.00", "by the rules it is 优"},
		{"deduction in English", rows4(with(rowOutput, cScore, "25")), English, "score.deduction_unexplained",
			"the score 25.00 is below the computed maximum 30.00 but no reason is given", "explain the deduction in 偏差原因分析及改进措施"},
		{"level2 mismatch", rows4(with(rowOutput, cL2, "社会效益指标")), Chinese, "indicator.level2_mismatch",
			"二级指标“社会效益指标”不属于一级指标“产出指标”", "产出指标下可选：数量指标、质量指标、时效指标"},
		{"funds approximate", mof().gridCell("total", "budget", "约100"), Chinese, "funds.not_numeric",
			"年度资金总额（全年预算数）不是数值：“约100”不是确切数值", "请填写数值（单位：万元），如 161.05"},
		{"unknown reader code", mof().problem(form.Problem{Code: "reader.odd", Ref: "B2", Args: []any{1, "x"}}), Chinese, "read.problem",
			"读取时发现问题：reader.odd 1 x", "请检查该单元格"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Check(tt.b.build(), DefaultProfile(), tt.lang)
			for _, f := range res.Findings {
				if f.Code == tt.code {
					if f.Message != tt.message || f.Hint != tt.hint || f.Sheet != testSheet {
						t.Errorf("finding = %q / %q / sheet %q\nwant      %q / %q / sheet %q", f.Message, f.Hint, f.Sheet, tt.message, tt.hint, testSheet)
					}
					return
				}
			}
			t.Errorf("no %s finding in %v", tt.code, summary(res.Findings))
		})
	}
}

func TestMOF2020Writes(t *testing.T) {
	tests := []struct {
		name  string
		b     *builder
		total string
		want  []string
	}{
		{"blank computed cells are written", mof(), "100.00",
			[]string{"F6=10.00", "G6=100.00", "H6=10.00", "G7=100.00", "G8=0.00", "G9=0.00", "F17=100.00", "G17=100.00", "F18=优"}},
		{"blank scores are filled", mof().row(rowCost...).row(with(rowOutput, cActual, "8(个)", cScore, "")...).row(with(rowEffect, cScore, "")...).row(rowSatisf...), "94.00",
			[]string{"F6=10.00", "G6=100.00", "H6=10.00", "G7=100.00", "G8=0.00", "G9=0.00", "G14=24.00", "G15=30.00", "F17=100.00", "G17=94.00", "F18=优"}},
		{"typed values in a foreign form are kept", mof().gridCell("total", "rate", "99.99").gridCell("total", "score", "10").foot("100", "100", "优"), "100.00",
			[]string{"F6=10.00", "G7=100.00", "G8=0.00", "G9=0.00"}},
		{"formulas in a foreign form are replaced", mof().gridCell("total", "rate", "=TRUNC(E6/D6*100,2)|100").foot("=F6+SUM(F13:F16)|", "=ROUND(H6,2)|100", "=IF(G17>=90,\"优\",\"良\")|优"), "100.00",
			[]string{"F6=10.00", "G6=100.00", "H6=10.00", "G7=100.00", "G8=0.00", "G9=0.00", "F17=100.00", "G17=100.00", "F18=优"}},
		{"a wrong typed total is kept", mof().foot("", "99", ""), "100.00",
			[]string{"F6=10.00", "G6=100.00", "H6=10.00", "G7=100.00", "G8=0.00", "G9=0.00", "F17=100.00", "F18=待更正"}},
		// A form with error findings is not graded: a score of 99 against a
		// weight of 30 gives a total of 169, an error, and the grade cell
		// says 待更正 instead of 优.
		{"errors: not graded", rows4(with(rowOutput, cScore, "99")), "169.00",
			[]string{"F6=10.00", "G6=100.00", "H6=10.00", "G7=100.00", "G8=0.00", "G9=0.00", "F17=100.00", "G17=169.00", "F18=待更正"}},
		{"the pending mark of an earlier run is replaced", mof().foot("", "", "待更正"), "100.00",
			[]string{"F6=10.00", "G6=100.00", "H6=10.00", "G7=100.00", "G8=0.00", "G9=0.00", "F17=100.00", "G17=100.00", "F18=优"}},
		{"stamped: computed cells always written", mof().stamped().gridCell("total", "rate", "50").foot("1", "2", "差"), "100.00",
			[]string{"F6=10.00", "G6=100.00", "H6=10.00", "G7=100.00", "G8=0.00", "G9=0.00", "F17=100.00", "G17=100.00", "F18=优"}},
		{"sub-row with zero budget gets 0", mof().grid("appropriation", "60", "60", "30").grid("carryover", "40", "40", "70").gridCell("total", "spent", "100"), "100.00",
			[]string{"F6=10.00", "G6=100.00", "H6=10.00", "G7=50.00", "G8=175.00", "G9=0.00", "F17=100.00", "G17=100.00", "F18=优"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.b.check()
			equalLines(t, "writes", writesSummary(res.Writes), tt.want)
			if got := res.Total.StringFixed(2); got != tt.total {
				t.Errorf("total = %s, want %s", got, tt.total)
			}
			if tt.b.f.Stamp != nil && len(res.Findings) != 0 {
				t.Errorf("stamped form findings = %v, want none", summary(res.Findings))
			}
		})
	}
}

// Never a write into a non-blank input cell, whatever the form holds.
func TestNoWriteIntoTypedInput(t *testing.T) {
	for _, b := range []*builder{seedMOF1(), seedMOF2(), seedMOF3(), seedSH(), mof(), rows4(with(rowOutput, cScore, "")), sh().shFull()} {
		f := b.build()
		inputs := map[string]bool{}
		for _, row := range f.Rows {
			for _, col := range f.Kind.Table.Columns {
				if c := row.Cell(col.Key); col.Input && !blank(c) {
					inputs[c.Ref] = true
				}
			}
		}
		for _, fd := range f.Kind.Fields {
			if c := f.Fields[fd.Key]; !fd.Computed && !blank(c) {
				inputs[c.Ref] = true
			}
		}
		for _, w := range Check(f, nil, Chinese).Writes {
			if inputs[w.Ref] {
				t.Errorf("%s: write into typed input cell %s", f.Fields["project"].Text, w.Ref)
			}
		}
	}
}

func TestComputedMax(t *testing.T) {
	tests := []struct {
		name    string
		target  string
		actual  string
		weight  string
		reverse string
		want    string
	}{
		{"≥ met", "≥6(个)", "12", "2", ReverseRatio, "2"},
		{"≥ missed", "≥10", "8", "30", ReverseRatio, "24"},
		{"≥ missed rounds half up", "≥3", "1", "10", ReverseRatio, "3.33"},
		{"> at equality is missed", ">10", "10", "10", ReverseRatio, "10"},
		{"> just below", ">10", "9", "10", ReverseRatio, "9"},
		{"= treated as ≥", "=100(%)", "100", "2", ReverseRatio, "2"},
		{"= above is met", "=100", "120", "5", ReverseRatio, "5"},
		{"= below", "=100", "75", "4", ReverseRatio, "3"},
		{"=0 met", "=0", "0", "5", ReverseRatio, "5"},
		{"=0 missed", "=0", "1", "5", ReverseRatio, "0"},
		{"≤ met", "≤55(人)", "40", "20", ReverseRatio, "20"},
		{"≤ missed ratio", "≤10", "12", "30", ReverseRatio, "25"},
		{"≤ missed linear", "≤10", "12", "30", ReverseLinear, "24"},
		{"≤ far missed linear floors at 0", "≤10", "25", "30", ReverseLinear, "0"},
		{"< at equality ratio", "<10", "10", "30", ReverseRatio, "30"},
		{"≤0 missed", "≤0", "2", "5", ReverseRatio, "0"},
		{"negative actual", "≥10", "-1", "5", ReverseRatio, "0"},
		{"negative actual under ≤", "≤10", "-1", "5", ReverseRatio, "0"},
		{"≥0 target", "≥0", "3", "5", ReverseRatio, "5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg, err := value.ParseTarget(tt.target)
			if err != nil || !tg.Quantitative {
				t.Fatalf("ParseTarget(%q) = %v, %v", tt.target, tg, err)
			}
			got := computedMax(tg, d(tt.actual), d(tt.weight), tt.reverse)
			if !got.Equal(d(tt.want)) {
				t.Errorf("computedMax(%s, a=%s, w=%s, %s) = %s, want %s", tt.target, tt.actual, tt.weight, tt.reverse, got, tt.want)
			}
		})
	}
}
