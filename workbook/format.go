package workbook

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"
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
// number format of its style, as Excel and LibreOffice show it: a number with
// a custom code by renderNumber, anything else as excelize's GetCellValue
// gives it. Values whose format
// leaves them as they are take a fast path; the others are formatted by a
// small excelize workbook kept for the purpose.
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
	if custom && !text && typ != typeDate {
		// Excelize misreads quoted literals, sections and conditions of
		// custom codes (0.00"(%)" shows as =10000%()): such a number is
		// shown as Excel and LibreOffice show it.
		if s, ok := renderNumber(v, code); ok {
			return s
		}
	}
	return formatters.get(p.date1904).format(v, text, id, code, custom)
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

// formatter formats values with excelize's own number-format code, on a
// one-cell workbook, for the values the fast paths do not cover.
type formatter struct {
	mu     sync.Mutex
	f      *excelize.File
	styles map[fmtStyle]int
	cache  map[fmtKey]string
}

type fmtStyle struct {
	id     int
	code   string
	custom bool
}

type fmtKey struct {
	fmtStyle
	text  bool
	value string
}

// maxFormatCache bounds the cache of formatted values.
const maxFormatCache = 1 << 14

type formatterPair struct {
	once [2]sync.Once
	f    [2]*formatter
}

var formatters formatterPair

func (fp *formatterPair) get(date1904 bool) *formatter {
	i := 0
	if date1904 {
		i = 1
	}
	fp.once[i].Do(func() {
		f := excelize.NewFile()
		if date1904 {
			t := true
			_ = f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &t})
		}
		fp.f[i] = &formatter{f: f, styles: map[fmtStyle]int{}, cache: map[fmtKey]string{}}
	})
	return fp.f[i]
}

func (x *formatter) format(v string, text bool, id int, code string, custom bool) string {
	key := fmtKey{fmtStyle{id, code, custom}, text, v}
	x.mu.Lock()
	defer x.mu.Unlock()
	if s, ok := x.cache[key]; ok {
		return s
	}
	st, ok := x.styles[key.fmtStyle]
	if !ok {
		// Unlocked, so that even General gets a style id of its own: excelize
		// shows the value of a cell with style 0 unformatted.
		style := &excelize.Style{NumFmt: id, Protection: &excelize.Protection{}}
		if custom {
			c := code
			style.CustomNumFmt = &c
		}
		var err error
		if st, err = x.f.NewStyle(style); err != nil {
			return v
		}
		x.styles[key.fmtStyle] = st
	}
	const sh, at = "Sheet1", "A1"
	var err error
	if text {
		err = x.f.SetCellStr(sh, at, v)
	} else {
		err = x.f.SetCellDefault(sh, at, v)
	}
	if err != nil {
		return v
	}
	if err := x.f.SetCellStyle(sh, at, at, st); err != nil {
		return v
	}
	out, err := x.f.GetCellValue(sh, at)
	if err != nil {
		return v
	}
	if len(x.cache) >= maxFormatCache {
		clear(x.cache)
	}
	x.cache[key] = out
	return out
}
