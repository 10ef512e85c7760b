package template

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Page setup: A4 portrait, one page wide, centred, with the table header
// repeated on every page and page numbers in the footer.
const (
	paperA4      = 9
	marginSide   = 0.5 // inches
	marginTop    = 0.6
	marginBottom = 0.6
	marginHF     = 0.3
	pageFooter   = "&C第 &P 页，共 &N 页"
)

func (b *builder) print() error {
	size, orient, wide, tall := paperA4, "portrait", 1, 0
	if err := b.f.SetPageLayout(b.sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return err
	}
	fit := true
	if err := b.f.SetSheetProps(b.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
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
	return b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: b.sheet,
		RefersTo: fmt.Sprintf("%s!$%d:$%d", q, b.l.Header, b.l.Header),
	})
}
