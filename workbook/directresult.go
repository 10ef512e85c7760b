package workbook

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// ---- the result sheet

// resultSheet writes ResultSheet into its part, and
// lists it in the workbook right after the (last) form sheet when it is new.
func (d *directPkg) resultSheet(se *ooxml.Styles, forms []FormOutcome) error {
	wbData, err := d.read(d.p.wbPart)
	if err != nil {
		return err
	}
	wb, err := mapWorkbook(wbData)
	if err != nil {
		return partError(d.p.wbPart, errCannotEdit)
	}
	formIdx, old := -1, -1
	for _, f := range forms {
		at := -1
		for i, s := range wb.sheets {
			if s.name == f.Form.Sheet {
				at = i
			}
		}
		if at < 0 {
			return i18n.Errorf("工作表「%s」不存在", "there is no sheet %q", f.Form.Sheet)
		}
		formIdx = max(formIdx, at)
	}
	for i, s := range wb.sheets {
		if s.name == ResultSheet {
			old = i
		}
	}
	nFindings := 0
	for _, f := range forms {
		nFindings += len(f.Outcome.Findings)
	}
	body := &packer{head: d.keep(d.buffer(min(8192+800*nFindings, ooxml.StoreBelow)))}
	if err := resultXML(d, se, forms, body); err != nil {
		body.drop()
		return err
	}
	if old >= 0 {
		// Replaced where it is (a person may have moved it); what its
		// relationships named (notes, pictures) is no longer shown.
		part := d.p.sheetPart(ResultSheet)
		if part == "" {
			return partError(d.p.wbPart, i18n.Errorf("工作表「%s」没有对应的部件", "the sheet %q has no part", ResultSheet))
		}
		if d.exists(ooxml.RelsOf(part)) {
			d.remove(ooxml.RelsOf(part))
		}
		return d.putPacked(part, body)
	}
	part := d.freeName("xl/worksheets/sheet%d.xml")
	relsName := path.Join(path.Dir(d.p.wbPart), "_rels", path.Base(d.p.wbPart)+".rels")
	relsData, err := d.read(relsName)
	if err != nil {
		return err
	}
	if relsData == nil {
		return partError(relsName, i18n.New("缺失", "it is missing"))
	}
	re, err := ooxml.EditRels(d.p.wbPart, relsData)
	if err != nil {
		return partError(relsName, errCannotEdit)
	}
	id := re.Add(d.fl.RelType("worksheet"), part)
	d.put(relsName, re.Bytes())
	if err := d.putPacked(part, body); err != nil {
		return err
	}
	d.types.AddOverride(part, ctWS)
	d.put(d.p.wbPart, wb.insertSheet(formIdx+1, ResultSheet, id, d.fl.Rel))
	return nil
}

// wbMap is where the sheets and the indexes that count them are in a
// workbook part.
type wbMap struct {
	data     []byte
	root     ooxml.Tag
	sheets   []wbSheet
	sheetsAt int         // where </sheets> starts
	indexed  []ooxml.Tag // definedName and workbookView tags
	maxID    int
	prefix   string
}

type wbSheet struct {
	name string
	end  int // end of the sheet's element
}

func mapWorkbook(data []byte) (*wbMap, error) {
	wb := &wbMap{data: data, sheetsAt: -1}
	first := true
	err := ooxml.ScanTags(data, func(t ooxml.Tag) bool {
		if first {
			wb.root, first = t, false
		}
		tag := data[t.Start:t.End]
		switch ooxml.Local(t.Name) {
		case "sheet":
			switch t.Kind {
			case ooxml.TagStart, ooxml.TagEmpty:
				wb.sheets = append(wb.sheets, wbSheet{name: attrOr(tag, "name"), end: t.End})
				if n, err := attrInt(attrOr(tag, "sheetId")); err == nil && n > wb.maxID {
					wb.maxID = n
				}
			case ooxml.TagEnd:
				wb.sheets[len(wb.sheets)-1].end = t.End
			}
		case "sheets":
			if t.Kind == ooxml.TagEnd {
				wb.sheetsAt = t.Start
			}
		case "definedName", "workbookView":
			if t.Kind != ooxml.TagEnd {
				wb.indexed = append(wb.indexed, t)
			}
		}
		return true
	})
	var ok bool
	if wb.prefix, ok = ooxml.RootPrefix(data, wb.root, "workbook", nsMain, ooxml.NSMainStrict); err != nil || wb.sheetsAt < 0 || len(wb.sheets) == 0 || !ok {
		return nil, ooxml.ErrMarkup
	}
	return wb, nil
}

