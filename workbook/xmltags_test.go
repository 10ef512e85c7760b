package workbook

import (
	"testing"
)

// TestMapSheetRefuses: a worksheet in another namespace, or whose rows or
// cells come out of order, is not edited; one whose elements carry a prefix,
// one in the strict namespace, or one whose rows and cells are numbered by
// their place, is.
func TestMapSheetRefuses(t *testing.T) {
	ok := `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1"/><c r="B1"/></row><row r="3"/></sheetData></worksheet>`
	if _, err := mapSheet([]byte(ok), nil); err != nil {
		t.Fatalf("a plain sheet: %v", err)
	}
	cf := `<worksheet xmlns="` + nsMain + `"><sheetData/><conditionalFormatting sqref="A1"><cfRule type="cellIs" priority="5"/></conditionalFormatting></worksheet>`
	if sm, err := mapSheet([]byte(cf), nil); err != nil {
		t.Errorf("a person's conditional format: %v", err)
	} else if sm.dropHighlights(); sm.priority != 5 {
		t.Errorf("a person's conditional format: priority %d, want 5 so that ours come after", sm.priority)
	}
	for _, good := range []string{
		`<x:worksheet xmlns:x="` + nsMain + `"><x:sheetData/></x:worksheet>`,
		`<worksheet xmlns="` + nsMain + `"><sheetData><row><c r="A1"/></row></sheetData></worksheet>`,
		`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c/></row></sheetData></worksheet>`,
		`<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData/></worksheet>`,
	} {
		if _, err := mapSheet([]byte(good), nil); err != nil {
			t.Errorf("mapSheet refused %s: %v", good, err)
		}
	}
	for _, bad := range []string{
		`<worksheet xmlns="http://purl.oclc.org/ooxml/other"><sheetData/></worksheet>`,
		`<x:worksheet xmlns="` + nsMain + `"><x:sheetData/></x:worksheet>`,
		`<worksheet xmlns="` + nsMain + `"><sheetData><row r="2"/><row r="1"/></sheetData></worksheet>`,
		`<worksheet xmlns="` + nsMain + `"><sheetData><row r="2"/><row/><row r="3"/></sheetData></worksheet>`,
		`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="B1"/><c r="A1"/></row></sheetData></worksheet>`,
		`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="B1"/><c/><c r="C1"/></row></sheetData></worksheet>`,
		`<worksheet xmlns="` + nsMain + `"></worksheet>`,
	} {
		if _, err := mapSheet([]byte(bad), nil); err == nil {
			t.Errorf("mapSheet took %s", bad)
		}
	}
}

// TestSheetEdits: cells replaced and inserted in column order, rows made
// in row order, a height set, an empty row filled.
func TestSheetEdits(t *testing.T) {
	sm, err := mapSheet([]byte(`<worksheet xmlns="`+nsMain+`"><sheetData><row r="1"><c r="B1"><v>1</v></c></row><row r="3"/><row r="5" ht="12"><c r="C5"/></row></sheetData><mergeCells/></worksheet>`), nil)
	if err != nil {
		t.Fatal(err)
	}
	sm.setCell(1, 1, []byte(`<c r="A1"/>`))
	sm.setCell(2, 1, []byte(`<c r="B1"><v>2</v></c>`))
	sm.setCell(3, 1, []byte(`<c r="C1"/>`))
	sm.setCell(2, 3, []byte(`<c r="B3"/>`))
	sm.setCell(1, 4, []byte(`<c r="A4"/>`))
	sm.setCell(1, 9, []byte(`<c r="A9"/>`))
	sm.setHeight(5, 40)
	sm.insertTop("conditionalFormatting", []byte(`<conditionalFormatting/>`))
	want := `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1"/><c r="B1"><v>2</v></c><c r="C1"/></row>` +
		`<row r="3"><c r="B3"/></row><row r="4"><c r="A4"/></row><row r="5" ht="40" customHeight="1"><c r="C5"/></row><row r="9"><c r="A9"/></row></sheetData><mergeCells/><conditionalFormatting/></worksheet>`
	if got := string(sm.bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestSheetEditsPrefixedUnnumbered: in a sheet whose elements carry a
// prefix and whose rows and cells are numbered by their place, the cells and
// rows added take the prefix, and the rows and cells after them get their
// numbers.
func TestSheetEditsPrefixedUnnumbered(t *testing.T) {
	sm, err := mapSheet([]byte(`<x:worksheet xmlns:x="`+nsMain+`"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c/></x:row><x:row ht="20"><x:c/></x:row></x:sheetData></x:worksheet>`), nil)
	if err != nil {
		t.Fatal(err)
	}
	sm.setCell(1, 1, []byte(`<c r="A1"><v>2</v></c>`))
	sm.setCell(4, 1, []byte(`<c r="D1"/>`))
	sm.setCell(1, 5, []byte(`<c r="A5" t="inlineStr"><is><t xml:space="preserve"> a</t></is></c>`))
	want := `<x:worksheet xmlns:x="` + nsMain + `"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>2</x:v></x:c><x:c r="B1"/><x:c r="D1"/></x:row>` +
		`<x:row ht="20" r="2"><x:c/></x:row><x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:t xml:space="preserve"> a</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`
	if got := string(sm.bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
