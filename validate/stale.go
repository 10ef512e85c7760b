package validate

import (
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// Stale adds the info finding form.stale to the result of a form that was
// scored before (its workbook holds the result sheet) when a figure the
// write-back would write into a computed cell — 执行率, 得分 of the funds,
// 总分, 评分等级 … — is not what the file shows: the form was edited since it
// was scored (in a program that did not recalculate, or its grade still
// says 待更正), and the file's figures are out of date. The finding names
// every such cell, in the order written. Scores the rules fill are left
// out: the tool's own are blank on reading. It is for a read-only check;
// score rewrites the figures instead.
func Stale(f *form.Form, res *Result, lang Lang) {
	if f == nil || res == nil || !f.Scored {
		return
	}
	cells := map[string]form.Cell{}
	at := func(c form.Cell) {
		if c.Ref != "" && (c.Sheet == "" || c.Sheet == f.Sheet) {
			cells[c.Ref] = c
		}
	}
	for _, c := range f.Fields {
		at(c)
	}
	for _, row := range f.Grid {
		for _, c := range row {
			at(c)
		}
	}
	filled := map[string]bool{}
	for _, r := range f.Rows {
		filled[r.Cell("score").Ref] = true
	}
	var out []string
	for _, w := range res.Writes {
		c, ok := cells[w.Ref]
		if (w.Sheet != "" && w.Sheet != f.Sheet) || filled[w.Ref] || !ok {
			continue
		}
		if !shows(c, w) {
			out = append(out, w.Ref)
		}
	}
	if len(out) == 0 {
		return
	}
	if lang != English {
		lang = Chinese
	}
	sep := "、"
	if lang == English {
		sep = ", "
	}
	res.Findings = append(res.Findings, finding(lang, "form.stale", f.Sheet, out[0], strings.Join(out, sep)))
}

// shows reports whether a cell as read shows what w writes.
func shows(c form.Cell, w form.Write) bool {
	if w.Number == nil {
		return shownText(c) == w.Text || (IsPending(shownText(c)) && IsPending(w.Text))
	}
	got, err := decimal.NewFromString(strings.TrimSpace(c.Raw))
	if err != nil || !c.Number {
		return false
	}
	tol := decimal.RequireFromString("0.005")
	if c.Percent {
		tol = decimal.RequireFromString("0.00005")
	}
	return got.Sub(*w.Number).Abs().LessThanOrEqual(tol)
}
