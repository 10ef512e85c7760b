package workbook

import (
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// renderNumber shows the number v (a stored value) by the custom number
// format code the way Excel and LibreOffice show it: sections for positive,
// negative and zero values and conditions ([>=90]), quoted literals ("≥",
// "(个)"), escaped characters (\-), spaces for _x, % (the value times 100),
// digit placeholders 0 # ? with a decimal point, thousands separators (#,##0)
// and scaling commas (0,). It reports false for what it does not render
// (dates and times, scientific notation, fractions, text sections, General
// inside a code with more), which formatOther then shows.
func renderNumber(v, code string) (string, bool) {
	d, err := decimal.NewFromString(strings.TrimSpace(v))
	if err != nil || code == "" || utf8.RuneCountInString(code) > 255 {
		return "", false
	}
	secs := splitSections(code)
	if len(secs) > 4 {
		return "", false
	}
	sec, signed, ok := pickSection(secs, d)
	if !ok {
		return "", false
	}
	if !signed {
		d = d.Abs()
	}
	return renderSection(sec, d)
}

// splitSections splits a format code at the semicolons that are not quoted,
// escaped or bracketed.
func splitSections(code string) []string {
	var out []string
	start, quoted, bracket := 0, false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case c == ';' && !bracket:
			out = append(out, code[start:i])
			start = i + 1
		}
	}
	return append(out, code[start:])
}

// condition reads a leading [op N] of a section: the operator, the number
// and whether there is one.
func condition(sec string) (string, decimal.Decimal, bool) {
	for rest := sec; strings.HasPrefix(rest, "["); {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return "", decimal.Zero, false
		}
		in := rest[1:end]
		for _, op := range []string{">=", "<=", "<>", "=", ">", "<"} {
			if strings.HasPrefix(in, op) {
				n, err := decimal.NewFromString(strings.TrimSpace(in[len(op):]))
				if err != nil {
					return "", decimal.Zero, false
				}
				return op, n, true
			}
		}
		rest = rest[end+1:]
	}
	return "", decimal.Zero, false
}

func holds(op string, n, d decimal.Decimal) bool {
	switch op {
	case ">=":
		return d.GreaterThanOrEqual(n)
	case "<=":
		return d.LessThanOrEqual(n)
	case "<>":
		return !d.Equal(n)
	case "=":
		return d.Equal(n)
	case ">":
		return d.GreaterThan(n)
	}
	return d.LessThan(n)
}

// pickSection chooses the section for d and whether the value keeps its
// sign (a single section, or a conditional one, prints the minus itself).
func pickSection(secs []string, d decimal.Decimal) (string, bool, bool) {
	op1, n1, c1 := condition(secs[0])
	if c1 {
		if holds(op1, n1, d) {
			return secs[0], true, true
		}
		if len(secs) == 1 {
			return "", false, false
		}
		if op2, n2, c2 := condition(secs[1]); c2 {
			if holds(op2, n2, d) {
				return secs[1], true, true
			}
			if len(secs) > 2 {
				return secs[2], true, true
			}
			return "", false, false
		}
		return secs[1], true, true
	}
	switch {
	case len(secs) == 1:
		return secs[0], true, true
	case d.IsZero() && len(secs) >= 3:
		return secs[2], false, true
	case d.IsNegative():
		return secs[1], false, true
	}
	return secs[0], false, true
}

// token is one piece of a section: a literal or a placeholder.
type token struct {
	lit   string
	digit byte // '0', '#', '?' for a digit placeholder
	point bool // the decimal point
	frac  bool // a placeholder after the point
}

