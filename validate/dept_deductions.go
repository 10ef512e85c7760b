package validate

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/validate/value"
	"github.com/shopspring/decimal"
)

// Deduction is how a common management indicator of the dept form is
// scored by deduction instead of by ratio (RULES §3a): full marks on the
// right side of the threshold, PerPoint points off per percentage point
// beyond it, never below 0.
type Deduction struct {
	Name    string   // indicator name as published
	Aliases []string // other spellings (在职人员控制率 for 财政供养人员控制率)
	// Threshold in percent; nil means the form's own target value.
	Threshold *decimal.Decimal
	// Ceiling: full marks at or under the threshold, deductions above it;
	// otherwise full marks at or over it, deductions below it.
	Ceiling  bool
	PerPoint decimal.Decimal // points off per percentage point beyond
}

func pctPtr(v int64) *decimal.Decimal { d := decimal.NewFromInt(v); return &d }

// DeptDeductions is the default deduction table of the common indicators,
// as the budget systems' 部门整体 scoring guides print them.
var DeptDeductions = []Deduction{
	{Name: "财政供养人员控制率", Aliases: []string{"在职人员控制率", "人员控制率"}, Threshold: pctPtr(100), Ceiling: true, PerPoint: decimal.New(5, -1)},
	{Name: "三公经费变动率", Threshold: pctPtr(0), Ceiling: true, PerPoint: decimal.New(8, -1)},
	{Name: "三公经费控制率", Threshold: pctPtr(100), Ceiling: true, PerPoint: decimal.New(5, -1)},
	{Name: "公用经费控制率", Threshold: pctPtr(100), Ceiling: true, PerPoint: decimal.New(5, -1)},
	{Name: "预算调整率", Ceiling: true, PerPoint: decimal.New(5, -1)},
	{Name: "结转结余率", Ceiling: true, PerPoint: decimal.New(5, -1)},
	{Name: "政府采购执行率", Threshold: pctPtr(100), PerPoint: decimal.New(1, -1)},
}

// deductionKey folds an indicator name for the table: no quotes or
// brackets, width folded, no spaces.
func deductionKey(s string) string {
	n := value.Normalize(s)
	return strings.NewReplacer("“", "", "”", "", "\"", "", "'", "", "‘", "", "’", "", "「", "", "」", "").Replace(n)
}

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
	side, sideEn, way := "≤", "at most", "超出"
	if !d.Ceiling {
		beyond = t.Sub(a)
		side, sideEn, way = "≥", "at least", "低于"
	}
	s := w
	if beyond.IsPositive() {
		s = decimal.Max(decimal.Zero, w.Sub(beyond.Mul(d.PerPoint)))
	}
	desc := bi{
		fmt.Sprintf("%s%s%% 得满分，每%s 1 个百分点扣 %s 分", side, t.String(), way, d.PerPoint.String()),
		fmt.Sprintf("full marks at %s %s%%, %s points off per percentage point beyond", sideEn, t.String(), d.PerPoint.String()),
	}
	return s.Round(2), desc
}
