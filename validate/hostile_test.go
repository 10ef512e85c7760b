package validate

import (
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// nonFinite stores raw (NaN, Inf) as the number in the cell at ref, shown the
// way excelize shows it under an accounting format.
func nonFinite(ref, raw string) func(*form.Form) {
	return func(f *form.Form) {
		set := func(c form.Cell) form.Cell {
			if c.Ref == ref {
				c.Raw, c.Text, c.Number = raw, "-   ,"+raw, true
			}
			return c
		}
		for k, c := range f.Fields {
			f.Fields[k] = set(c)
		}
		for _, row := range f.Grid {
			for k, c := range row {
				row[k] = set(c)
			}
		}
		for _, r := range f.Rows {
			for k, c := range r.Cells {
				r.Cells[k] = set(c)
			}
		}
	}
}

// TestHostileNumbers: NaN and infinities, and weights below a cent, get their
// own finding and nothing that quotes nonsense.
func TestHostileNumbers(t *testing.T) {
	tests := []struct {
		name string
		b    *builder
		want []string
	}{
		{"NaN weight", rows4(rowOutput).edit(nonFinite("F14", "NaN")), []string{"error cell.not_finite F14"}},
		{"Inf score", rows4(rowOutput).edit(nonFinite("G14", "+Inf")), []string{"error cell.not_finite G14"}},
		{"NaN budget", mof().edit(nonFinite("D6", "NaN")), []string{"error cell.not_finite D6"}},
		{"sub-cent weight", rows4(with(rowOutput, cWeight, "0.009", cScore, "0.009")), []string{"error weight.too_small F14"}},
		{"a cent is fine", mof().row(rowCost...).row(with(rowOutput, cWeight, "29.99", cScore, "29.99")...).row(with(rowEffect, cWeight, "30.01", cScore, "30.01")...).row(rowSatisf...), []string{"info weights.split F17"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFindings(t, tt.b, tt.want)
			for _, f := range tt.b.check().Findings {
				if strings.Contains(f.Message, "-   ,") || strings.Contains(f.Message, "0.01 低于") {
					t.Errorf("%s %s: %s", f.Code, f.Cell, f.Message)
				}
			}
		})
	}
	r := rows4(rowOutput).edit(nonFinite("F14", "NaN")).check()
	if got, want := r.Findings[0].Message, "分值的值“NaN”不是有限的数值（NaN 或无穷大）"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	r = rows4(with(rowOutput, cWeight, "0.009", cScore, "0.009")).check()
	if got, want := r.Findings[0].Message, "分值 0.009 小于 0.01，无法按两位小数评分"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}
