package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/shopspring/decimal"
)

// checkSH2019 runs the sh2019 rules (RULES §3).
func checkSH2019(c *checker) {
	c.sh2019Execution()
	c.sh2019Fields()
	sum, weights := c.sh2019Rows()
	c.res.Total = sum.Round(2)
	c.res.Grade = c.p.Grade(c.res.Total)
	c.settleNumber(c.field("total_weight"), weights.Round(2), c.p.Tolerance.Score, "total.weight_mismatch")
	c.settleNumber(c.field("total"), c.res.Total, c.p.Tolerance.Score, "total.mismatch")
	c.settleGrade(c.field("grade"), c.res.Grade, c.res.Total)
	if c.res.Total.LessThan(hundred) {
		for _, key := range []string{"problems", "measures"} {
			if blank(c.field(key)) {
				c.add("narrative.expected", c.field(key), c.label(key))
			}
		}
	}
}

// sh2019Execution computes the execution rate from 当年预算数 and 预算执行数.
// Blank amounts are reported as required header fields.
func (c *checker) sh2019Execution() {
	budget := c.readAmount(c.field("budget"), c.label("budget"))
	spent := c.readAmount(c.field("spent"), c.label("spent"))
	if budget.ok && budget.v.IsZero() {
		c.add("funds.rate_undefined", budget.cell)
	}
	r, defined := rate(budget, spent)
	shown := c.p.shownRate(r.Mul(hundred))
	if defined && r.GreaterThan(decimal.NewFromInt(1)) {
		c.add("funds.overspent", spent.cell, spent.v, budget.v, shown)
	}
	c.res.Execution = &Execution{Budget: budget.v, Spent: spent.v, Rate: shown}
	c.settleNumber(c.field("rate"), shown, c.p.Tolerance.Rate, "rate.mismatch")
}

// sh2019Fields checks the date and the yes/no field when filled.
func (c *checker) sh2019Fields() {
	if cell := c.field("date"); !blank(cell) {
		if _, err := value.CellDate(cell); err != nil {
			c.add("field.invalid", cell, c.label("date"), shownText(cell), bi{"请填写日期，如 2020-3-31", "write a date, e.g. 2020-3-31"})
		}
	}
	if cell := c.field("recurring"); !blank(cell) {
		if v := value.Normalize(shownText(cell)); v != "是" && v != "否" {
			c.add("field.invalid", cell, c.label("recurring"), shownText(cell), bi{"请选择 是 或 否", "choose 是 (yes) or 否 (no)"})
		}
	}
}

// shGroup is one sh2019 category with its rows.
type shGroup struct {
	group  form.Group
	weight decimal.Decimal
	first  form.Cell // the category cell of its first row
	sum    decimal.Decimal
	valid  bool // every weight of the category is valid
	rows   int
}

var pointsInLabel = regexp.MustCompile(`(\d+(?:\.\d+)?)分`)

// sh2019Rows checks the rows and the category weights and returns Σ 自评分
// and Σ 权重.
func (c *checker) sh2019Rows() (sum, weights decimal.Decimal) {
	k := c.f.Kind
	groups := make([]*shGroup, len(k.Table.Groups))
	var names []string
	for i, g := range k.Table.Groups {
		groups[i] = &shGroup{group: g, weight: c.p.sh2019Weight(g.Key), valid: true}
		names = append(names, g.Label())
	}
	allValid := true
	var cur *shGroup
	for _, row := range c.f.Rows {
		gcell := row.Cell(k.Table.GroupCol)
		label := row.Group
		if strings.TrimSpace(label) == "" {
			label = shownText(gcell)
		}
		if strings.TrimSpace(label) != "" {
			cur = c.matchGroup(groups, label)
			if cur == nil {
				c.add("indicator.level1_unknown", gcell, strings.TrimSpace(label), strings.Join(names, "、"))
			}
		} else if cur == nil {
			c.add("indicator.level1_required", gcell, strings.Join(names, "、"))
		}
		ind := c.sh2019Row(row)
		if cur != nil {
			if cur.rows == 0 {
				cur.first = gcell
			}
			cur.rows++
			cur.sum = cur.sum.Add(ind.Weight)
			cur.valid = cur.valid && ind.Weight.IsPositive()
			ind.Level1 = cur.group.Name
		}
		allValid = allValid && ind.Weight.IsPositive()
		sum = sum.Add(ind.Score)
		weights = weights.Add(ind.Weight)
		c.res.Indicators = append(c.res.Indicators, ind)
	}
	for _, g := range groups {
		if !g.valid {
			continue
		}
		at := g.first
		if g.rows == 0 {
			at = c.field("total_weight")
		}
		if !g.sum.Equal(g.weight) {
			c.add("weights.category", at, g.group.Name, g.sum, g.weight)
		}
	}
	if allValid && !weights.Equal(hundred) {
		c.add("weights.total", c.field("total_weight"), columnLabel(k, "weight"), weights, hundred)
	}
	return sum, weights
}

// matchGroup finds the category of a label (by key, or by name with an
// optional list number and weight such as 一、投入与管理（36分）); the weight
// in the label wins over the profile's.
func (c *checker) matchGroup(groups []*shGroup, label string) *shGroup {
	n := value.Normalize(value.TrimListNumber(label))
	for _, g := range groups {
		if n == g.group.Key || strings.HasPrefix(n, value.Normalize(g.group.Name)) {
			if m := pointsInLabel.FindStringSubmatch(n); m != nil {
				g.weight = decimal.RequireFromString(m[1])
			}
			return g
		}
	}
	return nil
}

// sh2019Weight returns the profile's weight of a category key.
func (p *Profile) sh2019Weight(key string) decimal.Decimal {
	switch key {
	case "input":
		return p.SH2019.Input
	case "output":
		return p.SH2019.Output
	case "effect":
		return p.SH2019.Effect
	case "impact":
		return p.SH2019.Impact
	}
	return decimal.Zero
}

// sh2019Row checks one row: name, 权重 and 自评分 (RULES §3).
func (c *checker) sh2019Row(row form.Row) Indicator {
	k := c.f.Kind
	name, wcell, scell := row.Cell("name"), row.Cell("weight"), row.Cell("score")
	ind := Indicator{Cell: scell.Ref, Name: shownText(name)}
	if ind.Name == "" {
		c.add("indicator.name_required", name, columnLabel(k, "name"))
	}
	w, wok := c.readWeight(wcell, columnLabel(k, "weight"))
	ind.Weight = w
	label := columnLabel(k, "score")
	if blank(scell) {
		hint := bi{"本表没有公式，每项自评分都需评定", "this form has no formulas; every score is a judgement"}
		if wok {
			hint = bi{fmt.Sprintf("请填写 0–%s 之间的自评分", w.StringFixed(2)), fmt.Sprintf("fill in a score between 0 and %s", w.StringFixed(2))}
		}
		c.add("score.required", scell, label, hint)
		return ind
	}
	s, err := value.CellNumber(scell, "分")
	if err != nil {
		c.add("score.not_numeric", scell, label, shownText(scell), w)
		return ind
	}
	ind.Score = s
	c.textNumber(scell, label, s)
	if !wok {
		return ind
	}
	switch {
	case s.IsNegative() || s.GreaterThan(w):
		c.add("score.out_of_range", scell, label, s, w)
	case s.LessThan(w) && blank(row.Cell("remark")):
		c.add("deviation.reason_missing", scell, s, w)
	case s.LessThan(w):
		c.add("score.deduction_explained", scell, s, bi{"权重", "weight"}, w)
	}
	return ind
}
