package template

import (
	"fmt"
	"strconv"

	"github.com/selfeval/selfeval/workbook"
	"github.com/xuri/excelize/v2"
)

// Page setup: A4 portrait, scaled so that the form is one page wide,
// centred, with the table header repeated on every page and page numbers in
// the footer. The scale is set, not "fit to width", because spreadsheets
// ignore manual page breaks under fit-to-page, and the manual breaks keep
// every merged label (a sh2019 category, a 一级指标) on one page.
const (
	paperA4      = 9
	marginSide   = 0.5 // inches
	marginTop    = 0.6
	marginBottom = 0.6
	marginHF     = 0.3
	pageFooter   = "&C第 &P 页，共 &N 页"

	a4Width, a4Height = 595.3, 841.9 // points
	// digitWidth is the widest digit of the default font, in pixels, that a
	// spreadsheet may use to turn column widths into pixels: 宋体 11 on
	// Windows is 8, but LibreOffice without 宋体 measures with a substitute
	// such as DejaVu Sans (9.3).
	digitWidth = 9.5
)

func (b *builder) print() error {
	size, orient, scale := paperA4, "portrait", uint(printScale(b.k.Widths))
	if err := b.f.SetPageLayout(b.sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, AdjustTo: &scale,
	}); err != nil {
		return err
	}
	side, top, bottom, hf, centre := marginSide, marginTop, marginBottom, marginHF, true
	if err := b.f.SetPageMargins(b.sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &top, Bottom: &bottom, Header: &hf, Footer: &hf, Horizontally: &centre,
	}); err != nil {
		return err
	}
	if err := b.f.SetHeaderFooter(b.sheet, &excelize.HeaderFooterOptions{OddFooter: pageFooter}); err != nil {
		return err
	}
	q := quoteSheet(b.sheet)
	if err := b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", Scope: b.sheet,
		RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", q, b.l.LastCol, b.l.LastRow),
	}); err != nil {
		return err
	}
	if err := b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: b.sheet,
		RefersTo: fmt.Sprintf("%s!$%d:$%d", q, b.l.Header, b.l.Header),
	}); err != nil {
		return err
	}
	return paginate(b.f, b.l)
}

// printScale returns the print scale (percent) that makes columns of widths
// fit the width of an A4 page between the margins.
func printScale(widths []float64) int {
	var px float64
	for _, w := range widths {
		px += w*digitWidth + 5
	}
	room := a4Width - 2*marginSide*72
	return max(10, min(100, int(100*room/(px*0.75))))
}

// paginate puts manual page breaks on the form sheet, printed at a set
// scale on A4 portrait, so that no vertically merged range (a category
// label, a merged 一级指标, the funds block) is split between two pages,
// replacing the manual row breaks of the sheet's print area. Rows are taken
// at their stored heights; the rows of the print titles repeat on every
// page (see workbook.PageBreaks). A sheet printed otherwise (fit to page,
// another paper) is left alone.
func paginate(f *excelize.File, l *Layout) error {
	sheet := l.Sheet
	mcs, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return err
	}
	merges := make([]string, len(mcs))
	for i, m := range mcs {
		merges[i] = m.GetStartAxis() + ":" + m.GetEndAxis()
	}
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		return err
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil {
		return err
	}
	scale, paper, orient := 0, "", ""
	if pl.AdjustTo != nil {
		scale = int(*pl.AdjustTo)
	}
	if pl.Size != nil {
		paper = strconv.Itoa(*pl.Size)
	}
	if pl.Orientation != nil {
		orient = *pl.Orientation
	}
	if !workbook.Paginated(scale, paper, orient, props.FitToPage != nil && *props.FitToPage) {
		return nil
	}
	var area, titles string
	for _, n := range f.GetDefinedName() {
		if n.Scope != sheet {
			continue
		}
		switch n.Name {
		case "_xlnm.Print_Area":
			area = n.RefersTo
		case "_xlnm.Print_Titles":
			titles = n.RefersTo
		}
	}
	last, header := workbook.PrintRows(area, titles)
	if last == 0 {
		return nil
	}
	margins, err := f.GetPageMargins(sheet)
	if err != nil {
		return err
	}
	top, bottom := 0.75, 0.75
	if margins.Top != nil {
		top = *margins.Top
	}
	if margins.Bottom != nil {
		bottom = *margins.Bottom
	}
	for row := 2; row <= last+1; row++ {
		// Insert, then remove: excelize removes a break only when the sheet
		// has break lists (a LibreOffice file may have none) and counts a
		// removal even of a break that was not there; this pair leaves no
		// break on the row and the count right either way.
		cell := fmt.Sprintf("A%d", row)
		if err := f.InsertPageBreak(sheet, cell); err != nil {
			return err
		}
		if err := f.RemovePageBreak(sheet, cell); err != nil {
			return err
		}
	}
	heights := make([]float64, last+1)
	for r := 1; r <= last; r++ {
		if heights[r], err = f.GetRowHeight(sheet, r); err != nil {
			return err
		}
	}
	for _, brk := range workbook.PageBreaks(heights, header, top, bottom, float64(scale)/100, merges) {
		if err := f.InsertPageBreak(sheet, fmt.Sprintf("A%d", brk)); err != nil {
			return err
		}
	}
	return nil
}
