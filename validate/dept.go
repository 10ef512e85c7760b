package validate

import (
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/shopspring/decimal"
)

func init() { kindChecks[form.Dept.Name] = checkDept }

// checkDept runs the dept rules (RULES §3a): execution as mof2020 §2.1,
// Σ 指标权重 = 90, each 指标得分 from its 得分系数 (or, without one, by the
// mof2020 rules §2.3–2.6 or the deduction table), core indicators missed
// without a reason, total and grade.
func checkDept(c *checker) {
	execution := c.funds()
	rows := c.deptRows()
	sum, weights := execution, c.p.ExecutionWeight
	for _, r := range rows {
		sum = sum.Add(r.score)
		weights = weights.Add(r.weight)
		c.res.Indicators = append(c.res.Indicators, Indicator{
			Cell: r.cell("score").Ref, Level1: shownText(r.cell("level1")), Level2: shownText(r.cell("level2")), Name: r.name,
			Target: shownText(deptTargetCell(r.row)), Actual: shownText(r.cell("actual")),
			Weight: r.weight, Score: r.score, ComputedMax: r.max,
		})
	}
	c.totals(sum, weights)
	c.settleNumber(c.field("self_total"), c.res.Total, c.p.Tolerance.RoundedAmounts, "total.mismatch")
}

// deptRows reads and scores the indicator rows and checks Σ 指标权重.
func (c *checker) deptRows() []*indRow {
	if len(c.f.Rows) == 0 {
		c.add("indicator.none", c.field("total_weight"))
		return nil
	}
	var rows []*indRow
	allWeights := true
	sum := decimal.Zero
	for _, row := range c.f.Rows {
		r := deptRow(row)
		rows = append(rows, r)
		r.name = shownText(r.cell("name"))
		if r.name == "" {
			c.add("indicator.name_required", r.cell("name"), columnLabel(c.f.Kind, "name"))
		}
		r.weight, r.weightOK = c.readWeight(r.cell("weight"), columnLabel(c.f.Kind, "weight"))
		allWeights = allWeights && r.weightOK
		sum = sum.Add(r.weight)
		if coef, ok := c.coefficient(r); ok {
			c.deptByCoefficient(r, coef)
		} else {
			c.deptByRules(r)
		}
	}
	if allWeights && !sum.Equal(c.p.IndicatorTotal) {
		c.add("weights.total", c.field("total_weight"), strings.TrimPrefix(columnLabel(c.f.Kind, "weight"), "指标"), sum, c.p.IndicatorTotal) // 各指标权重(分)之和
	}
	return rows
}

// deptRow returns the row with the cell the rules read as its target under
// the key "target": 调整指标值 when given, else 年初指标值, with a separate
// 计算符号 and 计量单位 joined to a bare number (≥, 6, 次 is ≥6(次)).
func deptRow(row form.Row) *indRow {
	t := joinTarget(deptTargetCell(row), row.Cell("sign"), row.Cell("unit"), row.Cell("nature"))
	return &indRow{row: row, joined: &t}
}

// deptTargetCell is the target as written: 调整指标值 when given, else
// 年初指标值.
func deptTargetCell(row form.Row) form.Cell {
	if t := row.Cell("adjusted"); !blank(t) {
		return t
	}
	return row.Cell("planned")
}

// joinTarget joins an operator and a unit from their own columns to a
// target cell that holds a bare number.
func joinTarget(t, sign, unit, nature form.Cell) form.Cell {
	op := value.Normalize(shownText(sign))
	if strings.Contains(op, "定") {
		op = "" // a 指标性质 typed into the sign column
	}
	u := strings.TrimSpace(shownText(unit))
	if blank(t) || strings.Contains(shownText(nature), "定性") || op == "" && u == "" {
		return t
	}
	q, err := value.CellQuantity(t)
	if err != nil {
		return t // text with its own operator, or qualitative
	}
	if q.Unit == "" {
		q.Unit = u
	}
	s := op + q.String()
	return form.Cell{Sheet: t.Sheet, Ref: t.Ref, Text: s, Raw: s}
}

// coefficient reads a row's 得分系数 in percent units; false when it is
// blank or not a percentage from 0 to 100 (reported). A plain number of at
// most 1, without a percent sign or format, is a fraction as some budget
// systems export it (1 is 100 %): a coefficient of at most 1 % is never
// meant.
func (c *checker) coefficient(r *indRow) (decimal.Decimal, bool) {
	cell := r.cell("coef")
	if blank(cell) || value.IsDash(shownText(cell)) {
		return decimal.Zero, false
	}
	v, err := value.CellNumber(cell)
	if err == nil && !cell.Percent && !strings.Contains(shownText(cell), "%") && v.IsPositive() && v.LessThanOrEqual(decimal.NewFromInt(1)) {
		v = v.Mul(hundred)
	}
	if err != nil || v.IsNegative() || v.GreaterThan(hundred) {
		c.add("dept.coef_invalid", cell, shownText(cell))
		return decimal.Zero, false
	}
	return v, true
}

