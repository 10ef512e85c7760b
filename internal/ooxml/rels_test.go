package ooxml

import (
	"reflect"
	"testing"
)

func TestRels(t *testing.T) {
	if got := RelsOf("xl/worksheets/sheet1.xml"); got != "xl/worksheets/_rels/sheet1.xml.rels" {
		t.Errorf("RelsOf = %s", got)
	}
	for _, tc := range []struct{ source, target, want string }{
		{"xl/worksheets/sheet1.xml", "../comments1.xml", "xl/comments1.xml"},
		{"xl/worksheets/sheet1.xml", "/xl/comments/comment1.xml", "xl/comments/comment1.xml"},
		{"xl/workbook.xml", "worksheets/sheet2.xml", "xl/worksheets/sheet2.xml"},
		{"", "xl/workbook.xml", "xl/workbook.xml"},
	} {
		if got := Resolve(tc.source, tc.target); got != tc.want {
			t.Errorf("Resolve(%s, %s) = %s, want %s", tc.source, tc.target, got, tc.want)
		}
		if tc.source != "" {
			if back := Resolve(tc.source, Relative(tc.source, tc.want)); back != tc.want {
				t.Errorf("Relative(%s, %s) resolves to %s", tc.source, tc.want, back)
			}
		}
	}
	data := []byte(`<Relationships><Relationship Id="rId1" Type="http://x/comments" Target="../comments1.xml"/>` +
		`<Relationship Id="rId2" Type="http://x/hyperlink" Target="http://example.com" TargetMode="External"/>` +
		`<Relationship Id="rId3" Type="http://x/vmlDrawing" Target="/xl/drawings/vmlDrawing1.vml"/></Relationships>`)
	want := []Rel{{Type: "http://x/comments", Target: "xl/comments1.xml"}, {Type: "http://x/vmlDrawing", Target: "xl/drawings/vmlDrawing1.vml"}}
	if got := ParseRels("xl/worksheets/sheet1.xml", data); !reflect.DeepEqual(got, want) {
		t.Errorf("ParseRels = %+v, want %+v", got, want)
	}
}
