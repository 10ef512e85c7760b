package workbook

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Page geometry of our templates: A4 portrait at a set scale (not "fit to
// width": spreadsheets ignore manual page breaks under fit-to-page).
const (
	a4Height = 841.9 // points
	// pageSlack keeps a margin for spreadsheets that lay rows out slightly
	// taller than their stored height.
	pageSlack = 0.95
)

var (
	areaRows    = regexp.MustCompile(`\$?[A-Z]+\$?(\d+):\$?[A-Z]+\$?(\d+)$`)
	printTitles = regexp.MustCompile(`!\$?(\d+):\$?(\d+)$`)
	scaledA4    = 9
	portraitLO  = "portrait"
)

// Paginate puts manual page breaks on a sheet printed at a set scale on A4
// portrait so that no vertically merged range (a category label, a merged
// 一级指标, the funds block) is split between two pages, replacing the
// manual row breaks of the sheet's print area. Rows are taken at their
// stored heights; the rows of the print titles repeat on every page; a
// block taller than a page is left to break where it must. A sheet printed
// otherwise (fit to page, another paper) is left alone.
func Paginate(f *excelize.File, sheet string) error {
	mcs, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return err
	}
	merges := make([]string, len(mcs))
	for i, m := range mcs {
		merges[i] = m.GetStartAxis() + ":" + m.GetEndAxis()
	}
	return paginate(f, sheet, merges)
}

// paginate is Paginate with the sheet's merged ranges given ("A1:B2").
func paginate(f *excelize.File, sheet string, merges []string) error {
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		return err
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil {
		return err
	}
	if pl.AdjustTo == nil || *pl.AdjustTo == 0 || (pl.Size != nil && *pl.Size != scaledA4) ||
		(pl.Orientation != nil && *pl.Orientation != portraitLO) || (props.FitToPage != nil && *props.FitToPage) {
		return nil
	}
	last, header := 0, 0
	for _, n := range f.GetDefinedName() {
		if n.Scope != sheet {
			continue
		}
		switch n.Name {
		case "_xlnm.Print_Area":
			if m := areaRows.FindStringSubmatch(n.RefersTo); m != nil {
				last, _ = strconv.Atoi(m[2])
			}
		case "_xlnm.Print_Titles":
			if m := printTitles.FindStringSubmatch(strings.Split(n.RefersTo, ",")[0]); m != nil {
				header, _ = strconv.Atoi(m[1])
			}
		}
	}
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
	scale := float64(*pl.AdjustTo) / 100
	heights := make([]float64, last+1)
	for r := 1; r <= last; r++ {
		if heights[r], err = f.GetRowHeight(sheet, r); err != nil {
			return err
		}
	}
	for _, brk := range pageBreaks(heights, header, pageHeight(top, bottom, scale), merges) {
		if err := f.InsertPageBreak(sheet, fmt.Sprintf("A%d", brk)); err != nil {
			return err
		}
	}
	return nil
}

// pageHeight is the height in points of the rows one A4 page holds at
// scale between margins top and bottom (in inches).
func pageHeight(top, bottom, scale float64) float64 {
	return (a4Height - (top+bottom)*72) * pageSlack / scale
}

// pageBreaks returns the rows that start a new page when rows 1 to
// len(heights)-1 of the given heights are laid out on pages of height page,
// the row header (0 for none) repeating on every page: a vertically merged
// block is moved whole to the next page (unless it is taller than a page),
// and the last row never stands alone.
func pageBreaks(heights []float64, header int, page float64, merges []string) []int {
	last := len(heights) - 1
	start := map[int]int{} // row → first row of the tallest block holding it
	for _, m := range merges {
		a, b, _ := strings.Cut(m, ":")
		_, r1, err1 := excelize.CellNameToCoordinates(a)
		_, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil || r1 == r2 {
			continue
		}
		for r := r1 + 1; r <= r2; r++ {
			if s, ok := start[r]; !ok || r1 < s {
				start[r] = r1
			}
		}
	}
	title := 0.0
	if header > 0 && header <= last {
		title = heights[header]
	}
	var breaks []int
	first, used := 1, 0.0
	for r := 1; r <= last; r++ {
		if used+heights[r] <= page || r == first {
			used += heights[r]
			continue
		}
		brk := r
		if brk == last && last-1 > first {
			brk = last - 1 // the closing row (合计, 评分等级) never stands alone on a page
		}
		if s, ok := start[brk]; ok && s > first {
			brk = s // move the whole block to the next page
		}
		breaks = append(breaks, brk)
		first, used = brk, 0
		if header > 0 && brk > header {
			used = title
		}
		for i := brk; i <= r; i++ {
			used += heights[i]
		}
	}
	return breaks
}
