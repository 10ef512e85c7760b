package workbook

import (
	"bytes"
	"testing"
)

// TestMapSheetStepsOverRows: mapping only some rows' cells finds every row
// where mapping them all does (its number, start and end), the cells of the
// rows asked for, and the same children after sheetData, whatever the rows
// hold: a comment or CDATA naming </row>, an end tag with a space, a
// prefix, rows without numbers.
func TestMapSheetStepsOverRows(t *testing.T) {
	sheets := map[string]string{
		"plain":    `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>2</v></c></row><row r="2" ht="20"><c r="A2"><f>A1+1</f><v>2</v></c></row><row r="3"/><row r="4"><c r="C4"/></row ></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`,
		"comment":  `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><!-- </row><row r="9"> --><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[</row>]]></t></is></c></row><row r="3"><c r="A3"/></row></sheetData></worksheet>`,
		"prefix":   `<x:worksheet xmlns:x="` + nsMain + `"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="B2"><x:v>2</x:v></x:c></x:row><x:row r="3"><x:c r="C3"/></x:row></x:sheetData><x:pageMargins left="0.7"/></x:worksheet>`,
		"implicit": `<worksheet xmlns="` + nsMain + `"><sheetData><row><c><v>1</v></c></row><row><c><v>2</v></c><c><v>3</v></c></row><row><c/></row></sheetData></worksheet>`,
	}
	for name, xml := range sheets {
		data := []byte(xml)
		all, err := mapSheet(data, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		some, err := mapSheet(data, map[int]bool{2: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(some.rows) != len(all.rows) || len(some.top) != len(all.top) || some.close != all.close {
			t.Fatalf("%s: %d rows, %d children, end at %d; mapping all: %d, %d, %d", name, len(some.rows), len(some.top), some.close, len(all.rows), len(all.top), all.close)
		}
		for i, r := range some.rows {
			a := all.rows[i]
			if r.r != a.r || r.open.Start != a.open.Start || r.closeAt != a.closeAt {
				t.Errorf("%s: row %d at %d–%d, mapping all: row %d at %d–%d", name, r.r, r.open.Start, r.closeAt, a.r, a.open.Start, a.closeAt)
			}
			if r.r == 2 && len(r.cells) != len(a.cells) {
				t.Errorf("%s: row 2 has %d cells, mapping all: %d", name, len(r.cells), len(a.cells))
			}
			if r.r != 2 && len(r.cells) != 0 {
				t.Errorf("%s: row %d not asked for has %d cells", name, r.r, len(r.cells))
			}
		}
		for i, el := range some.top {
			if el.name != all.top[i].name || el.start != all.top[i].start || el.end != all.top[i].end {
				t.Errorf("%s: child %s at %d–%d, mapping all: %s at %d–%d", name, el.name, el.start, el.end, all.top[i].name, all.top[i].start, all.top[i].end)
			}
		}
		if !bytes.Equal(some.bytes(), data) {
			t.Errorf("%s: an unedited sheet changed", name)
		}
	}
}
