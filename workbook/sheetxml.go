package workbook

import (
	"bytes"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
)

// Budgets of one worksheet read: a form has a few hundred cells, a very
// large one 10 000 rows of eight columns; past these a sheet is refused as
// unreadable rather than read into memory.
const (
	maxSheetRows   = 200_000   // highest row number holding a value
	maxSheetCols   = 1_024     // highest column holding a value
	maxSheetCells  = 2_000_000 // cells holding a value
	maxSheetMerges = 200_000   // merged ranges
)

// Excel's own bounds on a cell reference.
const (
	excelRows = ooxml.MaxRows
	excelCols = ooxml.MaxCols
)

var (
	errBadRef       = i18n.New("单元格引用无效", "invalid cell reference")
	errBadSharedStr = i18n.New("共享字符串编号无效", "invalid shared-string index")
)

// cellMeta is what the reader keeps of a cell besides the text it shows.
type cellMeta struct {
	raw     string // the stored value (shared strings resolved)
	formula string // formula text without "=", "" when none
	style   int32  // style id, after excelize's row and column defaults (see style32)
	typ     byte   // typeNumber, typeShared, …
}

// style32 is a style id as a cell keeps it: one beyond int32 becomes the
// nearest int32, which is as far out of the style table as it was.
func style32(id int) int32 {
	return int32(max(min(id, math.MaxInt32), math.MinInt32))
}

// sheetReader reads one worksheet part in a single pass of XML tokens: the
// cells that hold a value or a formula, the merged ranges, and the row and
// column default styles.
type sheetReader struct {
	p    *pkg
	s    *sheet
	part string
	sst  []string

	rowStyle map[int]int // row → s attribute of <row>
	cols     []colStyle  // <col> ranges with a style
	shared   []sharedRef // cells of a shared formula, resolved at the end
	masters  map[string]string
	unsorted bool // a cell came before (or at) the one read before it
}

type colStyle struct{ min, max, style int }

type sharedRef struct {
	cell int // index in sheet.cells
	si   string
}

// loadSheet reads the named worksheet of p.
func loadSheet(p *pkg, name string) (*sheet, error) {
	part := p.sheetPart(name)
	data, err := p.read(part)
	if err != nil {
		return nil, fileError(p.path, ErrNotXLSX, err)
	}
	if data == nil {
		return nil, fileError(p.path, ErrNotXLSX, i18n.Errorf("工作表「%s」的部件 %q 不存在", "the part %[2]q of sheet %[1]q is missing", name, part))
	}
	sst, err := p.sharedStrings()
	if err != nil {
		return nil, fileError(p.path, ErrNotXLSX, err)
	}
	styles, err := p.styleTable()
	if err != nil {
		return nil, fileError(p.path, ErrNotXLSX, err)
	}
	s := &sheet{name: name, styles: styles}
	sr := &sheetReader{p: p, s: s, part: part, sst: sst}
	if err := sr.read(data); err != nil {
		return nil, err
	}
	if len(data) > maxCachedPart {
		p.bigSheet = true
	}
	return s, nil
}

// cellError names a cell (or row) of this sheet in an error.
func (sr *sheetReader) cellError(at string, err error) error {
	return &CellError{Path: sr.p.path, Sheet: sr.s.name, Cell: at, Err: i18n.Errorf("%w（部件 %s）", "%w (part %s)", err, sr.part)}
}

func (sr *sheetReader) limitError(what i18n.Pair, limit int) error {
	return fileError(sr.p.path, ErrTooLarge, i18n.Errorf("工作表「%s」超过读取上限：%s %d", "sheet %q exceeds the reading limit: %s %d", sr.s.name, what, limit))
}

// xcell is a <c> element being read.
type xcell struct {
	ref          []byte
	t, fType, si string
	v, f         []byte
	style        int
	hasF         bool
	is           []byte
}

func (sr *sheetReader) read(data []byte) error {
	return ooxml.ScanXML(data, func(src ooxml.Tokens) error {
		sr.s.reset()
		sr.rowStyle, sr.cols, sr.shared, sr.masters, sr.unsorted = map[int]int{}, nil, nil, map[string]string{}, false
		sr.s.cells = make([]gridCell, 0, cellsEstimate(data))
		return sr.readTokens(src)
	})
}

