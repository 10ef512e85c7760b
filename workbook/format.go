package workbook

import (
	"strconv"
	"strings"
	"time"
)

// Cell value types as the reader tells them apart (the t attribute).
const (
	typeNumber     byte = iota // t="n", t="e" or none
	typeShared                 // t="s"
	typeInline                 // t="inlineStr"
	typeFormulaStr             // t="str"
	typeBool                   // t="b"
	typeDate                   // t="d"
	typeError                  // t="e"
)

// shownText returns the text a cell shows: its value formatted by the
// number format of its style (a custom code, or the code of a built-in
// format id), as Excel and LibreOffice show it: a number by renderNumber, a
// date or time, General, scientific notation or a fraction by formatOther,
// a text by the text section of the code (formatText). Values whose format
// leaves them as they are take a fast path.
func (p *pkg) shownText(v string, style int, typ byte) string {
	switch typ {
	case typeFormulaStr:
		return v
	case typeBool:
		switch v {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
		return v
	case typeNumber, typeError:
		v = generalNumber(v)
	case typeDate:
		v = dateSerial(v)
	}
	if style == 0 {
		return v
	}
	st, err := p.styleTable()
	if err != nil || style < 0 || style >= len(st.xfs) {
		return v
	}
	id := st.xfs[style].numFmt
	code, custom := "", false
	if nf, ok := st.numFmts[id]; ok {
		code, custom = nf.code, true
		if nf.code16 != "" {
			code = nf.code16
		}
	}
	text := typ == typeShared || typ == typeInline
	switch {
	case text && (!strings.Contains(code, "@") || code == "@") && (custom || id == 0 || id == 49):
		return v // a text value shows as it is unless a text section adds to it
	case !text && !custom && id == 0 && plainGeneral(v):
		return v
	case v == "":
		return v
	}
	if !custom {
		if code, custom = builtinFormats[id]; !custom {
			return v // an id without a code of its own (a locale's date) shows as stored
		}
	}
	// A value is formatted once for each style: columns repeat them.
	key := shownKey{style: style, typ: typ, v: v}
	if out, ok := p.shown[key]; ok {
		return out
	}
	out := formatCode(v, code, typ, text, p.date1904)
	if len(p.shown) < maxShownCache {
		if p.shown == nil {
			p.shown = map[shownKey]string{}
		}
		p.shown[key] = out
	}
	return out
}

// shownKey is what a formatted value depends on besides the package's date
// system.
type shownKey struct {
	style int
	typ   byte
	v     string
}

// maxShownCache bounds the formatted values a package keeps.
const maxShownCache = 4096

// formatCode formats a value by a number format code (see shownText).
func formatCode(v, code string, typ byte, text, date1904 bool) string {
	if text {
		return formatText(v, code)
	}
	if typ != typeDate {
		if s, ok := renderNumber(v, code); ok {
			return s
		}
	}
	return formatOther(v, code, date1904)
}

// generalNumber is excelize's reading of a stored number before formatting:
// the shortest decimal form, or 15 significant digits for longer ones.
// Anything excelize does not take for a number stays as it is.
func generalNumber(v string) string {
	if strings.Contains(v, "_") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if len(s)-strings.Count(s, ".") > 15 && !withinPrecision(v) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return s
}

func withinPrecision(v string) bool {
	if strings.ContainsAny(v, ".Ee") {
		return false
	}
	v = strings.TrimLeft(v, "+-0")
	return len(strings.TrimRight(v, "0")) <= 15
}

// plainGeneral reports whether the General format shows v unchanged: a
// non-negative decimal with at most 11 digits.
func plainGeneral(v string) bool {
	digits := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && i > 0 && i < len(v)-1:
		default:
			return false
		}
	}
	return digits > 0 && digits <= 11
}

// dateSerial turns an ISO 8601 date cell into the serial number excelize
// formats, as its reader does.
func dateSerial(v string) string {
	layout := "20060102T150405.999"
	if strings.HasSuffix(v, "Z") {
		layout = "20060102T150405Z"
		if strings.Contains(v, "-") {
			layout = "2006-01-02T15:04:05Z"
		}
	} else if strings.Contains(v, "-") {
		layout = "2006-01-02 15:04:05Z"
	}
	t, err := time.Parse(layout, strings.ReplaceAll(v, ",", "."))
	if err != nil {
		return v
	}
	days := t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
	return strconv.FormatFloat(days, 'G', 15, 64)
}
