package validate

import (
	"regexp"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/shopspring/decimal"
)

// indRow is one mof2020 indicator row as read and scored.
type indRow struct {
	row            form.Row
	joined         *form.Cell // dept: the target joined from its columns, read as "target"
	level1, level2 string     // normalized
	name           string
	weight         decimal.Decimal
	weightOK       bool
	target         value.Target
	hasTarget      bool
	actual         value.Quantity
	actualOK       bool // a quantitative actual was read
	actualBad      bool // the actual is blank or unreadable (already reported)
	band           value.Band
	max            *decimal.Decimal // computed maximum (quantitative)
	score          decimal.Decimal
	scored         bool // score is a number (written or filled)
}

func (r *indRow) cell(key string) form.Cell {
	if key == "target" && r.joined != nil {
		return *r.joined
	}
	return r.row.Cell(key)
}

// First-level names used by the checks.
const (
	levelCost         = "成本指标"
	levelOutput       = "产出指标"
	levelEffect       = "效益指标"
	levelSatisfaction = "满意度指标"
)

// indicators reads the mof2020 indicator rows and checks taxonomy, names,
// duplicates, weights, targets and actuals (RULES §2.2, §2.3).
func (c *checker) indicators() []*indRow {
	if len(c.f.Rows) == 0 {
		c.add("indicator.none", c.field("total_weight"))
		return nil
	}
	rows := make([]*indRow, 0, len(c.f.Rows))
	var prev1, prev2 string
	seen := map[string]int{}
	for _, row := range c.f.Rows {
		r := &indRow{row: row}
		rows = append(rows, r)
		c.levels(r, prev1, prev2)
		prev1, prev2 = r.level1, r.level2

		r.name = shownText(r.cell("name"))
		if r.name == "" {
			c.add("indicator.name_required", r.cell("name"), columnLabel(c.f.Kind, "name"))
		} else {
			key := r.level2 + "\x00" + value.Normalize(r.name)
			if line, dup := seen[key]; dup {
				c.add("indicator.duplicate", r.cell("name"), r.name, r.level2, line)
			} else {
				seen[key] = row.Line
			}
		}
		r.weight, r.weightOK = c.readWeight(r.cell("weight"), columnLabel(c.f.Kind, "weight"))
		c.targetAndActual(r)
	}
	c.levelCoverage(rows)
	c.weightTotals(rows)
	return rows
}

// levels checks 一级 and 二级; a blank one continues the row above (merged
// cells).
func (c *checker) levels(r *indRow, prev1, prev2 string) {
	l1cell, l2cell := r.cell("level1"), r.cell("level2")
	r.level1 = levelPoints.ReplaceAllString(value.Normalize(shownText(l1cell)), "")
	r.level2 = value.Normalize(shownText(l2cell))
	if r.level1 == "" {
		r.level1 = prev1
	}
	if r.level2 == "" && r.level1 == prev1 {
		r.level2 = prev2
	}
	if r.level1 == "" {
		c.add("indicator.level1_required", l1cell, level1Names())
		return
	}
	lv := form.LevelOf(r.level1)
	if lv == nil {
		c.add("indicator.level1_unknown", l1cell, r.level1, level1Names())
		return
	}
	if r.level2 == "" {
		c.add("indicator.level2_required", l2cell, lv.Name, strings.Join(lv.Children, "、"))
		return
	}
	if !contains(lv.Children, r.level2) && !contains(lv.Accepted, r.level2) {
		c.add("indicator.level2_mismatch", l2cell, r.level2, lv.Name, strings.Join(lv.Children, "、"))
	}
}

// levelPoints matches the points some forms print after a first-level name:
// 产出指标(50分) is 产出指标.
var levelPoints = regexp.MustCompile(`\s*[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$`)

// level1Names lists the allowed first-level names.
func level1Names() string {
	var names []string
	for _, l := range form.Taxonomy {
		names = append(names, l.Name)
	}
	return strings.Join(names, "、")
}

// cent is the smallest weight that can be scored: scores have 2 decimals.
var cent = decimal.New(1, -2)

