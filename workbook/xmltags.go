package workbook

import (
	"bytes"
	"errors"
	"html"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
)

// The direct write-back edits XML parts as bytes: it finds the tags it
// changes and splices new text in, leaving every other byte as it was.
// xtag is one tag of a part, found by scanTags.
type xtag struct {
	name       string // qualified name as written ("c", "x:row")
	start, end int    // data[start:end] is the tag, from '<' to '>' included
	kind       byte   // tagStart, tagEnd or tagEmpty
}

const (
	tagStart = 's' // <name …>
	tagEnd   = 'e' // </name>
	tagEmpty = 'x' // <name …/>
)

// knownNames are the element names met most often in the parts edited.
var knownNames = map[string]string{}

func init() {
	for _, n := range []string{"row", "c", "v", "f", "is", "t", "r", "rPr", "rPh", "sz", "b", "color", "rFont",
		"family", "scheme", "charset", "font", "fill", "patternFill", "fgColor", "bgColor", "border", "left",
		"right", "top", "bottom", "diagonal", "xf", "alignment", "protection", "numFmt", "cellStyle", "dxf",
		"mergeCell", "col", "brk", "cfRule", "formula", "dataValidation", "formula1", "formula2", "hyperlink",
		"sheet", "definedName", "Relationship", "Override", "Default", "sheetData", "mergeCells", "cols"} {
		knownNames[n] = n
	}
}

// errMarkup is returned by scanTags for markup it does not edit (a document
// type) and for malformed tags.
var errMarkup = errors.New("markup not handled by the direct write-back")

// local returns a tag name without its namespace prefix.
func local(name string) string {
	if i := strings.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// scanTags calls fn with every element tag of data, in order, until fn
// returns false. Processing instructions, comments and CDATA sections are
// skipped (a CDATA section is text: textOf reads it); a document type is
// refused. Text between tags never holds a '<' in well-formed XML, so every
// other '<' it meets starts a tag.
func scanTags(data []byte, fn func(t xtag) bool) error {
	i := 0
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return nil
		}
		s := i + j
		if s+1 >= len(data) {
			return errMarkup
		}
		switch data[s+1] {
		case '?':
			e := bytes.Index(data[s:], []byte("?>"))
			if e < 0 {
				return errMarkup
			}
			i = s + e + 2
			continue
		case '!':
			end := ""
			switch {
			case bytes.HasPrefix(data[s:], []byte("<!--")):
				end = "-->"
			case bytes.HasPrefix(data[s:], []byte("<![CDATA[")):
				end = "]]>"
			default:
				return errMarkup
			}
			e := bytes.Index(data[s+2:], []byte(end))
			if e < 0 {
				return errMarkup
			}
			i = s + 2 + e + len(end)
			continue
		}
		t := xtag{start: s, kind: tagStart}
		n := s + 1
		if data[n] == '/' {
			t.kind = tagEnd
			n++
		}
		m := n
		for m < len(data) && !isSpace(data[m]) && data[m] != '>' && data[m] != '/' {
			m++
		}
		if m == n {
			return errMarkup
		}
		if name, ok := knownNames[string(data[n:m])]; ok {
			t.name = name // no new string for the names met on every row
		} else {
			t.name = string(data[n:m])
		}
		e, ok := tagClose(data, m)
		if !ok {
			return errMarkup
		}
		if t.kind == tagStart && data[e-1] == '/' {
			t.kind = tagEmpty
		}
		t.end = e + 1
		if !fn(t) {
			return nil
		}
		i = t.end
	}
}

