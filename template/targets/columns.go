package targets

import (
	"strings"

	"github.com/selfeval/selfeval/workbook/form/value"
)

// Column is one column of a targets file: the header a budget system
// exports, the English key accepted in its place, where the value goes in a
// form.Entry and the validator tags it must pass.
type Column struct {
	Header  string   // Chinese header, as exported
	Aliases []string // other spellings of the header
	Key     string   // English key, also accepted as the header
	// To is the place in form.Entry: "year", "fields.KEY", "grid.ROW.COL",
	// "group" (the sh2019 category) or "rows.KEY".
	To      string
	Project bool   // a project value, repeated (or given once) on every row of the project
	Rule    string // go-playground/validator tags; see newValidator for the custom ones
}

// Columns returns the columns of a targets file for a form kind, or nil
// for an unknown kind.
func Columns(kind string) []Column { return columns[kind] }

var columns = map[string][]Column{
	"mof2020": {
		{Header: "年度", Key: "year", To: "year", Project: true, Rule: "omitempty,year"},
		{Header: "项目名称", Key: "project", To: "fields.project", Project: true, Rule: "required,max=200"},
		{Header: "主管部门", Key: "department", To: "fields.department", Project: true, Rule: "required,max=200"},
		{Header: "实施单位", Key: "unit", To: "fields.unit", Project: true, Rule: "required,max=200"},
		{Header: "年初预算数", Aliases: []string{"年初预算数（万元）", "年初预算"}, Key: "initial", To: "grid.total.initial", Project: true, Rule: "required,amount"},
		{Header: "全年预算数", Aliases: []string{"全年预算数（万元）", "全年预算", "调整后预算数"}, Key: "budget", To: "grid.total.budget", Project: true, Rule: "required,amount"},
		{Header: "年初当年财政拨款", Key: "appropriation_initial", To: "grid.appropriation.initial", Project: true, Rule: "omitempty,amount"},
		{Header: "全年当年财政拨款", Aliases: []string{"当年财政拨款"}, Key: "appropriation", To: "grid.appropriation.budget", Project: true, Rule: "omitempty,amount"},
		{Header: "年初上年结转资金", Key: "carryover_initial", To: "grid.carryover.initial", Project: true, Rule: "omitempty,amount"},
		{Header: "全年上年结转资金", Aliases: []string{"上年结转资金", "上年结转"}, Key: "carryover", To: "grid.carryover.budget", Project: true, Rule: "omitempty,amount"},
		{Header: "年初其他资金", Key: "other_initial", To: "grid.other.initial", Project: true, Rule: "omitempty,amount"},
		{Header: "全年其他资金", Aliases: []string{"其他资金"}, Key: "other", To: "grid.other.budget", Project: true, Rule: "omitempty,amount"},
		{Header: "预期目标", Aliases: []string{"年度总体目标", "年度绩效目标"}, Key: "goal", To: "fields.goal", Project: true, Rule: "required,max=5000"},
		{Header: "一级指标", Key: "level1", To: "rows.level1", Rule: "required"},
		{Header: "二级指标", Key: "level2", To: "rows.level2", Rule: "required"},
		{Header: "三级指标", Aliases: []string{"指标名称"}, Key: "name", To: "rows.name", Rule: "required,max=500"},
		{Header: "年度指标值", Aliases: []string{"指标值", "目标值"}, Key: "target", To: "rows.target", Rule: "required,target"},
		{Header: "分值", Aliases: []string{"分数", "权重"}, Key: "weight", To: "rows.weight", Rule: "required,weight"},
	},
	"sh2019": {
		{Header: "年度", Key: "year", To: "year", Project: true, Rule: "omitempty,year"},
		{Header: "项目名称", Key: "project", To: "fields.project", Project: true, Rule: "required,max=200"},
		{Header: "预算单位", Key: "unit", To: "fields.unit", Project: true, Rule: "required,max=200"},
		{Header: "具体实施处（科室）", Aliases: []string{"具体实施处(科室)", "具体实施处室"}, Key: "division", To: "fields.division", Project: true, Rule: "max=200"},
		{Header: "是否为经常性项目", Key: "recurring", To: "fields.recurring", Project: true, Rule: "omitempty,oneof=是 否"},
		{Header: "当年预算数（元）", Aliases: []string{"当年预算数(元)", "当年预算数"}, Key: "budget", To: "fields.budget", Project: true, Rule: "required,amount"},
		{Header: "上年预算金额（元）", Aliases: []string{"上年预算金额(元)", "上年预算金额"}, Key: "prior_budget", To: "fields.prior_budget", Project: true, Rule: "omitempty,amount"},
		{Header: "项目年度总目标", Key: "goal", To: "fields.goal", Project: true, Rule: "required,max=5000"},
		{Header: "一级指标", Aliases: []string{"类别"}, Key: "level1", To: "group", Rule: "required"},
		{Header: "指标名称", Key: "name", To: "rows.name", Rule: "required,max=500"},
		{Header: "指标解释", Key: "explanation", To: "rows.explanation", Rule: "max=2000"},
		{Header: "权重", Aliases: []string{"分值"}, Key: "weight", To: "rows.weight", Rule: "required,weight"},
	},
}

// headerKey folds a header for matching: full-width to ASCII, no spaces, no
// trailing colon, lower case.
func headerKey(s string) string {
	n := strings.ToLower(value.Normalize(s))
	return strings.TrimRight(n, ":")
}

// match maps the headers of a file to columns: the index of each known
// column, by Column.Key. Unknown headers are left out (exports carry many
// more columns, such as 项目编码).
func match(cols []Column, header []string) map[string]int {
	by := map[string]string{}
	for _, c := range cols {
		for _, h := range append([]string{c.Header, c.Key}, c.Aliases...) {
			by[headerKey(h)] = c.Key
		}
	}
	out := map[string]int{}
	for i, h := range header {
		if key, ok := by[headerKey(h)]; ok {
			if _, dup := out[key]; !dup {
				out[key] = i
			}
		}
	}
	return out
}