// readWeight reads a 分值 / 权重 cell: a number above 0.
func (c *checker) readWeight(cell form.Cell, label string) (decimal.Decimal, bool) {
	w, err := value.CellNumber(cell, "分")
	if err != nil || !w.IsPositive() {
		c.add("weight.invalid", cell, label, shownText(cell))
		return decimal.Zero, false
	}
	if w.LessThan(cent) {
		c.add("weight.too_small", cell, label, w.String()) // not rounded to 2 decimals
		return decimal.Zero, false
	}
	c.textNumber(cell, label, w)
	return w, true
}

// targetAndActual reads the target and the actual of a row.
func (c *checker) targetAndActual(r *indRow) {
	tcell, acell := r.cell("target"), r.cell("actual")
	if blank(tcell) {
		c.add("target.required", tcell)
	} else {
		t, err := value.CellTarget(tcell)
		r.target, r.hasTarget = t, true
		if err != nil {
			c.add("target.unparsed", tcell, shownText(tcell), errText(err))
		}
	}
	if blank(acell) {
		c.add("actual.required", acell, example(r.target))
		r.actualBad = true
		return
	}
	if !r.hasTarget {
		return
	}
	if r.target.Quantitative {
		q, err := value.CellQuantity(acell)
		if err != nil {
			c.add("actual.not_numeric", acell, errText(err), shownText(tcell), example(r.target))
			r.actualBad = true
			return
		}
		r.actual, r.actualOK = q, true
		if q.Unit != "" && r.target.Unit != "" && q.Unit != r.target.Unit {
			c.add("actual.unit_mismatch", acell, q.Unit, r.target.Unit)
		}
		return
	}
	r.band = value.Outcome(shownText(acell), r.target.Text)
	if r.band == value.Unknown {
		c.add("actual.unknown_outcome", acell, shownText(acell), r.weight)
	}
}

// example is a sample actual for a target: 12.00(个).
func example(t value.Target) string {
	if !t.Quantitative {
		return "12.00(个)"
	}
	s := t.Value.StringFixed(2)
	if t.Unit != "" {
		s += "(" + t.Unit + ")"
	}
	return s
}

// levelCoverage reports a missing 产出, 效益 or 满意度 level.
func (c *checker) levelCoverage(rows []*indRow) {
	has := map[string]bool{}
	for _, r := range rows {
		has[r.level1] = true
	}
	at := rows[0].cell("level1")
	if !has[levelOutput] {
		c.add("indicator.missing_output", at)
	}
	if !has[levelEffect] {
		c.add("indicator.missing_effect", at)
	}
	if !has[levelSatisfaction] {
		c.add("indicator.missing_satisfaction", at)
	}
}

// weightTotals checks Σ 分值 and, when every 一级 is known, the recommended
// split.
func (c *checker) weightTotals(rows []*indRow) {
	sum := decimal.Zero
	by := map[string]decimal.Decimal{}
	levelsKnown := true
	for _, r := range rows {
		if !r.weightOK {
			return
		}
		sum = sum.Add(r.weight)
		by[r.level1] = by[r.level1].Add(r.weight)
		levelsKnown = levelsKnown && form.LevelOf(r.level1) != nil
	}
	at := c.field("total_weight")
	if !sum.Equal(c.p.IndicatorTotal) {
		c.add("weights.total", at, columnLabel(c.f.Kind, "weight"), sum, c.p.IndicatorTotal)
		return
	}
	sp := c.p.Split
	if !levelsKnown || !sp.Output.Add(sp.Effect).Add(sp.Satisfaction).Equal(c.p.IndicatorTotal) {
		return
	}
	output := by[levelCost].Add(by[levelOutput])
	if !output.Equal(sp.Output) || !by[levelEffect].Equal(sp.Effect) || !by[levelSatisfaction].Equal(sp.Satisfaction) {
		c.add("weights.split", at, output.String(), by[levelEffect].String(), by[levelSatisfaction].String(),
			sp.Output.String(), sp.Effect.String(), sp.Satisfaction.String())
	}
}

// columnLabel returns a table column's printed label.
func columnLabel(k *form.Kind, key string) string {
	if col := k.Table.Column(key); col != nil {
		return col.Label
	}
	return key
}
