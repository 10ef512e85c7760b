package workbook

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
)

// tableLayout is where a kind's indicator table sits in a sheet.
type tableLayout struct {
	header int            // last row of the header
	cols   map[string]int // column key → sheet column
	first  int            // leftmost table column
	last   int            // rightmost table column
	end    int            // row of the End label, or the row after the data
	ops    []int          // columns of a separate 计算符号 / 指标方向 / 指标性质 (≥ ≤ = 定量 定性)
	unit   int            // column of a separate 度量单位, or -1
	spans  map[string]int // column key → last sheet column its header is merged over
	head   []headerCol    // the column labels, to know the header repeated on a later page
	top    int            // first row of the header
	joined int            // column of 一级—二级 in one cell when neither has its own, or -1
}

// Labels of the columns some forms split the 年度指标值 into: the operator
// (or 定性) and the unit, beside the value.
var (
	opLabels   = labels("", form.OperatorColumns...)[1:]
	unitLabels = labels("", form.UnitColumns...)[1:]
)

// headerMatch maps the columns whose labels appear in row r (possibly split
// over rows r and r+1). It returns the map and whether row r+1 was used.
func (s *sheet) headerMatch(cols []headerCol, r int) (map[string]int, bool) {
	var out map[string]int // made at the first label found: most rows have none
	w := max(s.width(r), s.width(r+1))
	var few [64]bool
	used := few[:min(w, len(few))]
	if w > len(few) {
		used = make([]bool, w)
	}
	// What each cell offers, worked out once for all the columns sought:
	// 1 a cell of its own (or a merge's first) with its text in texts, 2 not.
	var texts [64]string
	var seen [64]byte
	cellText := func(c int) (string, bool) {
		if c < len(seen) && seen[c] != 0 {
			return texts[c], seen[c] == 1
		}
		or, oc := s.origin(r, c)
		ok := oc == c && or <= r
		n := ""
		if ok {
			n = s.norm(r, c)
		}
		if c < len(seen) {
			texts[c], seen[c] = n, 2
			if ok {
				seen[c] = 1
			}
		}
		return n, ok
	}
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
				n, ok := cellText(c)
				if !ok {
					continue
				}
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
					if out == nil {
						out = map[string]int{}
					}
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
	key      string
	labels   labelSet
	optional bool // published forms may leave the column out
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
	// Half the columns must be there, not counting those published forms
	// may leave out (a flat list of 部门整体 indicators has six of its
	// fifteen).
	need, have := 0, 0
	for _, hc := range cols {
		if !hc.optional {
			need++
			if _, ok := found[hc.key]; ok {
				have++
			}
		}
	}
	if need == 0 {
		need, have = len(cols), best
	}
	if 2*have < need || best == 0 {
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
		out = append(out, headerCol{c.Key, labels(c.Label, c.Aliases...), c.Optional})
	}
	return out
}

// findTable locates the indicator table: its header row and columns, the
// span of each column's header, the separate operator and unit columns, and
// the row that closes it (the End label, a footer field label, or a
// narrative, signature or note block under the table).
// The layout is kept for the next call with the same kind; its maps must not
// be changed.
func (s *sheet) findTable(k *form.Kind) (tableLayout, bool) {
	if s.tableKind != k || k == nil {
		s.table, s.tableOK = s.locateTable(k)
		s.tableKind = k
	}
	return s.table, s.tableOK
}

