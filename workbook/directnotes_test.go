package workbook

import "testing"

// TestCommentOfPlainText: a note whose text is one <t> straight under
// <text> (as openpyxl writes notes) is read with its text, so a note of
// ours re-saved by openpyxl is known as ours and replaced, not kept as the
// person's with ours added after it. Lines a person added after ours are
// theirs.
func TestCommentOfPlainText(t *testing.T) {
	for _, tc := range []struct {
		name, xml, person string
		ours              bool
	}{
		{"ours, plain", `<comment ref="G15" authorId="0"><text><t>` + noteMarker + "\n提示：x</t></text></comment>", "", true},
		{"ours, runs", `<comment ref="G15" authorId="0"><text><r><t>` + noteMarker + "\n提示：x</t></r></text></comment>", "", true},
		{"person's, plain", `<comment ref="A1" authorId="0"><text><t>请核实</t></text></comment>`, "请核实", false},
		{"person's then ours", `<comment ref="A1" authorId="0"><text><t>请核实` + noteSep + noteMarker + "\n提示：x</t></text></comment>", "请核实", true},
		{"ours with a hint", `<comment ref="A1" authorId="0"><text><t>` + noteMarker + "\n错误：x\n  建议：y\n警告：z</t></text></comment>", "", true},
		{"ours, then a reply", `<comment ref="A1" authorId="0"><text><t>` + noteMarker + "\n错误：x\n  建议：y\n李会计回复：已更正</t></text></comment>", "李会计回复：已更正", true},
		{"person's, ours, then a reply", `<comment ref="A1" authorId="0"><text><t>请核实` + noteSep + noteMarker + "\n提示：x\n\n处长批示：同意16分\n下一行</t></text></comment>", "请核实\n处长批示：同意16分\n下一行", true},
		{"a reply in runs of its own", `<comment ref="A1" authorId="0"><text><r><t>` + noteMarker + "</t></r><r><t xml:space=\"preserve\">\n提示：x</t></r><r><t xml:space=\"preserve\">\n回复</t></r></text></comment>", "回复", true},
	} {
		cm, err := mapComments([]byte(`<comments xmlns="` + nsMain + `"><authors><author>a</author></authors><commentList>` + tc.xml + `</commentList></comments>`))
		if err != nil || len(cm.comments) != 1 {
			t.Fatalf("%s: %v", tc.name, err)
		}
		c := cm.comments[0]
		if c.ours != tc.ours || c.personText != tc.person {
			t.Errorf("%s: ours %v, person's text %q; want %v, %q", tc.name, c.ours, c.personText, tc.ours, tc.person)
		}
	}
}
