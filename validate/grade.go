package validate

import (
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/shopspring/decimal"
)

// Grades (RULES §1).
const (
	GradeExcellent = "优"
	GradeGood      = "良"
	GradeFair      = "中"
	GradePoor      = "差"
	// GradePending is what the grade cell shows instead of a grade when the
	// form has error findings: it is not graded until they are fixed.
	GradePending = "待更正"
	// GradePendingEn is GradePending with --lang en.
	GradePendingEn = "to be corrected"
)

// IsPending reports whether a written grade is the pending mark (either
// language), which the write-back owns and replaces.
func IsPending(s string) bool {
	s = strings.TrimSpace(s)
	return s == GradePending || strings.EqualFold(s, GradePendingEn)
}

// ungraded makes a form with error findings (with Strict, warnings too)
// ungraded: Result.Grade is empty and the grade cell, where the tool writes
// it, says 待更正. A total above 100 is always an error.
func (c *checker) ungraded() {
	if c.res.Total.GreaterThan(hundred) {
		c.add("total.above_max", c.field("total"), c.res.Total.StringFixed(2))
	}
	if errs, warns, _ := c.res.Counts(); errs == 0 && (!c.res.Strict || warns == 0) {
		return
	}
	c.res.Grade = ""
	mark := GradePending
	if c.lang == English {
		mark = GradePendingEn
	}
	at := c.field("grade")
	written := false
	for i, w := range c.res.Writes {
		if at.Ref != "" && w.Ref == at.Ref && w.Sheet == c.sheetOf(at) {
			c.res.Writes[i].Text = mark
			written = true
		}
	}
	// A grade the person wrote is theirs and stays: the cell says the
	// form is not graded by its note, not by 待更正 (unless the grade is
	// already said to be wrong).
	if typed := shownText(at); at.Ref != "" && !written && normalizeGrade(typed) != "" && !c.said("grade.mismatch", at) {
		c.add("grade.ungraded", at, typed)
	}
}

// said reports whether a finding with code is already on the cell at.
func (c *checker) said(code string, at form.Cell) bool {
	for _, f := range c.res.Findings {
		if f.Code == code && f.Cell == at.Ref && (f.Sheet == "" || f.Sheet == c.sheetOf(at)) {
			return true
		}
	}
	return false
}

// Grade returns the grade of a total per the profile's bands; lower bounds
// are inclusive (89.99 is 良 with the default bands).
func (p *Profile) Grade(total decimal.Decimal) string {
	switch {
	case total.GreaterThanOrEqual(p.Grades.Excellent):
		return GradeExcellent
	case total.GreaterThanOrEqual(p.Grades.Good):
		return GradeGood
	case total.GreaterThanOrEqual(p.Grades.Fair):
		return GradeFair
	}
	return GradePoor
}

// gradeAliases are the longer spellings forms use for the grades.
var gradeAliases = map[string]string{
	"优秀": GradeExcellent, "良好": GradeGood, "中等": GradeFair, "较差": GradePoor,
}

// normalizeGrade maps a written grade to 优 / 良 / 中 / 差; 良好 is 良. It
// returns "" for text that is no grade.
func normalizeGrade(s string) string {
	n := strings.TrimRight(value.Normalize(s), "。.")
	switch n {
	case GradeExcellent, GradeGood, GradeFair, GradePoor:
		return n
	}
	return gradeAliases[n]
}
