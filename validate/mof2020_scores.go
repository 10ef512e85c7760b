package validate

import (
	"fmt"
	"slices"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/shopspring/decimal"
)

// checkMOF2020 runs the mof2020 rules (RULES §2).
func checkMOF2020(c *checker) {
	execution := c.funds()
	rows := c.indicators()
	sum, weights := execution, c.p.ExecutionWeight
	c.res.Indicators = slices.Grow(c.res.Indicators, len(rows))
	for _, r := range rows {
		c.score(r)
		c.deviation(r)
		sum = sum.Add(r.score)
		weights = weights.Add(r.weight)
		c.res.Indicators = append(c.res.Indicators, Indicator{
			Cell: r.cell("score").Ref, Level1: r.level1, Level2: r.level2, Name: r.name,
			Target: shownText(r.cell("target")), Actual: shownText(r.cell("actual")),
			Weight: r.weight, Score: r.score, ComputedMax: r.max,
		})
	}
	c.totals(sum, weights)
}

// totals sets the total and grade from the unrounded sum and settles the
// footer cells (RULES §2.8).
func (c *checker) totals(sum, weights decimal.Decimal) {
	c.res.Total = sum.Round(2)
	c.res.Grade = c.p.Grade(c.res.Total)
	c.settleNumber(c.field("total_weight"), weights.Round(2), c.p.Tolerance.Score, "total.weight_mismatch")
	c.settleNumber(c.field("total"), c.res.Total, c.p.Tolerance.RoundedAmounts, "total.mismatch")
	c.settleGrade(c.field("grade"), c.res.Grade, c.res.Total)
}

// computedMax is the maximum score of a quantitative row (RULES §2.4):
// full weight when the target is met, otherwise by the achieved share,
// clamped to [0, w] and rounded half-up to 2 decimals.
func computedMax(t value.Target, a, w decimal.Decimal, reverse string) decimal.Decimal {
	x := t.Value
	var s decimal.Decimal
	switch {
	case a.IsNegative():
		s = decimal.Zero
	case t.Op == value.EQ && x.IsZero():
		if a.IsZero() {
			s = w
		}
	case t.Op == value.GE || t.Op == value.GT || t.Op == value.EQ:
		met := a.GreaterThanOrEqual(x)
		if t.Op == value.GT {
			met = a.GreaterThan(x)
		}
		switch {
		case met:
			s = w
		case x.IsPositive():
			s = w.Mul(a).DivRound(x, 20)
		}
	default: // ≤, <
		met := a.LessThanOrEqual(x)
		if t.Op == value.LT {
			met = a.LessThan(x)
		}
		switch {
		case met:
			s = w
		case !x.IsPositive():
		case reverse == ReverseLinear:
			s = w.Mul(decimal.NewFromInt(1).Sub(a.Sub(x).DivRound(x, 20)))
		default:
			s = w.Mul(x).DivRound(a, 20)
		}
	}
	return decimal.Max(decimal.Zero, decimal.Min(s, w)).Round(2)
}

// bandRange returns the score range of a qualitative band (RULES §2.5) and
// whether its upper bound is included.
func (c *checker) bandRange(b value.Band, w decimal.Decimal) (lo, hi decimal.Decimal, closed bool) {
	top := c.p.Floors.Achieved.Mul(w).Round(2)
	mid := c.p.Floors.Partial.Mul(w).Round(2)
	switch b {
	case value.Achieved:
		return top, w, true
	case value.Partial:
		return mid, top, false
	}
	return decimal.Zero, mid, false
}

func interval(lo, hi decimal.Decimal, closed bool) string {
	end := ")"
	if closed {
		end = "]"
	}
	return fmt.Sprintf("[%s, %s%s", lo.StringFixed(2), hi.StringFixed(2), end)
}

var (
	maxLabel    = bi{"按规则计算的最高分", "computed maximum"}
	weightLabel = bi{"分值", "weight"}
)

