package ooxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"unicode/utf8"
)

// The parts a spreadsheet is read from (worksheet, shared strings, styles, workbook
// and relationships) are tokenised by xscan, a byte-level scanner that takes
// the plain XML Office writes and refuses everything else: DOCTYPE and other
// directives, names that are not ASCII, entities other than the five
// predefined ones and character references, and every input encoding/xml
// refuses. When it refuses a part, the part is read again, from the start,
// with encoding/xml's RawToken (scanParts), so that what is accepted and
// every error message stay exactly encoding/xml's. On what it accepts it
// gives the tokens RawToken gives, without comments and processing
// instructions: the fuzz and differential tests hold it to that.

type TokenKind uint8

const (
	StartToken TokenKind = iota + 1
	EndToken
	TextToken
)

// Token is one token: a start tag with its attributes, an end tag, or
// character data (a CDATA section is character data too). Names are split
// at their colon as RawToken splits them: space is the prefix. Start and
// End are its byte offsets in the input: input[Start:End] is the token as
// written (for a tag, from '<' to '>'); a tag that closes itself (<a/>)
// is a start token with Empty set and an end token of no width
// (Start == End). Its slices are valid until the next token is asked for.
type Token struct {
	Kind         TokenKind
	Empty        bool // a start tag that closes itself
	Space, Local []byte
	Attrs        []Attr
	Text         []byte
	Start, End   int
}

type Attr struct{ Space, Local, Value []byte }

// Attr returns the value of the attribute with the given local name (any
// prefix), nil when there is none.
func (t *Token) Attr(local string) []byte {
	for i := range t.Attrs {
		if string(t.Attrs[i].Local) == local {
			return t.Attrs[i].Value
		}
	}
	return nil
}

// Tokens is a source of tokens; Next returns io.EOF after the last one.
type Tokens interface {
	Next() (*Token, error)
}

// errRefused is xscan's only error: the part is left to encoding/xml.
var errRefused = errors.New("xscan: input left to encoding/xml")

// StdOnly makes ScanXML use encoding/xml alone (for tests that compare).
var StdOnly bool

// ScanXML runs fn over the tokens of data read by xscan; when xscan refuses
// the input, fn runs again from the start over encoding/xml's tokens. fn must
// start from a clean state each time it is called.
func ScanXML(data []byte, fn func(Tokens) error) error {
	if StdOnly {
		return fn(&stdTokens{d: xml.NewDecoder(bytes.NewReader(data)), data: data})
	}
	s := &xscan{data: data}
	err := fn(s)
	if s.err == nil {
		return err
	}
	return fn(&stdTokens{d: xml.NewDecoder(bytes.NewReader(data)), data: data})
}

// xscan tokenises a byte slice; see the top of this file. In tags mode
// (ScanTags, the editor's scan) it gives only the tags, with their offsets
// and qualified names as written, and reads them as the editor takes them:
// text, attribute values and names are not checked or decoded, comments and
// processing instructions are skipped to their end, and what it cannot
// read is an error (ErrMarkup), never a fallback.
type xscan struct {
	data    []byte
	pos     int
	pending bool // the last start tag closed itself: its end comes next
	tags    bool // tags mode
	tok     Token
	buf     []byte // decoded text and attribute values of the current token
	err     error
}

func (s *xscan) refuse() (*Token, error) {
	s.err = errRefused
	if s.tags {
		s.err = ErrMarkup
	}
	return nil, s.err
}

