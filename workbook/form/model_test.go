package form

import "testing"

func TestRowCells(t *testing.T) {
	tab := &MOF2020.Table
	r := tab.NewRow(14)
	if len(r.Cells) != len(tab.Columns) || r.Line != 14 || r.Table() != tab {
		t.Fatalf("NewRow: %d cells for %d columns, line %d", len(r.Cells), len(tab.Columns), r.Line)
	}
	r.Set("score", Cell{Ref: "G14", Text: "5"})
	if got := r.Cell("score"); got.Ref != "G14" || got.Text != "5" {
		t.Errorf("Cell(score) = %+v", got)
	}
	if i := tab.Col("score"); i < 0 || r.Cells[i].Ref != "G14" {
		t.Errorf("Col(score) = %d", i)
	}
	if r.Has("nope") || tab.Col("nope") != -1 || r.Cell("nope") != (Cell{}) {
		t.Error("a column the table does not have")
	}
	c := r.Clone()
	c.Set("score", Cell{Ref: "G14", Text: "6"})
	if r.Cell("score").Text != "5" || c.Cell("score").Text != "6" {
		t.Error("Clone shares its cells")
	}
	var zero Row
	if zero.Has("score") || zero.Cell("score") != (Cell{}) {
		t.Error("a zero row has cells")
	}
	defer func() {
		if recover() == nil {
			t.Error("Set of a column the table does not have did not panic")
		}
	}()
	r.Set("nope", Cell{})
}
