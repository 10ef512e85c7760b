package template

import (
	"fmt"

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

// paginate puts the manual page breaks that keep merged labels on one page
// (see workbook.Paginate).
func paginate(f *excelize.File, l *Layout) error { return workbook.Paginate(f, l.Sheet) }
