package workbook

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
)

// normalize prepares cell text for label matching: full-width characters
// fold to half-width, all whitespace (line breaks included) goes, and a
// trailing colon is dropped.
func normalize(s string) string {
	s = value.FoldWidth(s)
	if !needsStrip(s) {
		return strings.TrimRight(s, ":") // nothing to remove: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), ":")
}

// needsStrip reports whether normalize has to rebuild s: it holds a
// space, a zero-width space or BOM, or bytes that are not UTF-8 (which
// the rebuilt text writes as U+FFFD).
func needsStrip(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c <= ' ' && (c == ' ' || c >= '\t' && c <= '\r') {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return true
		}
		i += n
	}
	return false
}

// pointsSuffix is a trailing weight such as "(36分)" after normalize.
var pointsSuffix = regexp.MustCompile(`\(\d+(\.\d+)?分\)$`)

// ordinal is a leading list number such as "一、" or "1." after normalize.
var ordinal = regexp.MustCompile(`^([一二三四五六七八九十]+[、.]|\d+[、.])`)

// stripPoints removes a trailing "(NN分)" from normalised text, and a leading
// list number: a group label as typed by hand, "一、投入与管理(36分)".
func stripPoints(n string) string {
	// Each expression runs only on a text it can match: one ending in 分),
	// one starting with a digit or a Chinese numeral.
	if strings.HasSuffix(n, "分)") {
		n = pointsSuffix.ReplaceAllString(n, "")
	}
	if n != "" && (n[0] >= '0' && n[0] <= '9' || strings.ContainsRune("一二三四五六七八九十", firstRune(n))) {
		n = ordinal.ReplaceAllString(n, "")
	}
	return n
}

// firstRune is the first rune of s, utf8.RuneError for none.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// labelSet is a label and its aliases, normalised.
type labelSet []string

func labels(label string, aliases ...string) labelSet {
	out := labelSet{normalize(label)}
	for _, a := range aliases {
		out = append(out, normalize(a))
	}
	return out
}

// match reports whether normalised text n is one of the labels, also when
// either carries a trailing note in brackets: 全年预算数(A), 执行率(B/A),
// 执行率(%), 偏差原因分析及改进措施(如有) match their bare labels.
func (l labelSet) match(n string) bool {
	if n == "" {
		return false
	}
	b := bare(n)
	// 主管部门及代码: the label of a value printed with its code.
	for _, suf := range []string{"及代码", "及编码", "(代码)", "代码"} {
		if t, ok := strings.CutSuffix(b, suf); ok && t != "" {
			b = t
			break
		}
	}
	for _, x := range l {
		if n == x || b != "" && b == bare(x) {
			return true
		}
	}
	return false
}

// bare removes trailing notes from normalised label text: a bracketed note
// of one to six characters, without brackets inside, at the end ((A),
// (B/A), (%), (万元), (如有)), as often as there is one. It is on the path of
// every label comparison, so it scans rather than runs a regular expression.
func bare(n string) string {
	for strings.HasSuffix(n, ")") {
		i := strings.LastIndexByte(n, '(')
		if i < 0 {
			return n
		}
		inner := n[i+1 : len(n)-1]
		if k := utf8.RuneCountInString(inner); k < 1 || k > 6 || strings.ContainsRune(inner, ')') {
			return n
		}
		n = n[:i]
	}
	return n
}

// prefix reports whether n starts with one of the labels of four or more
// characters: a header such as "偏差原因分析及改进措施（如有）".
func (l labelSet) prefix(n string) bool {
	for _, x := range l {
		if len([]rune(x)) >= 4 && strings.HasPrefix(n, x) {
			return true
		}
	}
	return false
}

// knownLabels returns every label text of a kind, normalised: a value search
// stops at one of them. The map is made once for each built-in kind (kinds
// with a profile's label variants are made for each read) and must not be
// changed.
func knownLabels(k *form.Kind) map[string]bool {
	builtin := form.Lookup(k.Name) == k
	if builtin {
		if m, ok := knownCache.Load(k); ok {
			return m.(map[string]bool)
		}
	}
	out := makeKnownLabels(k)
	if builtin {
		knownCache.Store(k, out)
	}
	return out
}

var knownCache sync.Map // *form.Kind → map[string]bool, for the built-in kinds

