package workbook

import (
	"bytes"
	"io"
	"strconv"

	"github.com/selfeval/selfeval/internal/i18n"
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
	excelRows = 1_048_576
	excelCols = 16_384
)

var (
	errBadRef       = i18n.New("单元格引用无效", "invalid cell reference")
	errBadSharedStr = i18n.New("共享字符串编号无效", "invalid shared-string index")
)

// cellMeta is what the reader keeps of a cell besides the text it shows.
type cellMeta struct {
	raw     string // the stored value (shared strings resolved)
	formula string // formula text without "=", "" when none
	style   int    // style id, after excelize's row and column defaults
	typ     byte   // typeNumber, typeShared, …
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
	cells    int
}

type colStyle struct{ min, max, style int }

type sharedRef struct {
	r, c int
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
	return scanXML(data, func(src xtokens) error {
		sr.s.reset()
		sr.rowStyle, sr.cols, sr.shared, sr.masters, sr.cells = map[int]int{}, nil, nil, map[string]string{}, 0
		return sr.readTokens(src)
	})
}

func (sr *sheetReader) readTokens(src xtokens) error {
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
		t, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fileError(sr.p.path, ErrNotXLSX, i18n.Errorf("工作表「%s」的部件 %s 不是有效的 XML：%w", "the part %[2]s of sheet %[1]q is not valid XML: %[3]w", sr.s.name, sr.part, err))
		}
		switch t.kind {
		case xStart:
			switch string(t.local) {
			case "sheetData":
				inSheetData = true
			case "row":
				if !inSheetData {
					continue
				}
				rowSeen = true
				if v := t.attr("r"); len(v) != 0 {
					n, ok := atoi(v)
					if !ok || n < 1 || n > excelRows {
						return sr.cellError("第 "+string(v)+" 行", errBadRef)
					}
					row = n
				} else {
					row++
				}
				col = 0
				if v := t.attr("s"); len(v) != 0 {
					if id, ok := atoi(v); ok && id != 0 {
						sr.rowStyle[row] = id
					}
				}
			case "c":
				if !inSheetData || !rowSeen {
					continue
				}
				cur = xcell{is: cur.is[:0]}
				c = &cur
				for _, a := range t.attrs {
					switch string(a.local) {
					case "r":
						c.ref = a.value
					case "s":
						c.style, _ = atoi(a.value)
					case "t":
						c.t = string(a.value)
					}
				}
				col++
				if len(c.ref) != 0 {
					cc, rr, ok := parseRef(c.ref)
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
					c.fType, c.si = string(t.attr("t")), string(t.attr("si"))
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
					st, _ := atoi(t.attr("style"))
					lo, _ := atoi(t.attr("min"))
					hi, _ := atoi(t.attr("max"))
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
					sr.addMerge(t.attr("ref"))
				}
			}
		case xEnd:
			switch string(t.local) {
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
		case xText:
			if text != nil {
				*text = append(*text, t.text...)
			}
		}
	}
	sr.finish()
	return nil
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
				return sr.cellError(ref(row-1, col-1), i18n.Errorf("%w：%s（xl/sharedStrings.xml 共 %d 条）", "%w: %s (xl/sharedStrings.xml has %d)", errBadSharedStr, c.v, len(sr.sst)))
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
	if c.fType == "shared" && c.si != "" {
		if formula != "" {
			sr.masters[c.si] = formula
		} else {
			sr.shared = append(sr.shared, sharedRef{row - 1, col - 1, c.si})
		}
	}
	style := c.style
	shown := ""
	if raw != "" {
		shown = sr.p.shownText(raw, style, typ)
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
	if sr.cells++; sr.cells > maxSheetCells {
		return sr.limitError(i18n.Pair{Zh: "单元格", En: "cells"}, maxSheetCells)
	}
	s := sr.s
	r, cc := row-1, col-1
	for len(s.shown) <= r {
		s.shown = append(s.shown, nil)
		s.meta = append(s.meta, nil)
	}
	for len(s.shown[r]) <= cc {
		s.shown[r] = append(s.shown[r], "")
		s.meta[r] = append(s.meta[r], cellMeta{})
	}
	s.shown[r][cc] = shown
	s.meta[r][cc] = cellMeta{raw: raw, formula: formula, style: style, typ: typ}
	return nil
}

// finish resolves shared formulas and applies excelize's default styles
// (row style, then column style) to cells without their own.
func (sr *sheetReader) finish() {
	for _, x := range sr.shared {
		if m, ok := sr.masters[x.si]; ok {
			sr.s.meta[x.r][x.c].formula = m
		}
	}
	s := sr.s
	for r := range s.meta {
		for c := range s.meta[r] {
			if s.meta[r][c].style != 0 {
				continue
			}
			if st, ok := sr.rowStyle[r+1]; ok {
				s.meta[r][c].style = st
				continue
			}
			for _, cs := range sr.cols {
				if cs.min <= c+1 && c+1 <= cs.max {
					s.meta[r][c].style = cs.style
					break
				}
			}
		}
	}
}

// addMerge records a merged range; references that do not parse are
// skipped, as before.
func (sr *sheetReader) addMerge(r []byte) {
	a, b, ok := bytes.Cut(r, []byte(":"))
	if !ok {
		return
	}
	c1, r1, ok1 := parseRef(a)
	c2, r2, ok2 := parseRef(b)
	if !ok1 || !ok2 {
		return
	}
	sr.s.addMerge(area{min(r1, r2) - 1, min(c1, c2) - 1, max(r1, r2) - 1, max(c1, c2) - 1})
}

// parseRef parses an A1 reference (letters, then a row number, no $) into
// 1-based column and row, within Excel's bounds.
func parseRef[T string | []byte](s T) (col, row int, ok bool) {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > excelCols {
			return 0, 0, false
		}
		i++
	}
	if i == 0 || i == len(s) {
		return 0, 0, false
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		if row > excelRows {
			return 0, 0, false
		}
	}
	return col, row, row >= 1
}