func (s *sheet) locateTable(k *form.Kind) (tableLayout, bool) {
	head := tableCols(&k.Table)
	r, cols, split := s.findHeader(head, 0, s.rows())
	if r < 0 {
		return tableLayout{}, false
	}
	top := r
	if split {
		r++
	} else if more, at := s.subHeader(head, cols, r); len(more) > 0 {
		// A header over two rows: 绩效指标 above 一级/二级/三级指标, or
		// 年度指标值 above its parts. The row below holds the other labels.
		for k, c := range more {
			cols[k] = c
		}
		top, r = min(r, at), max(r, at)
	}
	var parts map[string]int // columns a merged head's sub-heads give
	if !split && r <= top+1 {
		// 年度指标值 merged over 预期 | 实际: the sub-heads split it into
		// the target and the actual.
		if parts = s.mergedParts(k, cols, top); len(parts) > 0 {
			for key, c := range parts {
				cols[key] = c
			}
			r = top + 1
		}
	}
	if _, ok := cols["name"]; !ok && k.Table.Column("name") != nil {
		if c, ok := s.namesHeadedPerf(cols, r); ok {
			cols["name"] = c
		}
	}
	lay := tableLayout{header: r, cols: cols, first: -1, end: s.rows(), unit: -1, spans: map[string]int{}, head: head, top: top, joined: -1}
	for _, hc := range head {
		c, ok := cols[hc.key]
		if !ok {
			continue
		}
		lay.spans[hc.key] = c
		for x := top; x <= r; x++ {
			// The merge that holds the column's own label.
			if a, ok := s.merge(x, c); ok && a.c1 == c && (hc.labels.match(s.norm(x, c)) || hc.labels.prefix(s.norm(x, c))) {
				lay.spans[hc.key] = a.c2
				break
			}
		}
	}
	for key, c := range parts {
		lay.spans[key] = c // the sub-head's column only, not the merge above it
		if a, ok := s.merge(r, c); ok && a.c1 == c {
			lay.spans[key] = a.c2
		}
	}
	if k.Table.Column("target") != nil {
		for c := 0; c < max(s.width(r), s.width(top)); c++ {
			hr := r
			if or, oc := s.origin(r, c); oc != c || or > r {
				continue
			} else {
				hr = or
			}
			switch n := s.norm(hr, c); {
			case opLabels.match(n):
				lay.ops = append(lay.ops, c)
			case lay.unit < 0 && unitLabels.match(n):
				lay.unit = c
			}
		}
	}
	for key, c := range cols {
		if lay.first < 0 || c < lay.first {
			lay.first = c
		}
		lay.last = max(lay.last, lay.spans[key])
	}
	if c := s.joinedLevels(k, cols, r); c >= 0 {
		lay.joined = c
		lay.first, lay.last = min(lay.first, c), max(lay.last, c)
	}
	end := labels(k.Table.End, k.Table.EndAlias...)
	stop := labelSet{}
	for _, fd := range k.Footer {
		stop = append(stop, labels(fd.Label, fd.Aliases...)...)
	}
	heads := pageHeadsOf(k)
	for x := r + 1; x < s.rows(); x++ {
		n := s.firstText(x, lay.first, lay.last)
		if end.match(n) || stop.match(stripPoints(n)) || closing(n) {
			lay.end = x
			break
		}
		// A block of the form's head under the table (the goal block of a
		// form that puts it last, the next project's 项目名称), its label
		// in the table's first column, ends it, unless it is a page head
		// above the column heads repeated.
		// An indicator named as a field (预算执行率), with its points, does not.
		if or, _ := s.origin(x, lay.first); or == x && heads.field(stripPoints(s.norm(x, lay.first))) && !s.scored(x, lay, &k.Table) && !s.pageHead(x, lay, heads) {
			lay.end = x
			break
		}
	}
	return lay, true
}

// pageHeads are the texts a printed form repeats at the top of a new page
// above its column heads: its titles and the labels of its head.
type pageHeads struct {
	titles []string // normalised
	fields labelSet // the labels of the kind's fields and of their blocks
	bare   map[string]bool
	table  *form.Table
}

func pageHeadsOf(k *form.Kind) pageHeads {
	h := pageHeads{table: &k.Table, bare: map[string]bool{}}
	for _, t := range append([]string{k.Title}, k.TitleAliases...) {
		h.titles = append(h.titles, normalize(t))
	}
	for _, fd := range k.Fields {
		h.fields = append(h.fields, labels(fd.Label, fd.Aliases...)...)
		for _, b := range fd.Beside {
			h.fields = append(h.fields, normalize(b))
		}
	}
	for _, x := range h.fields {
		h.bare[bare(x)] = true
	}
	return h
}

// field reports whether normalised text n is a label of the form's head, as
// h.fields.match does; a text that is none of them is told by a map lookup,
// not a comparison with each label, since every row of the table asks.
func (h pageHeads) field(n string) bool {
	if b := bare(n); !h.bare[b] && !strings.HasSuffix(b, "代码") && !strings.HasSuffix(b, "编码") {
		return false
	}
	return h.fields.match(n)
}

