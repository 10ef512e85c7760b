package ooxml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// tokenList renders the tokens of src, one string each, empty character
// data left out (encoding/xml gives an empty CDATA section as nothing or as
// empty data), each with its byte offsets. refused is true when src ended in an error.
func tokenList(src Tokens) (out []string, failed bool) {
	for {
		t, err := src.Next()
		if err == io.EOF {
			return out, false
		}
		if err != nil {
			return out, true
		}
		switch t.Kind {
		case StartToken:
			var b strings.Builder
			fmt.Fprintf(&b, "<%q:%q", t.Space, t.Local)
			for _, a := range t.Attrs {
				fmt.Fprintf(&b, " %q:%q=%q", a.Space, a.Local, a.Value)
			}
			fmt.Fprintf(&b, " @%d-%d %v", t.Start, t.End, t.Empty)
			out = append(out, b.String())
		case EndToken:
			out = append(out, fmt.Sprintf("</%q:%q @%d-%d", t.Space, t.Local, t.Start, t.End))
		case TextToken:
			if len(t.Text) > 0 {
				out = append(out, fmt.Sprintf("%q @%d-%d", t.Text, t.Start, t.End))
			}
		}
	}
}

// sameAsStd checks xscan against encoding/xml on data: when xscan reads data
// to the end, encoding/xml reads it too, with the same tokens; when xscan
// refuses it, the tokens it gave before are the first tokens encoding/xml
// gives. That is what lets scanXML fall back without a visible difference.
func sameAsStd(t *testing.T, data []byte) (refused bool) {
	t.Helper()
	fast, refused := tokenList(&xscan{data: data})
	std, stdFailed := tokenList(&stdTokens{d: xml.NewDecoder(bytes.NewReader(data)), data: data})
	if !refused && stdFailed {
		t.Fatalf("xscan reads %q, encoding/xml refuses it", data)
	}
	if !refused && len(fast) != len(std) || len(fast) > len(std) {
		t.Fatalf("xscan gives %d tokens, encoding/xml %d, on %q\nxscan: %q\nstd:   %q", len(fast), len(std), data, fast, std)
	}
	for i := range fast {
		if fast[i] != std[i] {
			t.Fatalf("token %d of %q: xscan %s, encoding/xml %s", i, data, fast[i], std[i])
		}
	}
	return refused
}

var xscanCases = []struct {
	in      string
	refused bool // by xscan (encoding/xml may take it)
}{
	{`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<worksheet xmlns="a" xmlns:r="b"><sheetData><row r="1" spans="1:2"><c r="A1" s="3" t="s"><v>0</v></c></row></sheetData></worksheet>`, false},
	{`<a x='1' y = "2"z="3"/><b/>`, false},
	{`<x:a x:b="&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x1F600;">t&amp;u</x:a>`, false},
	{"<a>l1\r\nl2\rl3\n\r\n</a>", false},
	{"<a b=\"x\r\ny\tz\">é中😀</a>", false},
	{`<a><![CDATA[<b>&amp;]]]]><![CDATA[]]>x</a>`, false},
	{`<a><!-- c - d --><?pi data?>t<!---->u</a>`, false},
	{"\xef\xbb\xbf<a/>", false},
	{`text only`, false},
	{`<a>unclosed`, false},
	{`</b></c>`, false},
	{`<a>&#xD800;</a>`, false},
	{`<?xml version="1.0" encoding="GBK"?><a/>`, true},
	{`<?xml version="1.1"?><a/>`, true},
	{`<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`, true},
	{`<a>&e;</a>`, true},
	{`<a>&amp</a>`, true},
	{`<a>&#0;</a>`, true},
	{`<a>&#x110000;</a>`, true},
	{`<a>&#X41;</a>`, true},
	{`<a>&#;</a>`, true},
	{`<a>]]></a>`, true},
	{`<a b="]]>"/>`, false},
	{`<a b="<"/>`, true},
	{`<a b=c/>`, true},
	{`<a b/>`, true},
	{`<a b="1"`, true},
	{`<a`, true},
	{`<`, true},
	{`</a`, true},
	{`</a b>`, true},
	{`<a/ >`, true},
	{`<1a/>`, true},
	{`<a:b:c/>`, true},
	{`<a:/>`, true},
	{`<:a/>`, true},
	{`<名/>`, true},
	{"<a>\x00</a>", true},
	{"<a>\xff</a>", true},
	{"<a>\xef\xbf\xbe</a>", true},
	{`<!-- a -- b -->`, true},
	{`<!-- open`, true},
	{`<![CDATA[open`, true},
	{`<![CDAT[x]]>`, true},
	{`<?pi open`, true},
	{`<!ELEMENT a>`, true},
}

