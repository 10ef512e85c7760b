package workbook

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// builtinFormats are the codes of the built-in number format ids a style
// may name without a numFmt element of its own (ECMA-376 18.8.30). The ids
// whose code depends on the reader's locale (27–36, 50–58) are left out: a
// value with one shows as stored.
var builtinFormats = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
	11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
	14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
	18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "hh:mm", 21: "hh:mm:ss", 22: "m/d/yy hh:mm",
	37: "#,##0 ;(#,##0)", 38: "#,##0 ;[red](#,##0)", 39: "#,##0.00 ;(#,##0.00)", 40: "#,##0.00 ;[red](#,##0.00)",
	41: `_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)`,
	42: `_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)`,
	43: `_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)`,
	44: `_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)`,
	45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
}

// formatText shows the text v by the text section of code: the fourth
// section, or the one section holding @, with @ standing for v. A code
// without one leaves v as it is.
func formatText(v, code string) string {
	secs := splitSections(code)
	sec := ""
	switch {
	case len(secs) >= 4:
		sec = secs[3]
	case len(secs) == 1 && hasCodeChar(secs[0], "@"):
		sec = secs[0]
	default:
		return v
	}
	var b strings.Builder
	walkSection(sec, func(lit string, code byte, _ string) {
		switch code {
		case 0:
			b.WriteString(lit)
		case '@':
			b.WriteString(v)
		}
	})
	return b.String()
}

// formatOther shows the number v by what renderNumber leaves: dates and
// times, General, scientific notation and fractions. Anything else, or a
// value that is not a number, shows as it is.
func formatOther(v, code string, date1904 bool) string {
	d, err := decimal.NewFromString(strings.TrimSpace(v))
	if err != nil || code == "" || utf8.RuneCountInString(code) > 255 {
		return v
	}
	n, _ := d.Float64()
	secs := splitSections(code)
	sec, signed, ok := pickSection(secs, d)
	if !ok {
		return v
	}
	switch {
	case hasCodeChar(sec, "Gg") && strings.Contains(strings.ToLower(sec), "general"):
		// General shows what is stored, up to 11 digits: longer numbers
		// with 10 significant digits.
		if n < 0 {
			return v
		}
		if s := strconv.FormatFloat(n, 'f', -1, 64); len(s)-strings.Count(s, ".") > 11 {
			return strconv.FormatFloat(n, 'G', 10, 64)
		}
		return v
	case hasCodeChar(sec, "Ee") && strings.ContainsAny(sec, "+-") && !hasCodeChar(sec, "yYdDhHsS"):
		if s, ok := formatScientific(n, sec, signed); ok {
			return s
		}
		return v
	case dateCode(sec):
		if n < 0 || n >= maxSerial+1 {
			return v // Excel shows ####: no date before 1900 or after 9999
		}
		return formatDate(n, sec, date1904)
	case hasCodeChar(sec, "/"):
		return formatFraction(n, sec, signed)
	}
	return v
}

