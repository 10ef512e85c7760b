package workbook

import (
	"regexp"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
)

// tableLayout is where a kind's indicator table sits in a sheet.
type tableLayout struct {
	header int            // last row of the header
	cols   map[string]int // column key → sheet column
	first  int            // leftmost table column
	last   int            // rightmost table column
	end    int            // row of the End label, or the row after the data
	op     int            // column of a separate 指标性质 (≥ ≤ = 定性), or -1
	unit   int            // column of a separate 度量单位, or -1
}

// Labels of the columns some forms split the 年度指标值 into: the operator
// (or 定性) and the unit, beside the value.
var (
	opLabels   = labels("指标性质", "指标方向", "运算符号", "符号")
	unitLabels = labels("度量单位", "计量单位", "单位")
)

// headerMatch maps the columns whose labels appear in row r (possibly split
// over rows r and r+1). It returns the map and whether row r+1 was used.
func (s *sheet) headerMatch(cols []headerCol, r int) (map[string]int, bool) {
	out := map[string]int{}
	used := map[int]bool{}
	w := max(s.width(r), s.width(r+1))
	split := false
	for pass := 0; pass < 3; pass++ {
		if pass == 1 && len(out) == 0 {
			break // not a header row: spare the looser passes
		}
		for _, hc := range cols {
			if _, ok := out[hc.key]; ok {
				continue
			}
			for c := 0; c < w; c++ {
				if used[c] {
					continue
				}
				or, oc := s.origin(r, c)
				if oc != c || or > r {
					continue
				}
				n := s.norm(r, c)
				hit := false
				switch pass {
				case 0:
					hit = hc.labels.match(n)
				case 1:
					hit = hc.labels.prefix(n)
				case 2: // a header split over two rows
					if br, _ := s.origin(r+1, c); br == r+1 {
						joined := n + s.norm(r+1, c)
						hit = hc.labels.match(joined) || hc.labels.prefix(joined)
					}
				}
				if hit {
					out[hc.key], used[c] = c, true
					split = split || pass == 2
					break
				}
			}
		}
	}
	return out, split
}

// headerCol is a column to find in a header row.
type headerCol struct {
	key    string
	labels labelSet
}

// findHeader returns the row in [from, to) that matches the most column
// labels, at least half of them.
func (s *sheet) findHeader(cols []headerCol, from, to int) (row int, found map[string]int, split bool) {
	best := 0
	row = -1
	to = min(to, s.rows())
	for r := max(from, 0); r < to; r++ {
		m, sp := s.headerMatch(cols, r)
		if len(m) > best {
			best, row, found, split = len(m), r, m, sp
		}
		if best == len(cols) {
			break // every column found: no row can do better
		}
	}
	if 2*best < len(cols) || best == 0 {
		return -1, nil, false
	}
	if !split {
		split = s.continued(cols, found, row)
	}
	return row, found, split
}

// continued reports whether row r+1 only continues the header labels of row
// r: every cell of its own sits under a found column and completes that
// column's label to one of its labels (偏差原因分析 above 及改进措施).
func (s *sheet) continued(cols []headerCol, found map[string]int, r int) bool {
	at := map[int]labelSet{}
	for _, hc := range cols {
		if c, ok := found[hc.key]; ok {
			at[c] = hc.labels
		}
	}
	any := false
	for c := 0; c < s.width(r+1); c++ {
		if s.own(r+1, c) == "" {
			continue
		}
		if or, oc := s.origin(r+1, c); or != r+1 || oc != c {
			continue
		}
		l, ok := at[c]
		joined := s.norm(r, c) + s.norm(r+1, c)
		if !ok || !l.match(joined) {
			return false
		}
		any = true
	}
	return any
}

func tableCols(t *form.Table) []headerCol {
	out := make([]headerCol, 0, len(t.Columns))
	for _, c := range t.Columns {
		out = append(out, headerCol{c.Key, labels(c.Label, c.Aliases...)})
	}
	return out
}

// findTable locates the indicator table: its header row and columns, and the
// row that closes it (the End label, or a footer field label).
func (s *sheet) findTable(k *form.Kind) (tableLayout, bool) {
	r, cols, split := s.findHeader(tableCols(&k.Table), 0, s.rows())
	if r < 0 {
		return tableLayout{}, false
	}
	if split {
		r++
	}
	lay := tableLayout{header: r, cols: cols, first: -1, end: s.rows(), op: -1, unit: -1}
	if k.Table.Column("target") != nil {
		for c := 0; c < s.width(r); c++ {
			if or, oc := s.origin(r, c); oc != c || or > r {
				continue
			}
			switch n := s.norm(r, c); {
			case lay.op < 0 && opLabels.match(n):
				lay.op = c
			case lay.unit < 0 && unitLabels.match(n):
				lay.unit = c
			}
		}
	}
	for _, c := range cols {
		if lay.first < 0 || c < lay.first {
			lay.first = c
		}
		lay.last = max(lay.last, c)
	}
	end := labels(k.Table.End, k.Table.EndAlias...)
	stop := labelSet{}
	for _, fd := range k.Footer {
		stop = append(stop, labels(fd.Label, fd.Aliases...)...)
	}
	for x := r + 1; x < s.rows(); x++ {
		n := s.firstText(x, lay.first, lay.last)
		if end.match(n) || stop.match(n) || closing(n) {
			lay.end = x
			break
		}
	}
	return lay, true
}

