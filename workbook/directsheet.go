package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// sheetMap is where the elements of a worksheet part are.
type sheetMap struct {
	data      []byte
	root      ooxml.Tag
	close     int // where </worksheet> starts
	top       []topEl
	sheetData int // index in top, -1 when absent
	rows      []*rowEl
	sp        []ooxml.Splice
	newRows   map[int]*rowEl // rows to create
	priority  int            // the highest priority of the conditional formats kept
	oursAt    int            // where the first highlight of an earlier run was, -1
	prefix    string         // the prefix of the main namespace, "" when it is the default
	implicit  bool           // a row without its number (r), numbered after the one before
}

type topEl struct {
	name       string
	open       ooxml.Tag
	start, end int
}

type rowEl struct {
	mapped  bool // its cells are listed
	noRef   bool // the row's number is implicit (no r attribute)
	r       int
	open    ooxml.Tag
	closeAt int // where </row> starts; open.end for an empty tag
	cells   []cellEl
	inserts map[int][]byte // new cells by column
	ht      string         // a new height, "" to keep
	repl    map[int][]byte // replaced cells by index in cells
}

type cellEl struct {
	noRef      bool // the column is implicit (no r attribute)
	col        int
	start, end int
	openEnd    int // where its start tag ends
}

// worksheetOrder is the order of the children of a worksheet.
var worksheetOrder = map[string]int{}

func init() {
	for i, n := range []string{"sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
		"sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
		"dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
		"dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
		"rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
		"drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
		"webPublishItems", "tableParts", "extLst"} {
		worksheetOrder[n] = i + 1
	}
}

// mapSheet maps a worksheet part: its children, its rows, and the cells of
// the rows in cellsOf (nil for every row).
func mapSheet(data []byte, cellsOf map[int]bool) (*sheetMap, error) {
	sm := &sheetMap{data: data, close: -1, sheetData: -1, oursAt: -1, newRows: map[int]*rowEl{}, top: make([]topEl, 0, 24)}
	depth := 0
	var row *rowEl
	var cell cellEl
	inCell := false
	var bad bool
	// The cells of all rows, in one slice: each row's are a part of it.
	cells := make([]cellEl, 0, 8*len(cellsOf)) // a form's rows have about 8 cells
	rowCells := 0                              // where the cells of row begin in cells
	endRow := func() {
		if row != nil && len(cells) > rowCells {
			row.cells = cells[rowCells:len(cells):len(cells)]
		}
	}
	// A row whose cells are not listed is stepped over to its end tag: the
	// form sheet's other rows hold most of its tags; so is what a cell
	// holds (ooxml.ElemEnd), read later only for the cells written.
	base, skip := 0, -1
	// The rows, in one slab when the part says how many ("<row" counts
	// them unless the main namespace has a prefix), else made a few dozen
	// at a time.
	slab := make([]rowEl, 0, bytes.Count(data, []byte("<row")))
	sm.rows = make([]*rowEl, 0, cap(slab))
	scan := func(t ooxml.Tag) bool {
		t.Start += base
		t.End += base
		name := ooxml.Local(t.Name)
		if t.Kind == ooxml.TagEnd {
			depth--
			switch depth {
			case 0:
				sm.close = t.Start
			case 1:
				sm.top[len(sm.top)-1].end = t.End
			case 2:
				if row != nil {
					row.closeAt = t.Start
					endRow()
					row = nil
				}
			case 3:
				if inCell {
					cell.end = t.End
					cells = append(cells, cell)
					inCell = false
				}
			}
			return true
		}
		switch depth {
		case 0:
			sm.root = t
		case 1:
			sm.top = append(sm.top, topEl{name: name, open: t, start: t.Start, end: t.End})
			if name == "sheetData" {
				sm.sheetData = len(sm.top) - 1
			}
		case 2:
			if sm.sheetData == len(sm.top)-1 && name == "row" {
				// A row without r follows the one before.
				ref, hasRef := attrRaw(data[t.Start:t.End], "r")
				r, err := strconv.Atoi(string(ref))
				if !hasRef {
					r, err = 1, nil
					if len(sm.rows) > 0 {
						r = sm.rows[len(sm.rows)-1].r + 1
					}
					sm.implicit = true
				}
				if err != nil || r < 1 || r > 1048576 || (len(sm.rows) > 0 && r <= sm.rows[len(sm.rows)-1].r) {
					bad = true
					return false
				}
				if len(slab) == cap(slab) {
					slab = make([]rowEl, 0, min(2*cap(slab)+8, 256))
				}
				slab = append(slab, rowEl{r: r, open: t, closeAt: t.End, mapped: cellsOf == nil || cellsOf[r], noRef: !hasRef})
				row = &slab[len(slab)-1]
				rowCells = len(cells)
				sm.rows = append(sm.rows, row)
				if t.Kind == ooxml.TagEmpty {
					row = nil
				} else if !row.mapped {
					skip = rowEnd(data, t)
				}
			}
		case 3:
			if row != nil && name == "c" && row.mapped {
				// A cell without r follows the one before.
				ref, hasRef := attrRaw(data[t.Start:t.End], "r")
				c, r, ok := ooxml.ParseRef(ref)
				var err error
				if !ok {
					err = ooxml.ErrMarkup
				}
				before := cells[rowCells:] // the row's cells so far
				if !hasRef {
					c, r, err = 1, row.r, nil
					if len(before) > 0 {
						c = before[len(before)-1].col + 1
					}
				}
				if err != nil || r != row.r || c > 16384 || (len(before) > 0 && c <= before[len(before)-1].col) {
					bad = true
					return false
				}
				cell = cellEl{col: c, start: t.Start, end: t.End, openEnd: t.End, noRef: !hasRef}
				if t.Kind == ooxml.TagEmpty {
					cells = append(cells, cell)
				} else {
					inCell = true
					skip = ooxml.ElemEnd(data, t) // its value and formula are not needed here
				}
			}
		}
		if t.Kind == ooxml.TagStart {
			depth++
		}
		return skip < 0
	}
	var err error
	for {
		if err = ooxml.ScanTags(data[base:], scan); err != nil || skip < 0 {
			break
		}
		base, skip = skip, -1
	}
	var ok bool
	if sm.prefix, ok = ooxml.RootPrefix(data, sm.root, "worksheet", nsMain, ooxml.NSMainStrict); err != nil || bad || sm.close < 0 || !ok || sm.sheetData < 0 {
		return nil, ooxml.ErrMarkup
	}
	return sm, nil
}

