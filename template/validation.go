package template

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// Excel's limits on data-validation texts, in UTF-16 units.
const (
	maxPromptTitle = 32
	maxPrompt      = 255
	maxErrorText   = 225
)

// Date bounds of a date cell: 2000-01-01 and 2099-12-31 as serial numbers.
const (
	firstDate = 36526
	lastDate  = 73050
)

// formulaXML escapes a formula for the inner XML of a validation formula.
var formulaXML = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// validations gives every input cell its input message and, by type, its
// dropdown or value check. Cells with the same rule share one validation.
func (b *builder) validations() error {
	type group struct {
		in   input
		refs []string
	}
	var order []*group
	byKey := map[input]*group{}
	for _, in := range b.inputs {
		key := in
		key.rng = ""
		g := byKey[key]
		if g == nil {
			g = &group{in: key}
			byKey[key] = g
			order = append(order, g)
		}
		g.refs = append(g.refs, in.rng)
	}
	for _, g := range order {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref(g.refs)
		if err := b.rule(dv, g.in, topLeft(strings.Fields(dv.Sqref)[0])); err != nil {
			return err
		}
		prompt := g.in.prompt
		if prompt == "" {
			prompt = "请填写" + g.in.title
		}
		dv.SetInput(clip(g.in.title, maxPromptTitle), clip(prompt, maxPrompt))
		if err := b.f.AddDataValidation(b.sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// rule sets the check of an input of type in.typ; anchor is the first cell
// of the validation, to which relative references in a formula refer.
func (b *builder) rule(dv *excelize.DataValidation, in input, anchor string) error {
	stop, warn := excelize.DataValidationErrorStyleStop, excelize.DataValidationErrorStyleWarning
	var err error
	if in.choices != "" {
		list := strings.Split(in.choices, ",")
		err = dv.SetDropList(list)
		setError(dv, stop, "请选择", "请从下拉列表选择："+strings.Join(list, "、")+"。")
		return err
	}
	switch in.typ {
	case form.Amount:
		err = dv.SetRange(0, "", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		setError(dv, stop, "金额有误", fmt.Sprintf("请输入不小于 0 的数字（单位：%s），不要带单位或其他文字。", b.k.Unit))
	case form.Percent:
		err = dv.SetRange(0, "", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		setError(dv, stop, "百分比有误", "请输入不小于 0 的数字，如 77.83 表示 77.83%。")
	case form.Score:
		err = dv.SetRange(0, 100, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		setError(dv, stop, "分数有误", "请输入 0 到 100 之间的数字。")
	case form.Date:
		err = dv.SetRange(firstDate, lastDate, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		setError(dv, warn, "日期有误", "请输入日期，如 2020-3-31。")
	case form.YesNo:
		err = dv.SetDropList([]string{"是", "否"})
		setError(dv, stop, "请选择", "请从下拉列表选择 是 或 否。")
	case form.Grade:
		err = dv.SetDropList([]string{"优", "良", "中", "差"})
		setError(dv, stop, "请选择", "请从下拉列表选择 优、良、中 或 差。")
	case form.Level1:
		list(dv, NameLevel1)
		setError(dv, warn, "一级指标", "请从下拉列表选择一级指标。")
	case form.Level2:
		list(dv, level2Source(in.dep, anchor))
		setError(dv, warn, "二级指标", "请从下拉列表选择与一级指标对应的二级指标。")
	case form.Actual:
		// Offered, not enforced: a number with its unit is as valid as an outcome.
		list(dv, NameOutcomes)
		dv.ShowErrorMessage = false
	}
	return err
}

// level2Source returns the list formula of a 二级指标 cell: the list named
// after the position of the row's 一级指标 in NameLevel1, or every 二级指标
// while that is blank or unknown. LibreOffice evaluates it too.
func level2Source(dep, anchor string) string {
	if dep == "" {
		return NameLevel2All
	}
	row := strings.TrimLeft(anchor, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	return fmt.Sprintf(`INDIRECT(IFERROR("%s"&MATCH($%s%s,%s,0),"%s"))`, NameLevel2, dep, row, NameLevel1, NameLevel2All)
}

func list(dv *excelize.DataValidation, formula string) {
	dv.Type = "list"
	dv.Formula1 = formulaXML.Replace(formula)
}

func setError(dv *excelize.DataValidation, style excelize.DataValidationErrorStyle, title, msg string) {
	dv.SetError(style, clip(title, maxPromptTitle), clip(msg, maxErrorText))
}

// clip shortens s to at most n UTF-16 units.
func clip(s string, n int) string {
	if len(utf16.Encode([]rune(s))) <= n {
		return s
	}
	var out []rune
	units := 0
	for _, r := range s {
		units += len(utf16.Encode([]rune{r}))
		if units > n-1 {
			break
		}
		out = append(out, r)
	}
	return string(out) + "…"
}