// pageHeadText reports whether row r holds a text a page head repeats: the
// title, the year line, 续表, or a label of the form's head (项目名称 with
// its value).
func (s *sheet) pageHeadText(r int, lay tableLayout, h pageHeads) bool {
	n := stripPoints(s.firstText(r, lay.first, lay.last))
	if n == "" {
		return false
	}
	if strings.HasPrefix(n, "续") || strings.HasSuffix(n, "续表") || strings.HasSuffix(n, "(续)") {
		return true
	}
	if (n[0] == '(' || n[0] >= '0' && n[0] <= '9') && yearLine.MatchString(n) {
		return true
	}
	for _, t := range h.titles {
		if strings.Contains(n, t) {
			return true
		}
	}
	return h.field(n)
}

// pageHead reports whether row r belongs to the head of a new page of a
// printed form pasted back: a page-head text with no points (an indicator
// named as a field, 预算执行率, has them) followed, within a few rows of such
// texts, page marks or blank rows, by the column heads repeated.
func (s *sheet) pageHead(r int, lay tableLayout, h pageHeads) bool {
	if !s.pageHeadText(r, lay, h) || s.scored(r, lay, h.table) {
		return false
	}
	for x := r + 1; x < min(s.rows(), r+8); x++ {
		if s.headerCandidate(x, lay) {
			if m, _ := s.headerMatch(lay.head, x); 2*len(m) >= len(lay.head) && len(m) >= 2 {
				return true
			}
		}
		if s.pageHeadText(x, lay, h) {
			continue
		}
		if c := s.classify(x, lay); c != rowSpacer && c != rowPage && c != rowBlock {
			return false
		}
	}
	return false
}

// columnNumbers reports whether row r only numbers the columns [c1, c2] of
// the block above it, as a printed form's 栏次 row does: at least three
// cells of their own hold 1, 2, 3 … counting up by one, after at most one
// label (栏次).
func (s *sheet) columnNumbers(r, c1, c2 int) bool {
	want, label := 1, false
	for c := c1; c <= c2; c++ {
		if or, oc := s.origin(r, c); or != r || oc != c || s.blank(r, c) {
			continue
		}
		if s.norm(r, c) == strconv.Itoa(want) {
			want++
			continue
		}
		if want == 1 && !label {
			label = true
			continue
		}
		return false
	}
	return want > 3
}

// perfLabel heads the indicators' names in some provinces' forms (Anhui's
// 部门整体 form: 一级指标 | 二级指标 | 绩效指标 | 年度指标值 …). In a
// two-row header the same words stand above 一级/二级/三级指标 instead,
// merged over them in the row above, so they name the names' column only
// as a cell of the header row itself.
var perfLabel = labels("绩效指标")

// namesHeadedPerf returns the column of header row r headed 绩效指标 in a
// cell of its own that no column found takes.
func (s *sheet) namesHeadedPerf(found map[string]int, r int) (int, bool) {
	used := map[int]bool{}
	for _, c := range found {
		used[c] = true
	}
	for c := 0; c < s.width(r); c++ {
		if or, oc := s.origin(r, c); or != r || oc != c || used[c] {
			continue
		}
		if a, ok := s.merge(r, c); ok && a.c1 != a.c2 {
			continue // over several columns: a heading above others
		}
		if perfLabel.match(s.norm(r, c)) {
			return c, true
		}
	}
	return -1, false
}

// subHeader finds the labels of a two-row header that row r lacks in the
// row below or above it: columns of found labels are not taken again. It
// returns them and the row they are in.
func (s *sheet) subHeader(head []headerCol, found map[string]int, r int) (map[string]int, int) {
	used := map[int]bool{}
	for _, c := range found {
		used[c] = true
	}
	for _, x := range []int{r + 1, r - 1} {
		if x < 0 {
			continue
		}
		more := map[string]int{}
		for _, hc := range head {
			if _, ok := found[hc.key]; ok {
				continue
			}
			for c := 0; c < s.width(x); c++ {
				if or, oc := s.origin(x, c); or != x || oc != c || used[c] || s.own(x, c) == "" {
					continue
				}
				if hc.labels.match(s.norm(x, c)) {
					more[hc.key] = c
					used[c] = true
					break
				}
			}
		}
		if len(more) > 0 {
			return more, x
		}
	}
	return nil, r
}

// partWords are the short sub-heads a two-row header writes under a merged
// 年度指标值 for the target and the actual, besides the columns' own labels.
var partWords = map[form.Type]labelSet{
	form.Target: labels("预期", "预期值", "计划", "计划值"),
	form.Actual: labels("实际", "实际数"),
}