// rowEnd returns where the end tag of the row opened by t starts, or -1
// when the row holds markup other than elements and text (a comment, a
// CDATA section, a processing instruction), which is then scanned tag by
// tag.
func rowEnd(data []byte, t ooxml.Tag) int {
	for i := t.End; ; {
		k := bytes.IndexByte(data[i:], '<')
		if k < 0 {
			return -1
		}
		k += i
		n := k + 2 + len(t.Name)
		switch {
		case k+1 >= len(data) || data[k+1] == '!' || data[k+1] == '?':
			return -1
		case data[k+1] == '/' && n < len(data) && string(data[k+2:n]) == t.Name && bytes.IndexByte([]byte("> \t\r\n"), data[n]) >= 0:
			return k
		}
		i = k + 1
	}
}

// errEmpty is what attrInt and parseFloat return for "", without the
// *strconv.NumError made for each (most attributes asked for are absent).
var errEmpty = errors.New("empty")

// attrInt is strconv.Atoi, without a new error for "".
func attrInt(s string) (int, error) {
	if s == "" {
		return 0, errEmpty
	}
	return strconv.Atoi(s)
}

// parseFloat is strconv.ParseFloat of a float64, without a new error for "".
func parseFloat(s string) (float64, error) {
	if s == "" {
		return 0, errEmpty
	}
	return strconv.ParseFloat(s, 64)
}

// attrRaw is the value of an attribute of tag, as written unless it holds
// an entity (then unescaped, in a copy).
func attrRaw(tag []byte, name string) ([]byte, bool) {
	raw, ok := ooxml.AttrRaw(tag, name)
	if ok && bytes.IndexByte(raw, '&') >= 0 {
		v, _ := ooxml.AttrValue(tag, name)
		return []byte(v), true
	}
	return raw, ok
}

func attrOr(tag []byte, name string) string {
	v, _ := ooxml.AttrValue(tag, name)
	return v
}

