package ooxml

import (
	"strings"
	"testing"
)

const nsTest = "urn:main"

func TestStyles(t *testing.T) {
	in := `<styleSheet xmlns="urn:main"><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill/></fills>` +
		`<borders count="1"><border/></borders><cellXfs count="2"><xf fontId="0"/><!-- c --><ext/><xf fontId="0"><alignment/></xf></cellXfs>` +
		`<dxfs count="0"/><tableStyles count="0"/></styleSheet>`
	se, err := EditStyles([]byte(in), nsTest)
	if err != nil {
		t.Fatal(err)
	}
	// a foreign element in cellXfs takes no index
	if got := string(se.Item("cellXfs", 1)); got != `<xf fontId="0"><alignment/></xf>` {
		t.Errorf("Item(cellXfs, 1) = %s", got)
	}
	if se.Item("cellXfs", 2) != nil || se.Item("numFmts", 0) != nil || se.Changed() {
		t.Error("an item or a change that is not there")
	}
	if n := se.Add("cellXfs", `<xf fontId="0"/>`); n != 0 {
		t.Errorf("an entry there already added as %d", n)
	}
	if n := se.Add("cellXfs", `<xf fontId="1"/>`); n != 2 {
		t.Errorf("new xf id %d, want 2", n)
	}
	if n := se.Add("cellXfs", `<xf fontId="1"/>`); n != 2 {
		t.Errorf("an entry added twice: %d", n)
	}
	if n := se.Add("dxfs", `<dxf><fill/></dxf>`); n != 0 {
		t.Errorf("new dxf id %d", n)
	}
	if string(se.Item("cellXfs", 2)) != `<xf fontId="1"/>` || !se.Changed() {
		t.Error("the added xf is not found")
	}
	want := `<styleSheet xmlns="urn:main"><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill/></fills>` +
		`<borders count="1"><border/></borders><cellXfs count="3"><xf fontId="0"/><!-- c --><ext/><xf fontId="0"><alignment/></xf><xf fontId="1"/></cellXfs>` +
		`<dxfs count="1"><dxf><fill/></dxf></dxfs><tableStyles count="0"/></styleSheet>`
	if got := string(se.Bytes()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestStylesNewListAndPrefix(t *testing.T) {
	in := `<x:styleSheet xmlns:x="urn:main"><x:fonts><x:font/></x:fonts><x:fills><x:fill/></x:fills><x:borders><x:border/></x:borders>` +
		`<x:cellXfs count="1"><x:xf/></x:cellXfs><x:tableStyles count="0"/></x:styleSheet>`
	se, err := EditStyles([]byte(in), nsTest)
	if err != nil {
		t.Fatal(err)
	}
	if n := se.Add("dxfs", `<dxf><fill/></dxf>`); n != 0 {
		t.Errorf("dxf id %d", n)
	}
	if n := se.Add("fonts", `<font><b/></font>`); n != 1 {
		t.Errorf("font id %d", n)
	}
	got := string(se.Bytes())
	// a list without count gets none; the new list goes before the lists after it
	if !strings.Contains(got, `<x:fonts><x:font/><x:font><x:b/></x:font></x:fonts>`) ||
		!strings.Contains(got, `</x:cellXfs><x:dxfs count="1"><x:dxf><x:fill/></x:dxf></x:dxfs><x:tableStyles`) {
		t.Errorf("got %s", got)
	}
	for _, bad := range []string{in[:len(in)-16], strings.ReplaceAll(in, "urn:main", "urn:other"), `<x:styleSheet xmlns:x="urn:main"><x:fonts/></x:styleSheet>`} {
		if _, err := EditStyles([]byte(bad), nsTest); err == nil {
			t.Errorf("took %s", bad)
		}
	}
}

// The entries and the parts' other children are read to their end tags,
// also when they hold comments, CDATA, an element of their own name or
// markup spread over prefixes: the entries are the same as a scan of
// every tag finds.
func TestStylesSkipped(t *testing.T) {
	in := `<x:styleSheet xmlns:x="urn:main"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.0"/></x:numFmts>` +
		`<x:fonts count="2"><x:font><x:b/><x:sz val="11"/></x:font><x:font><!-- c --><x:sz val="9"/></x:font></x:fonts>` +
		`<x:fills count="1"><x:fill><x:patternFill patternType="none"/></x:fill></x:fills><x:borders count="1"><x:border/></x:borders>` +
		`<x:cellStyleXfs count="1"><x:xf><x:alignment/></x:xf></x:cellStyleXfs>` +
		`<x:cellXfs count="2"><x:xf fontId="1"><x:alignment wrapText="1"/></x:xf><x:xf fontId="0"><![CDATA[<x:xf>]]></x:xf></x:cellXfs>` +
		`<x:colors><x:indexedColors><x:rgbColor rgb="FF000000"/></x:indexedColors></x:colors>` +
		`<x:extLst><x:ext uri="u"><x:extLst><x:ext uri="v"/></x:extLst></x:ext></x:extLst></x:styleSheet>`
	se, err := EditStyles([]byte(in), nsTest)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		list string
		id   int
		want string
	}{
		{"fonts", 0, `<x:font><x:b/><x:sz val="11"/></x:font>`},
		{"fonts", 1, `<x:font><!-- c --><x:sz val="9"/></x:font>`},
		{"cellXfs", 0, `<x:xf fontId="1"><x:alignment wrapText="1"/></x:xf>`},
		{"cellXfs", 1, `<x:xf fontId="0"><![CDATA[<x:xf>]]></x:xf>`},
		{"fills", 0, `<x:fill><x:patternFill patternType="none"/></x:fill>`},
	} {
		if got := string(se.Item(c.list, c.id)); got != c.want {
			t.Errorf("Item(%s, %d) = %s, want %s", c.list, c.id, got, c.want)
		}
	}
	if se.Item("cellXfs", 2) != nil || se.Item("fonts", 2) != nil {
		t.Error("an entry that is not there")
	}
	// a new list goes before the first list after it that is there
	se.Add("dxfs", `<dxf/>`)
	out := string(se.Bytes())
	if !strings.Contains(out, `</x:cellXfs><x:dxfs count="1"><x:dxf/></x:dxfs><x:colors>`) {
		t.Errorf("dxfs not placed before colors:\n%s", out)
	}
}