// tagClose returns the index of the '>' closing the tag whose attributes
// start at i, skipping quoted attribute values.
func tagClose(data []byte, i int) (int, bool) {
	for i < len(data) {
		switch c := data[i]; c {
		case '>':
			return i, true
		case '"', '\'':
			k := bytes.IndexByte(data[i+1:], c)
			if k < 0 {
				return 0, false
			}
			i += k + 2
		default:
			i++
		}
	}
	return 0, false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// tagAttr is one attribute of a tag: its qualified name and raw (escaped)
// value.
type tagAttr struct{ name, raw string }

// tagAttrs returns the attributes of the tag text b ("<c r="A1" s="2">").
func tagAttrs(b []byte) []tagAttr {
	var out []tagAttr
	eachAttr(b, func(name, raw []byte) bool {
		out = append(out, tagAttr{string(name), string(raw)})
		return true
	})
	return out
}

// eachAttr calls fn with the name and raw value of each attribute of the
// tag text b until fn returns false.
func eachAttr(b []byte, fn func(name, raw []byte) bool) {
	i := 1
	for i < len(b) && !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
		i++
	}
	for i < len(b) {
		for i < len(b) && (isSpace(b[i]) || b[i] == '/' || b[i] == '>') {
			i++
		}
		n := i
		for i < len(b) && b[i] != '=' && !isSpace(b[i]) && b[i] != '>' {
			i++
		}
		name := b[n:i]
		for i < len(b) && (isSpace(b[i]) || b[i] == '=') {
			i++
		}
		if i >= len(b) || (b[i] != '"' && b[i] != '\'') {
			return
		}
		q := b[i]
		k := bytes.IndexByte(b[i+1:], q)
		if k < 0 {
			return
		}
		if !fn(name, b[i+1:i+1+k]) {
			return
		}
		i += k + 2
	}
}

// attrValue returns the unescaped value of the attribute with the given
// local name (an xmlns declaration is not an attribute), and whether the
// tag has it.
func attrValue(b []byte, name string) (value string, found bool) {
	eachAttr(b, func(n, raw []byte) bool {
		if bytes.HasPrefix(n, []byte("xmlns")) && string(n) != name {
			return true
		}
		if i := bytes.IndexByte(n, ':'); i >= 0 {
			n = n[i+1:]
		}
		if string(n) != name {
			return true
		}
		value, found = string(raw), true
		if bytes.IndexByte(raw, '&') >= 0 {
			value = html.UnescapeString(value)
		}
		return false
	})
	return value, found
}

// withAttrs rebuilds the start (or empty) tag b with the attributes set
// (raw values, already escaped) replaced or added and those in drop removed.
func withAttrs(b []byte, set [][2]string, drop ...string) []byte {
	name := b[1:]
	for i, c := range name {
		if isSpace(c) || c == '>' || c == '/' {
			name = name[:i]
			break
		}
	}
	empty := bytes.HasSuffix(b, []byte("/>"))
	var out bytes.Buffer
	out.WriteByte('<')
	out.Write(name)
	done := map[string]bool{}
outer:
	for _, a := range tagAttrs(b) {
		for _, d := range drop {
			if a.name == d {
				continue outer
			}
		}
		for _, s := range set {
			if a.name == s[0] {
				if !done[s[0]] {
					out.WriteString(" " + s[0] + `="` + s[1] + `"`)
					done[s[0]] = true
				}
				continue outer
			}
		}
		out.WriteString(" " + a.name + `="` + quotable(a.raw) + `"`)
	}
	for _, s := range set {
		if !done[s[0]] {
			out.WriteString(" " + s[0] + `="` + s[1] + `"`)
		}
	}
	if empty {
		out.WriteString("/>")
	} else {
		out.WriteByte('>')
	}
	return out.Bytes()
}

// asUTF8 returns an XML part in UTF-8: a part in UTF-16 (by its byte order
// mark) is decoded and its declaration made to say UTF-8, so that once
// edited it is written in UTF-8. A part declaring another encoding is
// refused unless it is plain ASCII, which reads the same in UTF-8.
func asUTF8(name string, data []byte) ([]byte, error) {
	switch {
	case len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF):
		if len(data)%2 != 0 {
			return nil, partError(name, i18n.New("UTF-16 编码不完整", "its UTF-16 encoding is incomplete"))
		}
		u := make([]uint16, (len(data)-2)/2)
		for i := range u {
			lo, hi := data[2+2*i], data[3+2*i]
			if data[0] == 0xFE {
				lo, hi = hi, lo
			}
			u[i] = uint16(lo) | uint16(hi)<<8
		}
		return withDeclaredUTF8([]byte(string(utf16.Decode(u)))), nil
	case len(data) >= 2 && (data[0] == 0 || data[1] == 0):
		return nil, partError(name, i18n.New("编码无法识别（无字节顺序标记的 UTF-16？）", "its encoding is not recognised (UTF-16 without a byte order mark?)"))
	}
	enc := declaredEncoding(data)
	switch strings.ToLower(enc) {
	case "", "utf-8", "utf8":
		return data, nil
	}
	for _, c := range data {
		if c >= 0x80 {
			return nil, partError(name, i18n.Errorf("编码 %s 不受支持", "its encoding %s is not supported", enc))
		}
	}
	return data, nil
}