// byRow returns the sheet's row numbered row, nil when it has none: rows
// are in ascending order (mapSheet refuses others).
func (sm *sheetMap) byRow(row int) *rowEl {
	i := sort.Search(len(sm.rows), func(i int) bool { return sm.rows[i].r >= row })
	if i < len(sm.rows) && sm.rows[i].r == row {
		return sm.rows[i]
	}
	return nil
}

// cell returns the cell at (col, row) and its row, if the sheet has them.
func (sm *sheetMap) cell(col, row int) (*rowEl, int) {
	r := sm.byRow(row)
	if r == nil {
		return nil, -1
	}
	i := sort.Search(len(r.cells), func(i int) bool { return r.cells[i].col >= col })
	if i < len(r.cells) && r.cells[i].col == col {
		return r, i
	}
	return r, -1
}

// rowFor returns the row, made when the sheet has none.
func (sm *sheetMap) rowFor(row int) *rowEl {
	r := sm.byRow(row)
	if r == nil {
		if r = sm.newRows[row]; r == nil {
			r = &rowEl{r: row, mapped: true}
			sm.newRows[row] = r
		}
	}
	return r
}

// setCell replaces or creates the cell at (col, row) with the element el;
// the row's cells must have been mapped.
func (sm *sheetMap) setCell(col, row int, el []byte) {
	r, i := sm.cell(col, row)
	if r == nil {
		r = sm.rowFor(row)
	}
	if !r.mapped {
		panic("setCell on a row whose cells were not mapped")
	}
	if i >= 0 {
		if r.repl == nil {
			r.repl = map[int][]byte{}
		}
		r.repl[i] = el
		return
	}
	if r.inserts == nil {
		r.inserts = map[int][]byte{}
	}
	r.inserts[col] = el
}

// rowHeight returns the stored height of a row, and whether it has one.
func (sm *sheetMap) rowHeight(row int) (float64, bool) {
	r := sm.byRow(row)
	if r == nil {
		return 0, false
	}
	h, err := parseFloat(attrOr(sm.data[r.open.Start:r.open.End], "ht"))
	return h, err == nil
}

func (sm *sheetMap) setHeight(row int, h float64) {
	sm.rowFor(row).ht = strconv.FormatFloat(h, 'f', -1, 64)
}

// insertTop adds a child of the worksheet at its place in worksheetOrder:
// after the children of the same name, before any that follow.
func (sm *sheetMap) insertTop(name string, text []byte) {
	rank := worksheetOrder[name]
	at := sm.close
	for _, t := range sm.top {
		if r := worksheetOrder[t.name]; r > rank {
			at = t.start
			break
		}
	}
	sm.sp = append(sm.sp, ooxml.Splice{Start: at, End: at, Text: text})
}

// topNamed returns the first child of the worksheet with that name.
func (sm *sheetMap) topNamed(name string) *topEl {
	for i := range sm.top {
		if sm.top[i].name == name {
			return &sm.top[i]
		}
	}
	return nil
}

// bytes returns the worksheet with the edits made.
func (sm *sheetMap) bytes() []byte {
	return sm.appendTo(nil)
}

// appendTo appends the worksheet with the edits made to dst.
func (sm *sheetMap) appendTo(dst []byte) []byte {
	sp := sm.splices()
	if dst == nil {
		return ooxml.ApplySplices(sm.data, sp)
	}
	return ooxml.AppendSplices(dst, sm.data, sp)
}

// writeTo writes the worksheet with the edits made to w, piece by piece.
func (sm *sheetMap) writeTo(w io.Writer) error {
	return ooxml.WriteSplices(w, sm.data, sm.splices())
}