// mergedParts reads a head of two rows whose found column's label in row
// top is merged across columns over sub-heads in the row below (年度指标值
// over 预期 | 实际, D12:E12 over D13 and E13): each sub-head that names a
// column of the table, by its labels or as a partWords word of its type,
// gives that column (the merged head's own column moves to its sub-head).
// It returns them only when they add a column the head lacks: a 年度指标值
// over 计算符号 | 指标值 | 单位 adds none and is read as before.
func (s *sheet) mergedParts(k *form.Kind, found map[string]int, top int) map[string]int {
	var out map[string]int
	gained := false
	for _, col := range k.Table.Columns {
		c, ok := found[col.Key]
		if !ok {
			continue
		}
		a, merged := s.merge(top, c)
		if !merged || a.r1 != top || a.r2 != top || a.c1 != c || a.c2 == c {
			continue // not a head merged across columns only
		}
		for x := c; x <= a.c2; x++ {
			if or, oc := s.origin(top+1, x); or != top+1 || oc != x || s.own(top+1, x) == "" {
				continue
			}
			n := s.norm(top+1, x)
			for _, to := range k.Table.Columns {
				_, has := found[to.Key]
				if _, done := out[to.Key]; done || has && to.Key != col.Key {
					continue
				}
				if !labels(to.Label, to.Aliases...).match(n) && !partWords[to.Type].match(n) {
					continue
				}
				if out == nil {
					out = map[string]int{}
				}
				out[to.Key] = x
				gained = gained || !has
				break
			}
		}
	}
	if !gained {
		return nil
	}
	return out
}

// levelSeps are what a form writes between the 一级 and the 二级指标 it
// gives in one cell (产出指标—数量指标).
const levelSeps = "—–－-/／·•：:|丨、"

// splitLevels splits the text of a cell that gives both levels, 一级 then
// 二级 with a separator between them, when the first is a 一级指标 of the
// taxonomy.
func splitLevels(text string) (string, string, bool) {
	i := strings.IndexAny(text, levelSeps)
	if i <= 0 {
		return "", "", false
	}
	l1 := strings.TrimSpace(text[:i])
	l2 := strings.TrimSpace(strings.TrimLeft(text[i:], levelSeps))
	if l2 == "" || strings.ContainsAny(l2, levelSeps) || form.LevelOf(stripPoints(normalize(l1))) == nil {
		return "", "", false
	}
	return l1, l2, true
}

// joinedLevels returns the column of header row r that gives both levels of
// each indicator in one cell (指标类别: 产出指标—数量指标), on a table of kind
// k with 一级 and 二级指标 columns of which the header has neither; or -1.
// The column is one the header found no column in whose cells below split
// into two levels, most of its texts and at least two.
func (s *sheet) joinedLevels(k *form.Kind, found map[string]int, r int) int {
	levels := 0
	for _, c := range k.Table.Columns {
		if c.Type != form.Level1 && c.Type != form.Level2 {
			continue
		}
		if _, ok := found[c.Key]; ok {
			return -1
		}
		levels++
	}
	if levels < 2 {
		return -1
	}
	used := map[int]bool{}
	for _, c := range found {
		used[c] = true
	}
	for c := 0; c < s.width(r); c++ {
		if or, oc := s.origin(r, c); oc != c || or > r || used[c] || s.norm(r, c) == "" {
			continue
		}
		hit, miss := 0, 0
		for x := r + 1; x < min(s.rows(), r+200); x++ {
			if or, oc := s.origin(x, c); or != x || oc != c || s.blank(x, c) {
				continue
			}
			if _, _, ok := splitLevels(s.cell(x, c).Text); ok {
				hit++
			} else {
				miss++
			}
		}
		if hit >= 2 && hit > miss {
			return c
		}
	}
	return -1
}

// joinedLevel returns the 一级 (or with second the 二级) 指标 of row r that
// column c gives with the other: the cell, its text the level's part. A
// text that does not split is all 一级指标 (the rules say what is wrong
// with it), with no 二级.
func (s *sheet) joinedLevel(r, c int, second bool) form.Cell {
	cell := s.cell(r, c)
	l1, l2, ok := splitLevels(cell.Text)
	switch {
	case ok && second:
		cell.Text, cell.Raw = l2, l2
	case ok:
		cell.Text, cell.Raw = l1, l1
	case second:
		cell.Text, cell.Raw, cell.Number, cell.Percent = "", "", false, false
	}
	return cell
}

