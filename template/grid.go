package template

import (
	"fmt"

	"github.com/selfeval/selfeval/workbook/form"
)

// dash marks the cells of a TotalOnly grid column below the total row.
const dash = "—"

// grid lays out the funds block: its block label, column headers, row
// labels and cells.
func (b *builder) grid() error {
	g := b.k.Grid
	if g == nil {
		return nil
	}
	if err := b.put(rangeOf(g.LabelAt, g.Row, g.LabelAt, g.Row+len(g.Rows)), g.Label, roleLabel); err != nil {
		return err
	}
	for _, c := range g.Cols {
		if err := b.put(fmt.Sprintf("%s%d", c.Col, g.Row), c.Label, roleLabel); err != nil {
			return err
		}
	}
	for i, r := range g.Rows {
		row := b.l.GridRows[r.Key]
		if err := b.put(fmt.Sprintf("%s%d", g.RowLabel, row), r.Label, roleLabel); err != nil {
			return err
		}
		for _, c := range g.Cols {
			if err := b.gridCell(c, b.l.Grid[r.Key][c.Key], row, i == 0); err != nil {
				return fmt.Errorf("资金表 %s.%s：%w", r.Key, c.Key, err)
			}
		}
	}
	return nil
}

func (b *builder) gridCell(c form.GridCol, ref string, row int, total bool) error {
	switch {
	case c.TotalOnly && !total:
		return b.put(ref, dash, roleLabel)
	case c.Computed:
		return b.computed(ref, c.Type, c.Formula, c.Value, row)
	}
	return b.inputCell(input{rng: ref, typ: c.Type, title: c.Label, prompt: c.Prompt})
}