func (sr *sheetReader) readTokens(src ooxml.Tokens) error {
	var (
		row, col       int // current row (1-based) and last column
		c              *xcell
		text           *[]byte // where character data goes
		inIS, inRPh    bool
		inCols         bool
		vb, fb         []byte
		cur            xcell
		inSheetData    bool
		inMergeCells   bool
		rowSeen        bool
		mergeRefsTotal int
	)
	for {
		t, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fileError(sr.p.path, ErrNotXLSX, i18n.Errorf("工作表「%s」的部件 %s 不是有效的 XML：%w", "the part %[2]s of sheet %[1]q is not valid XML: %[3]w", sr.s.name, sr.part, err))
		}
		switch t.Kind {
		case ooxml.StartToken:
			switch string(t.Local) {
			case "sheetData":
				inSheetData = true
			case "row":
				if !inSheetData {
					continue
				}
				rowSeen = true
				if v := t.Attr("r"); len(v) != 0 {
					n, ok := atoi(v)
					if !ok || n < 1 || n > excelRows {
						return sr.cellError("第 "+string(v)+" 行", errBadRef)
					}
					row = n
				} else {
					row++
				}
				col = 0
				if v := t.Attr("s"); len(v) != 0 {
					if id, ok := atoi(v); ok && id != 0 {
						sr.rowStyle[row] = id
					}
				}
				if v := t.Attr("hidden"); len(v) != 0 && (v[0] == '1' || v[0] == 't') {
					sr.s.hidden = append(sr.s.hidden, int32(row-1))
				}
			case "c":
				if !inSheetData || !rowSeen {
					continue
				}
				cur = xcell{is: cur.is[:0]}
				c = &cur
				for _, a := range t.Attrs {
					switch string(a.Local) {
					case "r":
						c.ref = a.Value
					case "s":
						c.style, _ = atoi(a.Value)
					case "t":
						c.t = cellType(a.Value)
					}
				}
				col++
				if len(c.ref) != 0 {
					cc, rr, ok := ooxml.ParseRef(c.ref)
					if !ok {
						return sr.cellError(string(c.ref), errBadRef)
					}
					if rr != row {
						row = rr // a cell's own reference wins, as excelize reads it
					}
					col = cc
				}
			case "v":
				if c != nil {
					vb = vb[:0]
					text = &vb
				}
			case "f":
				if c != nil {
					c.hasF = true
					c.fType, c.si = cellType(t.Attr("t")), string(t.Attr("si"))
					fb = fb[:0]
					text = &fb
				}
			case "is":
				if c != nil {
					inIS = true
				}
			case "rPh":
				inRPh = true
			case "t":
				if c != nil && inIS && !inRPh {
					text = &c.is
				}
			case "cols":
				inCols = true
			case "col":
				if inCols {
					st, _ := atoi(t.Attr("style"))
					lo, _ := atoi(t.Attr("min"))
					hi, _ := atoi(t.Attr("max"))
					if st != 0 {
						sr.cols = append(sr.cols, colStyle{lo, hi, st})
					}
				}
			case "mergeCells":
				inMergeCells = true
			case "mergeCell":
				if inMergeCells {
					mergeRefsTotal++
					if mergeRefsTotal > maxSheetMerges {
						return sr.limitError(i18n.Pair{Zh: "合并区域", En: "merged ranges"}, maxSheetMerges)
					}
					sr.addMerge(t.Attr("ref"))
				}
			}
		case ooxml.EndToken:
			switch string(t.Local) {
			case "sheetData":
				inSheetData = false
			case "v":
				if c != nil && text == &vb {
					c.v = vb
				}
				text = nil
			case "f":
				if c != nil && text == &fb {
					c.f = fb
				}
				text = nil
			case "t":
				if c != nil && text == &c.is {
					text = nil
				}
			case "is":
				inIS = false
			case "rPh":
				inRPh = false
			case "cols":
				inCols = false
			case "mergeCells":
				inMergeCells = false
			case "c":
				if c != nil {
					if err := sr.addCell(row, col, c); err != nil {
						return err
					}
				}
				c, text, inIS = nil, nil, false
			}
		case ooxml.TextToken:
			if text != nil {
				*text = append(*text, t.Text...)
			}
		}
	}
	sr.finish()
	return nil
}

// cellsEstimate is about how many cells of a large sheet's XML hold a value
// (their <v> and <is> elements, unprefixed or prefixed), so that the cells
// are allocated once rather than grown and copied. Empty styled cells, of
// which a sheet may have millions, are not counted: they are not kept.
func cellsEstimate(data []byte) int {
	if len(data) < 256<<10 {
		return len(data) / 64 // a small sheet: a guess, the count costs more than growing
	}
	n := bytes.Count(data, []byte("<v>")) + bytes.Count(data, []byte("<is>"))
	if n == 0 {
		n = bytes.Count(data, []byte(":v>")) + bytes.Count(data, []byte(":is>"))
	}
	return min(n, maxSheetCells)
}

// cellType is string(b) for a cell's or a formula's t attribute, without
// making a string for the values spreadsheets write.
func cellType(b []byte) string {
	switch string(b) {
	case "":
		return ""
	case "s":
		return "s"
	case "n":
		return "n"
	case "str":
		return "str"
	case "inlineStr":
		return "inlineStr"
	case "b":
		return "b"
	case "e":
		return "e"
	case "d":
		return "d"
	case "shared":
		return "shared"
	case "array":
		return "array"
	}
	return string(b)
}

