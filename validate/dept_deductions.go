package validate

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/shopspring/decimal"
)

// Deduction is how a common management indicator of the dept form is
// scored by deduction instead of by ratio (RULES §3a): full marks on the
// right side of the threshold, PerPoint points off per percentage point
// beyond it, never below 0. It is a row of the profile's dept_deductions.
type Deduction struct {
	Name    string   `yaml:"name" validate:"required,max=100"`
	Aliases []string `yaml:"aliases" validate:"dive,max=100"` // other spellings (在职人员控制率 for 财政供养人员控制率)
	// Threshold in percent; absent: the form's own target value.
	Threshold *decimal.Decimal `yaml:"threshold"`
	// Direction "le": full marks at or under the threshold, deductions above
	// it (a ceiling); "ge": full marks at or over it, deductions below it.
	Direction string          `yaml:"direction" validate:"oneof=le ge"`
	PerPoint  decimal.Decimal `yaml:"per_point" validate:"dgt=0,dlte=100"` // points off per percentage point beyond
}

func pctPtr(v int64) *decimal.Decimal { d := decimal.NewFromInt(v); return &d }

// defaultDeductions is the default deduction table of the common
// indicators, as the budget systems' 部门整体 scoring guides print them.
func defaultDeductions() []Deduction {
	half := decimal.New(5, -1)
	return []Deduction{
		{Name: "财政供养人员控制率", Aliases: []string{"在职人员控制率", "人员控制率"}, Threshold: pctPtr(100), Direction: "le", PerPoint: half},
		{Name: "三公经费变动率", Threshold: pctPtr(0), Direction: "le", PerPoint: decimal.New(8, -1)},
		{Name: "三公经费控制率", Threshold: pctPtr(100), Direction: "le", PerPoint: half},
		{Name: "公用经费控制率", Threshold: pctPtr(100), Direction: "le", PerPoint: half},
		{Name: "预算调整率", Direction: "le", PerPoint: half},
		{Name: "结转结余率", Direction: "le", PerPoint: half},
		{Name: "政府采购执行率", Threshold: pctPtr(100), Direction: "ge", PerPoint: decimal.New(1, -1)},
	}
}

// deductionsText renders a deduction table compactly, for the profile hash.
func deductionsText(table []Deduction) string {
	var b strings.Builder
	for _, d := range table {
		t := "target"
		if d.Threshold != nil {
			t = d.Threshold.String()
		}
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s;", d.Name, strings.Join(d.Aliases, ","), t, d.Direction, d.PerPoint.String())
	}
	return b.String()
}

// deductionKey folds an indicator name for the table: no quotes or
// brackets, width folded, no spaces.
func deductionKey(s string) string {
	n := value.Normalize(s)
	if !strings.ContainsAny(n, "“”\"'‘’「」") {
		return n // nothing to remove: no copy
	}
	return unquote.Replace(n)
}

// unquote removes the quotes deductionKey folds away.
var unquote = strings.NewReplacer("“", "", "”", "", "\"", "", "'", "", "‘", "", "’", "", "「", "", "」", "")

// deductionFor returns the table's rule for an indicator name, or nil.
func deductionFor(table []Deduction, name string) *Deduction {
	key := deductionKey(name)
	if key == "" {
		return nil
	}
	for i := range table {
		for _, n := range append([]string{table[i].Name}, table[i].Aliases...) {
			if deductionKey(n) == key {
				return &table[i]
			}
		}
	}
	return nil
}

// score returns the points of an actual a (percent units) against weight w,
// with target the form's own value when the rule has no threshold, and a
// description of the rule.
func (d *Deduction) score(a, target, w decimal.Decimal) (decimal.Decimal, bi) {
	t := target
	if d.Threshold != nil {
		t = *d.Threshold
	}
	beyond := a.Sub(t)
	side, sideEn, way := "≤", "at or under", "超出"
	if d.Direction == "ge" {
		beyond = t.Sub(a)
		side, sideEn, way = "≥", "at or over", "低于"
	}
	s := w
	if beyond.IsPositive() {
		s = decimal.Max(decimal.Zero, w.Sub(beyond.Mul(d.PerPoint)))
	}
	desc := bi{
		fmt.Sprintf("%s%s%% 得满分，每%s 1 个百分点扣 %s 分", side, t.String(), way, d.PerPoint.String()),
		fmt.Sprintf("full marks %s %s%%, %s points off per percentage point beyond", sideEn, t.String(), d.PerPoint.String()),
	}
	return s.Round(2), desc
}
