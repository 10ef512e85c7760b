package validate

import (
	"sort"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/shopspring/decimal"
)

// fundCols are the input columns of the funds block.
var fundCols = []string{"initial", "budget", "spent"}

// sumTolerance is how far the sources may be from the total (RULES §2.1).
var sumTolerance = decimal.New(1, -2)

// funds checks the mof2020 funds block (RULES §2.1), settles its computed
// cells and returns the unrounded execution score.
func (c *checker) funds() decimal.Decimal {
	g := c.f.Kind.Grid
	amounts := map[string]map[string]amount{}
	for _, r := range g.Rows {
		amounts[r.Key] = map[string]amount{}
		for _, col := range g.Cols {
			if contains(fundCols, col.Key) {
				amounts[r.Key][col.Key] = c.readAmount(c.grid(r.Key, col.Key), gridLabel(r, col))
			}
		}
	}
	subs := g.Rows[1:]
	for _, key := range extraRows(c.f) {
		r := form.GridRow{Key: key, Label: strings.TrimPrefix(key, form.GridExtra)}
		subs = append(subs, r)
		amounts[key] = map[string]amount{}
		for _, col := range g.Cols {
			if contains(fundCols, col.Key) {
				amounts[key][col.Key] = c.readAmount(c.grid(key, col.Key), gridLabel(r, col))
			}
		}
	}
	total := amounts[g.Rows[0].Key]
	for _, col := range g.Cols {
		if a, ok := total[col.Key]; ok && a.blank && !columnAbsent(c.f, col.Label) {
			c.add("funds.required", a.cell, gridLabel(g.Rows[0], col), c.f.Kind.Unit)
		}
	}
	c.fundSources(g, subs, amounts)
	if in, b := total["initial"], total["budget"]; in.ok && b.ok && !in.v.Equal(b.v) {
		c.add("funds.adjusted", b.cell, in.v, b.v)
	}

	budget, spent := total["budget"], total["spent"]
	r, defined := rate(budget, spent)
	if budget.ok && budget.v.IsZero() {
		c.add("funds.rate_undefined", budget.cell)
	}
	shown := c.p.shownRate(r.Mul(hundred))
	if defined && r.GreaterThan(decimal.NewFromInt(1)) {
		c.add("funds.overspent", spent.cell, spent.v, budget.v, shown)
	}
	w := c.p.ExecutionWeight
	score := decimal.Min(r, decimal.NewFromInt(1)).Mul(w)
	c.res.Execution = &Execution{Budget: budget.v, Spent: spent.v, Rate: shown, Weight: w, Score: score.Round(2)}

	totalKey := g.Rows[0].Key
	if t := c.p.ExecutionReasonBelow; t.IsPositive() && defined && shown.LessThan(t) && blank(c.grid(totalKey, form.GridReason)) {
		at := c.grid(totalKey, form.GridReason)
		if at.Ref == "" {
			at = c.grid(totalKey, "rate")
		}
		c.add("funds.reason_missing", at, shown, t)
	}
	c.settleWeight(c.grid(totalKey, "weight"), w)
	c.settleNumber(c.grid(totalKey, "rate"), shown, c.p.Tolerance.Rate, "rate.mismatch")
	c.settleNumber(c.grid(totalKey, "score"), score.Round(2), c.p.Tolerance.RoundedAmounts, "funds.score_mismatch")
	for _, row := range g.Rows[1:] {
		sub, _ := rate(amounts[row.Key]["budget"], amounts[row.Key]["spent"])
		c.settleNumber(c.grid(row.Key, "rate"), c.p.shownRate(sub.Mul(hundred)), c.p.Tolerance.Rate, "rate.mismatch")
	}
	return score
}

// extraRows returns the keys of the source rows the reader found beyond the
// kind's (form.GridExtra), sorted.
func extraRows(f *form.Form) []string {
	var out []string
	for key := range f.Grid {
		if strings.HasPrefix(key, form.GridExtra) {
			out = append(out, key)
		}
	}
	sort.Strings(out)
	return out
}

// fundSources checks that the sources (subs) add up to the total in each column, or
// notes that the funds are not broken down.
func (c *checker) fundSources(g *form.Grid, subs []form.GridRow, amounts map[string]map[string]amount) {
	allBlank := true
	for _, r := range subs {
		for _, col := range fundCols {
			if !amounts[r.Key][col].blank {
				allBlank = false
			}
		}
	}
	if allBlank {
		if len(subs) > 0 {
			c.add("funds.not_broken_down", amounts[subs[0].Key][fundCols[0]].cell)
		}
		return
	}
	for _, col := range g.Cols {
		total, ok := amounts[g.Rows[0].Key][col.Key]
		if !ok || !total.ok {
			continue
		}
		sum, valid := decimal.Zero, true
		for _, r := range subs {
			a := amounts[r.Key][col.Key]
			valid = valid && (a.ok || a.blank)
			sum = sum.Add(a.v)
		}
		if valid && sum.Sub(total.v).Abs().GreaterThan(sumTolerance) {
			c.add("funds.sum_mismatch", total.cell, col.Label, sum, total.v)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// settleWeight is settleNumber for the rate's 分值, which is printed on the
// form even when it is our own template: a number there other than the
// rules' (a template issued under other rules) is reported, not overwritten.
func (c *checker) settleWeight(at form.Cell, w decimal.Decimal) {
	if !c.foreign && !blank(at) {
		if n, err := value.CellNumber(at); err == nil && n.Sub(w).Abs().GreaterThan(c.p.Tolerance.Score) {
			c.add("funds.weight_mismatch", at, shownText(at), w)
			return
		}
	}
	c.settleNumber(at, w, c.p.Tolerance.Score, "funds.weight_mismatch")
}

// columnAbsent reports whether the reader found that the form has no column
// labelled label (a form with one budget figure has no 年初预算数).
func columnAbsent(f *form.Form, label string) bool {
	for _, p := range f.Problems {
		if p.Code == "form.column_absent" && len(p.Args) > 0 && p.Args[0] == label {
			return true
		}
	}
	return false
}
