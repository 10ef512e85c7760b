package workbook

import (
	"github.com/selfeval/selfeval/workbook/form"
)

// Highlights are conditional formats, so they never change a cell's style or
// locked state. Each is its own <conditionalFormatting> element with a single
// "expression" rule whose formula is highlightFormula: always TRUE, and the
// mark by which the next write-back finds and removes exactly the rules it
// added, leaving every other conditional format alone.
const highlightFormula = `ISTEXT("selfeval")`

// highlightFill is the fill colour of each severity.
var highlightFill = map[form.Severity]string{
	form.Error:   "FFC7CE", // light red
	form.Warning: "F4B084", // orange, clearly apart from the input tint FFF2CC and the error red
	form.Info:    "DDEBF7", // light blue
}

// severityRank orders severities, most serious first.
var severityRank = map[form.Severity]int{form.Error: 0, form.Warning: 1, form.Info: 2}

// worst returns the most serious severity among findings.
func worst(fs []form.Finding) form.Severity {
	best := form.Info
	for _, x := range fs {
		if r, ok := severityRank[x.Severity]; ok && r < severityRank[best] {
			best = x.Severity
		}
	}
	return best
}
