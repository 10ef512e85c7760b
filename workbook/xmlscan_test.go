package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/internal/hostile"
	"github.com/selfeval/selfeval/workbook/form"
)

// tokenList renders the tokens of src, one string each, empty character
// data left out (encoding/xml gives an empty CDATA section as nothing or as
// empty data). refused is true when src ended in an error.
func tokenList(src xtokens) (out []string, failed bool) {
	for {
		t, err := src.next()
		if err == io.EOF {
			return out, false
		}
		if err != nil {
			return out, true
		}
		switch t.kind {
		case xStart:
			var b strings.Builder
			fmt.Fprintf(&b, "<%q:%q", t.space, t.local)
			for _, a := range t.attrs {
				fmt.Fprintf(&b, " %q:%q=%q", a.space, a.local, a.value)
			}
			out = append(out, b.String())
		case xEnd:
			out = append(out, fmt.Sprintf("</%q:%q", t.space, t.local))
		case xText:
			if len(t.text) > 0 {
				out = append(out, fmt.Sprintf("%q", t.text))
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
	std, stdFailed := tokenList(&stdTokens{d: xml.NewDecoder(bytes.NewReader(data))})
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
	{`<表/>`, true},
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
// both tokenisers; xscan must read the form parts itself, not leave them to
// encoding/xml.
func TestXScanParts(t *testing.T) {
	files, _ := filepath.Glob("../samples/*.xlsx")
	more, _ := filepath.Glob("testdata/corpus/*.xlsx")
	files = append(files, more...)
	dir := t.TempDir()
	files = append(files, mof2020Fixture(t).save(dir, "m.xlsx"), sh2019Fixture(t).save(dir, "s.xlsx"))
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
			data, err := readZipFile(zf)
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
		err := scanXML([]byte(data), func(src xtokens) error {
			calls++
			b.Reset()
			for {
				tok, err := src.next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				if tok.kind == xText {
					b.Write(tok.text)
				}
			}
		})
		return b.String(), err
	}
	if got, err := collect(`<a>x&amp;y</a>`); got != "x&y" || err != nil || calls != 1 {
		t.Errorf("plain part: %q %v, %d passes", got, err, calls)
	}
	if got, err := collect(`<!DOCTYPE a><a>x<表>y</表></a>`); got != "xy" || err != nil || calls != 2 {
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
	if b, err := os.ReadFile("../samples/mof2020-liaison.xlsx"); err == nil {
		if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
			for _, zf := range zr.File {
				if data, err := readZipFile(zf); err == nil && len(data) < 64<<10 {
					f.Add(data)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsStd(t, data)
	})
}

// TestXScanSameReading reads workbooks with xscan and with encoding/xml
// alone: the forms and the error messages must be the same. The inputs are
// the samples and test forms, the FuzzRead seeds and a sample whose sheet
// XML is edited in ways xscan leaves to encoding/xml or must decode.
func TestXScanSameReading(t *testing.T) {
	files, _ := filepath.Glob("../samples/*.xlsx")
	more, _ := filepath.Glob("testdata/corpus/*.xlsx")
	files = append(files, more...)
	var inputs [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b)
	}
	seeds, _ := filepath.Glob("testdata/fuzz/FuzzRead/*")
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, lit, _ := strings.Cut(string(b), "[]byte(")
		data, err := strconv.Unquote(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(lit), ")")))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		inputs = append(inputs, []byte(data))
	}
	src, err := os.ReadFile("../samples/mof2020-liaison.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	const sheet = "xl/worksheets/sheet1.xml"
	for _, e := range [][2]string{
		{"<sheetData>", "<!DOCTYPE worksheet><sheetData>"},
		{"<sheetData>", "<sheetData><!-- note --><?pi x?>"},
		{"<sheetData>", "<sheetData><表/>"},
		{"<sheetData>", "<sheetData><x:a:b/>"},
		{"<sheetData>", "<sheetData>\x01"},
		{"<sheetData>", "<sheetData>]]>"},
		{"<sheetData>", "<sheetData>&nbsp;"},
		{"<sheetData>", "<sheetData><row r=\"x\"></row>"},
		{`<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.1"?>`},
		{`<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0" encoding="GB2312"?>`},
		{`<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version = '1.0' ?>`},
		{"</sheetData>", "<row r=\"300\"><c r=\"A300\" t=\"inlineStr\"><is><t>a&#x4E2D;&lt;b\r\nc<![CDATA[&amp;]]></t></is></c></row></sheetData>"},
		{"</worksheet>", ""},
		{"<v>", "<v><![CDATA[1]]>"},
	} {
		b, err := hostile.Replace(src, sheet, e[0], e[1])
		if err != nil {
			t.Fatalf("%q: %v", e[0], err)
		}
		inputs = append(inputs, b)
	}
	read := func(b []byte) ([]*form.Form, string) {
		w, err := loadBytes("x.xlsx", b)
		if err != nil {
			return nil, err.Error()
		}
		fms, err := w.ReadAll()
		if err != nil {
			return fms, err.Error()
		}
		return fms, ""
	}
	t.Cleanup(func() { stdOnly = false })
	for i, b := range inputs {
		stdOnly = false
		fast, fastErr := read(b)
		stdOnly = true
		std, stdErr := read(b)
		if fastErr != stdErr || !reflect.DeepEqual(fast, std) {
			t.Errorf("input %d: xscan %q %+v\nencoding/xml %q %+v", i, fastErr, fast, stdErr, std)
		}
	}
}
