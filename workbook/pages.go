package workbook

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/ooxml"
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

// PrintRows returns the last row of a sheet's print area and the last row
// of its print titles (0 for none) from the texts of its _xlnm.Print_Area and
// _xlnm.Print_Titles defined names.
func PrintRows(area, titles string) (last, header int) {
	if m := areaRows.FindStringSubmatch(area); m != nil {
		last, _ = strconv.Atoi(m[2])
	}
	if m := printTitles.FindStringSubmatch(strings.Split(titles, ",")[0]); m != nil {
		header, _ = strconv.Atoi(m[1])
	}
	return last, header
}

// Paginated reports whether a sheet's page setup is the one PageBreaks lays
// out: a set scale (percent, not 0) on A4 (paper 9, or none given) portrait
// (or none given), not fit to page.
func Paginated(scale int, paper, orientation string, fitToPage bool) bool {
	return scale != 0 && (paper == "" || paper == strconv.Itoa(scaledA4)) &&
		(orientation == "" || orientation == portraitLO) && !fitToPage
}

// PageBreaks returns the rows that start a page of a sheet printed on A4
// portrait at scale (1 for 100 %) between margins top and bottom (inches),
// for rows 1 to len(heights)-1 of the given heights (points), the rows up to
// header repeating on every page, so that no vertically merged range of
// merges ("A1:B3") is split between two pages; a block taller than a page is
// left to break where it must. The template builder and the write-back both
// place their manual row breaks by it.
func PageBreaks(heights []float64, header int, top, bottom, scale float64, merges []string) []int {
	return pageBreaks(heights, header, pageHeight(top, bottom, scale), merges)
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
		_, r1, ok1 := ooxml.ParseRef(strings.ReplaceAll(a, "$", ""))
		_, r2, ok2 := ooxml.ParseRef(strings.ReplaceAll(b, "$", ""))
		if !ok1 || !ok2 || r1 == r2 {
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
