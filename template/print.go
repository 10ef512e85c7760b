package template

import (
	"fmt"

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
	// pageSlack keeps a margin for spreadsheets that lay rows out slightly
	// taller than their stored height.
	pageSlack = 0.95
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

// paginate puts manual page breaks so that no vertically merged range of
// the form (a category label, a merged 一级指标, the funds block) is split
// between two pages, replacing the breaks it put before. Rows are taken at
// their stored heights; a block taller than a page is left to break where it
// must.
func paginate(f *excelize.File, l *Layout) error {
	for row := 2; row <= l.LastRow+1; row++ {
		if err := f.RemovePageBreak(l.Sheet, fmt.Sprintf("A%d", row)); err != nil {
			return err
		}
	}
	scale := float64(printScale(l.Kind.Widths)) / 100
	page := (a4Height - (marginTop+marginBottom)*72) * pageSlack / scale
	merges, err := f.GetMergeCells(l.Sheet, true)
	if err != nil {
		return err
	}
	start := map[int]int{} // row → first row of the tallest block holding it
	for _, m := range merges {
		_, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 == r2 {
			continue
		}
		for r := r1 + 1; r <= r2; r++ {
			if s, ok := start[r]; !ok || r1 < s {
				start[r] = r1
			}
		}
	}
	heights := make([]float64, l.LastRow+1)
	for r := 1; r <= l.LastRow; r++ {
		if heights[r], err = f.GetRowHeight(l.Sheet, r); err != nil {
			return err
		}
	}
	title := heights[l.Header] // repeated on every page after the first
	first, used := 1, 0.0
	for r := 1; r <= l.LastRow; r++ {
		if used+heights[r] <= page || r == first {
			used += heights[r]
			continue
		}
		brk := r
		if s, ok := start[r]; ok && s > first {
			brk = s // move the whole block to the next page
		}
		if err := f.InsertPageBreak(l.Sheet, fmt.Sprintf("A%d", brk)); err != nil {
			return err
		}
		first, used = brk, 0
		if brk > l.Header {
			used = title
		}
		for i := brk; i <= r; i++ {
			used += heights[i]
		}
	}
	return nil
}
