package template

import (
	"fmt"
	"strconv"

	"github.com/selfeval/selfeval/workbook/form"
)

// Rules are the settings of the rules profile that the template's live
// formulas and labels use (RULES §4), so that what people see while typing
// agrees with how the form will be scored. Numbers are decimal text.
type Rules struct {
	Name string // profile name, recorded in the stamp
	Hash string // short hash of the profile's settings, recorded in the stamp
	// Grades are the lower bounds of 优, 良 and 中.
	Grades [3]string
	// ExecutionWeight is the 分数 of the execution rate (mof2020).
	ExecutionWeight string
	// RateRounding cuts the shown rate to 2 decimals: "truncate" or "half_up".
	RateRounding string
	// GroupWeights are the weights of fixed groups by Group.Key (sh2019
	// categories), printed in their labels; a missing key keeps the
	// definition's weight.
	GroupWeights map[string]string
}

// DefaultRules returns the settings of the built-in profile "default":
// grades 90/80/60, execution weight 10, truncated rates and the definition's
// group weights.
func DefaultRules() *Rules {
	return &Rules{Name: DefaultProfile, Grades: [3]string{"90", "80", "60"}, ExecutionWeight: "10", RateRounding: "truncate"}
}

// check reports the first setting a formula cannot use.
func (r *Rules) check() error {
	num := func(s string) bool { _, err := strconv.ParseFloat(s, 64); return err == nil }
	for i, g := range r.Grades {
		if !num(g) {
			return fmt.Errorf("等级下限 %d %q 不是数字", i+1, g)
		}
	}
	if !num(r.ExecutionWeight) {
		return fmt.Errorf("执行率分值 %q 不是数字", r.ExecutionWeight)
	}
	if r.RateRounding != "truncate" && r.RateRounding != "half_up" {
		return fmt.Errorf("执行率取舍 %q 应为 truncate 或 half_up", r.RateRounding)
	}
	for k, w := range r.GroupWeights {
		if !num(w) {
			return fmt.Errorf("类别 %s 的分值 %q 不是数字", k, w)
		}
	}
	return nil
}

// rule returns the formula text of a {rule:NAME} placeholder, or false.
func (r *Rules) rule(name string) (string, bool) {
	switch name {
	case "excellent":
		return r.Grades[0], true
	case "good":
		return r.Grades[1], true
	case "fair":
		return r.Grades[2], true
	case "exec_weight":
		return r.ExecutionWeight, true
	case "round":
		if r.RateRounding == "half_up" {
			return "ROUND", true
		}
		return "TRUNC", true
	}
	return "", false
}

// groupLabel returns the printed label of group g: its name and weight.
func (r *Rules) groupLabel(g form.Group) string {
	if w, ok := r.GroupWeights[g.Key]; ok {
		return fmt.Sprintf("%s（%s分）", g.Name, w)
	}
	return g.Label()
}
