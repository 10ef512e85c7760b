package workbook

import (
	"math"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
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

// fitLongText makes the rows of the long-text fields (主要绩效, 预期目标 …)
// of our own (stamped) form tall enough to show what was typed, as
// spreadsheets never grow a merged cell's row by themselves, and lays the
// page breaks out again when a row grew. Rows are only made taller; a
// foreign workbook's layout is left as it is.
func fitLongText(f *excelize.File, fm *form.Form, merges []string) error {
	if fm.Stamp == nil {
		return nil
	}
	grown := false
	defer func() {
		if grown {
			_ = paginate(f, fm.Sheet, merges) // best effort: a misplaced break loses nothing
		}
	}()
	width := func(col int) float64 {
		name, _ := excelize.ColumnNumberToName(col)
		w, _ := f.GetColWidth(fm.Sheet, name)
		return w
	}
	height := func(row int) float64 {
		h, _ := f.GetRowHeight(fm.Sheet, row)
		return h
	}
	for _, g := range grownRows(fm, merges, width, height) {
		if err := f.SetRowHeight(fm.Sheet, g.row, g.height); err != nil {
			return err
		}
		grown = true
	}
	return nil
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
		c1, r1, err1 := excelize.CellNameToCoordinates(first)
		c2, r2, err2 := excelize.CellNameToCoordinates(last)
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