// atoi is strconv.Atoi on bytes, without a string for plain digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		n, err := strconv.Atoi(string(b))
		return n, err == nil
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			n, err := strconv.Atoi(string(b))
			return n, err == nil
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// addCell stores a finished <c> element when it holds a value or a formula,
// as excelize's GetRows keeps it.
func (sr *sheetReader) addCell(row, col int, c *xcell) error {
	var raw string
	typ := typeNumber
	switch c.t {
	case "s":
		typ = typeShared
		if len(c.v) != 0 {
			i, ok := atoi(bytes.TrimSpace(c.v))
			if !ok || i < 0 || i >= len(sr.sst) {
				return sr.cellError(ooxml.Ref(row-1, col-1), i18n.Errorf("%w：%s（xl/sharedStrings.xml 共 %d 条）", "%w: %s (xl/sharedStrings.xml has %d)", errBadSharedStr, c.v, len(sr.sst)))
			}
			raw = sr.sst[i]
		}
	case "inlineStr":
		typ = typeInline
		raw = bstrUnmarshal(string(c.is))
		if len(c.is) == 0 {
			raw = string(c.v)
		}
	case "str":
		typ, raw = typeFormulaStr, string(c.v)
	case "b":
		typ, raw = typeBool, string(c.v)
	case "d":
		typ, raw = typeDate, string(c.v)
	case "e":
		typ, raw = typeError, string(c.v)
	default:
		raw = string(c.v)
	}
	formula := string(c.f)
	style := c.style
	shown := ""
	if raw != "" {
		if shown = sr.p.shownText(raw, style, typ); shown == raw {
			shown = raw // one string for both
		}
	}
	if shown == "" && !c.hasF {
		return nil
	}
	if row > maxSheetRows {
		return sr.limitError(i18n.Pair{Zh: "行", En: "rows"}, maxSheetRows)
	}
	if col > maxSheetCols {
		return sr.limitError(i18n.Pair{Zh: "列", En: "columns"}, maxSheetCols)
	}
	s := sr.s
	if len(s.cells) >= maxSheetCells {
		return sr.limitError(i18n.Pair{Zh: "单元格", En: "cells"}, maxSheetCells)
	}
	if c.fType == "shared" && c.si != "" {
		if formula != "" {
			sr.masters[c.si] = formula
		} else {
			sr.shared = append(sr.shared, sharedRef{len(s.cells), c.si})
		}
	}
	g := gridCell{row: int32(row - 1), col: int32(col - 1), shown: shown, cellMeta: cellMeta{raw: raw, formula: formula, style: style32(style), typ: typ}}
	if n := len(s.cells); n > 0 {
		if last := s.cells[n-1]; last.row > g.row || last.row == g.row && last.col >= g.col {
			sr.unsorted = true
		}
	}
	s.cells = append(s.cells, g)
	return nil
}

// finish resolves shared formulas, applies excelize's default styles (row
// style, then column style) to cells without their own, puts the cells in
// row and column order (a cell given twice keeps its last value) and
// indexes the rows.
func (sr *sheetReader) finish() {
	s := sr.s
	for _, x := range sr.shared {
		if m, ok := sr.masters[x.si]; ok {
			s.cells[x.cell].formula = m
		}
	}
	for i := range s.cells {
		g := &s.cells[i]
		if g.style != 0 {
			continue
		}
		if st, ok := sr.rowStyle[int(g.row)+1]; ok {
			g.style = style32(st)
			continue
		}
		for _, cs := range sr.cols {
			if cs.min <= int(g.col)+1 && int(g.col)+1 <= cs.max {
				g.style = style32(cs.style)
				break
			}
		}
	}
	if sr.unsorted {
		sort.SliceStable(s.cells, func(i, j int) bool {
			a, b := s.cells[i], s.cells[j]
			return a.row < b.row || a.row == b.row && a.col < b.col
		})
		kept := s.cells[:0]
		for i, g := range s.cells {
			if i+1 < len(s.cells) && s.cells[i+1].row == g.row && s.cells[i+1].col == g.col {
				continue // the later one wins
			}
			kept = append(kept, g)
		}
		s.cells = kept
	}
	if !slices.IsSorted(s.hidden) {
		slices.Sort(s.hidden)
	}
	if len(s.cells) == 0 {
		return
	}
	last := int(s.cells[len(s.cells)-1].row)
	s.rowAt = make([]int32, last+2)
	i := 0
	for r := range s.rowAt {
		for i < len(s.cells) && int(s.cells[i].row) < r {
			i++
		}
		s.rowAt[r] = int32(i)
	}
}

// addMerge records a merged range; references that do not parse are
// skipped, as before.
func (sr *sheetReader) addMerge(r []byte) {
	a, b, ok := bytes.Cut(r, []byte(":"))
	if !ok {
		return
	}
	c1, r1, ok1 := ooxml.ParseRef(a)
	c2, r2, ok2 := ooxml.ParseRef(b)
	if !ok1 || !ok2 {
		return
	}
	sr.s.addMerge(area{min(r1, r2) - 1, min(c1, c2) - 1, max(r1, r2) - 1, max(c1, c2) - 1})
}