// score applies the self-score rules to a row (RULES §2.6): a blank score is
// filled where the rules can, a written one is checked against the bounds,
// the computed maximum or the band, and a deduction needs a reason.
func (c *checker) score(r *indRow) {
	if r.weightOK && r.actualOK && r.max == nil { // a kind's own rule may have set it
		m := computedMax(r.target, r.actual.Value, r.weight, c.p.ReverseFormula)
		r.max = &m
	}
	scell := r.cell("score")
	label := columnLabel(c.f.Kind, "score")
	if blank(scell) {
		c.fillScore(r, scell, label)
		return
	}
	s, err := value.CellNumber(scell, "分")
	if err != nil {
		c.add("score.not_numeric", scell, label, shownText(scell), r.weight)
		return
	}
	r.score, r.scored = s, true
	c.textNumber(scell, label, s)
	if !r.weightOK {
		return
	}
	if s.IsNegative() || s.GreaterThan(r.weight) {
		c.add("score.out_of_range", scell, label, s, r.weight)
		return
	}
	switch {
	case r.max != nil:
		if s.GreaterThan(r.max.Add(c.p.Tolerance.Score)) {
			c.add("score.above_max", scell, s, *r.max, metText(r))
		} else if s.LessThan(*r.max) {
			c.deduction(r, s, maxLabel, *r.max)
		}
	case r.hasTarget && !r.target.Quantitative && r.band != value.Unknown:
		lo, hi, closed := c.bandRange(r.band, r.weight)
		if s.LessThan(lo) || s.GreaterThan(hi) || !closed && s.Equal(hi) {
			c.add("score.outside_band", scell, s, string(r.band), interval(lo, hi, closed))
		} else if s.LessThan(r.weight) {
			c.deduction(r, s, weightLabel, r.weight)
		}
	}
}

// fillScore writes a blank score the rules can compute, or reports that a
// judgement is needed.
func (c *checker) fillScore(r *indRow, scell form.Cell, label string) {
	switch {
	case !r.weightOK || !r.hasTarget || r.actualBad:
		// the cause is already reported
	case r.max != nil:
		r.score, r.scored = *r.max, true
		c.fillNumber(scell, r.score)
		c.add("score.filled", scell, r.score.StringFixed(2))
	case r.band == value.Achieved:
		r.score, r.scored = r.weight, true
		c.fillNumber(scell, r.score)
		c.add("score.filled", scell, r.score.StringFixed(2))
	case r.band == value.Partial || r.band == value.NotAchieved:
		lo, hi, closed := c.bandRange(r.band, r.weight)
		iv := interval(lo, hi, closed)
		c.add("score.required", scell, label, bi{
			fmt.Sprintf("“%s”须自行评分，得分区间为 %s", r.band, iv),
			fmt.Sprintf("“%s” needs a judgement; the band is %s", r.band, iv)})
	default:
		c.add("score.required", scell, label, bi{
			fmt.Sprintf("请填写 0–%s 之间的得分", r.weight.StringFixed(2)),
			fmt.Sprintf("fill in a score between 0 and %s", r.weight.StringFixed(2))})
	}
}

// metText explains the computed maximum of a row.
func metText(r *indRow) bi {
	if r.max.Equal(r.weight) {
		return bi{"已达到年度指标值，满分", "the target is met: full score"}
	}
	return bi{"未达到年度指标值，按完成比例计算", "the target is missed: scored by the achieved share"}
}

// deduction reports a score below its reference: an error without a reason,
// an info with one.
func (c *checker) deduction(r *indRow, s decimal.Decimal, ref bi, refValue decimal.Decimal) {
	code := "score.deduction_explained"
	if blank(r.cell("reason")) {
		code = "score.deduction_unexplained"
	}
	c.add(code, r.cell("score"), s, ref, refValue)
}

// deviation checks the deviation of a quantitative row (RULES §2.7).
func (c *checker) deviation(r *indRow) {
	x := r.target.Value
	if !r.actualOK || !x.IsPositive() {
		return
	}
	a := r.actual.Value
	d := a.Sub(x).Abs().DivRound(x, 20).Mul(hundred)
	if !d.GreaterThan(c.p.DeviationThreshold) {
		return
	}
	acell := r.cell("actual")
	args := []any{shownText(acell), shownText(r.cell("target")), pct(d), pct(c.p.DeviationThreshold)}
	if !blank(r.cell("reason")) {
		c.add("deviation.explained", acell, args...)
		return
	}
	favourable := a.GreaterThan(x)
	if r.target.Op == value.LE || r.target.Op == value.LT {
		favourable = a.LessThan(x)
	}
	note := bi{}
	if favourable && r.scored && r.score.GreaterThanOrEqual(r.weight) {
		note = bi{"；偏离方向有利，得分仍为满分，但目标值可能设置过松，请说明原因并据实调整以后年度的目标",
			"; the deviation is favourable and the score stays full, but the target looks set too loose: explain it, and set later years' targets to match"}
	}
	c.add("deviation.large_unexplained", acell, append(args, note)...)
}
