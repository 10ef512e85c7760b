package rollup

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"
)

// Sheets of the roll-up workbook.
const (
	SummarySheet = "汇总"
	ChartSheet   = "等级分布"
)

// Workbook builds the roll-up workbook: a sheet SummarySheet with one row per
// form (text is always stored as text, so "=…" never becomes a formula),
// filters, a frozen header repeated on every printed page, and one total
// line per money unit, printed landscape on A4 one page wide; and a sheet
// ChartSheet with the count per grade and per execution-rate band and a
// chart of each, printed on one page.
func Workbook(rows []Row, tally Tally, grades []string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", SummarySheet); err != nil {
		return nil, err
	}
	b := &sheetBuilder{f: f, sheet: SummarySheet}
	bold := b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "宋体"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	wrap := b.style(&excelize.Style{Font: &excelize.Font{Family: "宋体"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	amount := b.style(&excelize.Style{Font: &excelize.Font{Family: "宋体"}, NumFmt: 4, Alignment: &excelize.Alignment{Vertical: "top"}}) // #,##0.00
	widths := []float64{24, 16, 16, 6, 8, 6, 12, 12, 8, 7, 6, 8, 5, 5, 16, 20, 28}
	b.row(1, toAny(Header), bold)
	b.do(func() error { return f.SetRowHeight(SummarySheet, 1, 28) })
	for i, r := range rows {
		values := r.Values()
		b.row(i+2, values, wrap)
		// Row heights are set, not left to the spreadsheet: not every
		// program fits a row to its wrapped text when it opens the file.
		b.do(func() error { return f.SetRowHeight(SummarySheet, i+2, wrappedHeight(values, widths)) })
	}
	last := len(rows) + 1
	lastCol, _ := excelize.ColumnNumberToName(len(Header))
	if len(rows) > 0 {
		b.do(func() error { return f.SetCellStyle(SummarySheet, "G2", fmt.Sprintf("J%d", last), amount) })
		b.do(func() error { return f.AutoFilter(SummarySheet, fmt.Sprintf("A1:%s%d", lastCol, last), nil) })
	}
	line := last + 2
	for _, t := range Totals(rows) {
		b.row(line, []any{t.Label(), nil, nil, t.Year, t.Kind, t.MoneyUnit,
			t.Budget.Round(2).InexactFloat64(), t.Spent.Round(2).InexactFloat64(), num2(t.Rate)}, bold)
		b.do(func() error {
			return f.SetCellStyle(SummarySheet, fmt.Sprintf("G%d", line), fmt.Sprintf("I%d", line), amount)
		})
		line++
	}
	errs, warns := 0, 0
	for _, r := range rows {
		if r.Counts() {
			errs += r.Errors
			warns += r.Warnings
		}
	}
	for i, text := range tally.Lines() {
		if i == 0 {
			b.row(line, []any{text, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, errs, warns}, bold)
		} else {
			b.row(line, []any{text}, bold)
		}
		line++
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		b.do(func() error { return f.SetColWidth(SummarySheet, col, col, w) })
	}
	b.do(func() error {
		return f.SetPanes(SummarySheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	})
	b.do(func() error {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", SummarySheet), Scope: SummarySheet})
	})
	b.printSetup(SummarySheet, 0)
	b.charts(rows, grades)
	if b.err != nil {
		return nil, b.err
	}
	return f, nil
}

// charts writes the sheet of counts and charts.
func (b *sheetBuilder) charts(rows []Row, grades []string) {
	f := b.f
	b.do(func() error { _, err := f.NewSheet(ChartSheet); return err })
	b.sheet = ChartSheet
	byGrade, byRate := Counts(rows, grades)
	b.row(1, []any{"评分等级", "份数"}, 0)
	for i, g := range grades {
		b.row(i+2, []any{g, byGrade[i]}, 0)
	}
	r0 := len(grades) + 3
	b.row(r0, []any{"执行率", "份数"}, 0)
	for i, band := range RateBands {
		b.row(r0+i+1, []any{band, byRate[i]}, 0)
	}
	b.do(func() error { return f.SetColWidth(ChartSheet, "A", "A", 14) })
	chart := func(at, title, cats, vals string, top int) error {
		step := wholeStep(top)
		maxY := float64(step * int(math.Ceil(float64(max(top, 1))/float64(step))))
		minY := 0.0
		return f.AddChart(ChartSheet, at, &excelize.Chart{
			Type:      excelize.Col,
			Series:    []excelize.ChartSeries{{Name: title, Categories: cats, Values: vals}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 560, Height: 300},
			YAxis: excelize.ChartAxis{MajorUnit: float64(step), Minimum: &minY, Maximum: &maxY, MajorGridLines: true,
				NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
			PlotArea: excelize.ChartPlotArea{ShowVal: true},
		})
	}
	n := len(grades) + 1
	b.do(func() error {
		return chart("D1", "评分等级分布（份）", fmt.Sprintf("'%s'!$A$2:$A$%d", ChartSheet, n),
			fmt.Sprintf("'%s'!$B$2:$B$%d", ChartSheet, n), maxOf(byGrade))
	})
	b.do(func() error {
		return chart("D18", "预算执行率分布（份）", fmt.Sprintf("'%s'!$A$%d:$A$%d", ChartSheet, r0+1, r0+len(RateBands)),
			fmt.Sprintf("'%s'!$B$%d:$B$%d", ChartSheet, r0+1, r0+len(RateBands)), maxOf(byRate))
	})
	b.printSetup(ChartSheet, 1)
}

// wrappedHeight estimates the height in points a row of wrapped text needs: a
// CJK character takes two units of column width, others one.
func wrappedHeight(values []any, widths []float64) float64 {
	lines := 1
	for i, v := range values {
		text, ok := v.(string)
		if !ok || i >= len(widths) {
			continue
		}
		w := 0.0
		for _, r := range text {
			if r > 0x2E80 {
				w += 1.7
			} else {
				w++
			}
		}
		lines = max(lines, int(math.Ceil(w/(widths[i]-0.5))))
	}
	return float64(min(lines, 8)) * 14.5
}

// wholeStep is a whole-number axis step giving at most about eight steps
// up to top: 1, 2, 5, 10, 20, 50, …
func wholeStep(top int) int {
	for step := 1; ; step *= 10 {
		for _, m := range []int{1, 2, 5} {
			if top <= 8*step*m {
				return step * m
			}
		}
	}
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// sheetBuilder writes cells and keeps the first error.
type sheetBuilder struct {
	f     *excelize.File
	sheet string
	err   error
}

func (b *sheetBuilder) do(fn func() error) {
	if b.err == nil {
		b.err = fn()
	}
}

func (b *sheetBuilder) style(s *excelize.Style) int {
	var id int
	b.do(func() (err error) { id, err = b.f.NewStyle(s); return err })
	return id
}

// row writes values into row r from column A: strings always as text, nil
// as nothing; style (when not 0) on the written cells.
func (b *sheetBuilder) row(r int, values []any, style int) {
	for c, v := range values {
		cell, _ := excelize.CoordinatesToCellName(c+1, r)
		switch x := v.(type) {
		case nil:
		case string:
			b.do(func() error { return b.f.SetCellStr(b.sheet, cell, x) })
		default:
			b.do(func() error { return b.f.SetCellValue(b.sheet, cell, x) })
		}
		if style != 0 {
			b.do(func() error { return b.f.SetCellStyle(b.sheet, cell, cell, style) })
		}
	}
}

// printSetup prints a sheet landscape on A4, one page wide and, when
// tall > 0, that many pages tall (0: as many as needed).
func (b *sheetBuilder) printSetup(sheet string, tall int) {
	size, orient, wide := 9, "landscape", 1
	fit := true
	b.do(func() error { return b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}) })
	b.do(func() error {
		return b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall})
	})
}