// closers start a row below a form that has no 总分 or 评分等级 row: who
// filled it in, a note.
var closers = form.Closers

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

// Row classes of a found table.
type rowClass int

const (
	rowIndicator rowClass = iota
	rowHeader             // the column header, repeated on a later page
	rowSubtotal           // 小计 / 合计 of a group within the table
	rowPage               // a page footer or header: 第 1 页 共 2 页
	rowSpacer             // blank, or a placeholder of the printed form (指标2, ……)
	rowBlock              // one cell across the table: a heading or a note
)

var (
	pageMark        = regexp.MustCompile(`^(第\d+页[,，/]?(共\d+页)?|共\d+页[,，]?第\d+页|\d+/\d+|-\d+-|page\d+(of\d+)?)$`)
	placeholderName = regexp.MustCompile(`^(指标\d*|…+|\.{2,}|。{2,}|—+|-+|/)$`)
)

// isPlaceholderName is placeholderName.MatchString, run only on a text that
// starts as one of its alternatives does.
func isPlaceholderName(n string) bool {
	return n != "" && strings.ContainsRune("指….。—-/", firstRune(n)) && placeholderName.MatchString(n)
}

// classify tells what row r of the table holds.
func (s *sheet) classify(r int, lay tableLayout) rowClass {
	// The row's texts, one per origin in column order: how many, the first
	// three (a page mark has no more) and the first origin.
	var texts [3]string
	var first, last [2]int
	n := 0
	for c := lay.first; c <= lay.last; c++ {
		if s.blank(r, c) {
			continue
		}
		or, oc := s.origin(r, c)
		if o := [2]int{or, oc}; n == 0 || last != o {
			if n == 0 {
				first = o
			}
			if n < len(texts) {
				texts[n] = s.norm(r, c)
			}
			last = o
			n++
		}
	}
	if n == 0 || n >= 3 && s.columnNumbers(r, lay.first, lay.last) {
		return rowSpacer
	}
	if n <= 3 {
		if j := strings.ToLower(strings.Join(texts[:n], "")); len(j) < 40 && strings.ContainsAny(j, "页/-e") && pageMark.MatchString(j) {
			return rowPage
		}
	}
	if s.headerCandidate(r, lay) {
		if m, _ := s.headerMatch(lay.head, r); 2*len(m) >= len(lay.head) && len(m) >= 2 {
			return rowHeader
		}
	}
	if strings.Contains(texts[0], "计") {
		first := stripPoints(texts[0])
		if strings.HasSuffix(first, "小计") || strings.HasPrefix(first, "小计") || first == "合计" && s.moreIndicators(r, lay) {
			return rowSubtotal
		}
	}
	// Only a placeholder name, nothing typed: a spare row of the printed form.
	if nc, ok := lay.cols["name"]; ok && isPlaceholderName(s.norm(r, nc)) {
		filled := false
		for key, c := range lay.cols {
			if key == "name" || key == "level1" || key == "level2" {
				continue
			}
			if s.spanCol(r, c, lay.spans[key]) != c || !s.blank(r, c) {
				filled = true
			}
		}
		if !filled {
			return rowSpacer
		}
	}
	if n == 1 {
		if a, ok := s.merge(first[0], first[1]); ok && 2*(min(a.c2, lay.last)-max(a.c1, lay.first)+1) > lay.last-lay.first+1 {
			return rowBlock
		}
	}
	return rowIndicator
}

// headerCandidate is a cheap first test for a repeated header: some column
// of the row shows one of the labels of the column the header has there.
func (s *sheet) headerCandidate(r int, lay tableLayout) bool {
	for _, hc := range lay.head {
		if c, ok := lay.cols[hc.key]; ok && !s.blank(r, c) && hc.labels.match(s.norm(r, c)) {
			return true
		}
	}
	return false
}

// moreIndicators reports whether a row below r, before the end, has a name.
func (s *sheet) moreIndicators(r int, lay tableLayout) bool {
	nc, ok := lay.cols["name"]
	if !ok {
		return false
	}
	for x := r + 1; x < lay.end; x++ {
		if !s.blank(x, nc) && s.classify(x, lay) == rowIndicator {
			return true
		}
	}
	return false
}

