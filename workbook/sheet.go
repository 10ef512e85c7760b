package workbook

import (
	"sort"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
)

// area is a rectangle of cells, 0-based and inclusive.
type area struct{ r1, c1, r2, c2 int }

func (a area) contains(r, c int) bool { return r >= a.r1 && r <= a.r2 && c >= a.c1 && c <= a.c2 }

// maxMergeIndex bounds the per-row merge index; beyond it lookups scan the
// list, so that a hostile merge over a million rows costs no memory.
const maxMergeIndex = 1 << 20

// sheet is a read-only view of one worksheet: shown values, merged ranges,
// and normalised text for label matching. Coordinates are 0-based. It is
// filled by one pass over the sheet's XML (see loadSheet), which keeps for
// each cell holding a value or a formula the text it shows and, in its
// cellMeta, its stored value, formula, style and type.
//
// The cells are one flat slice in row, then column order, with a row index
// into it: a row costs four bytes of index and each cell one gridCell, so
// that a sheet of 200 000 one-cell rows holds no per-row objects.
type sheet struct {
	name   string
	cells  []gridCell // the cells holding a value or a formula, by row then column
	rowAt  []int32    // row r's cells are cells[rowAt[r]:rowAt[r+1]]; len rows()+1
	merges []area
	byRow  map[int][]int // row → merges covering it
	big    []int         // merges too tall for byRow
	norms  []string      // normalize of cells[i]'s text once asked for; "" when not yet (or blank)
	styles *styleTable
	mrows  int // rows indexed in byRow

	// The merges of the row merge looked up last (its row plus one; 0 for
	// none): a row's cells are asked for one after another.
	mergeRow  int
	mergeList []int

	// hidden holds the rows (0-based) the sheet hides, ascending: four
	// bytes a row, however many a sheet hides.
	hidden []int32

	// The last findTable, which locate and readForm both ask for.
	tableKind *form.Kind
	table     tableLayout
	tableOK   bool
}

// gridCell is one cell of the sheet that holds a value or a formula.
type gridCell struct {
	row, col int32 // 0-based
	shown    string
	cellMeta
}

// reset empties s before it is filled (again) from the sheet's XML.
func (s *sheet) reset() {
	*s = sheet{name: s.name, styles: s.styles, byRow: map[int][]int{}}
}

// hiddenRow reports whether the sheet hides row r.
func (s *sheet) hiddenRow(r int) bool {
	if len(s.hidden) == 0 {
		return false
	}
	i := sort.Search(len(s.hidden), func(i int) bool { return s.hidden[i] >= int32(r) })
	return i < len(s.hidden) && s.hidden[i] == int32(r)
}

// addMerge records a merged range, indexed by row while the index stays
// within maxMergeIndex rows in all: linear in the number of merges.
func (s *sheet) addMerge(a area) {
	s.mergeRow, s.mergeList = 0, nil
	i := len(s.merges)
	s.merges = append(s.merges, a)
	if h := a.r2 - a.r1 + 1; s.mrows+h <= maxMergeIndex {
		s.mrows += h
		for r := a.r1; r <= a.r2; r++ {
			s.byRow[r] = append(s.byRow[r], i)
		}
	} else {
		s.big = append(s.big, i)
	}
}

// rows returns the number of rows up to the last one holding any value.
func (s *sheet) rows() int { return max(len(s.rowAt)-1, 0) }

// row returns the cells of row r, by column.
func (s *sheet) row(r int) []gridCell {
	if r < 0 || r+1 >= len(s.rowAt) {
		return nil
	}
	return s.cells[s.rowAt[r]:s.rowAt[r+1]]
}

// width returns the number of columns used in row r: up to its last cell
// holding a value or a formula.
func (s *sheet) width(r int) int {
	if row := s.row(r); len(row) > 0 {
		return int(row[len(row)-1].col) + 1
	}
	return 0
}

// find returns the cell (r, c), nil when it holds nothing.
func (s *sheet) find(r, c int) *gridCell {
	if i := s.index(r, c); i >= 0 {
		return &s.cells[i]
	}
	return nil
}

// index returns the index in cells of the cell (r, c), -1 when it holds
// nothing.
func (s *sheet) index(r, c int) int {
	row := s.row(r)
	i, j := 0, len(row)
	for i < j { // the first cell at column c or after
		h := int(uint(i+j) >> 1)
		if int(row[h].col) < c {
			i = h + 1
		} else {
			j = h
		}
	}
	if i < len(row) && int(row[i].col) == c {
		return int(s.rowAt[r]) + i
	}
	return -1
}