// renderSection formats d by one section.
func renderSection(sec string, d decimal.Decimal) (string, bool) {
	var toks []token
	percent, grouping, scale := 0, false, 0
	seenPoint, seenDigit := false, false
	pendingCommas := 0
	for i := 0; i < len(sec); {
		c := sec[i]
		if c != ',' && pendingCommas > 0 {
			if isDigitPH(c) || c == '.' {
				grouping = true
			} else {
				scale += pendingCommas
			}
			pendingCommas = 0
		}
		switch {
		case c == '"':
			end := strings.IndexByte(sec[i+1:], '"')
			if end < 0 {
				return "", false
			}
			toks = append(toks, token{lit: sec[i+1 : i+1+end]})
			i += end + 2
		case c == '\\':
			_, n := utf8.DecodeRuneInString(sec[i+1:])
			if n == 0 {
				return "", false
			}
			toks = append(toks, token{lit: sec[i+1 : i+1+n]})
			i += 1 + n
		case c == '_':
			_, n := utf8.DecodeRuneInString(sec[i+1:])
			toks = append(toks, token{lit: " "})
			i += 1 + n
		case c == '*':
			_, n := utf8.DecodeRuneInString(sec[i+1:])
			i += 1 + n // a fill character: a column as wide as it is shows none
		case c == '[':
			end := strings.IndexByte(sec[i:], ']')
			if end < 0 {
				return "", false
			}
			in := sec[i+1 : i+end]
			if strings.HasPrefix(in, "$") {
				sym := in[1:]
				if k := strings.IndexByte(sym, '-'); k >= 0 {
					sym = sym[:k]
				}
				toks = append(toks, token{lit: sym})
			} else if strings.ContainsAny(in, "hHmMsS") && !strings.ContainsAny(in, "=<>") && !isColor(in) {
				return "", false // elapsed time
			}
			i += end + 1
		case isDigitPH(c):
			toks = append(toks, token{digit: c, frac: seenPoint})
			seenDigit = true
			i++
		case c == '.':
			if seenPoint {
				toks = append(toks, token{lit: "."})
			} else {
				toks = append(toks, token{point: true})
				seenPoint = true
			}
			i++
		case c == ',':
			if seenDigit {
				pendingCommas++
			} else {
				toks = append(toks, token{lit: ","})
			}
			i++
		case c == '%':
			percent++
			toks = append(toks, token{lit: "%"})
			i++
		case c == '@' || c == '/' && seenDigit:
			return "", false
		case c < utf8.RuneSelf && (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'):
			return "", false // General, dates, times, E+, AM/PM
		default:
			_, n := utf8.DecodeRuneInString(sec[i:])
			toks = append(toks, token{lit: sec[i : i+n]})
			i += n
		}
	}
	scale += pendingCommas
	for ; percent > 0; percent-- {
		d = d.Shift(2)
	}
	if scale > 0 {
		d = d.Shift(int32(-3 * scale))
	}
	intPH, fracPH := 0, 0
	intZeros := 0
	for _, t := range toks {
		switch {
		case t.digit != 0 && t.frac:
			fracPH++
		case t.digit != 0:
			intPH++
			if t.digit == '0' {
				intZeros++
			}
		}
	}
	if intPH == 0 && fracPH == 0 {
		var b strings.Builder
		for _, t := range toks {
			b.WriteString(t.lit)
			if t.point {
				b.WriteByte('.')
			}
		}
		return b.String(), true
	}
	neg := d.IsNegative()
	d = d.Abs().Round(int32(fracPH))
	s := d.StringFixed(int32(fracPH))
	ip, fp, _ := strings.Cut(s, ".")
	if ip == "0" && intZeros == 0 {
		ip = ""
	}
	for len(ip) < intZeros {
		ip = "0" + ip
	}
	if grouping && len(ip) > 3 {
		var g []string
		for len(ip) > 3 {
			g = append([]string{ip[len(ip)-3:]}, g...)
			ip = ip[:len(ip)-3]
		}
		ip = strings.Join(append([]string{ip}, g...), ",")
	}
	// Optional decimals (#, ?) drop trailing zeros; ? keeps their place.
	fracTok := make([]byte, 0, fracPH)
	for _, t := range toks {
		if t.digit != 0 && t.frac {
			fracTok = append(fracTok, t.digit)
		}
	}
	fd := []byte(fp)
	for k := len(fd) - 1; k >= 0 && fracTok[k] != '0' && fd[k] == '0'; k-- {
		if fracTok[k] == '?' {
			fd[k] = ' '
		} else {
			fd = fd[:k]
		}
	}
	var b strings.Builder
	if neg && !d.IsZero() {
		b.WriteByte('-')
	}
	intDone, fi := false, 0
	for _, t := range toks {
		switch {
		case t.point:
			// LibreOffice drops a point no digit follows (Excel keeps it).
			if len(fd) > 0 || fracPH == 0 {
				b.WriteByte('.')
			}
		case t.digit != 0 && t.frac:
			if fi < len(fd) {
				b.WriteByte(fd[fi])
			}
			fi++
		case t.digit != 0:
			if !intDone {
				b.WriteString(ip)
				intDone = true
			}
		default:
			b.WriteString(t.lit)
		}
	}
	return b.String(), true
}

func isDigitPH(c byte) bool { return c == '0' || c == '#' || c == '?' }

func isColor(in string) bool {
	l := strings.ToLower(in)
	if strings.HasPrefix(l, "color") {
		return true
	}
	switch l {
	case "black", "blue", "cyan", "green", "magenta", "red", "white", "yellow":
		return true
	}
	return false
}
