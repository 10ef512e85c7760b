package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
)

// indentJSON encodes v as the report does (indent of two spaces, no HTML
// escaping), every line after the first starting with prefix, without the
// final newline.
func indentJSON(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	err := writeJSON(&b, v, prefix)
	return b.Bytes(), err
}

// writeJSON writes v to w as indentJSON gives it, without building it whole:
// the slice fields of a struct are encoded one element at a time and the
// indented text goes out through a small buffer, so that a form of
// thousands of indicators and findings is never held as one text.
func writeJSON(w io.Writer, v any, prefix string) error {
	out := bufio.NewWriterSize(w, 32<<10)
	s := jsonStream{ind: indenter{w: out, prefix: prefix, indent: "  "}}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	if err := s.value(reflect.ValueOf(v)); err != nil {
		return err
	}
	return out.Flush()
}

// jsonStream encodes values compactly, as encoding/json does, into an
// indenter.
type jsonStream struct {
	ind indenter
	buf bytes.Buffer
	enc *json.Encoder
}

var marshaler = reflect.TypeFor[json.Marshaler]()

// streamFrom is the length from which a slice field is written element by
// element; shorter ones, and structs without a longer one, are encoded at
// once.
var streamFrom = 64

// value writes v: a plain struct field by field, a slice field of it
// element by element, anything else as encoding/json writes it.
func (s *jsonStream) value(v reflect.Value) error {
	if v.Kind() != reflect.Struct || v.Type().Implements(marshaler) || reflect.PointerTo(v.Type()).Implements(marshaler) {
		return s.marshal(v)
	}
	t := v.Type()
	long := false
	for i := range t.NumField() {
		if f := t.Field(i); f.Anonymous && f.IsExported() {
			return s.marshal(v) // embedded fields: encoding/json's own rules
		}
		if fv := v.Field(i); fv.Kind() == reflect.Slice && fv.Len() > streamFrom {
			long = true
		}
	}
	if !long {
		return s.marshal(v) // small: one encoding is cheaper
	}
	s.ind.put('{')
	first := true
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" && opts == "" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := v.Field(i)
		if strings.Contains(","+opts+",", ",omitempty,") && empty(fv) {
			continue
		}
		if !first {
			s.ind.put(',')
		}
		first = false
		if err := s.marshal(reflect.ValueOf(name)); err != nil {
			return err
		}
		s.ind.put(':')
		var err error
		if fv.Kind() == reflect.Slice && fv.Len() > streamFrom && fv.Type().Elem().Kind() != reflect.Uint8 && !fv.Type().Implements(marshaler) {
			err = s.slice(fv)
		} else {
			err = s.marshal(fv)
		}
		if err != nil {
			return err
		}
	}
	s.ind.put('}')
	return nil
}

// slice writes a non-nil slice element by element.
func (s *jsonStream) slice(v reflect.Value) error {
	s.ind.put('[')
	for i := range v.Len() {
		if i > 0 {
			s.ind.put(',')
		}
		if err := s.marshal(v.Index(i)); err != nil {
			return err
		}
	}
	s.ind.put(']')
	return nil
}

// marshal writes v as encoding/json encodes it, without HTML escaping.
func (s *jsonStream) marshal(v reflect.Value) error {
	s.buf.Reset()
	var x any
	if v.IsValid() {
		x = v.Interface()
	}
	if err := s.enc.Encode(x); err != nil {
		return err
	}
	s.ind.write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
	return nil
}

// empty is encoding/json's omitempty test.
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// indenter indents compact JSON, as encoding/json writes it, the way
// json.Indent does (each element on its own line, empty objects and arrays
// as {} and [], a space after each colon), as it is written to it, in any
// pieces.
type indenter struct {
	w              *bufio.Writer
	prefix, indent string
	depth          int
	open           bool // after { or [, not yet indented
	inString, esc  bool
}

// write writes compact JSON, in pieces of any size.
func (d *indenter) write(src []byte) {
	for i := 0; i < len(src); {
		if d.inString {
			j := i // the string's text up to its closing quote goes out at once
			for j < len(src) && d.inString {
				switch c := src[j]; {
				case d.esc:
					d.esc = false
				case c == '\\':
					d.esc = true
				case c == '"':
					d.inString = false
				}
				j++
			}
			d.w.Write(src[i:j])
			i = j
			continue
		}
		if structural(src[i]) {
			d.put(src[i])
			i++
			continue
		}
		if d.open {
			d.put(src[i]) // indents first
			i++
		}
		j := i // a number or a literal goes out at once
		for j < len(src) && !structural(src[j]) {
			j++
		}
		d.w.Write(src[i:j])
		i = j
	}
}

// structural reports whether c starts or ends a value in compact JSON.
func structural(c byte) bool {
	switch c {
	case '"', '{', '[', ',', ':', '}', ']':
		return true
	}
	return false
}

// put writes one byte of compact JSON that is not inside a string (write
// passes a string's text on in runs).
func (d *indenter) put(c byte) {
	if d.open && c != '}' && c != ']' {
		d.open = false
		d.depth++
		d.newline()
	}
	switch c {
	case '"':
		d.inString = true
		d.w.WriteByte(c)
	case '{', '[':
		d.open = true
		d.w.WriteByte(c)
	case ',':
		d.w.WriteByte(c)
		d.newline()
	case ':':
		d.w.WriteByte(c)
		d.w.WriteByte(' ')
	case '}', ']':
		if d.open {
			d.open = false
		} else {
			d.depth--
			d.newline()
		}
		d.w.WriteByte(c)
	default:
		d.w.WriteByte(c)
	}
}

func (d *indenter) newline() {
	d.w.WriteByte('\n')
	d.w.WriteString(d.prefix)
	for range d.depth {
		d.w.WriteString(d.indent)
	}
}