// insertSheet returns the workbook part with a sheet listed at index at,
// and the sheet indexes at or after it (sheet-scoped names, the active and
// first tab) moved one on.
func (wb *wbMap) insertSheet(at int, name, relID, nsRel string) []byte {
	prefix := ooxml.NSPrefix(wb.data[wb.root.Start:wb.root.End], nsRel)
	idAttr := prefix + `:id="` + relID + `"`
	if prefix == "" {
		idAttr = `xmlns:r="` + nsRel + `" r:id="` + relID + `"`
	}
	pos := wb.sheetsAt
	if at < len(wb.sheets) {
		pos = wb.sheets[at-1].end
	}
	sp := []ooxml.Splice{{Start: pos, End: pos, Text: []byte(fmt.Sprintf(`<sheet name="%s" sheetId="%d" %s/>`, ooxml.EscapeText(name), wb.maxID+1, idAttr))}}
	for _, t := range wb.indexed {
		tag := wb.data[t.Start:t.End]
		var set [][2]string
		for _, a := range []string{"localSheetId", "activeTab", "firstSheet"} {
			if n, err := attrInt(attrOr(tag, a)); err == nil && n >= at {
				set = append(set, [2]string{a, strconv.Itoa(n + 1)})
			}
		}
		if len(set) > 0 {
			sp = append(sp, ooxml.Splice{Start: t.Start, End: t.End, Text: ooxml.WithAttrs(tag, set)})
		}
	}
	ooxml.PrefixAll(sp, wb.prefix)
	return ooxml.ApplySplices(wb.data, sp)
}

// resultIDs are the cell formats of the result sheet.
type resultIDs struct{ title, label, value, num, header, body, link, alert int }

func resultFormats(se *ooxml.Styles) resultIDs {
	font := func(el string) int { return se.Add("fonts", el) }
	border := se.Add("borders", resultBorder)
	grey := se.Add("fills", resultGrey)
	var buf [256]byte
	xf := func(numFmt, font, fill, border int, align string) int {
		b := append(buf[:0], `<xf numFmtId="`...)
		b = strconv.AppendInt(b, int64(numFmt), 10)
		b = append(b, `" fontId="`...)
		b = strconv.AppendInt(b, int64(font), 10)
		b = append(b, `" fillId="`...)
		b = strconv.AppendInt(b, int64(fill), 10)
		b = append(b, `" borderId="`...)
		b = strconv.AppendInt(b, int64(border), 10)
		b = append(b, `" xfId="0"`...)
		if numFmt != 0 {
			b = append(b, ` applyNumberFormat="1"`...)
		}
		b = append(b, ` applyFont="1"`...)
		if fill != 0 {
			b = append(b, ` applyFill="1"`...)
		}
		if border != 0 {
			b = append(b, ` applyBorder="1"`...)
		}
		if align == "" {
			b = append(b, `/>`...)
		} else {
			b = append(b, ` applyAlignment="1"><alignment `...)
			b = append(b, align...)
			b = append(b, `/></xf>`...)
		}
		return se.Add("cellXfs", string(b))
	}
	wrap := `vertical="top" wrapText="1"`
	plain := font(resultFonts[0])
	bold := font(resultFonts[1])
	return resultIDs{
		title:  xf(0, font(resultFonts[2]), 0, 0, ""),
		label:  xf(0, bold, 0, 0, wrap),
		value:  xf(0, plain, 0, 0, `horizontal="left" `+wrap),
		num:    xf(2, plain, 0, 0, `horizontal="left" vertical="top"`),
		header: xf(0, bold, grey, border, `horizontal="center" vertical="center" wrapText="1"`),
		body:   xf(0, plain, 0, border, wrap),
		link:   xf(0, font(resultFonts[3]), 0, border, wrap),
		alert:  xf(0, font(resultFonts[4]), 0, 0, ""),
	}
}

