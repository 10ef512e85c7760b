package workbook

import (
	"math"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"golang.org/x/text/width"
)

// Text layout estimate shared by the template builder and the write-back:
// a line of 11-point text is 16.5 points high in the widest CJK fonts a
// spreadsheet may put in place of 宋体 (Noto CJK in LibreOffice), and a
// wide (CJK) character takes two column-width units.
const (
	LineHeight   = 16.5
	RowPadding   = 6.0
	MaxRowHeight = 409.0 // Excel's limit
)

// WrappedLines returns how many lines text wraps to in room column-width
// units (the sum of the column widths of its cell or merged range).
func WrappedLines(room float64, text string) int {
	room -= 2 // cell padding, and line breaks that leave a column empty
	if room < 2 {
		room = 2
	}
	n := 0
	for _, seg := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(displayWidth(seg)/room)))
	}
	return n
}

// TextHeight is the row height, in points, that shows n lines.
func TextHeight(n int) float64 {
	return min(MaxRowHeight, float64(n)*LineHeight+RowPadding)
}

// displayWidth estimates the width of s in column-width units.
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

// rowHeightSet is a row and the height it is given.
type rowHeightSet struct {
	row    int
	height float64
}

// grownRows returns the rows of the long-text fields of fm that must grow
// to show their text, with the height each needs, given the columns'
// widths and the rows' heights. A field's room is its merged range on one
// row; a field spanning several rows is left as it is.
func grownRows(fm *form.Form, merges []string, width, height func(int) float64) []rowHeightSet {
	var out []rowHeightSet
	for _, fd := range fm.Kind.Fields {
		c, ok := fm.Fields[fd.Key]
		if fd.Type != form.LongText || !ok || c.Ref == "" || strings.TrimSpace(c.Text) == "" {
			continue
		}
		first, last := c.Ref, c.Ref
		for _, m := range merges {
			if a, b, ok := strings.Cut(m, ":"); ok && a == c.Ref {
				first, last = a, b
			}
		}
		c1, r1, err1 := cellCoords(strings.ToUpper(strings.ReplaceAll(first, "$", "")))
		c2, r2, err2 := cellCoords(strings.ToUpper(strings.ReplaceAll(last, "$", "")))
		if err1 != nil || err2 != nil || r1 != r2 {
			continue
		}
		var room float64
		for col := c1; col <= c2; col++ {
			room += width(col)
		}
		cur := height(r1)
		for _, g := range out {
			if g.row == r1 {
				cur = g.height
			}
		}
		if need := TextHeight(WrappedLines(room, c.Text)); cur < need {
			out = append(out, rowHeightSet{r1, need})
		}
	}
	return out
}
