package template

import (
	"fmt"
	"github.com/selfeval/selfeval/workbook/stamp"
	"regexp"
	"strconv"
	"strings"
)

var placeholder = regexp.MustCompile(`\{([a-z]+)(?::([^{}]*))?\}`)

// Expand replaces the placeholders of a kind's formula for a template with
// this layout: {row} the given row; {first} and {last} the first and last
// input rows of the table; {col:KEY} the letter of table column KEY;
// {field:KEY} the value cell of field KEY; {grid:ROW.COL} the funds-block cell
// of grid row ROW and column COL; {rule:NAME} a setting of the rules profile
// (excellent, good, fair: the grade bounds; exec_weight: the execution
// weight; round: TRUNC or ROUND for the shown rate); {status} the status the
// write-back recorded (StatusFormula). It fails on an unknown placeholder or
// key.
func (l *Layout) Expand(formula string, row int) (string, error) {
	var errs []string
	out := placeholder.ReplaceAllStringFunc(formula, func(m string) string {
		sub := placeholder.FindStringSubmatch(m)
		name, arg := sub[1], sub[2]
		switch name {
		case "row":
			return strconv.Itoa(row)
		case "first":
			return strconv.Itoa(l.First)
		case "last":
			return strconv.Itoa(l.Last)
		case "col":
			if c := l.Kind.Table.Column(arg); c != nil {
				return c.Col
			}
		case "field":
			if p, ok := l.Fields[arg]; ok {
				return p.Ref
			}
		case "grid":
			r, c, _ := strings.Cut(arg, ".")
			if ref := l.Grid[r][c]; ref != "" {
				return ref
			}
		case "rule":
			if v, ok := l.rules.rule(arg); ok {
				return v
			}
		case "status":
			return StatusFormula
		}
		errs = append(errs, m)
		return m
	})
	if len(errs) > 0 {
		return "", fmt.Errorf("公式 %q 中的占位符 %s 无法解析", formula, strings.Join(errs, "、"))
	}
	return out, nil
}

// StatusFormula is what a live formula reads as the status the write-back
// recorded on the stamp sheet (the row stamp.StatusKey): 待更正 while the
// last score found errors, else empty — also before any score, and in a file
// whose stamp sheet has no such row.
var StatusFormula = `IFERROR(VLOOKUP("` + stamp.StatusKey + `",'` + stamp.Sheet + `'!$A:$B,2,FALSE)&"","")`