// The fonts, border and fill of the result sheet's formats: plain, bold,
// the title's, a link's and the alert's fonts.
var (
	resultFonts = [...]string{
		resultFont(false, 11, "", false),
		resultFont(true, 11, "", false),
		resultFont(true, 14, "", false),
		resultFont(false, 11, "0563C1", true),
		resultFont(true, 12, "C00000", false),
	}
	resultSide   = `style="thin"><color rgb="FFBFBFBF"/>`
	resultBorder = `<border><left ` + resultSide + `</left><right ` + resultSide + `</right><top ` + resultSide + `</top><bottom ` + resultSide + `</bottom><diagonal/></border>`
	resultGrey   = `<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill>`
)

func resultFont(bold bool, size int, color string, underline bool) string {
	var b strings.Builder
	b.WriteString("<font>")
	if bold {
		b.WriteString("<b/>")
	}
	if underline {
		b.WriteString(`<u/>`)
	}
	fmt.Fprintf(&b, `<sz val="%d"/>`, size)
	if color != "" {
		b.WriteString(`<color rgb="FF` + color + `"/>`)
	}
	b.WriteString(`<name val="宋体"/><family val="2"/><charset val="134"/></font>`)
	return b.String()
}

// resultXML is the result sheet's part: the same cells, formats, merges,
// links, panes and page setup the result sheet has always had. With several
// forms it opens with the settings they share and a block per form (its
// sheet, summary and what must be fixed), and lists the findings form by
// form, each group under a row naming its sheet.
//
// It writes the part to w, the findings' rows a group at a time (about
// packChunk bytes) when there are many: a part of thousands of findings is
// never held whole.
func resultXML(d *directPkg, se *ooxml.Styles, forms []FormOutcome, w io.Writer) error {
	p, fl := d.p, d.fl
	st := resultFormats(se)
	multi := len(forms) > 1
	var merges, links []byte
	nMerges, nFindings := 0, 0
	for _, f := range forms {
		nFindings += len(f.Outcome.Findings)
	}
	rows := d.buffer(min(4096+800*nFindings, 2*packChunk)) // a buffer of an earlier file
	merges = make([]byte, 0, 32*(16+len(forms)*12))
	links = make([]byte, 0, 128*(nFindings+len(forms)))
	defer func() { d.keep(rows) }()
	cell := func(row, col, s int) { // <c r="at" s="s"
		rows = append(rows, `<c r="`...)
		rows = ooxml.AppendRef(rows, row-1, col)
		rows = append(rows, `" s="`...)
		rows = strconv.AppendInt(rows, int64(s), 10)
		rows = append(rows, '"')
	}
	text := func(row, col, s int, v string) {
		cell(row, col, s)
		rows = append(rows, ` t="inlineStr"><is>`...)
		rows = appendTElem(rows, v)
		rows = append(rows, `</is></c>`...)
	}
	number := func(row, col, s int, v string) {
		cell(row, col, s)
		rows = append(rows, `><v>`...)
		rows = append(rows, v...)
		rows = append(rows, `</v></c>`...)
	}
	blank := func(row, col, s int) {
		cell(row, col, s)
		rows = append(rows, `/>`...)
	}
	openRow := func(row int) {
		rows = append(rows, `<row r="`...)
		rows = strconv.AppendInt(rows, int64(row), 10)
		rows = append(rows, `">`...)
	}
	merge := func(row, from, to int) { // on one row
		merges = append(merges, `<mergeCell ref="`...)
		merges = ooxml.AppendRef(merges, row-1, from)
		merges = append(merges, ':')
		merges = ooxml.AppendRef(merges, row-1, to)
		merges = append(merges, `"/>`...)
		nMerges++
	}
	link := func(row, col int, to string) {
		links = append(links, `<hyperlink ref="`...)
		links = ooxml.AppendRef(links, row-1, col)
		links = append(links, `" location="`...)
		links = ooxml.AppendEscaped(links, to)
		links = append(links, `" tooltip="`...)
		links = ooxml.AppendEscaped(links, to)
		links = append(links, `"/>`...)
	}
	last := len(resultWidths) - 1
	row := 3
	// summaryRows writes label/value rows from row on.
	summaryRows := func(summary [][2]any) {
		for _, kv := range summary {
			openRow(row)
			text(row, 0, st.label, kv[0].(string))
			switch v := kv[1].(type) {
			case decimal.Decimal:
				number(row, 1, st.num, v.StringFixed(2))
				for c := 2; c <= last; c++ {
					blank(row, c, st.num)
				}
			case int:
				number(row, 1, st.value, strconv.Itoa(v))
			case string:
				text(row, 1, st.value, v)
			}
			if _, ok := kv[1].(decimal.Decimal); !ok {
				for c := 2; c <= last; c++ {
					blank(row, c, st.value)
				}
			}
			rows = append(rows, `</row>`...)
			merge(row, 1, last)
			row++
		}
	}
	rows = append(rows, `<row r="1">`...)
	text(1, 0, st.title, "校验结果")
	rows = append(rows, `</row>`...)
	if !multi {
		alert, summary := resultHead(forms[0].Form, forms[0].Outcome)
		if alert != "" {
			rows = append(rows, `<row r="2">`...)
			text(2, 0, st.alert, alert)
			rows = append(rows, `</row>`...)
		}
		summaryRows(summary)
	} else {
		alerts := make([]string, len(forms))
		heads := make([][][2]any, len(forms))
		failing := 0
		for i, f := range forms {
			alerts[i], heads[i] = resultHead(f.Form, f.Outcome)
			if alerts[i] != "" {
				failing++
			}
		}
		if failing > 0 {
			rows = append(rows, `<row r="2">`...)
			text(2, 0, st.alert, fmt.Sprintf("本工作簿的 %d 张表中有 %d 张未通过校验，须更正后重新提交，各表情况见下。", len(forms), failing))
			rows = append(rows, `</row>`...)
		}
		// What the forms share, then each form's own rows. Forms one above
		// the other on one sheet are told apart by their order on it.
		names := sheetLabels(forms)
		shared := [][2]any{{"表单数", len(forms)}}
		for _, kv := range heads[0] {
			if k := kv[0].(string); k == "规则配置" || k == "工具版本" {
				shared = append(shared, kv)
			}
		}
		summaryRows(shared)
		for i := range forms {
			row++
			own := [][2]any{{"工作表", names[i]}}
			for _, kv := range heads[i] {
				if k := kv[0].(string); k != "规则配置" && k != "工具版本" {
					own = append(own, kv)
				}
			}
			summaryRows(own)
			if alerts[i] != "" {
				openRow(row)
				text(row, 0, st.alert, alerts[i])
				rows = append(rows, `</row>`...)
				row++
			}
		}
	}
	row++
	header := row
	openRow(row)
	for i, h := range [...]string{"序号", "级别", "代码", "单元格", "说明", "建议"} {
		text(row, i, st.header, h)
	}
	rows = append(rows, `</row>`...)
	// The last row, which the head names (<dimension>): a row for each
	// finding, with several forms one for each form, or one saying there
	// is none.
	lastRow := header + nFindings
	if multi {
		lastRow += len(forms)
	} else if nFindings == 0 {
		lastRow++
	}
	wrote := false // the head and the rows before rows
	var err error
	flush := func() {
		if len(rows) < packChunk || err != nil {
			return
		}
		if !wrote {
			wrote = true
			if _, err = w.Write(resultTop(d, fl, lastRow, last, header, multi)); err != nil {
				return
			}
		}
		_, err = w.Write(rows)
		rows = rows[:0]
	}
	n := 0
	names := sheetLabels(forms)
	for i, f := range forms {
		out, fm := f.Outcome, f.Form
		if multi {
			// The group's row: the form's sheet (a link to it) and project.
			row++
			openRow(row)
			label := fmt.Sprintf("工作表「%s」", fm.Sheet)
			if names[i] != fm.Sheet {
				label = fmt.Sprintf("工作表「%s」%s", fm.Sheet, strings.TrimPrefix(names[i], fm.Sheet))
			}
			if project := strings.TrimSpace(fm.Fields["project"].Text); project != "" {
				label += "：" + project
			}
			if len(out.Findings) == 0 {
				label += "（未发现问题）"
			} else {
				label += fmt.Sprintf("（%d 条）", len(out.Findings))
			}
			text(row, 0, st.label, label)
			for c := 1; c <= last; c++ {
				blank(row, c, st.label)
			}
			rows = append(rows, `</row>`...)
			merge(row, 0, last)
			// To the form's 项目名称 (two forms may share a sheet), else A1.
			top := "A1"
			if c := fm.Fields["project"]; (c.Sheet == "" || c.Sheet == fm.Sheet) && c.Ref != "" {
				if at, ok := cleanRef(c.Ref); ok {
					top = at
				}
			}
			link(row, 0, quoteSheet(fm.Sheet)+"!"+top)
		}
		// The sheet of each finding is looked up once per sheet named.
		found := map[string]bool{}
		for _, x := range out.Findings {
			row++
			n++
			sh, at, where, ok := findingPlace(x, fm.Sheet)
			rows = append(rows, `<row r="`...)
			rows = strconv.AppendInt(rows, int64(row), 10)
			rows = append(rows, `" ht="`...)
			rows = strconv.AppendFloat(rows, rowHeight(x.Message, x.Hint), 'f', -1, 64)
			rows = append(rows, `" customHeight="1">`...)
			cell(row, 0, st.body)
			rows = append(rows, `><v>`...)
			rows = strconv.AppendInt(rows, int64(n), 10)
			rows = append(rows, `</v></c>`...)
			linked := false
			if ok {
				known, seen := found[sh]
				if !seen {
					known = p.findSheet(sh) != "" || sh == ResultSheet
					found[sh] = known
				}
				linked = known
			}
			for j, v := range [...]string{severityLabel[x.Severity], x.Code, where, x.Message, x.Hint} {
				s := st.body
				if j == 2 && linked {
					s = st.link
					link(row, j+1, quoteSheet(sh)+"!"+at)
				}
				if v == "" {
					blank(row, j+1, s)
				} else {
					text(row, j+1, s, v)
				}
			}
			rows = append(rows, `</row>`...)
			flush()
		}
	}
	if !multi && nFindings == 0 {
		row++
		openRow(row)
		text(row, 0, 0, "未发现问题")
		rows = append(rows, `</row>`...)
	}
	if err != nil {
		return err
	}
	if !wrote {
		if row != lastRow {
			lastRow = row // not streamed: the last row written
		}
		if _, err := w.Write(resultTop(d, fl, lastRow, last, header, multi)); err != nil {
			return err
		}
	} else if row != lastRow {
		return fmt.Errorf("result sheet: %d rows written, %d counted", row, lastRow)
	}
	rows = append(rows, `</sheetData>`...)
	rows = append(rows, `<mergeCells count="`...)
	rows = strconv.AppendInt(rows, int64(nMerges), 10)
	rows = append(rows, `">`...)
	rows = append(rows, merges...)
	rows = append(rows, `</mergeCells>`...)
	if len(links) > 0 {
		rows = append(rows, `<hyperlinks>`...)
		rows = append(rows, links...)
		rows = append(rows, `</hyperlinks>`...)
	}
	rows = append(rows, `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`...)
	rows = append(rows, `</worksheet>`...)
	_, err = w.Write(rows)
	return err
}