func (s *xscan) Next() (*Token, error) {
	if s.err != nil {
		return nil, s.err
	}
	t := &s.tok
	if s.pending {
		s.pending = false
		t.Kind, t.Empty, t.Attrs, t.Text, t.Start = EndToken, false, t.Attrs[:0], nil, t.End
		return t, nil
	}
	d := s.data
	for {
		if s.pos >= len(d) {
			return nil, io.EOF
		}
		s.buf = s.buf[:0]
		p := s.pos
		if d[p] != '<' {
			end := p + bytes.IndexByte(d[p:], '<')
			if end < p {
				end = len(d)
			}
			if s.tags {
				s.pos = end // text is not a tag
				continue
			}
			text, ok := s.text(d[p:end], inData)
			if !ok {
				return s.refuse()
			}
			s.pos = end
			t.Kind, t.Empty, t.Space, t.Local, t.Attrs, t.Text, t.Start, t.End = TextToken, false, nil, nil, t.Attrs[:0], text, p, end
			return t, nil
		}
		p++
		if p >= len(d) {
			return s.refuse()
		}
		switch d[p] {
		case '/':
			if s.tags {
				return s.rawTag(p-1, p+1, EndToken)
			}
			space, local, q, ok := scanName(d, p+1)
			if !ok {
				return s.refuse()
			}
			q = skipSpace(d, q)
			if q >= len(d) || d[q] != '>' {
				return s.refuse()
			}
			s.pos = q + 1
			t.Kind, t.Empty, t.Space, t.Local, t.Attrs, t.Text, t.Start, t.End = EndToken, false, space, local, t.Attrs[:0], nil, p-1, q+1
			return t, nil
		case '?':
			if s.tags {
				end := bytes.Index(d[p:], []byte("?>"))
				if end < 0 {
					return s.refuse()
				}
				s.pos = p + end + 2
				continue
			}
			_, target, q, ok := scanName(d, p+1)
			if !ok {
				return s.refuse()
			}
			end := bytes.Index(d[skipSpace(d, q):], []byte("?>"))
			if end < 0 {
				return s.refuse()
			}
			end += skipSpace(d, q) + 2
			if string(target) == "xml" && !declOK(d[s.pos:end]) {
				return s.refuse()
			}
			s.pos = end
			continue
		case '!':
			switch {
			case s.tags && bytes.HasPrefix(d[p:], []byte("!--")):
				i := bytes.Index(d[p+1:], []byte("-->"))
				if i < 0 {
					return s.refuse()
				}
				s.pos = p + 1 + i + 3
				continue
			case s.tags && bytes.HasPrefix(d[p:], []byte("![CDATA[")):
				i := bytes.Index(d[p+1:], []byte("]]>"))
				if i < 0 {
					return s.refuse()
				}
				s.pos = p + 1 + i + 3
				continue
			case bytes.HasPrefix(d[p:], []byte("!--")):
				q := p + 3
				i := bytes.Index(d[q:], []byte("--"))
				if i < 0 || q+i+2 >= len(d) || d[q+i+2] != '>' {
					return s.refuse()
				}
				s.pos = q + i + 3
				continue
			case bytes.HasPrefix(d[p:], []byte("![CDATA[")):
				q := p + 8
				i := bytes.Index(d[q:], []byte("]]>"))
				if i < 0 {
					return s.refuse()
				}
				text, ok := s.text(d[q:q+i], inCDATA)
				if !ok {
					return s.refuse()
				}
				s.pos = q + i + 3
				if len(text) == 0 {
					continue // encoding/xml gives no token for an empty section
				}
				t.Kind, t.Empty, t.Space, t.Local, t.Attrs, t.Text, t.Start, t.End = TextToken, false, nil, nil, t.Attrs[:0], text, p-1, s.pos
				return t, nil
			}
			return s.refuse() // a directive, or not XML
		}
		if s.tags {
			return s.rawTag(p-1, p, StartToken)
		}
		return s.startTag(p)
	}
}

// rawTag reads, in tags mode, the tag that starts at start and whose name
// begins at n: the name runs to a space, '>' or '/', the tag to the '>'
// outside quotes. The name is given whole in Local.
func (s *xscan) rawTag(start, n int, kind TokenKind) (*Token, error) {
	d, t := s.data, &s.tok
	m := n
	for m < len(d) && !isSpace(d[m]) && d[m] != '>' && d[m] != '/' {
		m++
	}
	if m == n {
		return s.refuse()
	}
	e, ok := TagClose(d, m)
	if !ok {
		return s.refuse()
	}
	t.Kind, t.Empty, t.Space, t.Local, t.Attrs, t.Text, t.Start, t.End = kind, false, nil, d[n:m], t.Attrs[:0], nil, start, e+1
	if kind == StartToken && d[e-1] == '/' {
		t.Empty, s.pending = true, true
	}
	s.pos = e + 1
	return t, nil
}

