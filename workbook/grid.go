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
	extra  []string       // GridExtra keys of source rows the kind does not know, in sheet order
	spans  map[int]int    // column → last column its header is merged over
}

// findGrid locates the grid: the header row by the column labels within rows
// [0, to) (then anywhere), and each row by its label in the rows below the
// header, left of the first value column. Rows or columns not found are
// missing from the layout. Further rows of the block with a label (not one of
// known) and an amount are read as extra source rows.
func (s *sheet) findGrid(g *form.Grid, to int, known map[string]bool) (gridLayout, bool) {
	cols := make([]headerCol, 0, len(g.Cols))
	for _, c := range g.Cols {
		cols = append(cols, headerCol{key: c.Key, labels: labels(c.Label, c.Aliases...)})
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
	for _, c := range g.Cols {
		if _, ok := found[c.Key]; !ok && c.Else != "" {
			if at, ok := found[c.Else]; ok {
				found[c.Key] = at
			}
		}
	}
	lay := gridLayout{header: r, cols: found, rows: map[string]int{}, spans: map[int]int{}}
	for _, c := range found {
		if a, ok := s.merge(r, c); ok && a.c1 == c {
			lay.spans[c] = a.c2 // a header over several columns owns them all
		}
	}
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
	labelCol := -1
	taken := map[int]bool{}
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
					taken[x] = true
					if labelCol < 0 {
						labelCol = c
					}
					break rows
				}
			}
		}
	}
	if labelCol >= 0 {
		s.extraRows(g, &lay, labelCol, limit, taken, known)
	}
	if len(g.Rows) == 1 && len(lay.rows) == 0 && r+1 < limit {
		// A block of one row may print no row label (the dept form's
		// 部门预算执行情况): its values are on the row below the header.
		lay.rows[g.Rows[0].Key] = r + 1
	}
	return lay, true
}

// extraRows adds the rows right below the header, down to the first row
// without a label of its own in labelCol, that are not rows of the kind, but
// hold an amount: source rows the kind does not know.
func (s *sheet) extraRows(g *form.Grid, lay *gridLayout, labelCol, limit int, taken map[int]bool, known map[string]bool) {
	for x := lay.header + 1; x < limit; x++ {
		if taken[x] || s.columnNumbers(x, labelCol, s.width(x)-1) {
			continue // a 栏次 row numbering the columns
		}
		n := s.norm(x, labelCol)
		if or, _ := s.origin(x, labelCol); or != x || n == "" || known[n] {
			return
		}
		amount := false
		for _, gc := range g.Cols {
			if c, ok := lay.cols[gc.Key]; ok && gc.Type == form.Amount && !s.blank(x, c) {
				amount = true
			}
		}
		if !amount {
			return
		}
		key := form.GridExtra + s.own(x, labelCol)
		lay.rows[key] = x
		lay.extra = append(lay.extra, key)
	}
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
				cells[gc.Key] = s.cell(r, s.spanCol(r, c, max(c, lay.spans[c])))
			}
		}
		if c, ok := lay.cols[form.GridReason]; ok {
			cells[form.GridReason] = s.cell(r, c)
		}
		out[gr.Key] = cells
	}
	for _, key := range lay.extra {
		cells := map[string]form.Cell{}
		for _, gc := range g.Cols {
			if c, ok := lay.cols[gc.Key]; ok && gc.Type == form.Amount {
				cells[gc.Key] = s.cell(lay.rows[key], s.spanCol(lay.rows[key], c, max(c, lay.spans[c])))
			}
		}
		out[key] = cells
	}
	return out
}
