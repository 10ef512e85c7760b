package workbook

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/internal/hostile"
	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
)

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
	t.Cleanup(func() { ooxml.StdOnly = false })
	for i, b := range inputs {
		ooxml.StdOnly = false
		fast, fastErr := read(b)
		ooxml.StdOnly = true
		std, stdErr := read(b)
		if fastErr != stdErr || !reflect.DeepEqual(fast, std) {
			t.Errorf("input %d: xscan %q %+v\nencoding/xml %q %+v", i, fastErr, fast, stdErr, std)
		}
	}
}
