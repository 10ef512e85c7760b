package validate_test

import (
	"fmt"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/form"
)

func cell(ref, text string, number bool) form.Cell {
	return form.Cell{Sheet: "自评表", Ref: ref, Text: text, Raw: text, Number: number}
}

// Check scores a form read from a workbook. Here a small foreign sh2019 form
// is built by hand.
func ExampleCheck() {
	f := &form.Form{Kind: form.SH2019, Sheet: "自评表", Fields: map[string]form.Cell{
		"project": cell("B2", "示例项目", false), "unit": cell("E2", "示例单位", false),
		"budget": cell("B4", "1040000", true), "spent": cell("B5", "1027026.81", true),
		"goal": cell("B6", "年度总目标", false), "performance": cell("B8", "主要绩效", false),
		"problems": cell("B9", "主要问题", false), "measures": cell("B10", "改进措施", false),
	}}
	groups := []struct {
		label         string
		weight, score string
	}{{"投入与管理（36分）", "36", "36"}, {"产出目标（34分）", "34", "32"}, {"效果目标（15分）", "15", "12"}, {"影响力目标（15分）", "15", "9"}}
	for i, g := range groups {
		line := fmt.Sprint(12 + i)
		row := f.Kind.Table.NewRow(12 + i)
		row.Group = g.label
		row.Set("name", cell("B"+line, "指标", false))
		row.Set("weight", cell("D"+line, g.weight, true))
		row.Set("score", cell("E"+line, g.score, true))
		f.Rows = append(f.Rows, row)
	}
	res := validate.Check(f, validate.DefaultProfile(), validate.Chinese)
	fmt.Println(res.Execution.Rate, res.Total, res.Grade)
	for _, x := range res.Findings {
		fmt.Println(x.Severity, x.Code, x.Cell, x.Message)
	}
	// Output:
	// 98.75 89 良
	// warning deviation.reason_missing E13 自评分 32.00 低于权重 34.00，备注未说明扣分原因
	// warning deviation.reason_missing E14 自评分 12.00 低于权重 15.00，备注未说明扣分原因
	// warning deviation.reason_missing E15 自评分 9.00 低于权重 15.00，备注未说明扣分原因
}

// Hash tells profiles that score differently apart.
func ExampleProfile_Hash() {
	p := validate.DefaultProfile()
	p.RateRounding = validate.RateHalfUp
	fmt.Println(p.Hash() != validate.DefaultProfile().Hash())
	// Output: true
}
