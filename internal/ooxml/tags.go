package ooxml

import (
	"bytes"
	"errors"
	"html"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// A part is edited as bytes: the editor finds the tags it changes
// (ScanTags) and splices new text in (ApplySplices), leaving every other
// byte as it was. Tag is one tag of a part, found by ScanTags.
type Tag struct {
	Name       string // qualified name as written ("c", "x:row")
	Start, End int    // data[Start:End] is the tag, from '<' to '>' included
	Kind       byte   // tagStart, tagEnd or tagEmpty
}

const (
	TagStart = 's' // <name …>
	TagEnd   = 'e' // </name>
	TagEmpty = 'x' // <name …/>
)

// knownNames are the element names met most often in the parts edited.
var knownNames = map[string]string{}

func init() {
	for _, n := range []string{"row", "c", "v", "f", "is", "t", "r", "rPr", "rPh", "sz", "b", "color", "rFont",
		"family", "scheme", "charset", "font", "fill", "patternFill", "fgColor", "bgColor", "border", "left",
		"right", "top", "bottom", "diagonal", "xf", "alignment", "protection", "numFmt", "cellStyle", "dxf",
		"mergeCell", "col", "brk", "cfRule", "formula", "dataValidation", "formula1", "formula2", "hyperlink",
		"sheet", "definedName", "Relationship", "Override", "Default", "sheetData", "mergeCells", "cols",
		// the other children of the parts the write-back edits
		"worksheet", "sheetPr", "dimension", "sheetViews", "sheetView", "selection", "pane", "sheetFormatPr",
		"sheetProtection", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
		"pageMargins", "pageSetup", "headerFooter", "oddHeader", "oddFooter", "rowBreaks", "colBreaks",
		"drawing", "legacyDrawing", "pageSetUpPr", "outlinePr", "tabColor", "extLst", "ext",
		"styleSheet", "numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
		"dxfs", "tableStyles", "colors", "indexedColors", "rgbColor", "name", "u", "i", "vertAlign",
		"workbook", "fileVersion", "workbookPr", "bookViews", "workbookView", "sheets", "definedNames",
		"calcPr", "Types", "Relationships", "comments", "authors", "author", "commentList", "comment", "text"} {
		knownNames[n] = n
	}
}

// ErrMarkup is returned by ScanTags for markup it does not edit (a document
// type) and for malformed tags.
var ErrMarkup = errors.New("markup not handled by the XML editor")

// Local returns a tag name without its namespace prefix.
func Local(name string) string {
	if i := strings.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// ScanTags calls fn with every element tag of data, in order, until fn
// returns false. It is the tokenizer of ScanXML in its tags mode: text is
// passed over, processing instructions, comments and CDATA sections are
// skipped (a CDATA section is text: TextOf reads it); a document type is
// refused. Text between tags never holds a '<' in well-formed XML, so every
// other '<' it meets starts a tag.
func ScanTags(data []byte, fn func(t Tag) bool) error {
	s := xscan{data: data, tags: true}
	for {
		tok, err := s.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		t := Tag{Start: tok.Start, End: tok.End, Kind: TagStart}
		switch {
		case tok.Kind == EndToken && tok.Start == tok.End:
			continue // the end of a tag that closed itself
		case tok.Kind == EndToken:
			t.Kind = TagEnd
		case tok.Empty:
			t.Kind = TagEmpty
		}
		t.Name = internName(tok.Local)
		if !fn(t) {
			return nil
		}
	}
}

// internName is the tag name b, without a new string for the names met
// most: those of every row and cell are compared first, without hashing.
func internName(b []byte) string {
	switch len(b) {
	case 1:
		switch b[0] {
		case 'c':
			return "c"
		case 'v':
			return "v"
		case 'f':
			return "f"
		}
	case 3:
		if string(b) == "row" {
			return "row"
		}
	}
	if name, ok := knownNames[string(b)]; ok {
		return name
	}
	return string(b)
}

// TagClose returns the index of the '>' closing the tag whose attributes
// start at i, skipping quoted attribute values.
func TagClose(data []byte, i int) (int, bool) {
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

// TagAttr is one attribute of a tag: its qualified name and raw (escaped)
// value.
type TagAttr struct{ Name, Raw string }

// TagAttrs returns the attributes of the tag text b ("<c r="A1" s="2">").
func TagAttrs(b []byte) []TagAttr {
	var out []TagAttr
	EachAttr(b, func(name, raw []byte) bool {
		out = append(out, TagAttr{string(name), string(raw)})
		return true
	})
	return out
}

// EachAttr calls fn with the name and raw value of each attribute of the
// tag text b until fn returns false.
func EachAttr(b []byte, fn func(name, raw []byte) bool) {
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

// AttrValue returns the unescaped value of the attribute with the given
// local name (an xmlns declaration is not an attribute), and whether the
// tag has it.
func AttrValue(b []byte, name string) (value string, found bool) {
	raw, found := AttrRaw(b, name)
	if !found {
		return "", false
	}
	value = string(raw)
	if bytes.IndexByte(raw, '&') >= 0 {
		value = html.UnescapeString(value)
	}
	return value, true
}

// AttrRaw is AttrValue's value as written in b, not unescaped and not
// copied.
func AttrRaw(b []byte, name string) (raw []byte, found bool) {
	EachAttr(b, func(n, v []byte) bool {
		if bytes.HasPrefix(n, []byte("xmlns")) && string(n) != name {
			return true
		}
		if i := bytes.IndexByte(n, ':'); i >= 0 {
			n = n[i+1:]
		}
		if string(n) != name {
			return true
		}
		raw, found = v, true
		return false
	})
	return raw, found
}

// WithAttrs rebuilds the start (or empty) tag b with the attributes set
// (raw values, already escaped) replaced or added and those in drop removed.
func WithAttrs(b []byte, set [][2]string, drop ...string) []byte {
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
	for _, a := range TagAttrs(b) {
		for _, d := range drop {
			if a.Name == d {
				continue outer
			}
		}
		for _, s := range set {
			if a.Name == s[0] {
				if !done[s[0]] {
					out.WriteString(" " + s[0] + `="` + s[1] + `"`)
					done[s[0]] = true
				}
				continue outer
			}
		}
		out.WriteString(" " + a.Name + `="` + Quotable(a.Raw) + `"`)
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

// TextOf returns the text of raw character data as written between two
// tags: references resolved, CDATA sections taken as they are, comments and
// processing instructions left out.
func TextOf(raw []byte) string {
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

// Quotable returns the raw value of an attribute as it may stand between
// double quotes: unchanged, or (a single-quoted value holding a '"')
// escaped again from its decoded value.
func Quotable(raw string) string {
	if !strings.Contains(raw, `"`) {
		return raw
	}
	return EscapeText(html.UnescapeString(raw))
}

// EscapeText escapes s for element text or an attribute value.
func EscapeText(s string) string {
	if plainText(s) {
		return s
	}
	return string(appendEscaped(make([]byte, 0, len(s)+16), s))
}

// AppendEscaped appends s escaped as EscapeText escapes it to dst.
func AppendEscaped(dst []byte, s string) []byte {
	if plainText(s) {
		return append(dst, s...)
	}
	return appendEscaped(dst, s)
}

// plainText reports whether s needs no escaping.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '&', c == '<', c == '>', c == '"':
			return false
		case c == 0xEF: // U+FFFE and U+FFFF are EF BF BE and EF BF BF; full-width punctuation (EF BC …) is plain
			if i+2 < len(s) && s[i+1] == 0xBF && s[i+2] >= 0xBE {
				return false
			}
		}
	}
	return true
}

func appendEscaped(b []byte, s string) []byte {
	for _, r := range s {
		switch r {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		case '\n':
			b = append(b, "&#10;"...)
		case '\r':
			b = append(b, "&#13;"...)
		case '\t':
			b = append(b, "&#9;"...)
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
				continue // not allowed in XML 1.0
			}
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// Splice is one edit of a part: data[start:end] becomes text.
type Splice struct {
	Start, End int
	Text       []byte
}

// ApplySplices returns data with the splices made. Splices must not
// overlap; several insertions at one place keep their order, before a
// replacement that starts there.
func ApplySplices(data []byte, sp []Splice) []byte {
	size := len(data)
	for _, s := range sp {
		size += len(s.Text)
	}
	return AppendSplices(make([]byte, 0, size), data, sp)
}

// AppendSplices is ApplySplices appending the result to dst (which must
// not overlap data).
func AppendSplices(dst, data []byte, sp []Splice) []byte {
	// At one place an insertion goes before the element replaced there.
	sortSplices(sp)
	prev := 0
	for _, s := range sp {
		if s.Start > prev {
			dst = append(dst, data[prev:s.Start]...)
		}
		dst = append(dst, s.Text...)
		prev = max(prev, s.End)
	}
	return append(dst, data[prev:]...)
}

// WriteSplices writes ApplySplices(data, sp) to w piece by piece, the
// pieces of data kept written from data itself: a large part is never
// held whole.
func WriteSplices(w io.Writer, data []byte, sp []Splice) error {
	sortSplices(sp)
	prev := 0
	for _, s := range sp {
		if s.Start > prev {
			if _, err := w.Write(data[prev:s.Start]); err != nil {
				return err
			}
		}
		if len(s.Text) > 0 {
			if _, err := w.Write(s.Text); err != nil {
				return err
			}
		}
		prev = max(prev, s.End)
	}
	_, err := w.Write(data[prev:])
	return err
}

// sortSplices puts the splices in the order they are made: by place, an
// insertion before the element replaced there.
func sortSplices(sp []Splice) {
	sort.SliceStable(sp, func(i, j int) bool {
		if sp[i].Start != sp[j].Start {
			return sp[i].Start < sp[j].Start
		}
		return sp[i].End == sp[i].Start && sp[j].End > sp[j].Start
	})
}
