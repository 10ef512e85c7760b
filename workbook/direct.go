package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// The direct write-back. Opening a package with excelize decodes every part
// it touches and writing it re-encodes and recompresses all of them, which
// costs several times the reading and checking of the form. The direct
// write-back edits only what changes — the form sheet, styles.xml, the notes
// of the form sheet, the result sheet and the few parts that list sheets and
// parts — as text, and copies every other part into the new package still
// compressed. So everything that is not ours stays byte for byte.
//
// It takes the files it can edit this way: every finding on the form sheet,
// no notes of a person on it (our own notes of an earlier run are
// replaced), no highlights or notes of ours on other sheets, a result sheet
// (if any) right after the form sheet, and XML without comments or CDATA
// in the parts it edits. Any other file — and any write the general path
// would refuse — goes to the general write-back through excelize, which
// then gives the same result or the same error (errIndirect).
var errIndirect = errors.New("the file needs the general write-back")

// Namespaces and types of the parts the direct write-back creates.
const (
	nsMain     = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relsNS     = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsTypes    = "http://schemas.openxmlformats.org/package/2006/content-types"
	relWS      = nsRel + "/worksheet"
	relCmt     = nsRel + "/comments"
	relVMLType = nsRel + "/vmlDrawing"
	ctWS       = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
	ctCmt      = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
	ctVML      = "application/vnd.openxmlformats-officedocument.vmlDrawing"
	xmlHead    = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// directPkg is the package being edited: the original parts, and the parts
// set, added and deleted.
type directPkg struct {
	p     *pkg
	set   map[string][]byte // by zip entry name
	added []string
	del   map[string]bool
	types *typesEdit
}

func (d *directPkg) entry(name string) string {
	if zf := d.p.part(name); zf != nil {
		return zf.Name
	}
	return name
}

func (d *directPkg) read(name string) ([]byte, error) {
	if b, ok := d.set[d.entry(name)]; ok {
		return b, nil
	}
	return d.p.read(name)
}

func (d *directPkg) exists(name string) bool {
	_, ok := d.set[d.entry(name)]
	return (ok || d.p.part(name) != nil) && !d.del[d.entry(name)]
}

func (d *directPkg) put(name string, data []byte) {
	e := d.entry(name)
	if _, ok := d.set[e]; !ok && d.p.part(name) == nil {
		d.added = append(d.added, e)
	}
	d.set[e] = data
	delete(d.del, e)
}

func (d *directPkg) remove(name string) {
	d.del[d.entry(name)] = true
	d.types.removeOverride(name)
}

// freeName returns the first name of the pattern ("xl/comments%d.xml") not
// taken, from 1.
func (d *directPkg) freeName(pattern string) string {
	for i := 1; ; i++ {
		if name := fmt.Sprintf(pattern, i); !d.exists(name) {
			return name
		}
	}
}

// directWrite returns the package b with the outcome written into it, or
// errIndirect.
func directWrite(p *pkg, fm *form.Form, out form.Outcome) ([]byte, error) {
	formPart := p.sheetPart(fm.Sheet)
	if formPart == "" || p.wbPart == "" {
		return nil, errIndirect
	}
	d := &directPkg{p: p, set: map[string][]byte{}, del: map[string]bool{}}
	ct, err := d.read("[Content_Types].xml")
	if err != nil || ct == nil {
		return nil, errIndirect
	}
	if d.types, err = editTypes(ct); err != nil {
		return nil, errIndirect
	}
	cells, err := d.formFindings(fm, out.Findings)
	if err != nil {
		return nil, err
	}
	if err := d.othersClean(fm.Sheet, formPart); err != nil {
		return nil, err
	}
	stylesData, err := d.read("xl/styles.xml")
	if err != nil || stylesData == nil {
		return nil, errIndirect
	}
	se, err := editStyles(stylesData)
	if err != nil {
		return nil, errIndirect
	}
	sheetData, err := d.read(formPart)
	if err != nil || sheetData == nil {
		return nil, errIndirect
	}
	if bytes.Contains(sheetData, []byte("selfeval")) {
		sheetData, _ = stripSheetHighlights(sheetData)
	}
	sm, err := mapSheet(sheetData, writeRows(out.Writes))
	if err != nil {
		return nil, errIndirect
	}
	hadFormula, err := d.writeCells(sm, se, fm, out.Writes)
	if err != nil {
		return nil, err
	}
	if err := d.fitRows(sm, fm); err != nil {
		return nil, err
	}
	sm.highlight(se, cells)
	if err := d.notes(sm, formPart, cells); err != nil {
		return nil, err
	}
	d.put(formPart, sm.bytes())
	if err := d.resultSheet(se, fm, out); err != nil {
		return nil, err
	}
	if se.changed() {
		d.put("xl/styles.xml", se.bytes())
	}
	if hadFormula {
		if err := d.dropCalcChain(); err != nil {
			return nil, err
		}
	}
	if len(d.types.sp) > 0 {
		d.put("[Content_Types].xml", d.types.bytes())
	}
	data, err := d.zip()
	if err != nil {
		return nil, errIndirect // a damaged entry: the general path names it
	}
	return data, nil
}

// writeRows returns the rows the Writes go to.
func writeRows(writes []form.Write) map[int]bool {
	rows := map[int]bool{}
	for _, w := range writes {
		if at, ok := cleanRef(w.Ref); ok {
			if _, r, err := cellCoords(at); err == nil {
				rows[r] = true
			}
		}
	}
	return rows
}

// formFindings groups the findings by cell of the form sheet, as
// findingCells does; a finding on another sheet needs the general path.
func (d *directPkg) formFindings(fm *form.Form, findings []form.Finding) (map[string][]form.Finding, error) {
	out := map[string][]form.Finding{}
	for _, x := range findings {
		sh := x.Sheet
		if sh == "" {
			sh = fm.Sheet
		}
		if sh = d.p.findSheet(sh); sh == "" || sh == ResultSheet {
			continue
		}
		at, ok := cleanRef(x.Cell)
		if !ok {
			continue
		}
		if sh != fm.Sheet {
			return nil, errIndirect
		}
		out[at] = append(out[at], x)
	}
	return out, nil
}

// othersClean makes sure no other sheet holds highlights or notes of an
// earlier write-back, which the general path would remove.
func (d *directPkg) othersClean(formSheet, formPart string) error {
	cmt := d.sheetRelsOf(formPart, relComments)
	for _, s := range d.p.sheets {
		if s.name == formSheet || s.name == ResultSheet || s.part == "" {
			continue
		}
		data, err := d.p.read(s.part)
		if err != nil {
			return errIndirect
		}
		if bytes.Contains(data, []byte("selfeval")) {
			if out, ids := stripSheetHighlights(data); len(ids) > 0 || !bytes.Equal(out, data) {
				return errIndirect
			}
		}
	}
	for _, zf := range d.p.files {
		name := partName(zf.Name)
		if !strings.Contains(strings.ToLower(name), "comment") || name == cmt {
			continue
		}
		data, err := d.p.read(name)
		if err != nil || bytes.Contains(data, []byte(noteMarker)) {
			return errIndirect
		}
	}
	return nil
}

// sheetRelsOf returns the first part a worksheet links to with a
// relationship type ending in suffix, "" when there is none.
func (d *directPkg) sheetRelsOf(part, suffix string) string {
	data, _ := d.read(relsOf(part))
	for _, r := range parseRels(part, data) {
		if strings.HasSuffix(r.typ, suffix) {
			return r.target
		}
	}
	return ""
}

// ---- the form sheet

// sheetMap is where the elements of a worksheet part are.
type sheetMap struct {
	data      []byte
	root      xtag
	close     int // where </worksheet> starts
	top       []topEl
	sheetData int // index in top, -1 when absent
	rows      []*rowEl
	byRow     map[int]*rowEl
	sp        []splice
	newRows   map[int]*rowEl // rows to create
	priority  int            // the highest conditional format priority
}

type topEl struct {
	name       string
	open       xtag
	start, end int
}

type rowEl struct {
	r       int
	open    xtag
	closeAt int // where </row> starts; open.end for an empty tag
	cells   []cellEl
	inserts map[int][]byte // new cells by column
	ht      string         // a new height, "" to keep
	repl    map[int][]byte // replaced cells by index in cells
}

type cellEl struct {
	col        int
	start, end int
	open       xtag
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
	sm := &sheetMap{data: data, close: -1, sheetData: -1, byRow: map[int]*rowEl{}, newRows: map[int]*rowEl{}}
	depth := 0
	var row *rowEl
	var cell *cellEl
	var bad bool
	err := scanTags(data, func(t xtag) bool {
		name := local(t.name)
		if t.kind == tagEnd {
			depth--
			switch depth {
			case 0:
				sm.close = t.start
			case 1:
				sm.top[len(sm.top)-1].end = t.end
			case 2:
				if row != nil {
					row.closeAt = t.start
					row = nil
				}
			case 3:
				if cell != nil {
					cell.end = t.end
					row.cells = append(row.cells, *cell)
					cell = nil
				}
			}
			return true
		}
		switch depth {
		case 0:
			sm.root = t
		case 1:
			sm.top = append(sm.top, topEl{name: name, open: t, start: t.start, end: t.end})
			if name == "sheetData" {
				sm.sheetData = len(sm.top) - 1
			}
		case 2:
			if name == "cfRule" {
				if n, err := strconv.Atoi(attrOr(data[t.start:t.end], "priority")); err == nil && n > sm.priority {
					sm.priority = n
				}
			}
			if sm.sheetData == len(sm.top)-1 && name == "row" {
				r, err := strconv.Atoi(attrOr(data[t.start:t.end], "r"))
				if err != nil || r < 1 || (len(sm.rows) > 0 && r <= sm.rows[len(sm.rows)-1].r) {
					bad = true
					return false
				}
				row = &rowEl{r: r, open: t, closeAt: t.end}
				sm.rows = append(sm.rows, row)
				sm.byRow[r] = row
				if t.kind == tagEmpty {
					row = nil
				}
			}
		case 3:
			if row != nil && name == "c" && (cellsOf == nil || cellsOf[row.r]) {
				c, r, err := cellCoords(attrOr(data[t.start:t.end], "r"))
				if err != nil || r != row.r || (len(row.cells) > 0 && c <= row.cells[len(row.cells)-1].col) {
					bad = true
					return false
				}
				cell = &cellEl{col: c, start: t.start, end: t.end, open: t}
				if t.kind == tagEmpty {
					row.cells = append(row.cells, *cell)
					cell = nil
				}
			}
		}
		if t.kind == tagStart {
			depth++
		}
		return true
	})
	if err != nil || bad || sm.close < 0 || !plainRoot(data, sm.root, "worksheet", nsMain) || sm.sheetData < 0 {
		return nil, errMarkup
	}
	return sm, nil
}

func attrOr(tag []byte, name string) string {
	v, _ := attrValue(tag, name)
	return v
}

// cellCoords returns the 1-based column and row of a reference like "E15".
func cellCoords(ref string) (col, row int, err error) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 || i == len(ref) {
		return 0, 0, errMarkup
	}
	row, err = strconv.Atoi(ref[i:])
	if err != nil || row < 1 || col > 16384 {
		return 0, 0, errMarkup
	}
	return col, row, nil
}

