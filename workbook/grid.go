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
	// across says the block is turned round: the sources across (资金总额 |
	// 财政拨款 | …) and the figures down (年初预算数 / 全年执行数 / …); cols
	// then holds the row of each figure and rows the column of each source.
	across bool
	// inline holds a figure of the total only written as label and value
	// in a row of the block (分值 | 10 | 得分 | 7.52): key → its value cell.
	inline map[string][2]int
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
		if lay, ok := s.findGridAcross(g, cols, to, known); ok {
			return lay, true
		}
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

// findGridAcross locates a funds block turned round above row to: the
// figures' labels down one column (年初预算数, 全年预算数, 全年执行数, 执行率,
// 分值), at least half of them with the budget and the spending, and the
// sources' labels across a row a little above the first (资金总额, 财政拨款,
// 上年结转, 其他资金), right of that column, the total among them. A figure
// of the total only (分值, 得分) may stand as a label with its value right of
// it in a row of the block. A source the kind does not know, with an amount
// under it, is an extra source.
func (s *sheet) findGridAcross(g *form.Grid, cols []headerCol, to int, known map[string]bool) (gridLayout, bool) {
	to = min(to, s.rows())
	w := 0
	for x := 0; x < to; x++ {
		w = max(w, s.width(x))
	}
	best, bestCol := map[string]int(nil), -1
	for c := 0; c < w; c++ {
		var found map[string]int
		for x := 0; x < to; x++ {
			if or, oc := s.origin(x, c); or != x || oc != c || s.own(x, c) == "" {
				continue
			}
			n := s.norm(x, c)
			for _, hc := range cols {
				if _, ok := found[hc.key]; !ok && hc.labels.match(n) {
					if found == nil {
						found = map[string]int{}
					}
					found[hc.key] = x
					break
				}
			}
		}
		if len(found) > len(best) {
			best, bestCol = found, c
		}
	}
	_, spent := best["spent"]
	_, budget := best["budget"]
	_, initial := best["initial"]
	if 2*len(best) < len(cols) || !spent || !budget && !initial {
		return gridLayout{}, false
	}
	first, last := to, -1
	for _, x := range best {
		first, last = min(first, x), max(last, x)
	}
	lay := gridLayout{cols: best, rows: map[string]int{}, spans: map[int]int{}, across: true, inline: map[string][2]int{}}
	for _, gc := range g.Cols {
		if _, ok := best[gc.Key]; ok || !gc.TotalOnly {
			continue
		}
		l := labels(gc.Label, gc.Aliases...)
	inline:
		for x := first; x <= last; x++ {
			for c := bestCol + 1; c < s.width(x); c++ {
				if or, oc := s.origin(x, c); or != x || oc != c || !l.match(s.norm(x, c)) {
					continue
				}
				vr, vc := s.valueRight(x, c, 0, known)
				if vr == x && !s.blank(vr, vc) {
					lay.inline[gc.Key] = [2]int{vr, vc}
				}
				break inline
			}
		}
	}
	for _, gc := range g.Cols {
		if _, ok := best[gc.Key]; !ok && gc.Else != "" {
			if at, ok := best[gc.Else]; ok {
				best[gc.Key] = at
			}
		}
	}
	// The sources' row: the nearest above the first figure that names the
	// total right of the figures' labels.
	for h := first - 1; h >= max(0, first-3) && len(lay.rows) == 0; h-- {
		for _, gr := range g.Rows {
			l := labels(gr.Label, gr.Aliases...)
			for c := bestCol + 1; c < s.width(h); c++ {
				if or, oc := s.origin(h, c); or == h && oc == c && l.match(s.norm(h, c)) {
					lay.rows[gr.Key] = c
					break
				}
			}
		}
		if _, ok := lay.rows[g.Rows[0].Key]; !ok {
			clear(lay.rows)
			continue
		}
		lay.header = h
		taken := map[int]bool{}
		for _, c := range lay.rows {
			taken[c] = true
		}
		for c := bestCol + 1; c < s.width(h); c++ {
			n := s.norm(h, c)
			if or, oc := s.origin(h, c); or != h || oc != c || n == "" || taken[c] || known[n] {
				continue
			}
			amount := false
			for _, gc := range g.Cols {
				if x, ok := best[gc.Key]; ok && gc.Type == form.Amount && s.cell(x, c).Number {
					amount = true
				}
			}
			if amount {
				key := form.GridExtra + s.own(h, c)
				lay.rows[key] = c
				lay.extra = append(lay.extra, key)
			}
		}
	}
	if len(lay.rows) == 0 {
		return gridLayout{}, false
	}
	return lay, true
}

// readGrid reads every located grid cell.
func (s *sheet) readGrid(g *form.Grid, lay gridLayout) map[string]map[string]form.Cell {
	if lay.across {
		return s.readGridAcross(g, lay)
	}
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

// readGridAcross reads a funds block turned round: each source's column,
// each figure's row; a figure of the total only is read for the total.
func (s *sheet) readGridAcross(g *form.Grid, lay gridLayout) map[string]map[string]form.Cell {
	out := map[string]map[string]form.Cell{}
	read := func(key string, c int, all bool) {
		cells := map[string]form.Cell{}
		for _, gc := range g.Cols {
			if !all && gc.Type != form.Amount {
				continue
			}
			if at, ok := lay.inline[gc.Key]; ok {
				if key == g.Rows[0].Key {
					cells[gc.Key] = s.cell(at[0], at[1])
				}
				continue
			}
			if x, ok := lay.cols[gc.Key]; ok && (!gc.TotalOnly || key == g.Rows[0].Key) {
				cells[gc.Key] = s.cell(x, c)
			}
		}
		out[key] = cells
	}
	for _, gr := range g.Rows {
		if c, ok := lay.rows[gr.Key]; ok {
			read(gr.Key, c, true)
		}
	}
	for _, key := range lay.extra {
		read(key, lay.rows[key], false)
	}
	return out
}