// resultTop is the result sheet's part up to its first row: the sheet's
// extent (to row lastRow, column last), its view (frozen under the
// findings' header row with one form) and columns.
func resultTop(d *directPkg, fl ooxml.Flavour, lastRow, last, header int, multi bool) []byte {
	b := d.keep(d.buffer(2048))
	b = append(b, xmlHead+`<worksheet xmlns="`...)
	b = append(b, fl.Main...)
	b = append(b, `" xmlns:r="`...)
	b = append(b, fl.Rel...)
	b = append(b, `">`...)
	b = append(b, `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`...)
	b = append(b, `<dimension ref="A1:`...)
	b = ooxml.AppendRef(b, lastRow-1, last)
	b = append(b, `"/>`...)
	if multi {
		// The head is too tall to freeze: the findings' header is not kept in view.
		b = append(b, `<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>`...)
	} else {
		top := ooxml.Ref(header, 0)
		b = fmt.Appendf(b, `<sheetViews><sheetView workbookViewId="0"><pane ySplit="%d" topLeftCell="%s" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="%s" sqref="%s"/></sheetView></sheetViews>`, header, top, top, top)
	}
	b = append(b, resultCols...)
	return append(b, `<sheetData>`...)
}

// resultCols is the result sheet's row format and columns.
var resultCols = func() string {
	var b strings.Builder
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	for i, w := range resultWidths {
		fmt.Fprintf(&b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(w, 'f', -1, 64))
	}
	b.WriteString(`</cols>`)
	return b.String()
}()

