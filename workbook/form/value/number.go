package value

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// Quantity is a number with an optional unit, such as 12.00(个) or 98.75%.
type Quantity struct {
	Value decimal.Decimal
	Unit  string // "%" for percent; "" when none was written
}

// String returns the quantity the way the form writes it: 12(个), 98.75(%).
func (q Quantity) String() string {
	if q.Unit == "" {
		return q.Value.String()
	}
	return q.Value.String() + "(" + q.Unit + ")"
}

var (
	hundred = decimal.NewFromInt(100)
	limit   = decimal.New(1, 15) // larger magnitudes are typing accidents, not amounts
)

// maxDigits bounds the digits of a number so that a pasted 30 000-digit
// string costs nothing.
const maxDigits = 30

// ParseNumber reads a plain number as people type it: “1,040,000.00”, “１２３”,
// “ 1 234.5 ”. A unit or percent sign is refused with ErrNotNumber (use
// ParseQuantity); “约100” is refused with ErrApproximate.
func ParseNumber(s string) (decimal.Decimal, error) {
	q, err := ParseQuantity(s)
	if err != nil {
		return decimal.Zero, err
	}
	if q.Unit != "" {
		return decimal.Zero, parseErr(s, ErrNotNumber)
	}
	return q.Value, nil
}

// ParseQuantity reads a number with an optional unit: “12.00(个)”, “98.75%”,
// “100.00（％）”. The unit comes back without brackets;
// 百分比 and （％） become “%”. It fails with ErrEmpty, ErrNotNumber,
// ErrApproximate (约100, 100余人, 90%以上) or ErrOutOfRange.
func ParseQuantity(s string) (Quantity, error) {
	n := Normalize(s)
	q, err := parseQuantity(n)
	if err != nil {
		return Quantity{}, parseErr(s, err)
	}
	return q, nil
}

// CellNumber reads a plain number from a cell. A number cell is read from its
// stored value, whatever its format shows around it; a percent-formatted
// number cell is returned in percent units (the stored 0.9 is 90). A number
// stored as text is parsed like ParseNumber, except that a trailing percent
// sign is accepted (“98.75%” gives 98.75), and so is a unit of units, the
// cell's own (“16分” in a 得分 cell, “161.05万元” in an amount in 万元).
func CellNumber(c form.Cell, units ...string) (decimal.Decimal, error) {
	q, err := CellQuantity(c)
	if err != nil {
		return decimal.Zero, err
	}
	// A number cell is its stored number, whatever unit its format shows
	// (分值 formatted 0.00"(分)" shows 20.00(分)); only another unit typed
	// as text makes it no plain number.
	if q.Unit != "" && q.Unit != "%" && !c.Number && !slices.Contains(units, q.Unit) {
		return decimal.Zero, parseErr(cellText(c), ErrNotNumber)
	}
	return q.Value, nil
}

// CellQuantity reads a number with an optional unit from a cell. A number
// cell gives its stored value, with unit "%" and the value in percent units
// when the cell is percent-formatted, and otherwise the unit shown by the
// cell's number format if that text parses (12.00(个)). Text is parsed like
// ParseQuantity.
func CellQuantity(c form.Cell) (Quantity, error) {
	if c.Number && NonFinite(c.Raw) {
		return Quantity{}, parseErr(c.Raw, ErrNotFinite)
	}
	if c.Number {
		if v, err := decimal.NewFromString(strings.TrimSpace(c.Raw)); err == nil {
			v = significant(v)
			if err := inRange(v); err != nil {
				return Quantity{}, parseErr(cellText(c), err)
			}
			if c.Percent {
				return Quantity{Value: v.Mul(hundred), Unit: "%"}, nil
			}
			q := Quantity{Value: v}
			if shown, err := parseQuantity(Normalize(c.Text)); err == nil {
				q.Unit = shown.Unit
			}
			return q, nil
		}
	}
	return ParseQuantity(cellText(c))
}

// NonFinite reports whether raw, the stored value of a number cell, is NaN
// or an infinity: values no spreadsheet program writes, but a hand-edited or
// generated file may hold (and excelize then shows as “-   ,NaN”).
func NonFinite(raw string) bool {
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	return err == nil && (math.IsNaN(f) || math.IsInf(f, 0))
}

// cellText is what the cell shows, or its stored value when it shows nothing.
func cellText(c form.Cell) string {
	t := c.Text
	if strings.TrimSpace(t) == "" {
		t = c.Raw
	}
	// A leading apostrophe asks a spreadsheet to keep what follows as text;
	// LibreOffice keeps it as a character in a cell formatted as text.
	if rest, ok := strings.CutPrefix(strings.TrimSpace(t), "'"); ok {
		return rest
	}
	return t
}

func parseErr(input string, err error) *ParseError {
	input = strings.TrimSpace(input)
	if utf8.RuneCountInString(input) > 40 {
		r := []rune(input)
		input = string(r[:40]) + "…"
	}
	return &ParseError{Input: input, Err: err}
}

// approxPrefixes and approxSuffixes mark a number that is not exact.
var (
	approxPrefixes = []string{"约", "大约", "大概", "近", "接近", "将近", "估计", "预计", "超过", "不到", "≈", "~"}
	approxSuffixes = []string{"左右", "上下", "以上", "以下", "以内", "之内", "及以上", "及以下", "余", "多"}
)

