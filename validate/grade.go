package validate

import (
	"strings"

	"github.com/selfeval/selfeval/validate/value"
	"github.com/shopspring/decimal"
)

// Grades (RULES §1).
const (
	GradeExcellent = "优"
	GradeGood      = "良"
	GradeFair      = "中"
	GradePoor      = "差"
)

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
