package workbook

import (
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// area is a rectangle of cells, 0-based and inclusive.
type area struct{ r1, c1, r2, c2 int }

func (a area) contains(r, c int) bool { return r >= a.r1 && r <= a.r2 && c >= a.c1 && c <= a.c2 }

// maxMergeIndex bounds the per-row merge index; beyond it lookups scan the
// list, so that a hostile merge over a million rows costs no memory.
const maxMergeIndex = 1 << 20

// sheet is a read-only view of one worksheet: shown values, merged ranges,
// and normalised text for label matching. Coordinates are 0-based. Raw
// values are read per cell, for the cells a form uses.
type sheet struct {
	f      *excelize.File
	name   string
	shown  [][]string
	merges []area
	byRow  map[int][]int // row → merges covering it
	big    []int         // merges too tall for byRow
	norms  map[[2]int]string
	styles map[int]*excelize.Style
}

// loadSheet reads a worksheet whole.
func loadSheet(f *excelize.File, name string) (*sheet, error) {
	shown, err := f.GetRows(name)
	if err != nil {
		return nil, err
	}
	s := &sheet{f: f, name: name, shown: shown, byRow: map[int][]int{},
		norms: map[[2]int]string{}, styles: map[int]*excelize.Style{}}
	mcs, err := f.GetMergeCells(name, true)
	if err != nil {
		return nil, err
	}
	indexed := 0
	for _, mc := range mcs {
		c1, r1, err1 := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		a := area{r1 - 1, min(c1, c2) - 1, r2 - 1, max(c1, c2) - 1}
		if a.r2 < a.r1 {
			a.r1, a.r2 = a.r2, a.r1
		}
		i := len(s.merges)
		s.merges = append(s.merges, a)
		if h := a.r2 - a.r1 + 1; indexed+h <= maxMergeIndex {
			indexed += h
			for r := a.r1; r <= a.r2; r++ {
				s.byRow[r] = append(s.byRow[r], i)
			}
		} else {
			s.big = append(s.big, i)
		}
	}
	return s, nil
}

// rows returns the number of rows that hold any value.
func (s *sheet) rows() int { return len(s.shown) }

// width returns the number of columns used in row r.
func (s *sheet) width(r int) int {
	if r >= 0 && r < len(s.shown) {
		return len(s.shown[r])
	}
	return 0
}

// merge returns the merged range holding (r, c), if any.
func (s *sheet) merge(r, c int) (area, bool) {
	for _, i := range s.byRow[r] {
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
	if r >= 0 && r < len(s.shown) && c >= 0 && c < len(s.shown[r]) {
		return strings.TrimSpace(s.shown[r][c])
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
	k := [2]int{r, c}
	if n, ok := s.norms[k]; ok {
		return n
	}
	n := normalize(s.own(r, c))
	s.norms[k] = n
	return n
}

// ref returns the A1 reference of (r, c).
func ref(r, c int) string {
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return name
}

// cell reads (r, c) into a form.Cell; a cell inside a merged range reads as
// its top-left cell.
func (s *sheet) cell(r, c int) form.Cell {
	r, c = s.origin(r, c)
	at := ref(r, c)
	out := form.Cell{Sheet: s.name, Ref: at, Text: s.own(r, c)}
	if raw, err := s.f.GetCellValue(s.name, at, excelize.Options{RawCellValue: true}); err == nil {
		out.Raw = strings.TrimSpace(raw)
	}
	out.Formula = s.formula(at)
	if out.Raw == "" {
		return out
	}
	if t, err := s.f.GetCellType(s.name, at); err == nil &&
		(t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) {
		if _, err := strconv.ParseFloat(out.Raw, 64); err == nil {
			out.Number = true
		}
	}
	if out.Number {
		out.Percent = s.percentFormat(at)
	}
	return out
}

// formula returns the formula text of a cell without its "=", or "" when it
// has none. A cell where text is expected is read by it: typed into a General
// cell, =100% becomes a formula whose text is what the person meant.
func (s *sheet) formula(at string) string {
	f, err := s.f.GetCellFormula(s.name, at)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(f, "=")
}

// percentFormat reports whether the cell's number format is a percent
// format: built-in 9 (0%) or 10 (0.00%), or a custom format with a % outside
// quotes.
func (s *sheet) percentFormat(at string) bool {
	st := s.style(at)
	if st == nil {
		return false
	}
	if st.NumFmt == 9 || st.NumFmt == 10 {
		return true
	}
	return st.CustomNumFmt != nil && hasPercent(*st.CustomNumFmt)
}

// style returns the style of a cell, cached by style id, or nil.
func (s *sheet) style(at string) *excelize.Style {
	id, err := s.f.GetCellStyle(s.name, at)
	if err != nil {
		return nil
	}
	if st, ok := s.styles[id]; ok {
		return st
	}
	st, err := s.f.GetStyle(id)
	if err != nil {
		st = nil
	}
	s.styles[id] = st
	return st
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
