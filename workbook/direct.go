package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
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
	st := readStamp(p)
	rows := writeRows(out.Writes)
	if st != nil {
		for at := range filledCells(st.filled) {
			if _, r, err := cellCoords(at); err == nil {
				rows[r] = true
			}
		}
	}
	sm, err := mapSheet(sheetData, rows)
	if err != nil {
		return nil, errIndirect
	}
	sm.dropHighlights()
	fills := map[string]string{}
	hadFormula, err := d.writeCells(sm, se, fm, out.Writes, st, fills)
	if err != nil {
		return nil, err
	}
	if err := d.lapRecord(out, fills); err != nil {
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