// splices returns the edits made, as splices of the worksheet.
func (sm *sheetMap) splices() []ooxml.Splice {
	sp := sm.sp
	for _, r := range sm.rows {
		// A row or cell numbered by its place gets its number when a row
		// or cell is put before it.
		numbered := r.noRef && len(sm.newRows) > 0
		if r.ht == "" && r.inserts == nil && r.repl == nil && !numbered {
			continue
		}
		if r.inserts != nil {
			for i := range r.cells {
				if c := &r.cells[i]; c.noRef && r.repl[i] == nil {
					sp = append(sp, ooxml.Splice{Start: c.start, End: c.openEnd, Text: ooxml.WithAttrs(sm.data[c.start:c.openEnd], [][2]string{{"r", ooxml.Ref(r.r-1, c.col-1)}})})
				}
			}
		}
		open := sm.data[r.open.Start:r.open.End]
		if numbered {
			open = ooxml.WithAttrs(open, [][2]string{{"r", strconv.Itoa(r.r)}})
		}
		_, spans := ooxml.AttrValue(open, "spans")
		spans = spans && r.inserts != nil // a hint new cells may fall outside of
		var drop []string
		if spans {
			drop = []string{"spans"}
		}
		if r.ht != "" {
			open = ooxml.WithAttrs(open, [][2]string{{"ht", r.ht}, {"customHeight", "1"}}, drop...)
		} else if spans {
			open = ooxml.WithAttrs(open, nil, drop...)
		}
		if r.open.Kind == ooxml.TagEmpty {
			if r.inserts == nil {
				sp = append(sp, ooxml.Splice{Start: r.open.Start, End: r.open.End, Text: open})
				continue
			}
			open = append(bytes.TrimSuffix(bytes.TrimSuffix(open, []byte(">")), []byte("/")), '>')
			var b bytes.Buffer
			b.Write(open)
			for _, c := range sortedInts(r.inserts) {
				b.Write(r.inserts[c])
			}
			b.WriteString("</" + r.open.Name + ">")
			sp = append(sp, ooxml.Splice{Start: r.open.Start, End: r.open.End, Text: b.Bytes()})
			continue
		}
		if r.ht != "" || spans || numbered {
			sp = append(sp, ooxml.Splice{Start: r.open.Start, End: r.open.End, Text: open})
		}
		for i, el := range r.repl {
			sp = append(sp, ooxml.Splice{Start: r.cells[i].start, End: r.cells[i].end, Text: el})
		}
		for _, c := range sortedInts(r.inserts) {
			at := r.closeAt
			if i := sort.Search(len(r.cells), func(i int) bool { return r.cells[i].col > c }); i < len(r.cells) {
				at = r.cells[i].start
			}
			sp = append(sp, ooxml.Splice{Start: at, End: at, Text: r.inserts[c]})
		}
	}
	if len(sm.newRows) > 0 {
		sd := sm.top[sm.sheetData]
		closeAt := sd.end - len("</"+sd.open.Name+">")
		for _, n := range sortedInts(sm.newRows) {
			r := sm.newRows[n]
			var b bytes.Buffer
			fmt.Fprintf(&b, `<row r="%d"`, n)
			if r.ht != "" {
				fmt.Fprintf(&b, ` ht="%s" customHeight="1"`, r.ht)
			}
			b.WriteByte('>')
			for _, c := range sortedInts(r.inserts) {
				b.Write(r.inserts[c])
			}
			b.WriteString("</row>")
			at := closeAt
			if i := sort.Search(len(sm.rows), func(i int) bool { return sm.rows[i].r > n }); i < len(sm.rows) {
				at = sm.rows[i].open.Start
			}
			if sd.open.Kind == ooxml.TagEmpty {
				text := append(bytes.TrimSuffix(sm.data[sd.open.Start:sd.open.End-2], []byte(" ")), '>')
				sp = append(sp, ooxml.Splice{Start: sd.open.Start, End: sd.open.End, Text: append(append(text, b.Bytes()...), "</"+sd.open.Name+">"...)})
				continue
			}
			sp = append(sp, ooxml.Splice{Start: at, End: at, Text: b.Bytes()})
		}
	}
	ooxml.PrefixAll(sp, sm.prefix)
	return sp
}

