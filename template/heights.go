package template

import (
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Row heights, in points, for rows the definition leaves to the builder.
const (
	minRowHeight = 24.0
	lineHeight   = 15.0 // one line of 宋体 11
	rowPadding   = 6.0
	// inputRowHeight fits two lines: spreadsheets do not reliably grow rows
	// for values written by a program, and people may still resize rows.
	inputRowHeight = 2*lineHeight + rowPadding
)

// measure records how many wrapped lines text needs in a range that spans
// one row, so that heights can make the row tall enough. Merged cells never
// grow on their own in a spreadsheet, hence the estimate.
func (b *builder) measure(rng, text string) {
	first, last := corners(rng)
	c1, r1, err1 := excelize.CellNameToCoordinates(first)
	c2, r2, err2 := excelize.CellNameToCoordinates(last)
	if err1 != nil || err2 != nil || r1 != r2 {
		return
	}
	var room float64
	for c := c1; c <= c2 && c <= len(b.k.Widths); c++ {
		room += b.k.Widths[c-1]
	}
	room-- // cell padding
	if room < 2 {
		room = 2
	}
	lines := 0
	for _, seg := range strings.Split(text, "\n") {
		lines += max(1, int(math.Ceil(displayWidth(seg)/room)))
	}
	if lines > b.need[r1] {
		b.need[r1] = lines
	}
}

// displayWidth estimates the width of s in column-width units: wide (CJK)
// characters take two, others one.
func displayWidth(s string) float64 {
	var w float64
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}

// heights sets the height of every form row whose height the definition
// does not fix: table input rows get two lines, other rows what their
// labels need.
func (b *builder) heights() error {
	for row := b.l.Top; row <= b.l.LastRow; row++ {
		if b.fixed[row] {
			continue
		}
		h := float64(b.need[row])*lineHeight + rowPadding
		if row >= b.l.First && row <= b.l.Last {
			h = inputRowHeight
		}
		if h < minRowHeight {
			h = minRowHeight
		}
		if err := b.f.SetRowHeight(b.sheet, row, h); err != nil {
			return err
		}
	}
	return nil
}
