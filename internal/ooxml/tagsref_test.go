package ooxml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// The tag scanner as it stood before it became the tags mode of xscan: the
// tags mode must find the same tags, and fail where it failed.

// refScanTags calls fn with every element tag of data, in order, until fn
// returns false. Processing instructions, comments and CDATA sections are
// skipped (a CDATA section is text: TextOf reads it); a document type is
// refused. Text between tags never holds a '<' in well-formed XML, so every
// other '<' it meets starts a tag.
func refScanTags(data []byte, fn func(t Tag) bool) error {
	i := 0
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return nil
		}
		s := i + j
		if s+1 >= len(data) {
			return ErrMarkup
		}
		switch data[s+1] {
		case '?':
			e := bytes.Index(data[s:], []byte("?>"))
			if e < 0 {
				return ErrMarkup
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
				return ErrMarkup
			}
			e := bytes.Index(data[s+2:], []byte(end))
			if e < 0 {
				return ErrMarkup
			}
			i = s + 2 + e + len(end)
			continue
		}
		t := Tag{Start: s, Kind: TagStart}
		n := s + 1
		if data[n] == '/' {
			t.Kind = TagEnd
			n++
		}
		m := n
		for m < len(data) && !isSpace(data[m]) && data[m] != '>' && data[m] != '/' {
			m++
		}
		if m == n {
			return ErrMarkup
		}
		if name, ok := knownNames[string(data[n:m])]; ok {
			t.Name = name // no new string for the names met on every row
		} else {
			t.Name = string(data[n:m])
		}
		e, ok := TagClose(data, m)
		if !ok {
			return ErrMarkup
		}
		if t.Kind == TagStart && data[e-1] == '/' {
			t.Kind = TagEmpty
		}
		t.End = e + 1
		if !fn(t) {
			return nil
		}
		i = t.End
	}
}

// sameTags checks ScanTags against refScanTags on data.
func sameTags(t *testing.T, data []byte) {
	t.Helper()
	list := func(scan func([]byte, func(Tag) bool) error) string {
		var b strings.Builder
		err := scan(data, func(tag Tag) bool {
			fmt.Fprintf(&b, "%c%s@%d-%d ", tag.Kind, tag.Name, tag.Start, tag.End)
			return true
		})
		if err != nil {
			b.WriteString("error")
		}
		return b.String()
	}
	if got, want := list(ScanTags), list(refScanTags); got != want {
		t.Fatalf("%q:\nScanTags    %s\nrefScanTags %s", data, got, want)
	}
}

func TestScanTagsAsBefore(t *testing.T) {
	for _, c := range xscanCases {
		sameTags(t, []byte(c.in))
	}
	for _, in := range []string{`<a><!-- note </a>`, `<a><![CDATA[x</a>`, `<!DOCTYPE a><a/>`, `<a x="1`, `<a><`, `<a x='1>2' y="q"><b/></a>`,
		`<名 属="1"/>`, `<a b>`, `<a b="<">`, `</a b="1">`, `<!--->`, `<?>`, `<a/ >`, "<a\n/>", `<x:a xmlns:x="u"><x:b/></x:a>`, `<a>&nbsp;</a>`} {
		sameTags(t, []byte(in))
	}
	files, _ := filepath.Glob("../../samples/*.xlsx")
	more, _ := filepath.Glob("../../workbook/testdata/corpus/*.xlsx")
	for _, f := range append(files, more...) {
		zr, err := zip.OpenReader(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.IndexByte(data, '<') >= 0 {
				sameTags(t, data)
			}
		}
		zr.Close()
	}
}

func FuzzScanTags(f *testing.F) {
	for _, c := range xscanCases {
		f.Add([]byte(c.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameTags(t, data) })
}

// BenchmarkScanTags scans the largest worksheet of the samples with the
// tags mode of xscan (ScanTags) and with the scanner it replaced.
func BenchmarkScanTags(b *testing.B) {
	files, _ := filepath.Glob("../../samples/*.xlsx")
	var sheet []byte
	for _, f := range files {
		zr, err := zip.OpenReader(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, zf := range zr.File {
			if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
				rc, _ := zf.Open()
				data, _ := io.ReadAll(rc)
				rc.Close()
				if len(data) > len(sheet) {
					sheet = data
				}
			}
		}
		zr.Close()
	}
	for _, s := range []struct {
		name string
		scan func([]byte, func(Tag) bool) error
	}{{"ScanTags", ScanTags}, {"before", refScanTags}} {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(sheet)))
			for i := 0; i < b.N; i++ {
				n := 0
				_ = s.scan(sheet, func(Tag) bool { n++; return true })
			}
		})
	}
}