// parseQuantity parses normalized text.
func parseQuantity(n string) (Quantity, error) {
	if n == "" {
		return Quantity{}, ErrEmpty
	}
	for _, p := range approxPrefixes {
		if rest, ok := strings.CutPrefix(n, p); ok && startsNumber(rest) {
			return Quantity{}, ErrApproximate
		}
	}
	num, rest, err := scanNumber(n)
	if err != nil {
		return Quantity{}, err
	}
	for _, sfx := range approxSuffixes {
		if strings.HasSuffix(rest, sfx) || strings.HasPrefix(rest, sfx) {
			return Quantity{}, ErrApproximate
		}
	}
	unit, ok := parseUnit(rest)
	if !ok {
		return Quantity{}, ErrNotNumber
	}
	v, err := decimal.NewFromString(num)
	if err != nil {
		return Quantity{}, ErrNotNumber
	}
	if err := inRange(v); err != nil {
		return Quantity{}, err
	}
	return Quantity{Value: v, Unit: unit}, nil
}

// significant rounds a stored spreadsheet number to the 15 significant digits
// a spreadsheet keeps, so that 161.05000000000001 reads as 161.05.
func significant(v decimal.Decimal) decimal.Decimal {
	if n := v.NumDigits(); n > 15 {
		return v.Round(-v.Exponent() - int32(n-15))
	}
	return v
}

func inRange(v decimal.Decimal) error {
	if nd := v.NumDigits(); nd <= 18 && nd <= maxDigits {
		// The coefficient fits an int64: |v| = |c|·10^e with
		// 10^(nd-1) ≤ |c| < 10^nd is at least limit (10^15) exactly when
		// nd+e ≥ 16, unless c is 0. No big.Int is made.
		if v.Exponent() < -maxDigits || v.CoefficientInt64() != 0 && int64(nd)+int64(v.Exponent()) >= 16 {
			return ErrOutOfRange
		}
		return nil
	}
	if v.Abs().Cmp(limit) >= 0 || v.NumDigits() > maxDigits || v.Exponent() < -maxDigits {
		return ErrOutOfRange
	}
	return nil
}

// startsNumber reports whether s begins like a number.
func startsNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.' && len(s) > 1 && s[1] >= '0' && s[1] <= '9')
}

// scanNumber reads a signed decimal number with optional thousands separators
// from the start of s and returns it without separators, and the rest.
func scanNumber(s string) (num, rest string, err error) {
	i := 0
	var b strings.Builder
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		if s[i] == '-' {
			b.WriteByte('-')
		}
		i++
	}
	intStart := i
	groups := []int{0}
	for i < len(s) && (isDigit(s[i]) || s[i] == ',') {
		if s[i] == ',' {
			groups = append(groups, 0)
		} else {
			groups[len(groups)-1]++
			b.WriteByte(s[i])
		}
		i++
	}
	if len(groups) > 1 && !validGroups(groups) {
		return "", "", ErrNotNumber
	}
	digits := i - intStart - (len(groups) - 1)
	// Leading zeros of the integer part do not count against maxDigits, so
	// that 0.000…1 and .000…1 are read alike.
	lead := 0
	for _, c := range b.String() {
		if c == '0' {
			lead++
		} else if c != '-' {
			break
		}
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j > i+1 {
			if digits == 0 {
				b.WriteByte('0')
			}
			b.WriteString(s[i:j])
			digits += j - i - 1
			i = j
		} else if digits > 0 {
			i = j // “12.” is 12
		}
	}
	if digits == 0 {
		return "", "", ErrNotNumber
	}
	if digits-lead > maxDigits {
		return "", "", ErrOutOfRange
	}
	return b.String(), s[i:], nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// validGroups checks thousands grouping: 1–3 digits, then groups of 3.
func validGroups(groups []int) bool {
	if groups[0] < 1 || groups[0] > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if g != 3 {
			return false
		}
	}
	return true
}

// notInUnit are characters that make text after a number a phrase (12月底前完成),
// not a unit.
const notInUnit = "前后底初完成达到内外之第及以或和至起止间的时"

// parseUnit reads what follows a number: nothing, %, a unit in brackets or a
// short bare unit.
func parseUnit(s string) (string, bool) {
	switch {
	case s == "":
		return "", true
	case s == "%" || s == "(%)":
		return "%", true
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		u := s[1 : len(s)-1]
		if u == "" {
			return "", true
		}
		if utf8.RuneCountInString(u) > 10 || !unitText(u) {
			return "", false
		}
		return u, true
	}
	if utf8.RuneCountInString(s) > 4 || !unitText(s) || strings.ContainsAny(s, notInUnit+"%") {
		return "", false
	}
	return s, true
}

// unitText reports whether s can be a unit: letters and a few symbols, no
// digits or brackets.
func unitText(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), r == '%', r == '/', r == '·', r == '‰', r == '²', r == '³':
		case unicode.Is(unicode.So, r): // ㎡, ℃
		default:
			return false
		}
	}
	return true
}
