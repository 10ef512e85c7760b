package workbook

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/stamp"
	"github.com/shopspring/decimal"
)

// The lap record: what a scored form keeps of its last score so that it
// stays a live, truthful form through any number of laps. Two rows of the
// stamp sheet (key in column A, value in column B, like the stamp's own):
//
//   - stamp.StatusKey: 待更正 while the last score found the form not passing,
//     else empty. The template's grade formula reads it, so no
//     recalculation grades a form the tool sent back.
//   - stamp.FilledKey: the cells the tool filled (blank 得分 given the rules'
//     score) with the value written, "G13=10;G15=8.57". On the next read
//     such a cell still holding that value is blank again (forgetFilled):
//     the value is the tool's, recomputed on every lap; a cell the person
//     changed is theirs.
//
// A filled cell holds a formula that shows the score only while its row's
// target, actual and 分值 are as they were when scored (blank otherwise, so
// the live 总分 says 待评分 rather than adding an out-of-date score), in
// italics. Forms without a stamp sheet have no record: there the fill
// formula itself, still in a 得分, says the cell is the tool's (fillsOn,
// forgetFilled).

// statusPending is the status of a form that did not pass.
const statusPending = "待更正"

// filledCells parses a stamp.FilledKey record: value by cell reference.
func filledCells(rec string) map[string]string {
	out := map[string]string{}
	for _, item := range strings.Split(rec, ";") {
		at, v, ok := strings.Cut(strings.TrimSpace(item), "=")
		if at, okRef := cleanRef(at); ok && okRef && v != "" {
			out[at] = v
		}
	}
	return out
}

// filledRecord is the stamp.FilledKey record of the cells filled, in cell order.
func filledRecord(fills map[string]string) string {
	refs := make([]string, 0, len(fills))
	for at := range fills {
		refs = append(refs, at)
	}
	sort.Slice(refs, func(i, j int) bool {
		ci, ri, _ := cellCoords(refs[i])
		cj, rj, _ := cellCoords(refs[j])
		if ri != rj {
			return ri < rj
		}
		return ci < cj
	})
	var b strings.Builder
	for i, at := range refs {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(at + "=" + fills[at])
	}
	return b.String()
}

// sameFilled reports whether a cell as read still holds the value the tool
// wrote (rec, the number as written).
func sameFilled(c form.Cell, rec string) bool {
	if c.Blank() {
		return false
	}
	want, err := decimal.NewFromString(rec)
	if err != nil {
		return false
	}
	for _, s := range []string{c.Raw, c.Text} {
		if got, err := decimal.NewFromString(strings.TrimSpace(s)); err == nil && got.Equal(want) {
			return true
		}
	}
	return false
}

// forgetFilled blanks the cells of fm that the tool filled on its last
// score and that still hold the value it wrote, or nothing (its formula
// found the row edited): they are the tool's, and recomputed. A stamped
// form lists them in its lap record (st); in any form, a 得分 still holding
// the tool's fill formula is the tool's.
func forgetFilled(fm *form.Form, st *stampInfo) {
	var rec map[string]string
	if st != nil && st.Filled != "" {
		rec = filledCells(st.Filled)
	}
	col := fm.Kind.Table.Col("score")
	for _, row := range fm.Rows {
		for i, c := range row.Cells {
			if c.Sheet != "" && c.Sheet != fm.Sheet {
				continue
			}
			v, ok := rec[c.Ref]
			// Blank: the fill formula says the row changed since.
			ours := ok && (c.Blank() || sameFilled(c, v))
			if _, fill := fillValue(c.Formula); fill && i == col {
				ours = true
			}
			if ours {
				row.Cells[i] = form.Cell{Sheet: c.Sheet, Ref: c.Ref, Percent: c.Percent}
			}
		}
	}
}

// fillShape is the shape of fillFormula's formulas, the value submatch 1,
// the formula shown otherwise submatch 2.
var fillShape = regexp.MustCompile(`^IF\(AND\([A-Z]{1,3}[0-9]+&""="(?:[^"]|"")*"(?:,[A-Z]{1,3}[0-9]+&""="(?:[^"]|"")*")*\),(-?[0-9]+(?:\.[0-9]+)?),(""|.+)\)$`)