func sortedInts[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// cellContent returns what a cell element holds: its type, whether it has a
// formula (and whether that is the master of a shared or array formula),
// and its value as written (<v>, or the text of <is>).
func cellContent(el []byte) (typ string, formula, master bool, value string) {
	typ = attrOr(el, "t")
	var inV, inT, inRPh bool
	var vStart int
	var b strings.Builder
	_ = ooxml.ScanTags(el, func(t ooxml.Tag) bool {
		name := ooxml.Local(t.Name)
		switch t.Kind {
		case ooxml.TagStart, ooxml.TagEmpty:
			switch name {
			case "f":
				formula = true
				ft := attrOr(el[t.Start:t.End], "t")
				_, hasRef := ooxml.AttrValue(el[t.Start:t.End], "ref")
				master = (ft == "shared" && hasRef) || ft == "array" || ft == "dataTable"
			case "v":
				inV, vStart = t.Kind == ooxml.TagStart, t.End
			case "t":
				inT, vStart = t.Kind == ooxml.TagStart && !inRPh, t.End
			case "rPh":
				inRPh = t.Kind == ooxml.TagStart
			}
		case ooxml.TagEnd:
			switch name {
			case "v":
				if inV {
					b.WriteString(ooxml.TextOf(el[vStart:t.Start]))
				}
				inV = false
			case "t":
				if inT {
					b.WriteString(ooxml.TextOf(el[vStart:t.Start]))
				}
				inT = false
			case "rPh":
				inRPh = false
			}
		}
		return true
	})
	return typ, formula, master, b.String()
}

// writeCells performs the Writes into the sheet: the one place where the
// write-back sets cell values. A Write goes into a computed cell of the form
// (which keeps its formula, the value written as its cached result), or
// into a cell that is blank or already holds the value (a score of an
// earlier run); any other is refused with a *CellError, as is one into the
// master of a shared formula that other cells not written still use. In a
// blank cell the rules fill is the tool's: the cell gets its fill formula
// and the tool's style, and in a stamped workbook (st not nil) fills gets
// its value for the lap record. A cell the tool filled on the last score
// (listed in the record, or holding its fill formula) and still holding
// that value is free again. It reports whether a formula was
// replaced or removed.
func (d *directPkg) writeCells(sm *sheetMap, se *ooxml.Styles, fm *form.Form, sheet string, writes []form.Write, st *stampInfo, fills map[string]string) (bool, error) {
	filled := fillsOn(sm, fm)
	if st != nil {
		for at, v := range filledCells(st.Filled) {
			filled[at] = v
		}
	}
	if len(writes) == 0 && len(filled) == 0 {
		return false, nil
	}
	computed := d.computedOn(fm, sheet)
	var scoreAt map[string]int // the row of each 得分 cell, made when first needed
	styles, err := d.p.styleTable()
	if err != nil {
		return false, err
	}
	sst, err := d.p.sharedStrings()
	if err != nil {
		return false, err
	}
	written := map[string]bool{}
	for _, w := range writes {
		if at, ok := cleanRef(w.Ref); ok {
			written[at] = true
		}
	}
	hadFormula := false
	hasSheet := func(name string) bool { return d.p.findSheet(name) != "" }
	for _, w := range writes {
		cellErr := func(err error) error {
			return &CellError{Path: d.p.path, Sheet: sheet, Cell: w.Ref, Err: err}
		}
		at, ok := cleanRef(w.Ref)
		if !ok {
			return false, cellErr(i18n.New("单元格或工作表不存在", "no such cell or sheet"))
		}
		col, row, err := cellCoords(at)
		if err != nil {
			return false, cellErr(i18n.New("单元格或工作表不存在", "no such cell or sheet"))
		}
		r, i := sm.cell(col, row)
		style := 0
		var keepF []byte // the formula of a computed cell, kept
		// A computed cell blank or holding the tool's marker: its value goes
		// into a marker formula unless the cell gets a live one (form.IsMark).
		mark := i < 0 && computed[at]
		if i >= 0 {
			el := sm.data[r.cells[i].start:r.cells[i].end]
			typ, formula, master, raw := cellContent(el)
			if master {
				if users := sm.sharedUsers(el, written); users != "" {
					return false, cellErr(i18n.Errorf("是共享公式的主单元格，%s 仍在使用该公式", "is the master of a shared formula that %s still use", users))
				}
			}
			if typ == "s" {
				n, err := strconv.Atoi(strings.TrimSpace(raw))
				if err != nil || n < 0 || n >= len(sst) {
					return false, cellErr(i18n.New("共享字符串索引无效", "invalid shared string index"))
				}
				raw = sst[n]
			}
			ours := filled[at] != "" && (strings.TrimSpace(raw) == "" || sameFilled(form.Cell{Raw: raw}, filled[at]))
			if !computed[at] && !ours && !freeFor(formula, typ, raw, w) {
				return false, cellErr(errInputCell)
			}
			if computed[at] && formula {
				if form.IsMark(ooxml.TextOf(formulaElem(el))) {
					mark = true // the tool's value of the last score
				} else {
					keepF = formulaElem(el)
				}
			} else if computed[at] && strings.TrimSpace(raw) == "" {
				mark = true
			}

			hadFormula = hadFormula || (formula && keepF == nil && !mark)
			if s, err := attrInt(attrOr(el, "s")); err == nil {
				style = s
			}
		} else if r != nil {
			if s, err := attrInt(attrOr(sm.data[r.open.Start:r.open.End], "s")); err == nil && attrOr(sm.data[r.open.Start:r.open.End], "customFormat") != "" {
				style = s
			}
		}
		keepText := ""                       // the formula kept, as text
		if computed[at] && w.Formula != "" { // our template's live formula, restored or brought up to date
			keepF, keepText = []byte("<f>"+ooxml.EscapeText(w.Formula)+"</f>"), w.Formula
		} else if keepF != nil {
			keepText = ooxml.TextOf(keepF)
		}
		if keepF != nil && missingSheet(keepText, hasSheet) {
			// A formula over a sheet deleted since (the stamp sheet's
			// status): recalculated it would not show the value written,
			// so the value goes into a marker formula.
			keepF, mark, hadFormula = nil, true, true
		}
		if mark && keepF == nil && w.Number == nil {
			keepF = []byte("<f>" + ooxml.EscapeText(form.MarkText(w.Text)) + "</f>")
		}
		var el []byte
		if w.Number != nil {
			v, s, err := d.numberStyle(se, styles, style, *w.Number)
			if err != nil {
				return false, cellErr(err)
			}
			// The formula shown when the tool's fill no longer holds: a
			// computed 得分's own (dept 指标得分), never a fill's.
			other := ""
			if keepF != nil {
				other = keepText
				if e, ok := fillElse(other); ok {
					other = e
					keepF = nil
					if e != "" {
						keepF = []byte("<f>" + ooxml.EscapeText(e) + "</f>")
					}
				}
			}
			f := string(keepF)
			if mark && keepF == nil {
				f = "<f>" + ooxml.EscapeText(form.MarkNumber(v)) + "</f>"
			}
			if !computed[at] || w.Filled {
				if st != nil {
					fills[at] = v
				}
				if scoreAt == nil {
					scoreAt = scoreRows(fm)
				}
				if i, ok := scoreAt[at]; ok {
					stored := func(ref string) (string, bool) { return sm.storedText(ref, sst) }
					if ff := fillFormula(fm, fm.Rows[i], v, other, stored); ff != "" {
						f = "<f>" + ooxml.EscapeText(ff) + "</f>"
					}
				}
				if ts, ok := d.toolStyle(se, s); ok {
					s = ts
				}
			}
			el = append(cellOpen(at, s, "", len(f)+len(v)+16), f...)
			el = append(append(append(el, "<v>"...), v...), "</v></c>"...)
		} else if keepF != nil {
			el = append(cellOpen(at, style, "str", len(keepF)+len(w.Text)+16), keepF...)
			el = append(ooxml.AppendEscaped(append(el, "<v>"...), w.Text), "</v></c>"...)
		} else {
			el = cellOpen(at, style, "inlineStr", len(w.Text)+48)
			el = append(appendTElem(append(el, "<is>"...), w.Text), "</is></c>"...)
		}
		sm.setCell(col, row, el)
		delete(filled, at)
	}
	// A cell filled on the last score that the rules do not fill now, still
	// holding the tool's value: the tool takes it back.
	for at, v := range filled {
		col, row, err := cellCoords(at)
		if err != nil {
			continue
		}
		r, i := sm.cell(col, row)
		if i < 0 || !r.mapped {
			continue
		}
		el := sm.data[r.cells[i].start:r.cells[i].end]
		_, formula, master, raw := cellContent(el)
		if master || (strings.TrimSpace(raw) != "" && !sameFilled(form.Cell{Raw: raw}, v)) {
			continue
		}
		hadFormula = hadFormula || formula // a calcChain entry would name a cell without one
		empty := `<c r="` + at + `"/>`
		if s := attrOr(el, "s"); s != "" {
			empty = `<c r="` + at + `" s="` + s + `"/>`
		}
		sm.setCell(col, row, []byte(empty))
	}
	return hadFormula, nil
}

// cellOpen is the start of a cell element, <c r="at" s="style" t="typ">
// (no t when typ is ""), in a buffer with room for n bytes more.
func cellOpen(at string, style int, typ string, n int) []byte {
	el := make([]byte, 0, 32+len(at)+len(typ)+n)
	el = append(append(append(el, `<c r="`...), at...), `" s="`...)
	el = strconv.AppendInt(el, int64(style), 10)
	if typ != "" {
		el = append(append(append(el, `" t="`...), typ...), '"')
	} else {
		el = append(el, '"')
	}
	return append(el, '>')
}

// sharedUsers lists (up to three) the cells not written that use the shared
// formula whose master is the cell element el.
func (sm *sheetMap) sharedUsers(el []byte, written map[string]bool) string {
	var si string
	_ = ooxml.ScanTags(el, func(t ooxml.Tag) bool {
		if ooxml.Local(t.Name) == "f" && t.Kind != ooxml.TagEnd {
			si = attrOr(el[t.Start:t.End], "si")
			return false
		}
		return true
	})
	if si == "" {
		return ""
	}
	var users []string
	cell := ""
	_ = ooxml.ScanTags(sm.data, func(t ooxml.Tag) bool {
		switch ooxml.Local(t.Name) {
		case "c":
			if t.Kind != ooxml.TagEnd {
				cell = strings.ToUpper(attrOr(sm.data[t.Start:t.End], "r"))
			}
		case "f":
			tag := sm.data[t.Start:t.End]
			if t.Kind != ooxml.TagEnd && attrOr(tag, "t") == "shared" && attrOr(tag, "si") == si {
				if _, hasRef := ooxml.AttrValue(tag, "ref"); !hasRef && !written[cell] {
					users = append(users, cell)
				}
			}
		}
		return len(users) < 3
	})
	return strings.Join(users, "、")
}

// freeFor reports whether a Write may go into a cell that is not computed:
// one that is blank, or already holds exactly the value to write (a score
// filled by an earlier run).
func freeFor(formula bool, typ, raw string, w form.Write) bool {
	raw = strings.TrimSpace(raw)
	switch {
	case formula:
		return false
	case raw == "":
		return true
	case w.Number != nil:
		if typ == "" || typ == "n" {
			if d, err := decimal.NewFromString(raw); err == nil && d.Equal(*w.Number) {
				return true
			}
		}
		return false
	}
	return typ != "" && typ != "n" && raw == w.Text
}

// numberStyle is the value and style of a number written: a percent cell
// gets the fraction, and a cell whose format does not show two decimals a
// copy of its format that does. The style is worked out once per style of
// a write-back.
func (d *directPkg) numberStyle(se *ooxml.Styles, st *styleTable, style int, v decimal.Decimal) (string, int, error) {
	c, ok := d.numStyles[style]
	if !ok {
		c.pct, c.style, c.err = numberFormat(se, st, style)
		if d.numStyles == nil {
			d.numStyles = map[int]numChoice{}
		}
		d.numStyles[style] = c
	}
	if c.err != nil {
		return "", 0, c.err
	}
	if c.pct {
		v = v.Shift(-2)
	}
	return v.String(), c.style, nil
}

// numChoice is how a number is written into a cell of a style: as a
// fraction (pct), in the style given.
type numChoice struct {
	pct   bool
	style int
	err   error
}

// numberFormat is numberStyle's choice for a cell of style style.
func numberFormat(se *ooxml.Styles, st *styleTable, style int) (pct bool, _ int, _ error) {
	if style < 0 || style >= len(st.xfs) {
		if style != 0 {
			return false, 0, i18n.Errorf("样式 %d 不存在", "there is no style %d", style)
		}
	}
	id, code, custom := 0, "", false
	if style < len(st.xfs) {
		id = st.xfs[style].numFmt
		if c, ok := st.numFmts[id]; ok {
			code, custom = c.code, true
		}
	}
	pct = id == 9 || id == 10 || (custom && hasPercent(code))
	two := false
	switch {
	case custom:
		two = strings.Contains(code, "0.00") && !strings.Contains(code, "0.000") && hasPercent(code) == pct
	case pct:
		two = id == 10
	default:
		two = id == 2 || id == 4 || id == 39 || id == 40
	}
	if two {
		return pct, style, nil
	}
	xf := se.Item("cellXfs", style)
	e, ok := ooxml.TagClose(xf, 1)
	if xf == nil || !ok {
		return false, 0, i18n.Errorf("样式 %d 不存在", "there is no style %d", style)
	}
	want := "2"
	if pct {
		want = "10"
	}
	clone := string(ooxml.WithAttrs(xf[:e+1], [][2]string{{"numFmtId", want}, {"applyNumberFormat", "1"}})) + string(xf[e+1:])
	return pct, se.Add("cellXfs", clone), nil
}

// tElem is a <t> element holding s.
func tElem(s string) string {
	if s != strings.TrimSpace(s) || strings.Contains(s, "\n") {
		return `<t xml:space="preserve">` + ooxml.EscapeText(s) + `</t>`
	}
	return "<t>" + ooxml.EscapeText(s) + "</t>"
}

// dropHighlights removes the highlights of an earlier write-back: each
// <conditionalFormatting> whose rules are all expressions with
// highlightFormula. The new ones take the place of the
// first, numbered after the priorities of the rules kept, so that scoring
// again with nothing new gives the same bytes.
func (sm *sheetMap) dropHighlights() {
	for _, t := range sm.top {
		if t.name != "conditionalFormatting" || t.open.Kind == ooxml.TagEmpty {
			continue
		}
		el := sm.data[t.start:t.end]
		rules, ours := 0, true
		inF, fStart := false, 0
		highest := 0
		_ = ooxml.ScanTags(el, func(x ooxml.Tag) bool {
			switch ooxml.Local(x.Name) {
			case "cfRule":
				if x.Kind != ooxml.TagEnd {
					rules++
					ours = ours && attrOr(el[x.Start:x.End], "type") == "expression"
					if n, err := attrInt(attrOr(el[x.Start:x.End], "priority")); err == nil && n > highest {
						highest = n
					}
				}
			case "formula":
				switch x.Kind {
				case ooxml.TagStart:
					inF, fStart = true, x.End
				case ooxml.TagEnd:
					if inF && strings.TrimSpace(ooxml.TextOf(el[fStart:x.Start])) != highlightFormula {
						ours = false
					}
					inF = false
				}
			}
			return true
		})
		if ours && rules > 0 {
			sm.sp = append(sm.sp, ooxml.Splice{Start: t.start, End: t.end, Text: nil})
			if sm.oursAt < 0 {
				sm.oursAt = t.start
			}
		} else if highest > sm.priority {
			sm.priority = highest
		}
	}
}

// highlight adds the conditional formats that mark the cells with findings
// (sorted: their cells in row order), one per severity.
func (sm *sheetMap) highlight(se *ooxml.Styles, cells map[string][]form.Finding, sorted []string) {
	var bySev [3][]string // by severity: error, warning, info
	for _, at := range sorted {
		switch worst(cells[at]) {
		case form.Error:
			bySev[0] = append(bySev[0], at)
		case form.Warning:
			bySev[1] = append(bySev[1], at)
		default:
			bySev[2] = append(bySev[2], at)
		}
	}
	var b []byte
	for i, sev := range [...]form.Severity{form.Error, form.Warning, form.Info} {
		refs := bySev[i]
		if len(refs) == 0 {
			continue
		}
		dxf := se.Add("dxfs", `<dxf><fill><patternFill patternType="solid"><bgColor rgb="FF`+highlightFill[sev]+`"/></patternFill></fill></dxf>`)
		sm.priority++
		b = append(b, `<conditionalFormatting sqref="`...)
		for j, at := range refs {
			if j > 0 {
				b = append(b, ' ')
			}
			b = append(b, at...)
		}
		b = append(b, `"><cfRule type="expression" dxfId="`...)
		b = strconv.AppendInt(b, int64(dxf), 10)
		b = append(b, `" priority="`...)
		b = strconv.AppendInt(b, int64(sm.priority), 10)
		b = append(b, `"><formula>`...)
		b = ooxml.AppendEscaped(b, highlightFormula)
		b = append(b, `</formula></cfRule></conditionalFormatting>`...)
	}
	switch {
	case len(b) == 0:
	case sm.oursAt >= 0:
		sm.sp = append(sm.sp, ooxml.Splice{Start: sm.oursAt, End: sm.oursAt, Text: b})
	default:
		sm.insertTop("conditionalFormatting", b)
	}
}