// appendTElem appends tElem(s) to dst.
func appendTElem(dst []byte, s string) []byte {
	if s != strings.TrimSpace(s) || strings.Contains(s, "\n") {
		dst = append(dst, `<t xml:space="preserve">`...)
	} else {
		dst = append(dst, "<t>"...)
	}
	return append(ooxml.AppendEscaped(dst, s), "</t>"...)
}

// sheetLabels names the sheet of each form for the result sheet: its name,
// and where several forms stand on one sheet, which of them it is
// ("自评表（第 2 张表）").
func sheetLabels(forms []FormOutcome) []string {
	count := map[string]int{}
	for _, f := range forms {
		count[f.Form.Sheet]++
	}
	seen := map[string]int{}
	out := make([]string, len(forms))
	for i, f := range forms {
		sh := f.Form.Sheet
		seen[sh]++
		out[i] = sh
		if count[sh] > 1 {
			out[i] = fmt.Sprintf("%s（第 %d 张表）", sh, seen[sh])
		}
	}
	return out
}

// ---- row heights and page breaks

// fitRows lays out the sheet as written: the rows of the long-text
// fields of our own form grow to show their text, and the page breaks are
// laid out again when one grew.
func (d *directPkg) fitRows(sm *sheetMap, fm *form.Form) error {
	if fm.Stamp == nil {
		return nil
	}
	merges := sm.merges()
	widths := sm.colWidths()
	grown := false
	for _, g := range grownRows(fm, merges, widths, sm.height) {
		sm.setHeight(g.row, g.height)
		grown = true
	}
	if grown {
		return d.paginate(sm, fm.Sheet, merges)
	}
	return nil
}

