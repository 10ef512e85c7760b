package value

import (
	"errors"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// Op is the comparison of a quantitative target.
type Op string

// Target operators. A target written without one means EQ.
const (
	GE Op = "≥"
	GT Op = ">"
	LE Op = "≤"
	LT Op = "<"
	EQ Op = "="
)

// Target is an annual target (年度指标值): quantitative (≥6.00(个)) or
// qualitative (好, 及时, 12月底前完成).
type Target struct {
	Quantitative bool
	Op           Op              // quantitative only
	Value        decimal.Decimal // quantitative only
	Unit         string          // quantitative only; "%" for percent
	Text         string          // the normalized text, compared with a qualitative actual
}

// String returns the target in the form's notation: ≥6(个), or the text.
func (t Target) String() string {
	if !t.Quantitative {
		return t.Text
	}
	return string(t.Op) + Quantity{Value: t.Value, Unit: t.Unit}.String()
}

// symbolOps are written operators after normalization, longest first.
var symbolOps = []struct {
	text string
	op   Op
}{
	{">=", GE}, {"=>", GE}, {"≥=", GE}, {"<=", LE}, {"=<", LE}, {"≤=", LE}, {"==", EQ},
	{"≥", GE}, {"≤", LE}, {"≮", GE}, {"≯", LE}, {">", GT}, {"<", LT}, {"=", EQ},
}

// wordOps are operators written in words; they count only before a number.
var wordOps = []struct {
	text string
	op   Op
}{
	{"大于等于", GE}, {"大于或等于", GE}, {"不低于", GE}, {"不少于", GE}, {"不小于", GE}, {"至少", GE},
	{"小于等于", LE}, {"小于或等于", LE}, {"不高于", LE}, {"不超过", LE}, {"不多于", LE}, {"不大于", LE}, {"至多", LE},
	{"大于", GT}, {"高于", GT}, {"多于", GT}, {"超过", GT},
	{"小于", LT}, {"低于", LT}, {"少于", LT},
	{"等于", EQ},
}

// suffixOps are operators written after the number (90%以上, 3天内).
var suffixOps = []struct {
	text string
	op   Op
}{
	{"及以上", GE}, {"以上", GE}, {"及以下", LE}, {"以下", LE}, {"以内", LE}, {"之内", LE}, {"内", LE},
}

// ParseTarget reads an annual target. A quantitative target is an optional
// operator (≥ ≤ = > < and >= <= ＞ ＜ ＝ ≧ ≦, or 不低于 … before a number, or
// 以上 / 以下 / 以内 after it), a number and an optional unit in brackets or
// bare; without an operator it means “=”. Anything else is qualitative and
// comes back with a nil error. The error is non-nil when the text looks meant
// as a number but is not one (“≥abc”: ErrNotTarget; “约100”: ErrApproximate);
// the target then comes back qualitative. Blank text gives ErrEmpty.
func ParseTarget(s string) (Target, error) {
	n := Normalize(s)
	if n == "" {
		return Target{}, parseErr(s, ErrEmpty)
	}
	qual := Target{Text: n}
	op, rest := splitOp(n)
	q, err := parseQuantity(rest)
	if err != nil && op == "" {
		for _, so := range suffixOps {
			if r, ok := strings.CutSuffix(rest, so.text); ok && startsNumber(r) {
				if q2, err2 := parseQuantity(r); err2 == nil {
					q, err, op = q2, nil, so.op
				}
				break
			}
		}
	}
	switch {
	case err == nil:
		if op == "" {
			op = EQ
		}
		return Target{Quantitative: true, Op: op, Value: q.Value, Unit: q.Unit, Text: n}, nil
	case errors.Is(err, ErrApproximate):
		return qual, parseErr(s, ErrApproximate)
	case op != "":
		return qual, parseErr(s, ErrNotTarget)
	}
	return qual, nil
}

// CellTarget reads a target from a cell; a number cell is “= number” (in
// percent units when the cell is percent-formatted).
func CellTarget(c form.Cell) (Target, error) {
	if c.Number {
		if q, err := CellQuantity(c); err == nil {
			return Target{Quantitative: true, Op: EQ, Value: q.Value, Unit: q.Unit, Text: Normalize(cellText(c))}, nil
		}
	}
	return ParseTarget(cellText(c))
}

// splitOp takes a leading operator off normalized text.
func splitOp(n string) (Op, string) {
	for _, so := range symbolOps {
		if rest, ok := strings.CutPrefix(n, so.text); ok {
			return so.op, rest
		}
	}
	for _, wo := range wordOps {
		if rest, ok := strings.CutPrefix(n, wo.text); ok && startsNumber(rest) {
			return wo.op, rest
		}
	}
	return "", n
}