// startTag reads the start tag whose name begins at p.
func (s *xscan) startTag(p int) (*Token, error) {
	d, t := s.data, &s.tok
	space, local, q, ok := scanName(d, p)
	if !ok {
		return s.refuse()
	}
	attrs := t.Attrs[:0]
	for {
		q = skipSpace(d, q)
		if q >= len(d) {
			return s.refuse()
		}
		switch d[q] {
		case '>':
			s.pos = q + 1
			t.Kind, t.Empty, t.Space, t.Local, t.Attrs, t.Text, t.Start, t.End = StartToken, false, space, local, attrs, nil, p-1, q+1
			return t, nil
		case '/':
			if q+1 >= len(d) || d[q+1] != '>' {
				return s.refuse()
			}
			s.pos, s.pending = q+2, true
			t.Kind, t.Empty, t.Space, t.Local, t.Attrs, t.Text, t.Start, t.End = StartToken, true, space, local, attrs, nil, p-1, q+2
			return t, nil
		}
		var a Attr
		if a.Space, a.Local, q, ok = scanName(d, q); !ok {
			return s.refuse()
		}
		if q = skipSpace(d, q); q >= len(d) || d[q] != '=' {
			return s.refuse()
		}
		if q = skipSpace(d, q+1); q >= len(d) || d[q] != '"' && d[q] != '\'' {
			return s.refuse()
		}
		end := bytes.IndexByte(d[q+1:], d[q])
		if end < 0 {
			return s.refuse()
		}
		raw := d[q+1 : q+1+end]
		if bytes.IndexByte(raw, '<') >= 0 {
			return s.refuse()
		}
		if a.Value, ok = s.text(raw, inAttr); !ok {
			return s.refuse()
		}
		attrs = append(attrs, a)
		q += end + 2
	}
}

// Kinds of text for xscan.text.
const (
	inData  = iota // character data: entities decoded, "]]>" refused
	inAttr         // an attribute value: entities decoded
	inCDATA        // a CDATA section: nothing decoded
)

// text checks and decodes raw text of the given kind: entities and
// character references (not in CDATA), CR LF and lone CR read as LF, every
// character a legal XML character. It returns raw itself when there is
// nothing to decode.
func (s *xscan) text(raw []byte, kind int) ([]byte, bool) {
	plain := true
	for i := 0; i < len(raw); {
		c := raw[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && n == 1 || !xmlChar(r) {
				return nil, false
			}
			i += n
			continue
		}
		switch {
		case c == '\r' || c == '&' && kind != inCDATA:
			plain = false
		case c == ']':
			if kind == inData && bytes.HasPrefix(raw[i:], []byte("]]>")) {
				return nil, false
			}
		case c < 0x20 && c != '\t' && c != '\n':
			return nil, false
		}
		i++
	}
	if plain {
		return raw, true
	}
	start := len(s.buf)
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\r':
			s.buf = append(s.buf, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case '&':
			if kind == inCDATA {
				s.buf = append(s.buf, c)
				continue
			}
			end := bytes.IndexByte(raw[i:], ';')
			if end < 0 {
				return nil, false
			}
			r, ok := entity(raw[i+1 : i+end])
			if !ok {
				return nil, false
			}
			s.buf = utf8.AppendRune(s.buf, r)
			i += end
		default:
			s.buf = append(s.buf, c)
		}
	}
	return s.buf[start:], true
}

// entity decodes the name of an entity or character reference (between &
// and ;) as encoding/xml does, refusing what it would refuse.
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' || len(name) > 12 {
		return 0, false
	}
	digits, base := name[1:], uint64(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, false
	}
	var n uint64 // at most 11 digits: no overflow
	for _, c := range digits {
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case base == 16 && 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		n = n*base + uint64(d)
	}
	if n > utf8.MaxRune {
		return 0, false
	}
	r := rune(n)
	if 0xD800 <= r && r <= 0xDFFF {
		r = utf8.RuneError // string(rune(n)) in encoding/xml
	}
	return r, xmlChar(r)
}