// merges returns the merged ranges of the sheet ("A1:B2").
func (sm *sheetMap) merges() []string {
	el := sm.topNamed("mergeCells")
	if el == nil {
		return nil
	}
	var out []string
	data := sm.data[el.start:el.end]
	_ = ooxml.ScanTags(data, func(t ooxml.Tag) bool {
		if ooxml.Local(t.Name) == "mergeCell" && t.Kind != ooxml.TagEnd {
			if r := attrOr(data[t.Start:t.End], "ref"); r != "" {
				out = append(out, strings.ToUpper(strings.ReplaceAll(r, "$", "")))
			}
		}
		return true
	})
	return out
}

// colWidths returns the width of a column as excelize's GetColWidth gives
// it: the last <col> covering it, else the sheet's default.
func (sm *sheetMap) colWidths() func(col int) float64 {
	type span struct {
		min, max int
		width    float64
	}
	var cols []span
	if el := sm.topNamed("cols"); el != nil {
		data := sm.data[el.start:el.end]
		_ = ooxml.ScanTags(data, func(t ooxml.Tag) bool {
			if ooxml.Local(t.Name) == "col" && t.Kind != ooxml.TagEnd {
				tag := data[t.Start:t.End]
				lo, err1 := attrInt(attrOr(tag, "min"))
				hi, err2 := attrInt(attrOr(tag, "max"))
				w, err3 := parseFloat(attrOr(tag, "width"))
				if err1 == nil && err2 == nil && err3 == nil {
					cols = append(cols, span{lo, hi, w})
				}
			}
			return true
		})
	}
	def := 9.140625
	if el := sm.topNamed("sheetFormatPr"); el != nil {
		tag := sm.data[el.open.Start:el.open.End]
		if w, err := parseFloat(attrOr(tag, "defaultColWidth")); err == nil && w > 0 {
			def = w
		} else if w, err := parseFloat(attrOr(tag, "baseColWidth")); err == nil && w > 0 {
			def = math.Trunc(w)
		}
	}
	return func(col int) float64 {
		width := 0.0
		for _, c := range cols {
			if c.min <= col && col <= c.max {
				width = c.width
			}
		}
		if width != 0 {
			return width
		}
		return def
	}
}

