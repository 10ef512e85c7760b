package workbook

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
)

// The write-back of a person's file. Opening a package with excelize
// decodes every part it touches and writing it re-encodes and recompresses
// all of them, and loses what excelize does not model. The write-back edits
// only what changes — the sheets with Writes, findings or marks of an
// earlier run, styles.xml, their notes, the result sheet and the few parts
// that list sheets and parts — as text, and copies every other part into
// the new package still compressed. So everything that is not ours stays
// byte for byte, and scoring a scored file again with nothing new changes
// no byte of any part.
// ErrUnwritable means the write-back cannot edit a part of the file (the
// message names the part and why); nothing is written.
var ErrUnwritable = i18n.New("无法写回", "cannot be written back")

// partError is a part the write-back cannot edit, and why.
func partError(part string, why error) error {
	return i18n.Errorf("部件 %s：%w", "part %s: %w", part, why)
}

// Namespaces and types of the parts the direct write-back creates.
const (
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	ctWS    = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
	ctCmt   = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
	ctVML   = "application/vnd.openxmlformats-officedocument.vmlDrawing"
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// directPkg is the package being edited: the original parts, and the parts
// set, added and deleted.
type directPkg struct {
	p   *pkg
	set map[string][]byte // by zip entry name
	// The large parts set are kept deflated (set holds nil for them).
	packed map[string]*packedPart
	added  []string
	del    map[string]bool
	types  *ooxml.ContentTypes
	forms  []*form.Form // the forms written, in sheet order

	fl ooxml.Flavour // the package's namespaces, which the parts added take

	scratch [][]byte // buffers of parts built, given back by release

	// The formats of numbers written and of values the tool filled, by
	// the style of the cell written (the styles part is edited once).
	numStyles  map[int]numChoice
	toolStyles map[int]toolChoice
}

// computedOn returns the computed cells of every form written on sheet
// (two forms may stand one above the other on one sheet), or of fm when
// none is.
func (d *directPkg) computedOn(fm *form.Form, sheet string) map[string]bool {
	var on []*form.Form
	for _, f := range d.forms {
		if f.Sheet == sheet {
			on = append(on, f)
		}
	}
	switch {
	case len(on) == 0 && sheet == fm.Sheet:
		return ComputedRefs(fm)
	case len(on) == 1: // the one form's, not copied
		return ComputedRefs(on[0])
	}
	out := map[string]bool{}
	for _, f := range on {
		for at := range ComputedRefs(f) {
			out[at] = true
		}
	}
	return out
}

func (d *directPkg) entry(name string) string {
	if zf := d.p.Part(name); zf != nil {
		return zf.Name
	}
	return name
}

func (d *directPkg) read(name string) ([]byte, error) {
	if pp := d.packed[d.entry(name)]; pp != nil {
		return pp.unpack()
	}
	if b, ok := d.set[d.entry(name)]; ok {
		return b, nil
	}
	data, err := d.p.read(name)
	if err != nil || data == nil {
		return data, err
	}
	return asUTF8(name, data)
}

func (d *directPkg) exists(name string) bool {
	_, ok := d.set[d.entry(name)]
	return (ok || d.p.Part(name) != nil) && !d.del[d.entry(name)]
}

func (d *directPkg) put(name string, data []byte) {
	e := d.entry(name)
	if _, ok := d.set[e]; !ok && d.p.Part(name) == nil {
		d.added = append(d.added, e)
	}
	d.set[e] = data
	delete(d.packed, e)
	delete(d.del, e)
}

func (d *directPkg) remove(name string) {
	d.del[d.entry(name)] = true
	d.types.RemoveOverride(name)
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

// directWrite returns the package with the outcome of one form written
// into it (directWriteAll of that form).
func directWrite(p *pkg, fm *form.Form, out form.Outcome) ([]byte, error) {
	return directWriteAll(p, []FormOutcome{{Form: fm, Outcome: out}})
}

// directWriteAll returns the package with the outcome of each form written
// into it: each form's sheet gets its Writes, highlights and notes, and one
// result sheet lists them all. A part it cannot edit fails the write with a
// message naming the part; a Write it refuses, with a *CellError.
func directWriteAll(p *pkg, forms []FormOutcome) ([]byte, error) {
	if len(forms) == 0 {
		return nil, i18n.New("没有可写回的表单", "there is no form to write back")
	}
	if p.wbPart == "" {
		return nil, i18n.Errorf("工作表「%s」不存在", "there is no sheet %q", forms[0].Form.Sheet)
	}
	// formOf is the (first) form on each form sheet.
	formOf := map[string]*form.Form{}
	given := map[*form.Form]bool{}
	d := &directPkg{p: p, set: map[string][]byte{}, packed: map[string]*packedPart{}, del: map[string]bool{}}
	defer d.release() // the parts are in the package written, or dropped
	for _, f := range forms {
		if f.Form == nil || p.sheetPart(f.Form.Sheet) == "" {
			sh := ""
			if f.Form != nil {
				sh = f.Form.Sheet
			}
			return nil, i18n.Errorf("工作表「%s」不存在", "there is no sheet %q", sh)
		}
		if given[f.Form] {
			return nil, i18n.Errorf("工作表「%s」的表单给了两次", "the form of sheet %q is given twice", f.Form.Sheet)
		}
		given[f.Form] = true
		if formOf[f.Form.Sheet] == nil {
			formOf[f.Form.Sheet] = f.Form
		}
		d.forms = append(d.forms, f.Form)
	}
	d.collect()
	fl, err := d.flavour()
	if err != nil {
		return nil, err
	}
	d.fl = fl
	ct, err := d.read("[Content_Types].xml")
	if err != nil {
		return nil, err
	}
	if ct == nil {
		return nil, partError("[Content_Types].xml", i18n.New("缺失", "it is missing"))
	}
	if d.types, err = ooxml.EditContentTypes(ct); err != nil {
		return nil, partError("[Content_Types].xml", errCannotEdit)
	}
	stylesData, err := d.read("xl/styles.xml")
	if err != nil {
		return nil, err
	}
	newStyles := stylesData == nil
	if newStyles {
		// A workbook without styles (some generators write none) gets the
		// least a styles part holds, listed where the workbook lists parts.
		if stylesData, err = d.addStyles(); err != nil {
			return nil, err
		}
	}
	se, err := ooxml.EditStyles(stylesData, nsMain, ooxml.NSMainStrict)
	if err != nil {
		return nil, partError("xl/styles.xml", errCannotEdit)
	}
	// The sheets edited: the form sheets, every sheet with findings or
	// Writes, every sheet holding marks of an earlier run. A sheet that is
	// not a form is edited with the form whose Writes or findings go
	// there, the first such.
	cells := map[string]map[string][]form.Finding{}
	writes := map[string][]form.Write{}
	owner := map[string]*form.Form{}
	for _, f := range forms {
		fm := f.Form
		for sh, byCell := range d.findingCells(fm, f.Outcome.Findings) {
			if cells[sh] == nil {
				cells[sh] = map[string][]form.Finding{}
			}
			for at, xs := range byCell {
				cells[sh][at] = append(cells[sh][at], xs...)
			}
			if owner[sh] == nil {
				owner[sh] = fm
			}
		}
		for _, w := range f.Outcome.Writes {
			sh := w.Sheet
			if sh == "" {
				sh = fm.Sheet
			}
			if found := p.findSheet(sh); found == "" || found == ResultSheet || p.sheetPart(found) == "" {
				return nil, &CellError{Path: p.path, Sheet: sh, Cell: w.Ref, Err: i18n.New("单元格或工作表不存在", "no such cell or sheet")}
			} else {
				sh = found
			}
			writes[sh] = append(writes[sh], w)
			if owner[sh] == nil {
				owner[sh] = fm
			}
		}
	}
	// The lap record is the stamped form's: a stamped workbook holds one.
	first := forms[0].Form
	st := readStamp(p)
	fills := map[string]string{}
	hadFormula := false
	for _, s := range p.sheets {
		if s.part == "" || s.name == ResultSheet {
			continue
		}
		fm := formOf[s.name]
		if fm == nil {
			if cells[s.name] == nil && writes[s.name] == nil {
				marked, err := d.hasMarks(s.part)
				if err != nil {
					return nil, err
				}
				if !marked {
					continue
				}
			}
			if fm = owner[s.name]; fm == nil {
				fm = first
			}
		}
		var lap *stampInfo
		if s.name == first.Sheet {
			lap = st
		}
		formula, err := d.editSheet(se, fm, s.name, s.part, cells[s.name], writes[s.name], lap, fills)
		if err != nil {
			return nil, err
		}
		hadFormula = hadFormula || formula
	}
	if err := d.lapRecord(forms[0].Outcome, fills); err != nil {
		return nil, err
	}
	if err := d.resultSheet(se, forms); err != nil {
		return nil, err
	}
	if se.Changed() || newStyles {
		d.put("xl/styles.xml", d.keep(se.AppendTo(d.buffer(len(stylesData)+4096))))
	}
	if hadFormula {
		if err := d.dropCalcChain(); err != nil {
			return nil, err
		}
	}
	if d.types.Changed() {
		d.put("[Content_Types].xml", d.types.Bytes())
	}
	return d.zip()
}

// minimalStyles is the styles part of a workbook that had none: one font,
// the two fills every styles part starts with, one border, one format.
const minimalStyles = xmlHead + `<styleSheet xmlns="` + nsMain + `"><fonts count="1"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// addStyles lists a new styles part xl/styles.xml in the workbook's
// relationships and the content types, and returns its content.
func (d *directPkg) addStyles() ([]byte, error) {
	relsName := path.Join(path.Dir(d.p.wbPart), "_rels", path.Base(d.p.wbPart)+".rels")
	data, err := d.read(relsName)
	if err != nil {
		return nil, err
	}
	re, err := ooxml.EditRels(d.p.wbPart, data)
	if err != nil {
		return nil, partError(relsName, errCannotEdit)
	}
	for _, r := range re.List {
		if strings.HasSuffix(r.Type, "/styles") {
			return nil, partError(r.Target, i18n.New("样式部件不在 xl/styles.xml，无法编辑", "the styles part is not xl/styles.xml and cannot be edited"))
		}
	}
	re.Add(d.fl.RelType("styles"), "xl/styles.xml")
	d.put(relsName, re.Bytes())
	d.types.AddOverride("xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
	return []byte(strings.Replace(minimalStyles, nsMain, d.fl.Main, 1)), nil
}

// editSheet writes into one worksheet its Writes, its highlights and its
// notes, and for the form sheet the row heights of its long texts.
func (d *directPkg) editSheet(se *ooxml.Styles, fm *form.Form, name, part string, cells map[string][]form.Finding, writes []form.Write, st *stampInfo, fills map[string]string) (bool, error) {
	data, err := d.read(part)
	if err != nil {
		return false, err
	}
	if data == nil {
		return false, partError(part, i18n.New("缺失", "it is missing"))
	}
	rows := writeRows(writes)
	if st != nil {
		for at := range filledCells(st.Filled) {
			if _, r, err := cellCoords(at); err == nil {
				rows[r] = true
			}
		}
	}
	sm, err := mapSheet(data, rows)
	if err != nil {
		return false, partError(part, errCannotEdit)
	}
	sm.dropHighlights()
	hadFormula, err := d.writeCells(sm, se, fm, name, writes, st, fills)
	if err != nil {
		return false, err
	}
	if name == fm.Sheet {
		if err := d.fitRows(sm, fm); err != nil {
			return false, err
		}
	}
	sorted := sortedCells(cells)
	sm.highlight(se, cells, sorted)
	d.collect()
	if err := d.notes(sm, part, cells, sorted); err != nil {
		return false, err
	}
	if len(data) >= ooxml.StoreBelow && !wholeParts {
		// Large: written into its compressor, never whole.
		pk := &packer{was: data}
		if err := sm.writeTo(pk); err != nil {
			return false, err
		}
		if pk.same() {
			pk.drop()
		} else if err := d.putPacked(part, pk); err != nil {
			return false, err
		}
		return hadFormula, nil
	}
	if out := d.keep(sm.appendTo(d.buffer(len(data) + 4096))); !bytes.Equal(out, data) {
		d.put(part, out)
	}
	return hadFormula, nil
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

// findingCells groups the findings by sheet and cell. A finding without a
// sheet belongs to the form sheet; a range points at its first cell;
// findings without a valid cell or on a sheet that does not exist are left
// out (the result sheet lists them).
func (d *directPkg) findingCells(fm *form.Form, findings []form.Finding) map[string]map[string][]form.Finding {
	out := map[string]map[string][]form.Finding{}
	for _, x := range findings {
		sh := x.Sheet
		if sh == "" {
			sh = fm.Sheet
		}
		if sh = d.p.findSheet(sh); sh == "" || sh == ResultSheet || d.p.sheetPart(sh) == "" {
			continue
		}
		at, ok := cleanRef(x.Cell)
		if !ok {
			continue
		}
		if out[sh] == nil {
			out[sh] = map[string][]form.Finding{}
		}
		out[sh][at] = append(out[sh][at], x)
	}
	return out
}

// hasMarks reports whether a worksheet may hold highlights or notes of an
// earlier run, which the write-back then replaces.
func (d *directPkg) hasMarks(part string) (bool, error) {
	data, err := d.read(part)
	if err != nil || data == nil {
		return false, err
	}
	if bytes.Contains(data, []byte("selfeval")) {
		return true, nil
	}
	rels, err := d.read(ooxml.RelsOf(part))
	if err != nil || rels == nil {
		return false, err
	}
	rs, err := ooxml.ParseRels(part, rels)
	if err != nil {
		return false, nil // not edited: copied as it is
	}
	for _, r := range rs.List {
		if strings.HasSuffix(r.Type, ooxml.RelComments) && !r.External {
			cmt, err := d.read(r.Target)
			if err != nil {
				return false, err
			}
			if bytes.Contains(cmt, []byte(noteMarker)) {
				return true, nil
			}
		}
	}
	return false, nil
}