// xmlChar reports whether r may appear in an XML document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// scanName reads an ASCII XML name starting at p, split at a single inner
// colon, and returns the offset after it. Names encoding/xml reads another
// way (non-ASCII, several colons, a colon at an end) are refused.
func scanName(d []byte, p int) (space, local []byte, end int, ok bool) {
	if p >= len(d) {
		return nil, nil, p, false
	}
	if c := d[p]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_') {
		return nil, nil, p, false
	}
	colon := -1
	q := p + 1
	for ; q < len(d); q++ {
		c := d[q]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-' {
			continue
		}
		if c == ':' {
			if colon >= 0 {
				return nil, nil, q, false
			}
			colon = q
			continue
		}
		if c >= utf8.RuneSelf {
			return nil, nil, q, false
		}
		break
	}
	if q >= len(d) || colon == q-1 {
		return nil, nil, q, false
	}
	if colon < 0 {
		return nil, d[p:q], q, true
	}
	return d[p:colon], d[colon+1 : q], q, true
}

func skipSpace(d []byte, p int) int {
	for p < len(d) && (d[p] == ' ' || d[p] == '\t' || d[p] == '\r' || d[p] == '\n') {
		p++
	}
	return p
}

// declOK reports whether encoding/xml takes an XML declaration (it refuses
// versions other than 1.0 and encodings other than UTF-8).
func declOK(decl []byte) bool {
	for _, common := range commonDecls {
		if string(decl) == common {
			return true
		}
	}
	d := xml.NewDecoder(bytes.NewReader(decl))
	_, err := d.RawToken()
	return err == nil
}

// commonDecls are the declarations Excel, LibreOffice, openpyxl and
// excelize write, taken without asking encoding/xml.
var commonDecls = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
	`<?xml version="1.0" encoding="UTF-8"?>`,
	`<?xml version='1.0' encoding='UTF-8'?>`,
	`<?xml version="1.0" encoding="utf-8"?>`,
	`<?xml version='1.0' encoding='utf-8'?>`,
}

// stdTokens gives encoding/xml's RawToken tokens as xtokens.
type stdTokens struct {
	d    *xml.Decoder
	data []byte
	tok  Token
}

func (s *stdTokens) Next() (*Token, error) {
	for {
		start := int(s.d.InputOffset())
		tok, err := s.d.RawToken()
		if err != nil {
			return nil, err
		}
		t := &s.tok
		t.Start, t.End, t.Empty = start, int(s.d.InputOffset()), false
		switch x := tok.(type) {
		case xml.StartElement:
			t.Kind, t.Space, t.Local, t.Text = StartToken, []byte(x.Name.Space), []byte(x.Name.Local), nil
			t.Empty = t.End >= 2 && t.End <= len(s.data) && s.data[t.End-2] == '/'
			t.Attrs = t.Attrs[:0]
			for _, a := range x.Attr {
				t.Attrs = append(t.Attrs, Attr{[]byte(a.Name.Space), []byte(a.Name.Local), []byte(a.Value)})
			}
			return t, nil
		case xml.EndElement:
			t.Kind, t.Space, t.Local, t.Attrs, t.Text = EndToken, []byte(x.Name.Space), []byte(x.Name.Local), t.Attrs[:0], nil
			return t, nil
		case xml.CharData:
			t.Kind, t.Space, t.Local, t.Attrs, t.Text = TextToken, nil, nil, t.Attrs[:0], x
			return t, nil
		}
	}
}

// CheckXML returns the first error the tokenizer meets reading data, in
// encoding/xml's wording, nil when it reads to the end.
func CheckXML(data []byte) error {
	return ScanXML(data, func(src Tokens) error {
		for {
			if _, err := src.Next(); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
		}
	})
}
