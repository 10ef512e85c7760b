package ooxml

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestScanTags(t *testing.T) {
	data := []byte(`<?xml version="1.0"?><a x='1>2' y="q"><b/><c r="A1">t &amp; u</c></a>`)
	var got []string
	if err := ScanTags(data, func(t Tag) bool {
		got = append(got, string(t.Kind)+t.Name+":"+string(data[t.Start:t.End]))
		return true
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{`sa:<a x='1>2' y="q">`, `xb:<b/>`, `sc:<c r="A1">`, `ec:</c>`, `ea:</a>`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tags %q, want %q", got, want)
	}
	if v, ok := AttrValue([]byte(`<a x='1>2' y="&lt;q&gt;">`), "y"); !ok || v != "<q>" {
		t.Errorf("y = %q %v", v, ok)
	}
	got = got[:0]
	mixed := []byte(`<a><!-- <b> --><c><![CDATA[<d>&amp;]]>&amp;<?pi <e>?>x</c></a>`)
	if err := ScanTags(mixed, func(t Tag) bool {
		got = append(got, string(t.Kind)+t.Name)
		return true
	}); err != nil || strings.Join(got, "|") != "sa|sc|ec|ea" {
		t.Errorf("with a comment, CDATA and a PI: tags %q (%v)", got, err)
	}
	inner := mixed[strings.Index(string(mixed), "<c>")+3 : strings.Index(string(mixed), "</c>")]
	if s := TextOf(inner); s != "<d>&amp;&x" {
		t.Errorf("textOf = %q", s)
	}
	for _, bad := range []string{`<a><!-- note </a>`, `<a><![CDATA[x</a>`, `<!DOCTYPE a><a/>`, `<a x="1`, `<a><`} {
		if err := ScanTags([]byte(bad), func(Tag) bool { return true }); !errors.Is(err, ErrMarkup) {
			t.Errorf("%s: %v, want errMarkup", bad, err)
		}
	}
}

// AppendEscaped and AppendRef append what EscapeText and Ref return.
func TestAppendEscapedAndRef(t *testing.T) {
	for _, s := range []string{"", "plain 文本", `a<b>&"c"`, "line\nbreak\r\ttab", "\x01ctl", "\uFFFE\uFFFF end", "full（width）", "bad \xff utf8 <"} {
		if got := string(AppendEscaped([]byte("x"), s)); got != "x"+EscapeText(s) {
			t.Errorf("AppendEscaped(%q) = %q, want x%q", s, got, EscapeText(s))
		}
	}
	for _, rc := range [][2]int{{0, 0}, {9, 25}, {99, 26}, {1048575, 16383}, {4, 701}, {4, 702}} {
		if got := string(AppendRef(nil, rc[0], rc[1])); got != Ref(rc[0], rc[1]) {
			t.Errorf("AppendRef%v = %q, want %q", rc, got, Ref(rc[0], rc[1]))
		}
	}
}

// TestWriteSplices: the splices written piece by piece make ApplySplices'
// part, insertions at one place in order and before a replacement there.
func TestWriteSplices(t *testing.T) {
	data := []byte("<a><b/><c>x</c></a>")
	sp := []Splice{
		{Start: 7, End: 15, Text: []byte("<c>y</c>")},
		{Start: 3, End: 3, Text: []byte("<i1/>")},
		{Start: 7, End: 7, Text: []byte("<i2/>")},
		{Start: 3, End: 7, Text: nil},
		{Start: 3, End: 3, Text: []byte("<i3/>")},
	}
	want := ApplySplices(data, append([]Splice(nil), sp...))
	var b bytes.Buffer
	if err := WriteSplices(&b, data, sp); err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) || string(want) != "<a><i1/><i3/><i2/><c>y</c></a>" {
		t.Errorf("WriteSplices %q, ApplySplices %q", b.String(), want)
	}
}
