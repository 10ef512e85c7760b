package form

import (
	"regexp"
	"strings"
)

// A computed cell (执行率, 得分 of the funds, 总分, 评分等级 …) that the
// write-back fills in a form without live formulas of its own (a form this
// tool did not issue) holds its value in a marker formula, N(93.52) or
// T("优"): it shows the value, and on the next read it says the value is
// the tool's, so the rule book recomputes it instead of comparing it with
// a person's figure.

// MarkNumber is the marker formula (without "=") of a number the
// write-back fills, as stored in the cell (a percent as its fraction).
func MarkNumber(v string) string { return "N(" + v + ")" }

// MarkText is the marker formula (without "=") of a text the write-back
// fills.
func MarkText(s string) string { return `T("` + strings.ReplaceAll(s, `"`, `""`) + `")` }

// markShape matches the formulas MarkNumber and MarkText make.
var markShape = regexp.MustCompile(`^=?(?:N\(-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\)|T\("(?:[^"]|"")*"\))$`)

// IsMark reports whether formula is one MarkNumber or MarkText made: the cell's value is the
// tool's.
func IsMark(formula string) bool { return markShape.MatchString(strings.TrimSpace(formula)) }