// walkSection calls fn for each piece of a section: a literal (code 0,
// with its text: quoted, escaped, _x as a space, other characters as they
// are), or a code character (code the byte, run the run of it: yyyy, mm,
// 0.00…), skipping fills (*x) and brackets other than elapsed time and
// currency; bracketed elapsed time comes as code '[' with its inside.
func walkSection(sec string, fn func(lit string, code byte, run string)) {
	for i := 0; i < len(sec); {
		c := sec[i]
		switch {
		case c == '"':
			end := strings.IndexByte(sec[i+1:], '"')
			if end < 0 {
				fn(sec[i+1:], 0, "")
				return
			}
			fn(sec[i+1:i+1+end], 0, "")
			i += end + 2
		case c == '\\' || c == '_' || c == '*':
			_, n := utf8.DecodeRuneInString(sec[i+1:])
			switch c {
			case '\\':
				fn(sec[i+1:i+1+n], 0, "")
			case '_':
				fn(" ", 0, "")
			}
			i += 1 + n
		case c == '[':
			end := strings.IndexByte(sec[i:], ']')
			if end < 0 {
				return
			}
			in := sec[i+1 : i+end]
			switch {
			case strings.HasPrefix(in, "$"):
				sym, _, _ := strings.Cut(in[1:], "-")
				fn(sym, 0, "")
			case elapsed(in):
				fn("", '[', strings.ToLower(in))
			}
			i += end + 1
		case strings.HasPrefix(strings.ToUpper(sec[i:]), "AM/PM"):
			fn("", 'A', sec[i:i+5])
			i += 5
		case strings.HasPrefix(strings.ToUpper(sec[i:]), "A/P"):
			fn("", 'A', sec[i:i+3])
			i += 3
		case strings.HasPrefix(sec[i:], "上午/下午"):
			fn("", 'A', "上午/下午")
			i += len("上午/下午")
		case strings.ContainsRune("yYmMdDhHsSeE0#?@", rune(c)):
			j := i + 1
			lc := lower(c)
			for j < len(sec) && lower(sec[j]) == lc {
				j++
			}
			fn("", lc, sec[i:j])
			i = j
		default:
			_, n := utf8.DecodeRuneInString(sec[i:])
			fn(sec[i:i+n], 0, "")
			i += n
		}
	}
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// elapsed reports whether a bracket holds an elapsed-time code: [h], [mm], [ss].
func elapsed(in string) bool {
	if in == "" {
		return false
	}
	for i := 0; i < len(in); i++ {
		if c := lower(in[i]); c != lower(in[0]) || c != 'h' && c != 'm' && c != 's' {
			return false
		}
	}
	return true
}

// hasCodeChar reports whether sec holds one of chars outside its quoted and
// escaped literals and brackets.
func hasCodeChar(sec, chars string) bool {
	found := false
	for i := 0; i < len(sec) && !found; i++ {
		switch c := sec[i]; {
		case c == '"':
			end := strings.IndexByte(sec[i+1:], '"')
			if end < 0 {
				return false
			}
			i += end + 1
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			end := strings.IndexByte(sec[i:], ']')
			if end < 0 {
				return false
			}
			if elapsed(sec[i+1:i+end]) && strings.ContainsAny(chars, "hHmMsS") {
				return true
			}
			i += end
		default:
			found = strings.IndexByte(chars, c) >= 0
		}
	}
	return found
}

// elapsedIn reports whether a section holds an elapsed-time bracket ([h]).
func elapsedIn(sec string) bool {
	for i := strings.IndexByte(sec, '['); i >= 0; {
		end := strings.IndexByte(sec[i:], ']')
		if end < 0 {
			return false
		}
		if elapsed(sec[i+1 : i+end]) {
			return true
		}
		next := strings.IndexByte(sec[i+end:], '[')
		if next < 0 {
			return false
		}
		i += end + next
	}
	return false
}

// dateCode reports whether a section shows a date or time.
func dateCode(sec string) bool {
	return hasCodeChar(sec, "yYdDhHsS[") || hasCodeChar(sec, "mM") && !hasCodeChar(sec, "0#?")
}

// maxSerial is the serial day number of 9999-12-31, the last date.
const maxSerial = 2958465

// serialTime is the date and time of a serial day number, as spreadsheets
// count: from 1900 with its fictitious 29 February (serial 60), day 0 being
// "1900-01-00"; from 1904 with date1904. The time is cut (with round,
// rounded) to the second, or to fracDigits decimals of one. serial is the
// day after any carry; zeroDay reports day 0 of 1900, leapDay its 29
// February.
func serialTime(n float64, date1904 bool, fracDigits int, round bool) (t time.Time, serial int, zeroDay, leapDay bool) {
	days := math.Floor(n)
	scale := math.Pow10(fracDigits)
	// Cut, not rounded, to what is shown (as LibreOffice shows it), after
	// rounding away the float error of the serial (0.1 day is 8640 s).
	secs := math.Floor(math.Round((n-days)*86400*scale*1e3)/1e3) / scale
	if round {
		secs = math.Round((n-days)*86400*scale) / scale
	}
	if secs >= 86400 {
		days++
		secs -= 86400
	}
	serial = int(days)
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days == 0:
		zeroDay = true
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	case days == 60:
		leapDay = true
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
		days = 59 // shown as 29 February
	case days < 60:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return base.AddDate(0, 0, int(days)).Add(time.Duration(math.Round(secs * 1e9))), serial, zeroDay, leapDay
}

var (
	monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	dayNames = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// formatDate shows the serial day number n by a date or time section.
func formatDate(n float64, sec string, date1904 bool) string {
	fracDigits := 0
	if i := strings.Index(strings.ToLower(sec), "s.0"); i >= 0 {
		for j := i + 2; j < len(sec) && sec[j] == '0'; j++ {
			fracDigits++
		}
	}
	// Elapsed time ([h]) is rounded to what is shown, a clock time cut.
	round := hasCodeChar(sec, "hHmMsS") && strings.Contains(sec, "[") && elapsedIn(sec)
	t, serial, zeroDay, leapDay := serialTime(n, date1904, min(fracDigits, 3), round)
	year, month, day := t.Year(), int(t.Month()), t.Day()
	weekday := t.Weekday()
	if !date1904 {
		// 1900 counts its fictitious 29 February: serial 1 is a Sunday.
		weekday = time.Weekday((serial + 6) % 7)
	}
	// [DBNum1] writes the digits of a date as Chinese numerals.
	digits := func(s string) string { return s }
	if strings.Contains(strings.ToLower(sec), "[dbnum1]") {
		digits = func(s string) string {
			var b strings.Builder
			for _, r := range s {
				if r >= '0' && r <= '9' {
					r = []rune("○一二三四五六七八九")[r-'0']
				}
				b.WriteRune(r)
			}
			return b.String()
		}
	}
	switch {
	case zeroDay:
		year, month, day = 1900, 1, 0
	case leapDay:
		year, month, day = 1900, 2, 29
	}
	type piece struct {
		lit  string
		code byte
		run  string
	}
	var ps []piece
	ampm := false
	walkSection(sec, func(lit string, code byte, run string) {
		ps = append(ps, piece{lit, code, run})
		ampm = ampm || code == 'A'
	})
	// An m is minutes after an h or before an s, else the month.
	minute := make([]bool, len(ps))
	last := byte(0)
	for i, p := range ps {
		if p.code == 'm' && (last == 'h' || last == '[') {
			minute[i] = true
		}
		if p.code != 0 && p.code != '0' {
			last = p.code
		}
	}
	next := byte(0)
	for i := len(ps) - 1; i >= 0; i-- {
		p := ps[i]
		if p.code == 'm' && next == 's' {
			minute[i] = true
		}
		if p.code == '[' && strings.HasPrefix(p.run, "s") {
			next = 's'
		} else if p.code != 0 && p.code != '0' {
			next = p.code
		}
	}
	pad := func(v, w int) string { return digits(pad0(strconv.Itoa(v), w)) }
	total := float64(serial)*86400 + float64(t.Hour()*3600+t.Minute()*60+t.Second()) // seconds, for elapsed time
	var b strings.Builder
	for i, p := range ps {
		switch p.code {
		case 0:
			b.WriteString(p.lit)
		case 'y', 'e':
			if len(p.run) <= 2 && p.code == 'y' {
				b.WriteString(pad(year%100, 2))
			} else {
				b.WriteString(digits(strconv.Itoa(year)))
			}
		case 'm':
			switch {
			case minute[i]:
				b.WriteString(pad(t.Minute(), min(len(p.run), 2)))
			case len(p.run) <= 2:
				b.WriteString(pad(month, len(p.run)))
			case len(p.run) == 3:
				b.WriteString(monthNames[month-1][:3])
			case len(p.run) == 5:
				b.WriteString(monthNames[month-1][:1])
			default:
				b.WriteString(monthNames[month-1])
			}
		case 'd':
			switch {
			case len(p.run) <= 2:
				b.WriteString(pad(day, len(p.run)))
			case len(p.run) == 3:
				b.WriteString(dayNames[weekday][:3])
			default:
				b.WriteString(dayNames[weekday])
			}
		case 'h':
			h := t.Hour()
			if ampm {
				if h = h % 12; h == 0 {
					h = 12
				}
			}
			b.WriteString(pad(h, min(len(p.run), 2)))
		case 's':
			b.WriteString(pad(t.Second(), min(len(p.run), 2)))
		case '0':
			// Fractions of a second after s (.0, .00, .000).
			frac := pad0(strconv.Itoa(t.Nanosecond()), 9)
			b.WriteString(digits(frac[:min(len(p.run), 3)] + strings.Repeat("0", max(0, len(p.run)-3))))
		case 'A':
			am := t.Hour() < 12
			switch {
			case p.run == "上午/下午" && am:
				b.WriteString("上午")
			case p.run == "上午/下午":
				b.WriteString("下午")
			case len(p.run) == 3 && am:
				b.WriteString(p.run[:1])
			case len(p.run) == 3:
				b.WriteString(p.run[2:])
			case am:
				b.WriteString(p.run[:2])
			default:
				b.WriteString(p.run[3:])
			}
		case '[':
			switch p.run[0] {
			case 'h':
				b.WriteString(pad(int(total/3600), len(p.run)))
			case 'm':
				b.WriteString(pad(int(total/60), len(p.run)))
			default:
				b.WriteString(pad(int(total), len(p.run)))
			}
		default:
			b.WriteString(p.run)
		}
	}
	return b.String()
}

// formatScientific shows n by a section in scientific notation (0.00E+00):
// the mantissa with as many decimals as the section has placeholders after
// its point, the exponent with at least as many digits as after the E. It
// reports false for engineering notation (##0.0E+0), which it does not
// render.
func formatScientific(n float64, sec string, signed bool) (string, bool) {
	e := strings.IndexAny(sec, "Ee")
	mant, exp := sec[:e], sec[e+1:]
	decimals := 0
	intPart := mant
	if dot := strings.IndexByte(mant, '.'); dot >= 0 {
		intPart = mant[:dot]
		decimals = strings.Count(mant[dot:], "0") + strings.Count(mant[dot:], "#") + strings.Count(mant[dot:], "?")
	}
	if strings.Count(intPart, "0")+strings.Count(intPart, "#")+strings.Count(intPart, "?") > 1 {
		return "", false
	}
	width := strings.Count(exp, "0")
	s := strconv.FormatFloat(math.Abs(n), 'e', decimals, 64)
	m, x, _ := strings.Cut(s, "e")
	ex, _ := strconv.Atoi(x)
	sign := ""
	switch {
	case ex < 0:
		sign = "-"
	case strings.HasPrefix(exp, "+"):
		sign = "+"
	}
	out := m + "E" + sign + pad0(strconv.Itoa(abs(ex)), width)
	if n < 0 && signed {
		out = "-" + out
	}
	return out, true
}

// formatFraction shows n by a fraction section (# ?/?, # ??/??, # ?/8): the
// whole part, then the closest fraction with a denominator of at most as
// many digits as placeholders (or the fixed one), numerator and
// denominator padded to their placeholders' width; spaces for no fraction.
func formatFraction(n float64, sec string, signed bool) string {
	slash := strings.IndexByte(sec, '/')
	num, den := strings.TrimRight(sec[:slash], " "), strings.TrimSpace(sec[slash+1:])
	numW := 0
	for i := len(num) - 1; i >= 0 && (num[i] == '?' || num[i] == '#' || num[i] == '0'); i-- {
		numW++
	}
	a := math.Abs(n)
	whole := math.Floor(a)
	frac := a - whole
	fixed, err := strconv.Atoi(den)
	denW := len(den)
	var bn, bd int
	if err == nil && fixed > 0 {
		bd = fixed
		bn = int(math.Round(frac * float64(fixed)))
	} else {
		maxD := int(math.Pow10(min(denW, 4))) - 1
		best := math.Inf(1)
		for d := 1; d <= maxD; d++ {
			k := int(math.Round(frac * float64(d)))
			if diff := math.Abs(frac - float64(k)/float64(d)); diff < best-1e-12 {
				best, bn, bd = diff, k, d
			}
		}
	}
	if bn == bd && bd > 0 {
		whole++
		bn = 0
	}
	out := strconv.FormatFloat(whole, 'f', 0, 64)
	if whole == 0 && bn != 0 && strings.HasPrefix(strings.TrimLeft(num, " "), "#") {
		out = "" // # shows no zero before a fraction
	}
	if bn == 0 {
		out += " " + strings.Repeat(" ", numW+1+denW)
	} else {
		ns := strconv.Itoa(bn)
		ds := strconv.Itoa(bd)
		out += " " + strings.Repeat(" ", max(0, numW-len(ns))) + ns + "/" + ds + strings.Repeat(" ", max(0, denW-len(ds)))
	}
	if n < 0 && signed {
		out = "-" + out
	}
	return out
}

func pad0(s string, w int) string {
	for len(s) < w {
		s = "0" + s
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
