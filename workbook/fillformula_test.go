package workbook

import (
	"fmt"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// TestFillFormula: a filled 得分 keeps its value only while its own row's
// target, actual and weight are as read, found by the cell among many rows.
func TestFillFormula(t *testing.T) {
	fm := &form.Form{Kind: form.MOF2020, Sheet: "自评表"}
	for line := 13; line < 13+2000; line++ {
		r := fm.Kind.Table.NewRow(line)
		for key, col := range map[string]string{"target": "D", "actual": "E", "weight": "F", "score": "G"} {
			r.Set(key, form.Cell{Ref: fmt.Sprintf("%s%d", col, line), Raw: fmt.Sprintf("%s-%d", key, line)})
		}
		fm.Rows = append(fm.Rows, r)
	}
	at := scoreRows(fm)
	if len(at) != len(fm.Rows) {
		t.Fatalf("%d score cells indexed, want %d", len(at), len(fm.Rows))
	}
	i, ok := at["G1500"]
	if !ok {
		t.Fatal("G1500 not indexed")
	}
	want := `IF(AND(D1500&""="target-1500",E1500&""="actual-1500",F1500&""="weight-1500"),7.5,"")`
	if got := fillFormula(fm, fm.Rows[i], "7.5", "", noStored); got != want {
		t.Errorf("formula %s, want %s", got, want)
	}
	// A target the reader joined from several cells: the formula compares
	// what the target cell itself holds.
	stored := func(ref string) (string, bool) { return "100", ref == "D1500" }
	want = `IF(AND(D1500&""="100",E1500&""="actual-1500",F1500&""="weight-1500"),7.5,"")`
	if got := fillFormula(fm, fm.Rows[i], "7.5", "", stored); got != want {
		t.Errorf("formula %s, want %s", got, want)
	}
	fm.Rows[i].Set("actual", form.Cell{Ref: "E1500", Raw: "two\nlines"})
	if got := fillFormula(fm, fm.Rows[i], "7.5", "", noStored); got != "" {
		t.Errorf("formula %s for an input a formula cannot compare, want none", got)
	}
}

func noStored(string) (string, bool) { return "", false }