// merge returns the merged range holding (r, c), if any.
func (s *sheet) merge(r, c int) (area, bool) {
	if s.mergeRow != r+1 {
		s.mergeRow, s.mergeList = r+1, s.byRow[r]
	}
	for _, i := range s.mergeList {
		if s.merges[i].contains(r, c) {
			return s.merges[i], true
		}
	}
	for _, i := range s.big {
		if s.merges[i].contains(r, c) {
			return s.merges[i], true
		}
	}
	return area{}, false
}

// origin returns the cell whose value (r, c) shows: the top-left cell of its
// merged range, or the cell itself.
func (s *sheet) origin(r, c int) (int, int) {
	if a, ok := s.merge(r, c); ok {
		return a.r1, a.c1
	}
	return r, c
}

// own returns the trimmed shown value stored in (r, c) itself.
func (s *sheet) own(r, c int) string {
	if g := s.find(r, c); g != nil {
		return strings.TrimSpace(g.shown)
	}
	return ""
}

// blank reports whether (r, c) shows nothing, following merges.
func (s *sheet) blank(r, c int) bool {
	r, c = s.origin(r, c)
	return s.own(r, c) == ""
}

// norm returns the normalised text of (r, c) for label matching, following
// merges.
func (s *sheet) norm(r, c int) string {
	r, c = s.origin(r, c)
	i := s.index(r, c)
	if i < 0 {
		return ""
	}
	if len(s.norms) != len(s.cells) {
		s.norms = make([]string, len(s.cells))
	}
	if s.norms[i] == "" {
		s.norms[i] = normalize(strings.TrimSpace(s.cells[i].shown))
	}
	return s.norms[i]
}

// at returns what the sheet holds of (r, c) itself, if anything.
func (s *sheet) at(r, c int) (cellMeta, bool) {
	if g := s.find(r, c); g != nil {
		return g.cellMeta, true
	}
	return cellMeta{}, false
}

// formula returns the formula of (r, c) without "=", following merges; ""
// when it has none. A cell of a shared formula gives its master's text.
func (s *sheet) formula(r, c int) string {
	m, _ := s.at(s.origin(r, c))
	return strings.TrimPrefix(m.formula, "=")
}

// numFmt returns the number format code of (r, c), following merges: a
// custom code, or "" for a built-in format (see numFmtID).
func (s *sheet) numFmt(r, c int) string {
	id := s.numFmtID(r, c)
	if s.styles == nil || id < firstCustomNumFmt {
		return ""
	}
	return s.styles.numFmts[id].code
}

// numFmtID returns the number format id of (r, c), following merges.
func (s *sheet) numFmtID(r, c int) int {
	m, _ := s.at(s.origin(r, c))
	if s.styles == nil || m.style <= 0 || int(m.style) >= len(s.styles.xfs) {
		return 0
	}
	return s.styles.xfs[m.style].numFmt
}

// firstCustomNumFmt is the lowest id Excel gives a custom number format;
// lower ids are built-in formats.
const firstCustomNumFmt = 164

// cell reads (r, c) into a form.Cell; a cell inside a merged range reads as
// its top-left cell.
func (s *sheet) cell(r, c int) form.Cell {
	r, c = s.origin(r, c)
	out := form.Cell{Sheet: s.name, Ref: cellRef(r, c), Formula: s.formula(r, c)}
	g := s.find(r, c)
	if g == nil {
		return out
	}
	out.Text, out.Raw = strings.TrimSpace(g.shown), strings.TrimSpace(g.raw)
	if out.Raw == "" {
		return out
	}
	if g.typ == typeNumber {
		if _, err := strconv.ParseFloat(out.Raw, 64); err == nil {
			out.Number = true
		}
	}
	if out.Number {
		out.Percent = s.percentFormat(r, c)
	}
	return out
}

// cellRef is ooxml.Ref(r, c) made in one allocation: the reader makes one
// for every cell of a form.
func cellRef(r, c int) string {
	if r < 0 || r >= 99_999_999 || c < 0 || c >= 26*26*26 {
		return ooxml.Ref(r, c)
	}
	var b [11]byte
	i := len(b)
	for n := r + 1; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	for n := c + 1; n > 0; n /= 26 {
		n--
		i--
		b[i] = byte('A' + n%26)
	}
	return string(b[i:])
}

// percentFormat reports whether the cell's number format is a percent
// format: built-in 9 (0%) or 10 (0.00%), or a custom format with a % outside
// quotes.
func (s *sheet) percentFormat(r, c int) bool {
	switch id := s.numFmtID(r, c); {
	case id == 9 || id == 10:
		return true
	case id < firstCustomNumFmt:
		return false
	}
	return hasPercent(s.numFmt(r, c))
}

// hasPercent reports whether a number format code has a % that is not quoted
// or escaped.
func hasPercent(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			quoted = !quoted
		case '\\':
			i++
		case '%':
			if !quoted {
				return true
			}
		}
	}
	return false
}