// spanCol returns the column of row r under a header that spans columns
// [c, last] that holds the value: the first with a value of its own, or c.
func (s *sheet) spanCol(r, c, last int) int {
	if !s.blank(r, c) {
		return c
	}
	for x := c + 1; x <= last; x++ {
		if or, oc := s.origin(r, x); or == r && oc == x && s.own(r, x) != "" {
			return x
		}
	}
	return c
}

// usualSpanCols returns, for each column key whose header spans several
// sheet columns, the column that holds most of the table's values under it
// when that is not the span's first: a PDF conversion that puts the values
// in the right half of a two-column header does so on every row, and a
// blank cell of that column is the one a value belongs in.
func (s *sheet) usualSpanCols(lay tableLayout) map[string]int {
	var out map[string]int
	for key, c := range lay.cols {
		last := lay.spans[key]
		if last <= c {
			continue
		}
		count := map[int]int{}
		for r := lay.header + 1; r < lay.end; r++ {
			if x := s.spanCol(r, c, last); x != c || !s.blank(r, c) {
				count[x]++
			}
		}
		best := c
		for x, n := range count {
			if n > count[best] || n == count[best] && x < best {
				best = x
			}
		}
		if best != c {
			if out == nil {
				out = map[string]int{}
			}
			out[key] = best
		}
	}
	return out
}

// levelHeading reads a row that holds only a 一级指标 name (with its points
// or a list number) across the table.
func (s *sheet) levelHeading(r int, lay tableLayout, t *form.Table) (string, form.Cell, bool) {
	var key string
	for _, c := range t.Columns {
		if c.Type == form.Level1 {
			key = c.Key
		}
	}
	if key == "" {
		return "", form.Cell{}, false
	}
	n := stripPoints(s.firstText(r, lay.first, lay.last))
	if form.LevelOf(n) == nil {
		return "", form.Cell{}, false
	}
	c := s.cell(s.origin(r, lay.first))
	for x := lay.first; x <= lay.last && s.blank(r, x); x++ {
		c = s.cell(s.origin(r, x+1))
	}
	c.Text = n
	return key, c, true
}

// levelHeadings reports whether the table has a heading row naming a
// 一级指标 (一、产出指标（40分） typed across it): a form that gives the
// level so needs no column for it.
func (s *sheet) levelHeadings(lay tableLayout, t *form.Table) bool {
	for r := lay.header + 1; r < lay.end; r++ {
		if s.classify(r, lay) == rowBlock {
			if _, _, ok := s.levelHeading(r, lay, t); ok {
				return true
			}
		}
	}
	return false
}

// joinSpan reads a target or actual a converter or a form split over the
// columns under its header: ≥ | 90 | % is ≥90(%), 40 | 人 is 40(人). Any
// other content stays as the first cell shows it.
func (s *sheet) joinSpan(r, col, last int, c form.Cell) form.Cell {
	var parts []string
	for x := col; x <= last; x++ {
		if or, oc := s.origin(r, x); or == r && oc == x && s.own(r, x) != "" {
			parts = append(parts, normalize(s.own(r, x)))
		}
	}
	if len(parts) < 2 || len(parts) > 3 {
		return c
	}
	op := ""
	if o, ok := opWords[parts[0]]; ok {
		op, parts = o, parts[1:]
	} else {
		for _, sym := range []string{">=", "<=", "≥", "≤", "=", ">", "<"} {
			if rest, ok := strings.CutPrefix(parts[0], sym); ok && literal.MatchString(rest) {
				op, parts[0] = opWords[sym], rest
				break
			}
		}
	}
	if len(parts) == 0 || len(parts) > 2 || !literal.MatchString(parts[0]) {
		return c
	}
	t := op + parts[0]
	if len(parts) == 2 {
		if literal.MatchString(parts[1]) {
			return c
		}
		t += "(" + parts[1] + ")"
	}
	return form.Cell{Sheet: c.Sheet, Ref: c.Ref, Text: t, Raw: t}
}