// fillValue returns the value of a formula the tool wrote into a 得分 it
// filled (fillFormula), and whether f is one.
func fillValue(f string) (string, bool) {
	m := fillShape.FindStringSubmatch(strings.TrimPrefix(f, "="))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// fillElse returns the formula a fill formula f shows when its row changed
// ("" when it shows a blank), and whether f is one.
func fillElse(f string) (string, bool) {
	m := fillShape.FindStringSubmatch(strings.TrimPrefix(f, "="))
	if m == nil {
		return "", false
	}
	if m[2] == `""` {
		return "", true
	}
	return m[2], true
}

// element returns the element of the cell at ref on the sheet mapped by
// sm, and false when the sheet has none there.
func (sm *sheetMap) element(ref string) ([]byte, bool) {
	col, row, err := cellCoords(ref)
	if err != nil {
		return nil, false
	}
	r, i := sm.cell(col, row)
	if i < 0 || !r.mapped {
		return nil, false
	}
	return sm.data[r.cells[i].start:r.cells[i].end], true
}

// storedText returns what the cell at ref holds as text on the sheet
// mapped by sm (a shared string resolved through sst), and false when the
// cell is not there.
func (sm *sheetMap) storedText(ref string, sst []string) (string, bool) {
	el, ok := sm.element(ref)
	if !ok {
		return "", false
	}
	typ, _, _, raw := cellContent(el)
	if typ == "s" {
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil || n < 0 || n >= len(sst) {
			return "", false
		}
		return sst[n], true
	}
	return raw, true
}

// fillsOn returns the 得分 cells of fm on the sheet mapped by sm that hold
// the tool's fill formula, with the value it shows when current: the
// cells an unstamped form's last score filled.
func fillsOn(sm *sheetMap, fm *form.Form) map[string]string {
	out := map[string]string{}
	for at := range scoreRows(fm) {
		el, ok := sm.element(at)
		if !ok {
			continue
		}
		f := formulaElem(el)
		if len(f) == 0 {
			continue
		}
		if v, ok := fillValue(ooxml.TextOf(f)); ok {
			out[at] = v
		}
	}
	return out
}

// formulaElem returns the <f> element of a cell element, nil when none.
func formulaElem(el []byte) []byte {
	var out []byte
	start := -1
	_ = ooxml.ScanTags(el, func(t ooxml.Tag) bool {
		if ooxml.Local(t.Name) != "f" {
			return true
		}
		switch t.Kind {
		case ooxml.TagEmpty:
			out = el[t.Start:t.End]
			return false
		case ooxml.TagStart:
			start = t.Start
		case ooxml.TagEnd:
			if start >= 0 {
				out = el[start:t.End]
			}
			return false
		}
		return true
	})
	return out
}

// fillFormula is the formula of a filled 得分 cell of row: value while the
// inputs of the row the rules read are as read, else the formula other (""
// for a blank). It is "" (write a plain number) when the row's inputs
// cannot be compared in a formula. The inputs are the target, actual and
// weight; on a form with 得分系数 (dept), whose 指标得分 is computed, also
// the coefficient (blank when the rules filled the score: typing one makes
// the cell compute from it, other being the column's formula) and the
// columns the target is read from.
func fillFormula(fm *form.Form, row form.Row, value, other string, stored func(ref string) (string, bool)) string {
	keys := fillKeys[:]
	if row.Has("coef") {
		keys = deptFillKeys[:]
	}
	var b strings.Builder
	b.Grow(64 + len(value) + len(other))
	b.WriteString("IF(AND(")
	n := 0
	for _, key := range keys {
		c := row.Cell(key)
		if row.Has("coef") && c.Ref == "" && key != "actual" && key != "weight" {
			continue // a column this form does not have
		}
		if !row.Has(key) || c.Ref == "" || (c.Sheet != "" && c.Sheet != fm.Sheet) {
			return ""
		}
		s := c.Raw
		// What the cell itself holds, which the formula compares: the
		// reader may have joined a value from several cells (计算符号,
		// 指标值, 度量单位) or trimmed it.
		if v, ok := stored(c.Ref); ok {
			s = v
		}
		if strings.ContainsAny(s, "\r\n") || len(s) > 200 {
			return ""
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		b.WriteString(c.Ref)
		b.WriteString(`&""="`)
		b.WriteString(strings.ReplaceAll(s, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteString("),")
	b.WriteString(value)
	if other == "" {
		other = `""`
	}
	b.WriteString("," + other + ")")
	return b.String()
}

// fillKeys are the inputs a fill formula compares; deptFillKeys those of a
// form with 得分系数, in column order.
var (
	fillKeys     = [...]string{"target", "actual", "weight"}
	deptFillKeys = [...]string{"unit", "nature", "sign", "planned", "adjusted", "actual", "coef", "weight"}
)

// scoreRows maps the 得分 cell of each row of fm's table to the row's index.
func scoreRows(fm *form.Form) map[string]int {
	out := make(map[string]int, len(fm.Rows))
	for i, row := range fm.Rows {
		if ref := row.Cell("score").Ref; ref != "" {
			if _, ok := out[ref]; !ok {
				out[ref] = i
			}
		}
	}
	return out
}

// toolStyle is toolFormat(se, style), worked out once per style of a
// write-back.
func (d *directPkg) toolStyle(se *ooxml.Styles, style int) (int, bool) {
	c, ok := d.toolStyles[style]
	if !ok {
		c.style, c.ok = toolFormat(se, style)
		if d.toolStyles == nil {
			d.toolStyles = map[int]toolChoice{}
		}
		d.toolStyles[style] = c
	}
	return c.style, c.ok
}

type toolChoice struct {
	style int
	ok    bool
}

// toolFormat returns a copy of cell format style in italics: how a value the
// tool filled looks.
func toolFormat(se *ooxml.Styles, style int) (int, bool) {
	xf := se.Item("cellXfs", style)
	if xf == nil {
		return 0, false
	}
	e, ok := ooxml.TagClose(xf, 1)
	if !ok {
		return 0, false
	}
	fid, err := attrInt(attrOr(xf[:e+1], "fontId"))
	if err != nil {
		fid = 0
	}
	font := se.Item("fonts", fid)
	if font == nil {
		return 0, false
	}
	fe, ok := ooxml.TagClose(font, 1)
	if !ok {
		return 0, false
	}
	if bytes.Contains(font, []byte("<i/>")) || bytes.Contains(font, []byte(`<i val="1"/>`)) {
		return style, true
	}
	var nf []byte
	if font[fe-1] == '/' { // <font/>
		nf = append(append([]byte{}, font[:fe-1]...), "><i/></font>"...)
	} else {
		at := fe + 1
		for _, b := range []string{"<b/>", `<b val="1"/>`, `<b val="true"/>`} {
			if i := bytes.Index(font, []byte(b)); i >= 0 {
				at = i + len(b)
			}
		}
		nf = append(append(append([]byte{}, font[:at]...), "<i/>"...), font[at:]...)
	}
	nid := se.Add("fonts", string(nf))
	clone := string(ooxml.WithAttrs(xf[:e+1], [][2]string{{"fontId", strconv.Itoa(nid)}, {"applyFont", "1"}})) + string(xf[e+1:])
	return se.Add("cellXfs", clone), true
}

// lapRecord writes the status and the filled cells into the stamp sheet,
// when the workbook has one.
func (d *directPkg) lapRecord(out form.Outcome, fills map[string]string) error {
	name := d.p.findSheet(stamp.Sheet)
	if name == "" {
		return nil
	}
	status := ""
	if out.Grade == "" {
		status = statusPending
	}
	filled := filledRecord(fills)
	if st := readStamp(d.p); st != nil && st.Status == status && st.Filled == filled {
		return nil // the record read is the record to write: the sheet stays as it is
	}
	part := d.p.sheetPart(name)
	data, err := d.read(part)
	if err != nil {
		return err
	}
	if data == nil {
		return partError(part, i18n.New("缺失", "it is missing"))
	}
	sm, err := mapSheet(data, nil)
	if err != nil {
		return partError(part, errCannotEdit)
	}
	sst, err := d.p.sharedStrings()
	if err != nil {
		return err
	}
	set := map[string]string{stamp.StatusKey: status, stamp.FilledKey: filled}
	last := 0
	for _, r := range sm.rows {
		last = max(last, r.r)
		if len(r.cells) == 0 || r.cells[0].col != 1 {
			continue
		}
		c := r.cells[0]
		typ, _, _, raw := cellContent(data[c.start:c.end])
		if typ == "s" {
			n, err := strconv.Atoi(strings.TrimSpace(raw))
			if err != nil || n < 0 || n >= len(sst) {
				continue
			}
			raw = sst[n]
		}
		key := strings.ToLower(strings.TrimSpace(raw))
		v, ok := set[key]
		if !ok {
			continue
		}
		delete(set, key)
		sm.setCell(2, r.r, stampValue(2, r.r, v))
	}
	for _, key := range []string{stamp.StatusKey, stamp.FilledKey} {
		v, ok := set[key]
		if !ok || v == "" {
			continue
		}
		last++
		sm.setCell(1, last, stampValue(1, last, key))
		sm.setCell(2, last, stampValue(2, last, v))
	}
	if out := d.keep(sm.appendTo(d.buffer(len(data) + 1024))); !bytes.Equal(out, data) {
		d.put(part, out)
	}
	return nil
}

// stampValue is a cell of the stamp sheet holding s (empty when s is "").
func stampValue(col, row int, s string) []byte {
	at := ooxml.ColName(col) + strconv.Itoa(row)
	if s == "" {
		return []byte(`<c r="` + at + `"/>`)
	}
	return []byte(`<c r="` + at + `" t="inlineStr"><is>` + tElem(s) + `</is></c>`)
}

// missingSheet reports whether formula f refers to a sheet the workbook
// does not have (has says which it has: '_selfeval'!A1, 项目2!B3) or holds
// a reference a spreadsheet program broke (#REF!, left where a deleted
// sheet was referred to). Text in quotes is not looked at; a reference to
// another workbook ([1]Sheet1!A1) is let be.
func missingSheet(f string, has func(name string) bool) bool {
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case c == '"':
			for i++; i < len(f); i++ {
				if f[i] == '"' {
					if i+1 < len(f) && f[i+1] == '"' {
						i++
						continue
					}
					break
				}
			}
		case c == '\'':
			var name strings.Builder
			for i++; i < len(f); i++ {
				if f[i] == '\'' {
					if i+1 < len(f) && f[i+1] == '\'' {
						name.WriteByte('\'')
						i++
						continue
					}
					break
				}
				name.WriteByte(f[i])
			}
			if i+1 < len(f) && f[i+1] == '!' && !strings.HasPrefix(name.String(), "[") && !has(sheetOfRange(name.String())) {
				return true
			}
		case c == '#':
			if strings.HasPrefix(strings.ToUpper(f[i:]), "#REF!") {
				return true
			}
		case sheetNameByte(c) && (i == 0 || !sheetNameByte(f[i-1])):
			j := i
			for j < len(f) && sheetNameByte(f[j]) {
				j++
			}
			external := i > 0 && f[i-1] == ']' // [1]Sheet1!A1
			if j < len(f) && f[j] == '!' && !external && !has(sheetOfRange(f[i:j])) {
				return true
			}
			i = j - 1
		}
	}
	return false
}

// sheetOfRange is the first sheet of a 3-D reference's sheet part (Sheet1:Sheet3).
func sheetOfRange(name string) string {
	first, _, _ := strings.Cut(name, ":")
	return first
}

// sheetNameByte reports whether b may be part of an unquoted sheet name:
// letters, digits, _ and . and any byte of a non-ASCII character.
func sheetNameByte(b byte) bool {
	return b >= 0x80 || b == '_' || b == '.' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