func makeKnownLabels(k *form.Kind) map[string]bool {
	out := map[string]bool{}
	add := func(l labelSet) {
		for _, x := range l {
			out[x] = true
		}
	}
	for _, list := range [][]form.Field{k.Fields, k.Footer} {
		for _, fd := range list {
			add(labels(fd.Label, fd.Aliases...))
		}
	}
	if g := k.Grid; g != nil {
		add(labels(g.Label))
		for _, c := range g.Cols {
			add(labels(c.Label, c.Aliases...))
		}
		for _, r := range g.Rows {
			add(labels(r.Label, r.Aliases...))
		}
	}
	for _, c := range k.Table.Columns {
		add(labels(c.Label, c.Aliases...))
	}
	add(labels(k.Table.End, k.Table.EndAlias...))
	for _, st := range k.Statics {
		add(labels(st.Text))
	}
	return out
}

// findLabel returns the first cell, in row-major order within rows
// [from, to), whose text is one of the labels. Cells inside a merged range
// other than its top-left are not candidates.
func (s *sheet) findLabel(l labelSet, from, to int) (int, int, bool) {
	to = min(to, s.rows())
	for r := max(from, 0); r < to; r++ {
		for c := 0; c < s.width(r); c++ {
			if s.own(r, c) == "" {
				continue
			}
			if l.match(s.norm(r, c)) {
				return r, c, true
			}
		}
	}
	return 0, 0, false
}

// findLabelIn searches rows [from, to) first and then the whole sheet.
func (s *sheet) findLabelIn(l labelSet, from, to int) (int, int, bool) {
	if r, c, ok := s.findLabel(l, from, to); ok {
		return r, c, true
	}
	return s.findLabel(l, 0, s.rows())
}

// textBeside returns the at-th text (from 0) right of a label of l above
// row to, each text a cell or merged range that is no known label: the
// texts of a block whose label stands left of them without heads of their
// own.
func (s *sheet) textBeside(l labelSet, at, to int, known map[string]bool) (form.Cell, bool) {
	r, c, ok := s.findLabel(l, 0, to)
	if !ok {
		return form.Cell{}, false
	}
	if a, ok := s.merge(r, c); ok {
		c = a.c2
	}
	n := 0
	for x := c + 1; x < s.width(r); x++ {
		if or, oc := s.origin(r, x); or != r || oc != x || s.blank(r, x) || known[s.norm(r, x)] {
			continue
		}
		if n == at {
			return s.cell(r, x), true
		}
		n++
	}
	return form.Cell{}, false
}

// valueRight locates the value of a label at (r, c): the first cell right of
// the label's merged range; when that is blank, the first non-blank cell
// further right (up to limit columns) that is not a known label, stopping at
// a known label. It returns the first cell's position when nothing is found.
func (s *sheet) valueRight(r, c, limit int, known map[string]bool) (int, int) {
	end := c
	if a, ok := s.merge(r, c); ok {
		end = a.c2
	}
	first := end + 1
	if !s.blank(r, first) {
		return s.origin(r, first)
	}
	limit = max(limit, s.width(r))
	for x := first + 1; x < limit; x++ {
		if s.blank(r, x) {
			continue
		}
		if known[s.norm(r, x)] {
			break
		}
		return s.origin(r, x)
	}
	return s.origin(r, first)
}

// valueBelow locates the value of a label at (r, c): the cell under the
// label's merged range, in its first column; when that is blank (a row a
// person inserted), the first non-blank cell further down before row limit
// that is not a known label, stopping at a known label. It returns the first
// cell's position when nothing is found.
func (s *sheet) valueBelow(r, c, limit int, known map[string]bool) (int, int) {
	below := r + 1
	if a, ok := s.merge(r, c); ok {
		below = a.r2 + 1
	}
	if !s.blank(below, c) {
		return s.origin(below, c)
	}
	for y := below + 1; y < min(limit, s.rows()); y++ {
		if s.blank(y, c) {
			continue
		}
		if known[s.norm(y, c)] {
			break
		}
		return s.origin(y, c)
	}
	return s.origin(below, c)
}

// inlineValue finds a cell in rows [from, to) that holds a label and its
// value together, 项目名称：某某项目, and returns the value with the cell's
// place.
func (s *sheet) inlineValue(l labelSet, from, to int) (form.Cell, bool) {
	to = min(to, s.rows())
	for r := max(from, 0); r < to; r++ {
		for c := 0; c < s.width(r); c++ {
			text := s.own(r, c)
			i := strings.IndexAny(text, ":：")
			if i <= 0 {
				continue
			}
			_, n := utf8.DecodeRuneInString(text[i:])
			rest := strings.TrimSpace(text[i+n:])
			if rest == "" || !l.match(normalize(text[:i])) {
				continue
			}
			cell := s.cell(r, c)
			cell.Text, cell.Raw = rest, rest
			return cell, true
		}
	}
	return form.Cell{}, false
}