// readRows reads the indicator rows of the table: every row between the
// header and the end that classify calls an indicator row and that has
// content of its own in an input column. A header merged over several
// columns owns all of them: the value is wherever the row has one. A
// blank 一级/二级 label carries on from the row above; after a page break
// also a blank merged one (a converter splits a merged label at the page).
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
	carried := map[[2]int]bool{} // blank merged labels that carry on across a page break
	afterBreak := false
	var out []form.Row
	// Each row is built in scratch and, when kept, copied into slab: the
	// kept rows' cells share a few large arrays instead of one small
	// allocation a row (rounded up to its size class, and garbage for each
	// row dropped), which holds a form of thousands of rows in less memory.
	scratch := t.NewRow(0)
	var slab []form.Cell
	usual := s.usualSpanCols(lay)
	heads := pageHeadsOf(k)
	for r := lay.header + 1; r < lay.end; r++ {
		if s.hiddenRow(r) && !s.scored(r, lay, t) {
			continue // a hidden row of the system's (field names), no indicator
		}
		if s.pageHead(r, lay, heads) {
			continue // 续表, the title, 项目名称 … above the heads of a new page
		}
		if gc, ok := s.groupRow(r, lay, groups); ok {
			// A row that holds only a group label, typed across the table:
			// the rows below belong to it. Its list number (一、) is no
			// part of the group's name.
			if m := listNumber.FindString(gc.Text); m != "" && len(m) < len(gc.Text) && !gc.Number {
				gc.Text = gc.Text[len(m):]
				gc.Raw = strings.TrimPrefix(gc.Raw, m)
			}
			prev[t.GroupCol] = gc
			continue
		}
		switch s.classify(r, lay) {
		case rowHeader, rowPage:
			afterBreak = true
			continue
		case rowBlock:
			// 一、产出指标（50分） typed across the table: the rows below are
			// under it.
			if key, cell, ok := s.levelHeading(r, lay, t); ok {
				prev[key] = cell
			}
			continue
		case rowSubtotal, rowSpacer:
			continue
		}
		clear(scratch.Cells)
		row := scratch
		row.Line = r + 1
		content := false
		for i, c := range t.Columns {
			col, ok := lay.cols[c.Key]
			if !ok && lay.joined >= 0 && (c.Type == form.Level1 || c.Type == form.Level2) {
				row.Cells[i] = s.joinedLevel(r, lay.joined, c.Type == form.Level2)
				continue
			}
			if !ok {
				row.Cells[i] = form.Cell{Sheet: s.name}
				continue
			}
			if x := s.spanCol(r, col, lay.spans[c.Key]); x != col || !s.blank(r, col) {
				col = x
			} else if u, ok := usual[c.Key]; ok {
				if _, merged := s.merge(r, col); !merged {
					col = u // a blank row writes where the table's values are
				}
			}
			row.Cells[i] = s.cell(r, col)
			if c.Type == form.Target || c.Type == form.Actual {
				row.Cells[i] = s.joinSpan(r, col, lay.spans[c.Key], row.Cells[i])
			}
			if c.Input && s.own(r, col) != "" {
				if or, oc := s.origin(r, col); or == r && oc == col {
					content = true
				}
			}
		}
		same := true // every inheriting column so far matches the previous row
		for _, key := range inherit {
			col, ok := lay.cols[key]
			if c := t.Column(key); !ok && lay.joined >= 0 && (c.Type == form.Level1 || c.Type == form.Level2) {
				col, ok = lay.joined, true // both levels in one column
			}
			if !ok {
				// No column of its own: the level of the heading row above
				// (一、产出指标（40分） typed across the table).
				if p, ok := prev[key]; ok {
					row.Set(key, p)
				}
				continue
			}
			cur := row.Cell(key)
			a, merged := s.merge(r, col)
			origin := [2]int{a.r1, a.c1}
			if merged && cur.Blank() && (afterBreak || carried[origin]) {
				carried[origin] = true
				merged = false
			}
			if cur.Blank() && !merged && same {
				if p, ok := prev[key]; ok {
					cur = p
					row.Set(key, p)
				}
			}
			if p, ok := prev[key]; !ok || p.Text != cur.Text {
				same = false
			}
			if !cur.Blank() {
				prev[key] = cur
			}
		}
		afterBreak = false
		for i, c := range t.Columns {
			if c.Type == form.Target {
				row.Cells[i] = s.target(r, lay, row.Cells[i])
			}
		}
		if !content {
			continue
		}
		if t.GroupCol != "" {
			row.Group = row.Cell(t.GroupCol).Text
		}
		n := len(row.Cells)
		if len(slab)+n > cap(slab) {
			slab = make([]form.Cell, 0, n*min(slabRows, lay.end-r))
		}
		slab = append(slab, row.Cells...)
		row.Cells = slab[len(slab)-n : len(slab) : len(slab)]
		out = append(out, row)
	}
	return out
}