// declaredEncoding returns the encoding an XML declaration names, "" when
// there is none.
func declaredEncoding(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	e := bytes.Index(data, []byte("?>"))
	if e < 0 {
		return ""
	}
	v, _ := attrValue(append(bytes.Clone(data[:e]), '>'), "encoding")
	return v
}

// withDeclaredUTF8 makes the XML declaration of data, if any, name UTF-8.
func withDeclaredUTF8(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	e := bytes.Index(data, []byte("?>"))
	if declaredEncoding(data) == "" || e < 0 {
		return data // UTF-8 is the default
	}
	decl := withAttrs(append(bytes.Clone(data[:e]), '>'), [][2]string{{"encoding", "UTF-8"}})
	out := append(decl[:len(decl)-1], data[e:]...)
	return out
}

// textOf returns the text of raw character data as written between two
// tags: references resolved, CDATA sections taken as they are, comments and
// processing instructions left out.
func textOf(raw []byte) string {
	if bytes.IndexByte(raw, '<') < 0 {
		if bytes.IndexByte(raw, '&') < 0 {
			return string(raw)
		}
		return html.UnescapeString(string(raw))
	}
	var b strings.Builder
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '<')
		if i < 0 {
			b.WriteString(html.UnescapeString(string(raw)))
			break
		}
		b.WriteString(html.UnescapeString(string(raw[:i])))
		raw = raw[i:]
		end := ">"
		switch {
		case bytes.HasPrefix(raw, []byte("<![CDATA[")):
			if e := bytes.Index(raw, []byte("]]>")); e >= 0 {
				b.Write(raw[9:e])
				raw = raw[e+3:]
				continue
			}
		case bytes.HasPrefix(raw, []byte("<!--")):
			end = "-->"
		case bytes.HasPrefix(raw, []byte("<?")):
			end = "?>"
		}
		e := bytes.Index(raw, []byte(end))
		if e < 0 {
			break
		}
		raw = raw[e+len(end):]
	}
	return b.String()
}

// quotable returns the raw value of an attribute as it may stand between
// double quotes: unchanged, or (a single-quoted value holding a '"')
// escaped again from its decoded value.
func quotable(raw string) string {
	if !strings.Contains(raw, `"`) {
		return raw
	}
	return xmlText(html.UnescapeString(raw))
}

// xmlText escapes s for element text or an attribute value.
func xmlText(s string) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		switch c := s[i]; {
		case c < 0x20, c == '&', c == '<', c == '>', c == '"', c == 0xEF: // 0xEF may start U+FFFE or U+FFFF
			plain = false
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\n':
			b.WriteString("&#10;")
		case '\r':
			b.WriteString("&#13;")
		case '\t':
			b.WriteString("&#9;")
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
				continue // not allowed in XML 1.0
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splice is one edit of a part: data[start:end] becomes text.
type splice struct {
	start, end int
	text       []byte
}

// applySplices returns data with the splices made. Splices must not
// overlap; several insertions at one place keep their order, before a
// replacement that starts there.
func applySplices(data []byte, sp []splice) []byte {
	// At one place an insertion goes before the element replaced there.
	sort.SliceStable(sp, func(i, j int) bool {
		if sp[i].start != sp[j].start {
			return sp[i].start < sp[j].start
		}
		return sp[i].end == sp[i].start && sp[j].end > sp[j].start
	})
	var out bytes.Buffer
	size := len(data)
	for _, s := range sp {
		size += len(s.text)
	}
	out.Grow(size)
	prev := 0
	for _, s := range sp {
		if s.start > prev {
			out.Write(data[prev:s.start])
		}
		out.Write(s.text)
		prev = max(prev, s.end)
	}
	out.Write(data[prev:])
	return out.Bytes()
}

// cellCoords is ooxml.ParseRef with an error: errMarkup for anything but
// an A1 reference within a worksheet's bounds.
func cellCoords(ref string) (col, row int, err error) {
	col, row, ok := ooxml.ParseRef(ref)
	if !ok {
		return 0, 0, errMarkup
	}
	return col, row, nil
}
