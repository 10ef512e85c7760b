package validate

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/shopspring/decimal"
)

// Lang selects the language of messages and hints.
type Lang string

// Languages.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// bi is an argument that reads differently in each language.
type bi struct{ zh, en string }

// observeCode, when set (by tests), sees every code a finding is made with.
var observeCode func(code string)

// unknownCode, when set (by tests), is told about a code missing from the
// catalogue; tests make it fail loudly.
var unknownCode func(code string)

// finding makes a finding from the catalogue. A code missing from the
// catalogue still gives an error finding (never a panic in use).
func finding(lang Lang, code, sheet, ref string, args ...any) form.Finding {
	if observeCode != nil {
		observeCode(code)
	}
	info, ok := catalogueIndex[code]
	if !ok {
		if unknownCode != nil {
			unknownCode(code)
		}
		return form.Finding{Code: code, Severity: form.Error, Sheet: sheet, Cell: ref, Message: code}
	}
	msg, hint := info.Zh, info.HintZh
	if lang == English {
		msg, hint = info.En, info.HintEn
	}
	return form.Finding{
		Code:     code,
		Severity: form.Severity(info.Severity),
		Sheet:    sheet,
		Cell:     ref,
		Message:  render(msg, lang, args),
		Hint:     render(hint, lang, args),
	}
}

// render fills {0}, {1} … in a template; a missing argument renders empty.
func render(tmpl string, lang Lang, args []any) string {
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			break
		}
		n, err := strconv.Atoi(tmpl[i+1 : i+j])
		b.WriteString(tmpl[:i])
		if err != nil {
			b.WriteString(tmpl[i : i+j+1])
		} else if n < len(args) {
			b.WriteString(argText(args[n], lang))
		}
		tmpl = tmpl[i+j+1:]
	}
	return b.String()
}

func argText(a any, lang Lang) string {
	switch v := a.(type) {
	case bi:
		if lang == English {
			return v.en
		}
		return v.zh
	case decimal.Decimal:
		return v.StringFixed(2)
	case nil:
		return ""
	}
	return fmt.Sprint(a)
}

// errText renders a value parse error in both languages.
func errText(err error) bi {
	var pe *value.ParseError
	if !errors.As(err, &pe) {
		return bi{err.Error(), err.Error()}
	}
	en := map[error]string{
		value.ErrEmpty:       "is blank",
		value.ErrNotNumber:   "is not a number",
		value.ErrApproximate: "is not an exact number",
		value.ErrOutOfRange:  "is out of range",
		value.ErrNotFinite:   "is not a finite number (NaN or infinity)",
		value.ErrNotTarget:   "has an operator but no readable number",
		value.ErrNotDate:     "is not a date",
	}[pe.Err]
	if en == "" {
		en = pe.Err.Error()
	}
	return bi{pe.Error(), strings.TrimSpace("“" + pe.Input + "” " + en)}
}

// pct renders a percentage with up to 2 decimals, without trailing zeros.
func pct(d decimal.Decimal) string { return d.Round(2).String() }

// sortFindings orders findings by sheet (the form's sheet first, then the
// others by name), row, then column; findings without a cell come first in
// their sheet; ties keep their order.
func sortFindings(fs []form.Finding, formSheet string) {
	rank := func(s string) int {
		if s == formSheet || s == "" {
			return 0
		}
		return 1
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := rank(a.Sheet), rank(b.Sheet); ra != rb {
			return ra < rb
		} else if ra == 1 && a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		ra, ca := splitRef(a.Cell)
		rb, cb := splitRef(b.Cell)
		if ra != rb {
			return ra < rb
		}
		return ca < cb
	})
}

// splitRef returns the row and column numbers of an A1 reference; 0, 0 for
// none.
func splitRef(ref string) (row, col int) {
	ref = strings.ReplaceAll(ref, "$", "")
	i := 0
	for i < len(ref) && (ref[i] >= 'A' && ref[i] <= 'Z' || ref[i] >= 'a' && ref[i] <= 'z') {
		c := ref[i]
		if c >= 'a' {
			c -= 'a' - 'A'
		}
		col = col*26 + int(c-'A'+1)
		i++
	}
	row, _ = strconv.Atoi(ref[i:])
	return row, col
}