// cell returns the cell at (col, row) and its row, if the sheet has them.
func (sm *sheetMap) cell(col, row int) (*rowEl, int) {
	r := sm.byRow[row]
	if r == nil {
		return nil, -1
	}
	i := sort.Search(len(r.cells), func(i int) bool { return r.cells[i].col >= col })
	if i < len(r.cells) && r.cells[i].col == col {
		return r, i
	}
	return r, -1
}

// setCell replaces or creates the cell at (col, row) with the element el.
func (sm *sheetMap) setCell(col, row int, el []byte) {
	r, i := sm.cell(col, row)
	if r == nil {
		if r = sm.newRows[row]; r == nil {
			r = &rowEl{r: row}
			sm.newRows[row] = r
		}
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
	r := sm.byRow[row]
	if r == nil {
		return 0, false
	}
	h, err := strconv.ParseFloat(attrOr(sm.data[r.open.start:r.open.end], "ht"), 64)
	return h, err == nil
}

func (sm *sheetMap) setHeight(row int, h float64) {
	r := sm.byRow[row]
	if r == nil {
		if r = sm.newRows[row]; r == nil {
			r = &rowEl{r: row}
			sm.newRows[row] = r
		}
	}
	r.ht = strconv.FormatFloat(h, 'f', -1, 64)
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
	sm.sp = append(sm.sp, splice{at, at, text})
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
	sp := sm.sp
	for _, r := range sm.rows {
		if r.ht == "" && r.inserts == nil && r.repl == nil {
			continue
		}
		open := sm.data[r.open.start:r.open.end]
		_, spans := attrValue(open, "spans")
		spans = spans && r.inserts != nil // a hint new cells may fall outside of
		var drop []string
		if spans {
			drop = []string{"spans"}
		}
		if r.ht != "" {
			open = withAttrs(open, [][2]string{{"ht", r.ht}, {"customHeight", "1"}}, drop...)
		} else if spans {
			open = withAttrs(open, nil, drop...)
		}
		if r.open.kind == tagEmpty {
			if r.inserts == nil {
				sp = append(sp, splice{r.open.start, r.open.end, open})
				continue
			}
			open = append(bytes.TrimSuffix(bytes.TrimSuffix(open, []byte(">")), []byte("/")), '>')
			var b bytes.Buffer
			b.Write(open)
			for _, c := range sortedInts(r.inserts) {
				b.Write(r.inserts[c])
			}
			b.WriteString("</" + r.open.name + ">")
			sp = append(sp, splice{r.open.start, r.open.end, b.Bytes()})
			continue
		}
		if r.ht != "" || spans {
			sp = append(sp, splice{r.open.start, r.open.end, open})
		}
		for i, el := range r.repl {
			sp = append(sp, splice{r.cells[i].start, r.cells[i].end, el})
		}
		for _, c := range sortedInts(r.inserts) {
			at := r.closeAt
			if i := sort.Search(len(r.cells), func(i int) bool { return r.cells[i].col > c }); i < len(r.cells) {
				at = r.cells[i].start
			}
			sp = append(sp, splice{at, at, r.inserts[c]})
		}
	}
	if len(sm.newRows) > 0 {
		sd := sm.top[sm.sheetData]
		closeAt := sd.end - len("</"+sd.open.name+">")
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
				at = sm.rows[i].open.start
			}
			if sd.open.kind == tagEmpty {
				text := append(bytes.TrimSuffix(sm.data[sd.open.start:sd.open.end-2], []byte(" ")), '>')
				sp = append(sp, splice{sd.open.start, sd.open.end, append(append(text, b.Bytes()...), "</"+sd.open.name+">"...)})
				continue
			}
			sp = append(sp, splice{at, at, b.Bytes()})
		}
	}
	return applySplices(sm.data, sp)
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
	_ = scanTags(el, func(t xtag) bool {
		name := local(t.name)
		switch t.kind {
		case tagStart, tagEmpty:
			switch name {
			case "f":
				formula = true
				ft := attrOr(el[t.start:t.end], "t")
				_, hasRef := attrValue(el[t.start:t.end], "ref")
				master = (ft == "shared" && hasRef) || ft == "array" || ft == "dataTable"
			case "v":
				inV, vStart = t.kind == tagStart, t.end
			case "t":
				inT, vStart = t.kind == tagStart && !inRPh, t.end
			case "rPh":
				inRPh = t.kind == tagStart
			}
		case tagEnd:
			switch name {
			case "v":
				if inV {
					b.WriteString(html.UnescapeString(string(el[vStart:t.start])))
				}
				inV = false
			case "t":
				if inT {
					b.WriteString(html.UnescapeString(string(el[vStart:t.start])))
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

// writeCells performs the Writes like applyWrites, and reports whether a
// formula was replaced.
func (d *directPkg) writeCells(sm *sheetMap, se *styleEdit, fm *form.Form, writes []form.Write) (bool, error) {
	computed := ComputedRefs(fm)
	styles, err := d.p.styleTable()
	if err != nil {
		return false, errIndirect
	}
	sst, err := d.p.sharedStrings()
	if err != nil {
		return false, errIndirect
	}
	hadFormula := false
	for _, w := range writes {
		if w.Sheet != "" && w.Sheet != fm.Sheet {
			return false, errIndirect
		}
		at, ok := cleanRef(w.Ref)
		if !ok {
			return false, errIndirect
		}
		col, row, err := cellCoords(at)
		if err != nil {
			return false, errIndirect
		}
		r, i := sm.cell(col, row)
		style := 0
		if i >= 0 {
			el := sm.data[r.cells[i].start:r.cells[i].end]
			typ, formula, master, raw := cellContent(el)
			if master {
				return false, errIndirect
			}
			if typ == "s" {
				n, err := strconv.Atoi(strings.TrimSpace(raw))
				if err != nil || n < 0 || n >= len(sst) {
					return false, errIndirect
				}
				raw = sst[n]
			}
			if !computed[at] && !freeFor(formula, typ, raw, w) {
				return false, errIndirect // the general path names the refusal
			}
			hadFormula = hadFormula || formula
			if s, err := strconv.Atoi(attrOr(el, "s")); err == nil {
				style = s
			}
		} else if r != nil {
			if s, err := strconv.Atoi(attrOr(sm.data[r.open.start:r.open.end], "s")); err == nil && attrOr(sm.data[r.open.start:r.open.end], "customFormat") != "" {
				style = s
			}
		}
		var el string
		if w.Number != nil {
			v, s, err := numberStyle(se, styles, style, *w.Number)
			if err != nil {
				return false, errIndirect
			}
			el = fmt.Sprintf(`<c r="%s" s="%d"><v>%s</v></c>`, at, s, v)
		} else {
			el = fmt.Sprintf(`<c r="%s" s="%d" t="inlineStr"><is>%s</is></c>`, at, style, tElem(w.Text))
		}
		sm.setCell(col, row, []byte(el))
	}
	return hadFormula, nil
}

// freeFor is checkFree on a cell as written.
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

// numberStyle is writeNumber's choice of value and style: a percent cell
// gets the fraction, and a cell whose format does not show two decimals a
// copy of its format that does.
func numberStyle(se *styleEdit, st *styleTable, style int, d decimal.Decimal) (string, int, error) {
	if style < 0 || style >= len(st.xfs) {
		if style != 0 {
			return "", 0, errIndirect
		}
	}
	id, code, custom := 0, "", false
	if style < len(st.xfs) {
		id = st.xfs[style].numFmt
		if c, ok := st.numFmts[id]; ok {
			code, custom = c.code, true
		}
	}
	pct := id == 9 || id == 10 || (custom && hasPercent(code))
	if pct {
		d = d.Shift(-2)
	}
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
		return d.String(), style, nil
	}
	xf := se.xf(style)
	if xf == nil {
		return "", 0, errIndirect
	}
	e, ok := tagClose(xf, 1)
	if !ok {
		return "", 0, errIndirect
	}
	want := "2"
	if pct {
		want = "10"
	}
	clone := string(withAttrs(xf[:e+1], [][2]string{{"numFmtId", want}, {"applyNumberFormat", "1"}})) + string(xf[e+1:])
	return d.String(), se.add("cellXfs", clone), nil
}

// tElem is a <t> element holding s.
func tElem(s string) string {
	if s != strings.TrimSpace(s) || strings.Contains(s, "\n") {
		return `<t xml:space="preserve">` + xmlText(s) + `</t>`
	}
	return "<t>" + xmlText(s) + "</t>"
}

// highlight adds the conditional formats of writeHighlights.
func (sm *sheetMap) highlight(se *styleEdit, cells map[string][]form.Finding) {
	bySev := map[form.Severity][]string{}
	for _, at := range sortedCells(cells) {
		sev := worst(cells[at])
		bySev[sev] = append(bySev[sev], at)
	}
	var b bytes.Buffer
	for _, sev := range []form.Severity{form.Error, form.Warning, form.Info} {
		refs := bySev[sev]
		if len(refs) == 0 {
			continue
		}
		dxf := se.add("dxfs", `<dxf><fill><patternFill patternType="solid"><bgColor rgb="FF`+highlightFill[sev]+`"/></patternFill></fill></dxf>`)
		sm.priority++
		fmt.Fprintf(&b, `<conditionalFormatting sqref="%s"><cfRule type="expression" dxfId="%d" priority="%d"><formula>%s</formula></cfRule></conditionalFormatting>`,
			strings.Join(refs, " "), dxf, sm.priority, xmlText(highlightFormula))
	}
	if b.Len() > 0 {
		sm.insertTop("conditionalFormatting", b.Bytes())
	}
}

// ---- notes

// notes replaces the form sheet's notes with ours for the findings: the
// sheet may have notes only of an earlier write-back.
func (d *directPkg) notes(sm *sheetMap, formPart string, cells map[string][]form.Finding) error {
	relsName := relsOf(formPart)
	relsData, err := d.read(relsName)
	if err != nil {
		return errIndirect
	}
	re, err := editRels(formPart, relsData)
	if err != nil {
		return errIndirect
	}
	// The note boxes are the VML drawing <legacyDrawing> names; another
	// one (<legacyDrawingHF>: header and footer pictures) is not ours.
	ld := sm.topNamed("legacyDrawing")
	var cmtPart, vmlPart, cmtID, vmlID string
	if ld != nil {
		vmlID = attrOr(sm.data[ld.open.start:ld.open.end], "id")
	}
	for _, r := range re.rels {
		switch {
		case strings.HasSuffix(r.typ, relComments) && cmtPart == "":
			cmtPart, cmtID = r.target, r.id
		case strings.HasSuffix(r.typ, relVML) && r.id == vmlID && ld != nil:
			vmlPart = r.target
		}
	}
	if ld != nil && (vmlPart == "" || cmtPart == "") {
		return errIndirect // a drawing of controls, or one we cannot match
	}
	if cmtPart != "" {
		if vmlPart == "" || ld == nil {
			return errIndirect
		}
		if ok, err := d.onlyOurNotes(cmtPart, vmlPart); err != nil || !ok {
			return errIndirect
		}
	}
	if len(cells) == 0 {
		if cmtPart == "" {
			return nil
		}
		d.remove(cmtPart)
		d.remove(vmlPart)
		re.remove(cmtID)
		re.remove(vmlID)
		sm.sp = append(sm.sp, splice{ld.start, ld.end, nil})
		d.put(relsName, re.bytes())
		return nil
	}
	refs := sortedCells(cells)
	if cmtPart == "" {
		cmtPart = d.freeName("xl/comments%d.xml")
		vmlPart = d.freeName("xl/drawings/vmlDrawing%d.vml")
		re.add(relCmt, cmtPart)
		vmlID = re.add(relVMLType, vmlPart)
		prefix := rPrefix(sm.data[sm.root.start:sm.root.end])
		el := `<legacyDrawing ` + prefix + `:id="` + vmlID + `"/>`
		if prefix == "" {
			el = `<legacyDrawing xmlns:r="` + nsRel + `" r:id="` + vmlID + `"/>`
		}
		sm.insertTop("legacyDrawing", []byte(el))
		d.types.addOverride(cmtPart, ctCmt)
		d.types.addDefault("vml", ctVML)
		d.put(relsName, re.bytes())
	}
	d.put(cmtPart, commentsXML(refs, cells))
	d.put(vmlPart, vmlXML(refs, cells))
	return nil
}

// onlyOurNotes reports whether every note of a comments part is ours alone
// and every shape of its drawing is a note.
func (d *directPkg) onlyOurNotes(cmtPart, vmlPart string) (bool, error) {
	data, err := d.read(cmtPart)
	if err != nil || data == nil {
		return false, err
	}
	ours := true
	start := -1
	err = scanTags(data, func(t xtag) bool {
		if local(t.name) != "comment" {
			return true
		}
		switch t.kind {
		case tagStart:
			start = t.start
		case tagEnd:
			_, _, _, text := cellContent(data[start:t.end])
			if !strings.HasPrefix(strings.TrimSpace(text), noteMarker) {
				ours = false
				return false
			}
		case tagEmpty:
			ours = false
			return false
		}
		return true
	})
	if err != nil || !ours {
		return false, err
	}
	vml, err := d.read(vmlPart)
	if err != nil || vml == nil {
		return false, err
	}
	shapes, notes := 0, 0
	err = scanTags(vml, func(t xtag) bool {
		if t.kind == tagEnd {
			return true
		}
		switch local(t.name) {
		case "shape":
			shapes++
		case "ClientData":
			if attrOr(vml[t.start:t.end], "ObjectType") == "Note" {
				notes++
			}
		}
		return true
	})
	return err == nil && shapes == notes, nil
}

// plainRoot reports whether the root tag t of a part is the element name
// without a prefix, in the default namespace ns: the elements the direct
// write-back adds are written so.
func plainRoot(data []byte, t xtag, name, ns string) bool {
	if t.name != name || t.kind == tagEnd {
		return false
	}
	v, ok := attrValue(data[t.start:t.end], "xmlns")
	return ok && v == ns
}

// rPrefix returns the prefix the root tag binds to the relationships
// namespace, "" when it binds none.
func rPrefix(root []byte) string {
	for _, a := range tagAttrs(root) {
		if strings.HasPrefix(a.name, "xmlns:") && a.raw == nsRel {
			return strings.TrimPrefix(a.name, "xmlns:")
		}
	}
	return ""
}

// commentsXML is the comments part of our notes.
func commentsXML(refs []string, cells map[string][]form.Finding) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHead + `<comments xmlns="` + nsMain + `"><authors><author>` + noteAuthor + `</author></authors><commentList>`)
	for _, at := range refs {
		fmt.Fprintf(&b, `<comment ref="%s" authorId="0"><text><r><rPr><b/><sz val="9"/></rPr>%s</r><r><rPr><sz val="9"/></rPr>%s</r></text></comment>`,
			at, tElem(noteMarker), tElem("\n"+noteBody(cells[at])))
	}
	b.WriteString(`</commentList></comments>`)
	return b.Bytes()
}

// vmlXML is the VML drawing of the note boxes, hidden until pointed at.
// A box's anchor starts at its own cell, as excelize writes it: excelize
// finds the box of a note it deletes by that corner.
func vmlXML(refs []string, cells map[string][]form.Finding) []byte {
	var b bytes.Buffer
	b.WriteString(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
		`<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
		`<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`)
	for i, at := range refs {
		col, row, _ := cellCoords(at)
		lines := strings.Count(noteMarker+"\n"+noteBody(cells[at]), "\n") + 1
		height := min(60+lines*14, 400) * 3 / 4 // points
		fmt.Fprintf(&b, `<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:%dpt;z-index:%d;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">`+
			`<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>`+
			`<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>%d, 23, %d, 0, %d, 0, %d, 36</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>`,
			1025+i, height, i+1, col-1, row-1, col+2, row-1+height/15, row-1, col-1)
	}
	b.WriteString(`</xml>`)
	return b.Bytes()
}

// ---- package plumbing

// relsEdit edits a .rels part as text.
type relsEdit struct {
	source string
	data   []byte
	rels   []relEntry
	close  int
	sp     []splice
	ids    map[string]bool
}

type relEntry struct {
	id, typ, target string // target resolved to a part name
	start, end      int
}

func editRels(source string, data []byte) (*relsEdit, error) {
	if data == nil {
		data = []byte(xmlHead + `<Relationships xmlns="` + relsNS + `"></Relationships>`)
	}
	re := &relsEdit{source: source, data: data, close: -1, ids: map[string]bool{}}
	rooted := false
	err := scanTags(data, func(t xtag) bool {
		if !rooted {
			rooted = true
			if !plainRoot(data, t, "Relationships", relsNS) {
				re.close = -3
				return false
			}
		}
		switch {
		case local(t.name) == "Relationship" && t.kind != tagEnd:
			tag := data[t.start:t.end]
			e := relEntry{id: attrOr(tag, "Id"), typ: attrOr(tag, "Type"), start: t.start, end: t.end}
			if attrOr(tag, "TargetMode") != "External" {
				e.target = resolve(source, attrOr(tag, "Target"))
			}
			if t.kind == tagStart {
				e.end = -1 // ends at its end tag
			}
			re.rels = append(re.rels, e)
			re.ids[e.id] = true
		case local(t.name) == "Relationship" && t.kind == tagEnd:
			if n := len(re.rels); n > 0 && re.rels[n-1].end < 0 {
				re.rels[n-1].end = t.end
			}
		case local(t.name) == "Relationships" && t.kind == tagEnd:
			re.close = t.start
		case local(t.name) == "Relationships" && t.kind == tagEmpty:
			re.close = -2
		}
		return true
	})
	if err != nil || re.close == -1 || re.close == -3 {
		return nil, errMarkup
	}
	if re.close == -2 { // <Relationships …/>
		re.data = []byte(xmlHead + `<Relationships xmlns="` + relsNS + `"></Relationships>`)
		re.rels, re.ids = nil, map[string]bool{}
		re.close = bytes.LastIndex(re.data, []byte("</Relationships>"))
	}
	return re, nil
}

// add links a part and returns the new relationship's id.
func (re *relsEdit) add(typ, part string) string {
	n := len(re.ids) + 1
	for re.ids["rId"+strconv.Itoa(n)] {
		n++
	}
	id := "rId" + strconv.Itoa(n)
	re.ids[id] = true
	re.sp = append(re.sp, splice{re.close, re.close, []byte(`<Relationship Id="` + id + `" Type="` + typ + `" Target="` + xmlText(relative(re.source, part)) + `"/>`)})
	return id
}

func (re *relsEdit) remove(id string) {
	for _, r := range re.rels {
		if r.id == id && r.end > 0 {
			re.sp = append(re.sp, splice{r.start, r.end, nil})
		}
	}
}

func (re *relsEdit) bytes() []byte { return applySplices(re.data, re.sp) }

// typesEdit edits [Content_Types].xml as text.
type typesEdit struct {
	data      []byte
	overrides map[string][2]int // lower-case part name → span
	defaults  map[string]bool   // lower-case extensions
	close     int
	sp        []splice
}

func editTypes(data []byte) (*typesEdit, error) {
	te := &typesEdit{data: data, overrides: map[string][2]int{}, defaults: map[string]bool{}, close: -1}
	rooted, plain := false, false
	err := scanTags(data, func(t xtag) bool {
		if !rooted {
			rooted, plain = true, plainRoot(data, t, "Types", nsTypes)
			if !plain {
				return false
			}
		}
		tag := data[t.start:t.end]
		switch local(t.name) {
		case "Override":
			if t.kind != tagEnd {
				te.overrides[strings.ToLower(strings.TrimPrefix(attrOr(tag, "PartName"), "/"))] = [2]int{t.start, t.end}
			}
		case "Default":
			if t.kind != tagEnd {
				te.defaults[strings.ToLower(attrOr(tag, "Extension"))] = true
			}
		case "Types":
			if t.kind == tagEnd {
				te.close = t.start
			}
		}
		return true
	})
	if err != nil || !plain || te.close < 0 {
		return nil, errMarkup
	}
	return te, nil
}

func (te *typesEdit) addOverride(part, typ string) {
	if _, ok := te.overrides[strings.ToLower(part)]; ok {
		return
	}
	te.overrides[strings.ToLower(part)] = [2]int{-1, -1}
	te.sp = append(te.sp, splice{te.close, te.close, []byte(`<Override PartName="/` + xmlText(part) + `" ContentType="` + typ + `"/>`)})
}

func (te *typesEdit) addDefault(ext, typ string) {
	if te.defaults[ext] {
		return
	}
	te.defaults[ext] = true
	te.sp = append(te.sp, splice{te.close, te.close, []byte(`<Default Extension="` + ext + `" ContentType="` + typ + `"/>`)})
}

func (te *typesEdit) removeOverride(part string) {
	if s, ok := te.overrides[strings.ToLower(part)]; ok && s[0] >= 0 && !bytes.HasSuffix(te.data[s[0]:s[1]], []byte("/>")) {
		return // an Override with content: leave it
	} else if ok && s[0] >= 0 {
		te.sp = append(te.sp, splice{s[0], s[1], nil})
		delete(te.overrides, strings.ToLower(part))
	}
}

func (te *typesEdit) bytes() []byte { return applySplices(te.data, te.sp) }

// dropCalcChain removes the calculation chain, which lists the formula
// cells and would name the ones replaced by values: spreadsheets rebuild
// it.
func (d *directPkg) dropCalcChain() error {
	dir := path.Dir(d.p.wbPart)
	relsName := path.Join(dir, "_rels", path.Base(d.p.wbPart)+".rels")
	data, err := d.read(relsName)
	if err != nil {
		return errIndirect
	}
	re, err := editRels(d.p.wbPart, data)
	if err != nil {
		return errIndirect
	}
	for _, r := range re.rels {
		if strings.HasSuffix(r.typ, "/calcChain") {
			re.remove(r.id)
			d.remove(r.target)
			d.put(relsName, re.bytes())
		}
	}
	return nil
}

// zip writes the package: parts not changed are copied still compressed.
func (d *directPkg) zip() ([]byte, error) {
	var buf bytes.Buffer
	size := 0
	for _, zf := range d.p.files {
		size += int(zf.CompressedSize64) + len(zf.Name) + 100
	}
	buf.Grow(size + 16<<10)
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	write := func(hdr *zip.FileHeader, data []byte) error {
		hdr.Method = zip.Deflate
		if len(data) < storeBelow {
			hdr.Method = zip.Store
		}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	for _, zf := range d.p.files {
		switch data, set := d.set[zf.Name]; {
		case d.del[zf.Name]:
		case set:
			hdr := &zip.FileHeader{Name: zf.Name, Modified: zf.Modified}
			if err := write(hdr, data); err != nil {
				return nil, err
			}
		default:
			if err := copyRaw(zw, zf, d.p.data); err != nil {
				return nil, err
			}
		}
	}
	for _, name := range d.added {
		if d.del[name] {
			continue
		}
		if err := write(&zip.FileHeader{Name: name}, d.set[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// copyRaw copies an entry as it is compressed, from the package's bytes
// (zip.Writer.Copy would copy it through a new 32 KB buffer).
func copyRaw(zw *zip.Writer, zf *zip.File, data []byte) error {
	off, err := zf.DataOffset()
	if err != nil {
		return err
	}
	end := off + int64(zf.CompressedSize64)
	if off < 0 || end < off || end > int64(len(data)) {
		return zip.ErrFormat
	}
	hdr := zf.FileHeader
	w, err := zw.CreateRaw(&hdr)
	if err != nil {
		return err
	}
	_, err = w.Write(data[off:end])
	return err
}

// storeBelow is the size under which a changed part is stored as it is:
// compressing a small part costs more than it saves.
const storeBelow = 2048

// fastDeflate compresses the changed parts at the fastest level, with
// klauspost/compress's deflate (about three times as fast as the standard
// library's at that level, for the same size), compressors kept for reuse.
func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	fw, _ := flatePool.Get().(*flate.Writer)
	if fw == nil {
		var err error
		if fw, err = flate.NewWriter(w, flate.BestSpeed); err != nil {
			return nil, err
		}
	} else {
		fw.Reset(w)
	}
	return &pooledFlate{fw}, nil
}

var flatePool sync.Pool

// fastInflate unpacks the parts the reader reads with klauspost/compress's
// inflate, three to four times as fast as the standard library's on the
// parts of a form, decompressors kept for reuse.
func fastInflate(r io.Reader) io.ReadCloser {
	if fr, ok := inflatePool.Get().(io.ReadCloser); ok {
		if err := fr.(flate.Resetter).Reset(r, nil); err == nil {
			return &pooledInflate{fr}
		}
	}
	return &pooledInflate{flate.NewReader(r)}
}

var inflatePool sync.Pool

type pooledInflate struct{ io.ReadCloser }

func (p *pooledInflate) Read(b []byte) (int, error) {
	if p.ReadCloser == nil {
		return 0, errors.New("read after close")
	}
	return p.ReadCloser.Read(b)
}

func (p *pooledInflate) Close() error {
	if p.ReadCloser == nil {
		return nil
	}
	err := p.ReadCloser.Close()
	inflatePool.Put(p.ReadCloser)
	p.ReadCloser = nil
	return err
}

type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}
