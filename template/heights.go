package template

import (
	"github.com/selfeval/selfeval/workbook"
	"github.com/xuri/excelize/v2"
)

// Row heights, in points, for rows the definition leaves to the builder;
// text is measured by workbook.WrappedLines, the estimate the write-back
// uses too.
const (
	minRowHeight = 24.0
	// inputRowHeight fits two lines: spreadsheets do not reliably grow rows
	// for values written by a program, and people may still resize rows.
	inputRowHeight = 2*workbook.LineHeight + workbook.RowPadding
)

// lines returns how many wrapped lines text needs in columns c1..c2 (1-based)
// of widths.
func lines(widths []float64, c1, c2 int, text string) int {
	var room float64
	for c := c1; c <= c2 && c <= len(widths); c++ {
		room += widths[c-1]
	}
	return workbook.WrappedLines(room, text)
}

func textHeight(n int) float64 { return workbook.TextHeight(n) }

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
	if n := lines(b.k.Widths, c1, c2, text); n > b.need[r1] {
		b.need[r1] = n
	}
}

// heights sets the height of every form row: what its text needs, and at
// least the height the definition sets (table input rows: two lines).
func (b *builder) heights() error {
	for row := 1; row <= b.l.LastRow; row++ {
		h := max(minRowHeight, textHeight(b.need[row]))
		if row >= b.l.First && row <= b.l.Last {
			h = max(h, inputRowHeight)
		}
		h = max(h, b.fixed[row])
		if row < b.l.Top {
			h = b.fixed[row] // the heading lines
		}
		if err := b.f.SetRowHeight(b.sheet, row, h); err != nil {
			return err
		}
	}
	return nil
}

// growRow raises the height of row so that text fits in columns c1..c2; a
// row is never made lower.
func growRow(f *excelize.File, sheet string, widths []float64, row, c1, c2 int, text string) error {
	need := textHeight(lines(widths, c1, c2, text))
	cur, err := f.GetRowHeight(sheet, row)
	if err != nil || cur >= need {
		return err
	}
	return f.SetRowHeight(sheet, row, need)
}