// closers start a row below a form that has no 总分 or 评分等级 row: who
// filled it in, a note.
var closers = []string{"填表人", "填报人", "填表单位", "填报单位", "审核人", "联系人", "联系电话", "单位负责人", "注:", "说明:", "备注:", "填表说明", "填报说明"}

// closing reports whether the first text of a row says the table is over.
func closing(n string) bool {
	for _, p := range closers {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// firstText returns the normalised text of the first non-blank cell of row r
// within columns [c1, c2], following merges.
func (s *sheet) firstText(r, c1, c2 int) string {
	for c := c1; c <= c2; c++ {
		if n := s.norm(r, c); n != "" {
			return n
		}
	}
	return ""
}

// readRows reads the data rows of the table: every row between the header
// and the end that has content of its own in an input column.
func (s *sheet) readRows(k *form.Kind, lay tableLayout) []form.Row {
	t := &k.Table
	var inherit []string // columns whose blank, unmerged cells take the previous row's value
	for _, c := range t.Columns {
		if c.Key == t.GroupCol || c.Type == form.Level1 || c.Type == form.Level2 {
			inherit = append(inherit, c.Key)
		}
	}
	groups := labelSet{}
	for _, g := range t.Groups {
		groups = append(groups, normalize(g.Name))
	}
	prev := map[string]form.Cell{}
	var out []form.Row
	for r := lay.header + 1; r < lay.end; r++ {
		if gc, ok := s.groupRow(r, lay, groups); ok {
			// A row that holds only a group label, typed across the table:
			// the rows below belong to it.
			prev[t.GroupCol] = gc
			continue
		}
		row := form.Row{Line: r + 1, Cells: make(map[string]form.Cell, len(t.Columns))}
		content := false
		for _, c := range t.Columns {
			col, ok := lay.cols[c.Key]
			if !ok {
				continue
			}
			row.Cells[c.Key] = s.cell(r, col)
			if c.Input && s.own(r, col) != "" {
				if or, oc := s.origin(r, col); or == r && oc == col {
					content = true
				}
			}
		}
		same := true // every inheriting column so far matches the previous row
		for _, key := range inherit {
			col, ok := lay.cols[key]
			if !ok {
				continue
			}
			cur := row.Cells[key]
			_, merged := s.merge(r, col)
			if cur.Blank() && !merged && same {
				if p, ok := prev[key]; ok {
					cur = p
					row.Cells[key] = p
				}
			}
			if p, ok := prev[key]; !ok || p.Text != cur.Text {
				same = false
			}
			if !cur.Blank() {
				prev[key] = cur
			}
		}
		for _, c := range t.Columns {
			if _, ok := row.Cells[c.Key]; !ok {
				row.Cells[c.Key] = form.Cell{Sheet: s.name}
			}
		}
		for _, c := range t.Columns {
			if c.Type == form.Target {
				row.Cells[c.Key] = s.target(r, lay, row.Cells[c.Key])
			}
		}
		if !content {
			continue
		}
		if t.GroupCol != "" {
			row.Group = row.Cells[t.GroupCol].Text
		}
		out = append(out, row)
	}
	return out
}

// groupRow reports whether row r holds nothing but a group label (with or
// without its weight), and returns that cell.
func (s *sheet) groupRow(r int, lay tableLayout, groups labelSet) (form.Cell, bool) {
	if len(groups) == 0 {
		return form.Cell{}, false
	}
	var at []int
	for c := lay.first; c <= lay.last; c++ {
		if or, oc := s.origin(r, c); or == r && oc == c && !s.blank(r, c) {
			at = append(at, c)
		}
	}
	if len(at) != 1 || !groups.match(stripPoints(s.norm(r, at[0]))) {
		return form.Cell{}, false
	}
	return s.cell(r, at[0]), true
}

// literal is a plain number, possibly a percent.
var literal = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?%?$`)

// target returns the 年度指标值 of row r as the person wrote it: on a form
// with separate 指标性质 and 度量单位 columns the operator and unit join the
// value (≥, 6, 个 is ≥6(个); 定性 leaves the text as it is). A target that
// became a formula keeps it; the rule book reads it by its text.
func (s *sheet) target(r int, lay tableLayout, c form.Cell) form.Cell {
	if c.Blank() || lay.op < 0 && lay.unit < 0 {
		return c
	}
	op, unit := "", ""
	if lay.op >= 0 {
		op = s.norm(r, lay.op)
	}
	if lay.unit >= 0 {
		unit = s.norm(r, lay.unit)
	}
	v := c.Text
	if v == "" {
		v = c.Raw
	}
	if strings.Contains(op, "定性") || !literal.MatchString(normalize(v)) {
		return c
	}
	t := op + normalize(v)
	if unit != "" && !strings.HasSuffix(t, "%") {
		t += "(" + unit + ")"
	}
	return form.Cell{Sheet: c.Sheet, Ref: c.Ref, Text: t, Raw: t}
}
