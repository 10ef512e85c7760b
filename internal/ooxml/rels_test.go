package ooxml

import (
	"reflect"
	"strings"
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
	rs, err := ParseRels("xl/worksheets/sheet1.xml", data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"rId1": "xl/comments1.xml", "rId2": "", "rId3": "xl/drawings/vmlDrawing1.vml"}
	if got := rs.ByID(); !reflect.DeepEqual(got, want) {
		t.Errorf("ByID = %v, want %v", got, want)
	}
	if !rs.List[1].External || rs.List[0].External || rs.List[2].Type != "http://x/vmlDrawing" {
		t.Errorf("List = %+v", rs.List)
	}
	if _, err := EditRels("xl/worksheets/sheet1.xml", data); err == nil {
		t.Error("EditRels took a root without the relationships namespace")
	}
}

func TestEditRels(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// every other byte kept, the id after the last taken, the target relative
		{`<?xml version="1.0"?>` + "\n" + `<Relationships xmlns="` + NSPackageRels + `"><!-- c --><Relationship Id="rId2" Type="t/a" Target='x&amp;y.xml'/>` +
			`<Relationship Id="rId1" Type="t/b" Target="../b.xml"></Relationship></Relationships>`,
			`<?xml version="1.0"?>` + "\n" + `<Relationships xmlns="` + NSPackageRels + `"><!-- c --><Relationship Id="rId2" Type="t/a" Target='x&amp;y.xml'/>` +
				`<Relationship Id="rId3" Type="t/n" Target="../comments1.xml"/></Relationships>`},
		// a prefixed part: what is added takes the prefix
		{`<p:Relationships xmlns:p="` + NSPackageRels + `"><p:Relationship Id="rId1" Type="t/b" Target="../b.xml"/></p:Relationships>`,
			`<p:Relationships xmlns:p="` + NSPackageRels + `"><p:Relationship Id="rId2" Type="t/n" Target="../comments1.xml"/></p:Relationships>`},
		// an empty root
		{`<Relationships xmlns="` + NSPackageRels + `"/>`,
			XMLHead + `<Relationships xmlns="` + NSPackageRels + `"><Relationship Id="rId1" Type="t/n" Target="../comments1.xml"/></Relationships>`},
	} {
		rs, err := EditRels("xl/worksheets/sheet1.xml", []byte(tc.in))
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if len(rs.List) > 0 && rs.List[0].Target != "xl/worksheets/x&y.xml" && rs.List[0].Target != "xl/b.xml" {
			t.Errorf("%s: target %s", tc.in, rs.List[0].Target)
		}
		for _, r := range rs.List {
			if r.Type == "t/b" {
				rs.Remove(r.ID)
			}
		}
		rs.Add("t/n", "xl/comments1.xml")
		if got := string(rs.Bytes()); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
	if rs, err := EditRels("xl/workbook.xml", nil); err != nil || rs.Add("t", "xl/styles.xml") != "rId1" ||
		!strings.Contains(string(rs.Bytes()), `<Relationship Id="rId1" Type="t" Target="styles.xml"/></Relationships>`) {
		t.Errorf("a new part: %v", err)
	}
	for _, bad := range []string{`<Relationships xmlns="x"></Relationships>`, `<Relationships xmlns="` + NSPackageRels + `">`, `<!DOCTYPE a><Relationships/>`} {
		if _, err := EditRels("xl/workbook.xml", []byte(bad)); err == nil {
			t.Errorf("EditRels took %s", bad)
		}
	}
}

// TestParseRelsDocType: a .rels part with a document type, which the tag
// scanner refuses, is read through ScanXML but not edited; one neither
// reads fails.
func TestParseRelsDocType(t *testing.T) {
	data := []byte(`<!DOCTYPE Relationships><Relationships xmlns="` + NSPackageRels + `"><Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	rs, err := ParseRels("xl/workbook.xml", data)
	if err != nil || rs.ByID()["rId1"] != "xl/worksheets/sheet1.xml" {
		t.Fatalf("ParseRels = %+v, %v", rs, err)
	}
	if _, err := EditRels("xl/workbook.xml", data); err == nil {
		t.Error("EditRels took a part with a document type")
	}
	if _, err := ParseRels("xl/workbook.xml", []byte(`<!DOCTYPE a><Relationships><Relationship Id="rId1"`)); err == nil {
		t.Error("ParseRels took a part nothing reads")
	}
	if err := CheckXML([]byte(`<a>&nbsp;</a>`)); err == nil || CheckXML(data) != nil {
		t.Errorf("CheckXML: %v", err)
	}
}