// scored reports whether row r holds a number in a column of points (分值,
// 得分) of table t.
func (s *sheet) scored(r int, lay tableLayout, t *form.Table) bool {
	for _, c := range t.Columns {
		if col, ok := lay.cols[c.Key]; ok && c.Type == form.Score && s.cell(r, col).Number {
			return true
		}
	}
	return false
}

// slabRows is how many rows' cells readRows allocates at a time.
const slabRows = 256

// groupRow reports whether row r holds nothing but a group label (with or
// without its weight), and returns that cell.
func (s *sheet) groupRow(r int, lay tableLayout, groups labelSet) (form.Cell, bool) {
	if len(groups) == 0 {
		return form.Cell{}, false
	}
	// The cells of their own, or merges that start in the row (a label
	// merged across the table from a column left of it: 序号).
	var at [][2]int
	for c := lay.first; c <= lay.last; c++ {
		if or, oc := s.origin(r, c); or == r && (oc == c || c == lay.first && oc < c) && !s.blank(r, c) {
			at = append(at, [2]int{or, oc})
		}
	}
	if len(at) != 1 || !groups.match(stripPoints(s.norm(at[0][0], at[0][1]))) {
		return form.Cell{}, false
	}
	return s.cell(at[0][0], at[0][1]), true
}

// groupHeadings reports whether table t has groups and a row that holds
// only a group label (一、投入与管理（36分） typed across the table): a form
// that gives the group so needs no column for it.
func (s *sheet) groupHeadings(lay tableLayout, t *form.Table) bool {
	groups := labelSet{}
	for _, g := range t.Groups {
		groups = append(groups, normalize(g.Name))
	}
	for r := lay.header + 1; r < lay.end; r++ {
		if _, ok := s.groupRow(r, lay, groups); ok {
			return true
		}
	}
	return false
}

// listNumber is the list number a heading row writes before a group's
// label: 一、, 1., 2．, （一）.
var listNumber = value.ListNumber

// literal is a plain number, possibly a percent.
var literal = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?%?$`)

// opWords are the operators a separate column may hold, normalised.
var opWords = map[string]string{
	"≥": "≥", ">=": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥", "≮": "≥",
	"≤": "≤", "<=": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤", "≯": "≤",
	"=": "=", "==": "=", "等于": "=", ">": ">", "大于": ">", "<": "<", "小于": "<",
}

// target returns the 年度指标值 of row r as the person wrote it: on a form
// with separate 计算符号 / 指标方向 / 指标性质 and 度量单位 columns the operator
// and unit join the value (≥, 6, 个 is ≥6(个); 定性 leaves the text as it
// is). A number whose format shows an operator (“"≥"0.00"(个)"”) reads as the
// text it shows. A target that became a formula keeps it; the rule book
// reads it by its text.
func (s *sheet) target(r int, lay tableLayout, c form.Cell) form.Cell {
	if c.Number && c.Text != "" {
		if n := normalize(c.Text); strings.IndexAny(n, "≥≤=<>") == 0 {
			return form.Cell{Sheet: c.Sheet, Ref: c.Ref, Text: c.Text, Raw: c.Text, Formula: c.Formula}
		}
	}
	if c.Blank() || len(lay.ops) == 0 && lay.unit < 0 {
		return c
	}
	op, unit := "", ""
	for _, col := range lay.ops {
		n := s.norm(r, col)
		if strings.Contains(n, "定性") {
			return c
		}
		if o, ok := opWords[n]; ok && op == "" {
			op = o
		}
	}
	if lay.unit >= 0 {
		unit = s.norm(r, lay.unit)
	}
	v := c.Text
	if v == "" {
		v = c.Raw
	}
	if !literal.MatchString(normalize(v)) {
		return c
	}
	t := op + normalize(v)
	if unit != "" && !strings.HasSuffix(t, "%") {
		t += "(" + unit + ")"
	}
	return form.Cell{Sheet: c.Sheet, Ref: c.Ref, Text: t, Raw: t}
}