// deptByCoefficient scores a row as 得分系数 × 指标权重 and checks the
// written score, the coefficient against what the actual supports, and a
// missed core indicator's reason.
func (c *checker) deptByCoefficient(r *indRow, coef decimal.Decimal) {
	if !r.weightOK {
		return
	}
	want := coef.Mul(r.weight).DivRound(hundred, 20).Round(2)
	r.score, r.scored = want, true
	c.settleNumber(r.cell("score"), want, c.p.Tolerance.Score, "dept.score_mismatch")
	explained := c.deptExplained(r)
	if ref, desc, ok := c.deptReference(r); ok && want.GreaterThan(ref.Add(c.p.Tolerance.Score)) && !explained {
		c.add("dept.coef_above_result", r.cell("coef"), coef, ref.Mul(hundred).DivRound(r.weight, 2), desc)
	}
	if coef.LessThan(hundred) && !explained && isYes(r.cell("core")) {
		c.add("dept.core_unexplained", r.cell("coef"), r.name, coef, c.reasonRef(r))
	}
}

// deptByRules scores a row without a coefficient by the mof2020 rules
// §2.3–2.6, or by its deduction rule.
func (c *checker) deptByRules(r *indRow) {
	c.targetAndActual(r)
	if d := deductionFor(c.p.DeptDeductions, r.name); d != nil && r.weightOK && r.actualOK && percentLike(r) {
		m, desc := d.score(r.actual.Value, r.target.Value, r.weight)
		r.max = &m
		c.add("dept.deduction_rule", r.cell("name"), r.name, desc, m)
	}
	c.score(r)
	if r.scored && r.weightOK && r.score.LessThan(r.weight) && !c.deptExplained(r) && isYes(r.cell("core")) {
		c.add("dept.core_unexplained", r.cell("score"), r.name, r.score.Mul(hundred).DivRound(r.weight, 2), c.reasonRef(r))
	}
}

// percentLike reports whether a row's actual and target are in percent (or
// carry no unit), as the deduction table counts percentage points.
func percentLike(r *indRow) bool {
	ok := func(u string) bool { return u == "" || u == "%" }
	return ok(r.actual.Unit) && (!r.hasTarget || !r.target.Quantitative || ok(r.target.Unit))
}

// deptReference is the score the actual supports, found silently (the
// coefficient carries the judgement, so an unreadable target is no error
// here): the deduction rule, the quantitative ratio or the top of the
// qualitative band. False when the row says too little.
func (c *checker) deptReference(r *indRow) (decimal.Decimal, bi, bool) {
	tcell, acell := r.cell("target"), r.cell("actual")
	if blank(tcell) || blank(acell) {
		return decimal.Zero, bi{}, false
	}
	t, err := value.CellTarget(tcell)
	if err != nil {
		return decimal.Zero, bi{}, false
	}
	if !t.Quantitative {
		switch value.Outcome(shownText(acell), t.Text) {
		case value.Achieved:
			return r.weight, bi{"已达成", "achieved"}, true
		case value.Partial:
			return c.p.Floors.Achieved.Mul(r.weight).Round(2), bi{"部分达成", "partly achieved"}, true
		case value.NotAchieved:
			return c.p.Floors.Partial.Mul(r.weight).Round(2), bi{"未达成", "not achieved"}, true
		}
		return decimal.Zero, bi{}, false
	}
	q, err := value.CellQuantity(acell)
	if err != nil {
		return decimal.Zero, bi{}, false
	}
	if d := deductionFor(c.p.DeptDeductions, r.name); d != nil && (q.Unit == "" || q.Unit == "%") {
		s, desc := d.score(q.Value, t.Value, r.weight)
		return s, desc, true
	}
	s := computedMax(t, q.Value, r.weight, c.p.ReverseFormula)
	return s, bi{"年度指标值 " + t.String() + "，完成值 " + q.String(), "target " + t.String() + ", actual " + q.String()}, true
}

// deptExplained reports whether a row's shortfall is explained: in its
// 偏差原因分析及改进措施, or, on a form without that column (Hubei), in the
// form's 偏差大或目标未完成的原因分析.
func (c *checker) deptExplained(r *indRow) bool {
	if reason := r.cell("reason"); reason.Ref != "" {
		return !blank(reason)
	}
	return !blank(c.field("analysis"))
}

// reasonRef names the reason cell of a row, or its column when the form
// has none.
func (c *checker) reasonRef(r *indRow) string {
	if ref := r.cell("reason").Ref; ref != "" {
		return ref
	}
	if at := c.field("analysis"); at.Ref != "" {
		return at.Ref + "（" + c.label("analysis") + "）"
	}
	return columnLabel(c.f.Kind, "reason")
}

// isYes reports whether a 是/否 cell says 是.
func isYes(cell form.Cell) bool {
	s := value.Normalize(shownText(cell))
	return s == "是" || s == "Y" || s == "y" || s == "√"
}
