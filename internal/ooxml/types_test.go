package ooxml

import "testing"

func TestContentTypes(t *testing.T) {
	in := `<?xml version="1.0"?><t:Types xmlns:t="` + NSContentTypes + `"><!-- kept -->` +
		`<t:Default Extension="XML" ContentType="application/xml"/>` +
		`<t:Override PartName="/xl/Workbook.xml" ContentType='a&amp;b'/>` +
		`<t:Override PartName="/xl/comments1.xml" ContentType="c"/>` +
		`<t:Override PartName="/xl/x.xml" ContentType="x"></t:Override></t:Types>`
	ct, err := EditContentTypes([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for part, want := range map[string]string{"xl/workbook.xml": "a&b", "/xl/WORKBOOK.xml": "a&b", "xl/other.xml": "application/xml", "xl/a.vml": ""} {
		if got := ct.TypeOf(part); got != want {
			t.Errorf("TypeOf(%s) = %q, want %q", part, got, want)
		}
	}
	if ct.Changed() {
		t.Error("changed before an edit")
	}
	ct.AddOverride("xl/workbook.xml", "other") // listed: nothing
	ct.AddDefault("xml", "other")              // listed: nothing
	if ct.Changed() || string(ct.Bytes()) != in {
		t.Errorf("an edit of what is listed changed the part: %s", ct.Bytes())
	}
	ct.RemoveOverride("xl/comments1.xml")
	ct.RemoveOverride("xl/x.xml") // has content: kept
	ct.AddOverride("xl/comments2.xml", "c")
	ct.AddDefault("vml", "v")
	if got := ct.TypeOf("xl/comments2.xml") + ct.TypeOf("xl/drawings/a.VML"); got != "cv" {
		t.Errorf("TypeOf after adding = %q", got)
	}
	want := `<?xml version="1.0"?><t:Types xmlns:t="` + NSContentTypes + `"><!-- kept -->` +
		`<t:Default Extension="XML" ContentType="application/xml"/>` +
		`<t:Override PartName="/xl/Workbook.xml" ContentType='a&amp;b'/>` +
		`<t:Override PartName="/xl/x.xml" ContentType="x"></t:Override>` +
		`<t:Override PartName="/xl/comments2.xml" ContentType="c"/><t:Default Extension="vml" ContentType="v"/></t:Types>`
	if got := string(ct.Bytes()); got != want || !ct.Changed() {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, bad := range []string{`<Types xmlns="x"></Types>`, `<Types xmlns="` + NSContentTypes + `">`, `<Types xmlns="` + NSContentTypes + `"/>`} {
		if _, err := EditContentTypes([]byte(bad)); err == nil {
			t.Errorf("took %s", bad)
		}
	}
}
