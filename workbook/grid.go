package workbook

import (
	"github.com/selfeval/selfeval/workbook/form"
)

// reasonLabels head the 偏差原因 column some funds blocks have.
var reasonLabels = labels("偏差原因", "偏差原因分析", "原因说明", "执行偏差原因")

// gridLayout is where a kind's grid (the funds block) sits in a sheet.
type gridLayout struct {
	header int
	cols   map[string]int // GridCol.Key → sheet column
	rows   map[string]int // GridRow.Key → sheet row
}

// findGrid locates the grid: the header row by the column labels within rows
// [0, to) (then anywhere), and each row by its label in the rows below the
// header, left of the first value column. Rows or columns not found are
// missing from the layout.
func (s *sheet) findGrid(g *form.Grid, to int) (gridLayout, bool) {
	cols := make([]headerCol, 0, len(g.Cols))
	for _, c := range g.Cols {
		cols = append(cols, headerCol{c.Key, labels(c.Label, c.Aliases...)})
	}
	r, found, split := s.findHeader(cols, 0, to)
	if r < 0 {
		if r, found, split = s.findHeader(cols, 0, s.rows()); r < 0 {
			return gridLayout{}, false
		}
	}
	if split {
		r++
	}
	lay := gridLayout{header: r, cols: found, rows: map[string]int{}}
	for c := 0; c < max(s.width(r), s.width(r-1)); c++ {
		if _, taken := found[form.GridReason]; !taken && reasonLabels.match(s.norm(r, c)) {
			found[form.GridReason] = c
		}
	}
	left := -1
	for _, c := range found {
		if left < 0 || c < left {
			left = c
		}
	}
	limit := s.rows()
	if to > r {
		limit = to
	}
	for _, gr := range g.Rows {
		l := labels(gr.Label, gr.Aliases...)
	rows:
		for x := r + 1; x < limit; x++ {
			for c := 0; c < left; c++ {
				if or, oc := s.origin(x, c); or != x || oc != c {
					continue
				}
				if l.match(s.norm(x, c)) {
					lay.rows[gr.Key] = x
					break rows
				}
			}
		}
	}
	return lay, true
}

// readGrid reads every located grid cell.
func (s *sheet) readGrid(g *form.Grid, lay gridLayout) map[string]map[string]form.Cell {
	out := map[string]map[string]form.Cell{}
	for _, gr := range g.Rows {
		r, ok := lay.rows[gr.Key]
		if !ok {
			continue
		}
		cells := map[string]form.Cell{}
		for _, gc := range g.Cols {
			if c, ok := lay.cols[gc.Key]; ok {
				cells[gc.Key] = s.cell(r, c)
			}
		}
		if c, ok := lay.cols[form.GridReason]; ok {
			cells[form.GridReason] = s.cell(r, c)
		}
		out[gr.Key] = cells
	}
	return out
}