// height returns a row's height as excelize's GetRowHeight gives it,
// counting a height set by this write-back.
func (sm *sheetMap) height(row int) float64 {
	if r := sm.byRow(row); r != nil && r.ht != "" {
		h, _ := strconv.ParseFloat(r.ht, 64)
		return h
	}
	if r := sm.newRows[row]; r != nil && r.ht != "" {
		h, _ := strconv.ParseFloat(r.ht, 64)
		return h
	}
	if h, ok := sm.rowHeight(row); ok {
		return h
	}
	ht := 15.0
	if el := sm.topNamed("sheetFormatPr"); el != nil {
		tag := sm.data[el.open.Start:el.open.End]
		if c := attrOr(tag, "customHeight"); c == "1" || c == "true" {
			ht, _ = parseFloat(attrOr(tag, "defaultRowHeight"))
		}
	}
	return ht
}

// paginate is the function Paginate on the sheet as written: it replaces
// the manual row breaks of the print area.
func (d *directPkg) paginate(sm *sheetMap, sheet string, merges []string) error {
	ps := sm.topNamed("pageSetup")
	if ps == nil {
		return nil
	}
	pst := sm.data[ps.open.Start:ps.open.End]
	scaleN, err := attrInt(attrOr(pst, "scale"))
	if err != nil || scaleN == 0 {
		return nil
	}
	if v, ok := ooxml.AttrValue(pst, "paperSize"); ok && v != strconv.Itoa(scaledA4) {
		return nil
	}
	if v, ok := ooxml.AttrValue(pst, "orientation"); ok && v != portraitLO {
		return nil
	}
	if pr := sm.topNamed("sheetPr"); pr != nil {
		data := sm.data[pr.start:pr.end]
		fit := false
		_ = ooxml.ScanTags(data, func(t ooxml.Tag) bool {
			if ooxml.Local(t.Name) == "pageSetUpPr" && t.Kind != ooxml.TagEnd {
				v := attrOr(data[t.Start:t.End], "fitToPage")
				fit = v == "1" || v == "true"
			}
			return true
		})
		if fit {
			return nil
		}
	}
	last, header, err := d.printRows(sheet)
	if err != nil {
		return err
	}
	if last == 0 {
		return nil
	}
	top, bottom := 0.75, 0.75
	if pm := sm.topNamed("pageMargins"); pm != nil {
		tag := sm.data[pm.open.Start:pm.open.End]
		if v, err := parseFloat(attrOr(tag, "top")); err == nil {
			top = v
		}
		if v, err := parseFloat(attrOr(tag, "bottom")); err == nil {
			bottom = v
		}
	}
	heights := make([]float64, last+1)
	for r := 1; r <= last; r++ {
		heights[r] = sm.height(r)
	}
	breaks := pageBreaks(heights, header, pageHeight(top, bottom, float64(scaleN)/100), merges)
	// Breaks below the print area stay; those in it are replaced.
	var kept []string
	if rb := sm.topNamed("rowBreaks"); rb != nil {
		data := sm.data[rb.start:rb.end]
		_ = ooxml.ScanTags(data, func(t ooxml.Tag) bool {
			if ooxml.Local(t.Name) == "brk" && t.Kind != ooxml.TagEnd {
				tag := data[t.Start:t.End]
				if id, err := attrInt(attrOr(tag, "id")); err == nil && id > last {
					kept = append(kept, string(tag))
				}
			}
			return true
		})
	}
	sort.Ints(breaks)
	var brks []string
	for i, r := range breaks {
		if r > 1 && (i == 0 || r != breaks[i-1]) {
			brks = append(brks, fmt.Sprintf(`<brk id="%d" max="16383" man="1"/>`, r-1))
		}
	}
	brks = append(brks, kept...)
	n := len(brks)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<rowBreaks count="%d" manualBreakCount="%d">`, n, n)
	b.WriteString(strings.Join(brks, ""))
	b.WriteString(`</rowBreaks>`)
	text := b.Bytes()
	if n == 0 {
		text = nil
	}
	if rb := sm.topNamed("rowBreaks"); rb != nil {
		sm.sp = append(sm.sp, ooxml.Splice{Start: rb.start, End: rb.end, Text: text})
	} else if text != nil {
		sm.insertTop("rowBreaks", text)
	}
	return nil
}

// printRows returns the last row of a sheet's print area and the first row
// of its print titles (0 when not set), from the workbook's defined names.
func (d *directPkg) printRows(sheet string) (last, header int, err error) {
	data, err := d.read(d.p.wbPart)
	if err != nil || data == nil {
		return 0, 0, err
	}
	idx := -1
	for i, s := range d.p.sheets {
		if s.name == sheet {
			idx = i
		}
	}
	start := -1
	var name string
	err = ooxml.ScanTags(data, func(t ooxml.Tag) bool {
		if ooxml.Local(t.Name) != "definedName" {
			return true
		}
		tag := data[t.Start:t.End]
		switch t.Kind {
		case ooxml.TagStart:
			if attrOr(tag, "localSheetId") == strconv.Itoa(idx) {
				start, name = t.End, attrOr(tag, "name")
			}
		case ooxml.TagEnd:
			if start >= 0 {
				refersTo := ooxml.TextOf(data[start:t.Start])
				switch name {
				case "_xlnm.Print_Area":
					if m := areaRows.FindStringSubmatch(refersTo); m != nil {
						last, _ = strconv.Atoi(m[2])
					}
				case "_xlnm.Print_Titles":
					if m := printTitles.FindStringSubmatch(strings.Split(refersTo, ",")[0]); m != nil {
						header, _ = strconv.Atoi(m[1])
					}
				}
			}
			start = -1
		}
		return true
	})
	if err != nil {
		return 0, 0, partError(d.p.wbPart, errCannotEdit)
	}
	return last, header, nil
}
