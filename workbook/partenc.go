package workbook

import (
	"bytes"
	"strings"
	"unicode/utf16"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
)

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
	if raw, ok := declaredRaw(data); !ok || bytes.IndexByte(raw, '&') < 0 &&
		(bytes.EqualFold(raw, []byte("utf-8")) || bytes.EqualFold(raw, []byte("utf8"))) {
		return data, nil // UTF-8, the case of nearly every part: nothing copied
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
	v, _ := ooxml.AttrValue(append(bytes.Clone(data[:e]), '>'), "encoding")
	return v
}

// declaredRaw returns the encoding an XML declaration names as written,
// and false when there is none (no declaration, or no encoding in it).
func declaredRaw(data []byte) ([]byte, bool) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return nil, false
	}
	e := bytes.Index(data, []byte("?>"))
	if e < 0 {
		return nil, false
	}
	raw, ok := ooxml.AttrRaw(data[:e], "encoding")
	return raw, ok && len(raw) > 0
}

// withDeclaredUTF8 makes the XML declaration of data, if any, name UTF-8.
func withDeclaredUTF8(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	e := bytes.Index(data, []byte("?>"))
	if declaredEncoding(data) == "" || e < 0 {
		return data // UTF-8 is the default
	}
	decl := ooxml.WithAttrs(append(bytes.Clone(data[:e]), '>'), [][2]string{{"encoding", "UTF-8"}})
	out := append(decl[:len(decl)-1], data[e:]...)
	return out
}

// cellCoords is ooxml.ParseRef with an error: errMarkup for anything but
// an A1 reference within a worksheet's bounds.
func cellCoords(ref string) (col, row int, err error) {
	col, row, ok := ooxml.ParseRef(ref)
	if !ok {
		return 0, 0, ooxml.ErrMarkup
	}
	return col, row, nil
}