func TestXScanCases(t *testing.T) {
	for _, decl := range commonDecls {
		if sameAsStd(t, []byte(decl+"<a/>")) {
			t.Errorf("%s: refused", decl)
		}
	}
	for _, c := range xscanCases {
		if refused := sameAsStd(t, []byte(c.in)); refused != c.refused {
			t.Errorf("%q: xscan refused %v, want %v", c.in, refused, c.refused)
		}
	}
}

// TestXScanParts runs every XML part of the samples and test forms through
// both tokenisers; xscan must read the cell parts itself, not leave them to
// encoding/xml.
func TestXScanParts(t *testing.T) {
	files, _ := filepath.Glob("../../samples/*.xlsx")
	more, _ := filepath.Glob("../../workbook/testdata/corpus/*.xlsx")
	files = append(files, more...)
	if len(files) < 6 {
		t.Fatalf("only %d files", len(files))
	}
	parts := 0
	for _, f := range files {
		zr, err := zip.OpenReader(f)
		if err != nil {
			continue
		}
		for _, zf := range zr.File {
			if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				continue
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				continue
			}
			parts++
			refused := sameAsStd(t, data)
			if refused && (strings.HasPrefix(zf.Name, "xl/worksheets/") || zf.Name == "xl/sharedStrings.xml" || zf.Name == "xl/styles.xml") {
				t.Errorf("%s %s: xscan leaves the part to encoding/xml", f, zf.Name)
			}
		}
		zr.Close()
	}
	t.Logf("%d parts of %d files", parts, len(files))
}

// TestScanXMLFallback: a part xscan refuses is read by encoding/xml, with
// encoding/xml's tokens and error.
func TestScanXMLFallback(t *testing.T) {
	var calls int
	collect := func(data string) (string, error) {
		calls = 0
		var b strings.Builder
		err := ScanXML([]byte(data), func(src Tokens) error {
			calls++
			b.Reset()
			for {
				tok, err := src.Next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				if tok.Kind == TextToken {
					b.Write(tok.Text)
				}
			}
		})
		return b.String(), err
	}
	if got, err := collect(`<a>x&amp;y</a>`); got != "x&y" || err != nil || calls != 1 {
		t.Errorf("plain part: %q %v, %d passes", got, err, calls)
	}
	if got, err := collect(`<!DOCTYPE a><a>x<名>y</名></a>`); got != "xy" || err != nil || calls != 2 {
		t.Errorf("part left to encoding/xml: %q %v, %d passes", got, err, calls)
	}
	_, err := collect("<a>x\x00</a>")
	var stdErr error
	for d := xml.NewDecoder(strings.NewReader("<a>x\x00</a>")); stdErr == nil; {
		_, stdErr = d.RawToken()
	}
	if err == nil || calls != 2 || stdErr == nil || err.Error() != stdErr.Error() {
		t.Errorf("bad part: %v (encoding/xml: %v), %d passes", err, stdErr, calls)
	}
}

// FuzzXScan holds xscan to encoding/xml on arbitrary bytes.
func FuzzXScan(f *testing.F) {
	for _, c := range xscanCases {
		f.Add([]byte(c.in))
	}
	if zr, err := zip.OpenReader("../../samples/mof2020-liaison.xlsx"); err == nil {
		for _, zf := range zr.File {
			if rc, err := zf.Open(); err == nil {
				if data, err := io.ReadAll(rc); err == nil && len(data) < 64<<10 {
					f.Add(data)
				}
				rc.Close()
			}
		}
		zr.Close()
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsStd(t, data)
	})
}

// BenchmarkScanXMLCharRefs tokenises a sheet whose text is all character
// references, as some writers store every non-ASCII character
// (`&#36130;&#25919;…` in inline strings).
func BenchmarkScanXMLCharRefs(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r := 1; r <= 40; r++ {
		fmt.Fprintf(&sb, `<row r="%d">`, r)
		for c := 'A'; c <= 'H'; c++ {
			fmt.Fprintf(&sb, `<c r="%c%d" s="3" t="inlineStr"><is><t>`, c, r)
			for _, ch := range "财政项目支出绩效自评表（万元）" {
				fmt.Fprintf(&sb, "&#%d;", ch)
			}
			sb.WriteString(`</t></is></c>`)
		}
		sb.WriteString(`</row>`)
	}
	sb.WriteString(`</sheetData></worksheet>`)
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := ScanXML(data, func(ts Tokens) error {
			for {
				if _, err := ts.Next(); err != nil {
					if err == io.EOF {
						return nil
					}
					return err
				}
			}
		}); err != nil {
			b.Fatal(err)
		}
	}
}
