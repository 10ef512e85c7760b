package workbook

import (
	"fmt"
	"testing"
)

// The rows of a long table share the arrays their cells are kept in: each
// row must still hold its own cells, and no row may reach into the next.
func TestReadRowsOwnCells(t *testing.T) {
	const n = 3*slabRows + 7 // several arrays, the last one part full
	x := mof2020Fixture(t)
	x.must(x.f.InsertRows(x.sheet, 19, n))
	for r := 19; r < 19+n; r++ {
		x.must(x.f.SetSheetRow(x.sheet, fmt.Sprintf("C%d", r), &[]any{fmt.Sprintf("指标%d", r), "≥1(个)", "1(个)", 1, 1}))
	}
	wb, err := Load(x.save(t.TempDir(), "long.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	fm, err := wb.Read()
	if err != nil {
		t.Fatal(err)
	}
	cols := len(fm.Kind.Table.Columns)
	seen := 0
	for i, row := range fm.Rows {
		if len(row.Cells) != cols || cap(row.Cells) != cols {
			t.Fatalf("row %d: %d cells, capacity %d; want %d", row.Line, len(row.Cells), cap(row.Cells), cols)
		}
		if row.Line >= 19 && row.Line < 19+n {
			seen++
			if got, want := row.Cell("name").Text, fmt.Sprintf("指标%d", row.Line); got != want {
				t.Fatalf("row %d: name %q, want %q", row.Line, got, want)
			}
			if got, want := row.Cell("name").Ref, fmt.Sprintf("C%d", row.Line); got != want {
				t.Fatalf("row %d: name at %s, want %s", row.Line, got, want)
			}
		}
		if i+1 < len(fm.Rows) {
			next := fm.Rows[i+1]
			before := next.Cells[0]
			_ = append(row.Cells, row.Cells[0])
			row.Cells[cols-1].Text = "changed"
			if next.Cells[0] != before || next.Cells[cols-1].Text == "changed" {
				t.Fatalf("changing row %d changed row %d", row.Line, next.Line)
			}
		}
	}
	if seen != n {
		t.Fatalf("%d of the %d inserted rows read", seen, n)
	}
}
