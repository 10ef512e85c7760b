// Package review holds the reviewer's checks (RULES §6, review.*): what a
// finance bureau's reviewer looks at first in a season's forms. They are
// the reviewer's, not the unit's: they never change a form's score, and
// they are not among the rule book's findings, so check and score show
// them only when asked (--review) and never write them into a form.
//
// The checks work on Facts, a compact extract of one form, so that a batch
// of any size can be reviewed across forms (text copied between units)
// without keeping the forms.
package review

import (
	"slices"
	"strings"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// Facts is what the reviewer's checks need of one form.
type Facts struct {
	Kind, Sheet               string
	Project, Unit, Department string
	// Funds (nil when not on the form): 年初预算数, 全年预算数, 全年执行数.
	Initial, Budget, Spent *decimal.Decimal
	Rate                   *decimal.Decimal // execution rate in percent
	ExecWeight, ExecScore  decimal.Decimal  // 0 when the kind scores no execution
	Total                  decimal.Decimal
	Indicators             []Indicator
	Texts                  []Text // the narratives: 预期目标, 实际完成情况, reasons
}

// Indicator is one indicator row as the reviewer sees it.
type Indicator struct {
	Cell           string // the score cell
	Level1, Level2 string
	Name           string
	Target, Actual string
	Reason         string
	Weight, Score  decimal.Decimal
}

// Text is a narrative of the form and where it is.
type Text struct {
	Label, Cell, Text string
}

// FactsOf extracts the facts of a form checked by the rule book.
func FactsOf(fm *form.Form, res *validate.Result) *Facts {
	f := &Facts{Kind: res.Kind, Sheet: fm.Sheet, Project: res.Project, Total: res.Total}
	field := func(key string) form.Cell { return fm.Fields[key] }
	f.Unit = strings.TrimSpace(field("unit").Text)
	f.Department = strings.TrimSpace(field("department").Text)
	if x := res.Execution; x != nil {
		b, s, r := x.Budget, x.Spent, x.Rate
		f.Budget, f.Spent, f.Rate = &b, &s, &r
		f.ExecWeight, f.ExecScore = x.Weight, x.Score
	}
	if total, ok := fm.Grid["total"]; ok {
		if c, ok := total["initial"]; ok {
			if d, ok := amount(c); ok {
				f.Initial = &d
			}
		}
	}
	for _, key := range []string{"goal", "achieved", "performance", "problems", "measures"} {
		if c, ok := fm.Fields[key]; ok && strings.TrimSpace(c.Text) != "" {
			f.Texts = append(f.Texts, Text{Label: labelOf(fm.Kind, key), Cell: c.Ref, Text: c.Text})
		}
	}
	byCell := make(map[string]int, len(fm.Rows)) // index in fm.Rows by the 得分 cell
	for i, r := range fm.Rows {
		if r.Has("score") {
			byCell[r.Cell("score").Ref] = i
		}
	}
	f.Indicators = slices.Grow(f.Indicators, len(res.Indicators))
	for _, in := range res.Indicators {
		ind := Indicator{Cell: in.Cell, Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target,
			Actual: in.Actual, Weight: in.Weight, Score: in.Score}
		if i, ok := byCell[in.Cell]; ok {
			r := fm.Rows[i]
			for _, key := range []string{"reason", "remark"} {
				if c := r.Cell(key); r.Has(key) && strings.TrimSpace(c.Text) != "" {
					ind.Reason = c.Text
					f.Texts = append(f.Texts, Text{Label: "偏差原因分析及改进措施", Cell: c.Ref, Text: c.Text})
				}
			}
			if ind.Actual == "" {
				ind.Actual = r.Cell("actual").Text
			}
		}
		f.Indicators = append(f.Indicators, ind)
	}
	return f
}

func amount(c form.Cell) (decimal.Decimal, bool) {
	s := strings.TrimSpace(c.Raw)
	if s == "" {
		s = strings.ReplaceAll(strings.TrimSpace(c.Text), ",", "")
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

func labelOf(k *form.Kind, key string) string {
	if k != nil {
		for _, f := range k.Fields {
			if f.Key == key {
				return f.Label
			}
		}
	}
	return key
}
