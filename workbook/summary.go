package workbook

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// SummaryRow is one form in a roll-up.
type SummaryRow struct {
	Project, Unit, Kind string
	Budget, Spent, Rate *decimal.Decimal // nil when unknown
	Total               *decimal.Decimal
	Grade               string
	Errors, Warnings    int
	File                string
	Problem             string // why the file could not be read, if it could not
}

// SummaryHeader is the column header of the roll-up, in order.
var SummaryHeader = []string{"项目名称", "单位", "表单类型", "预算数", "执行数", "执行率(%)", "总分", "评分等级", "错误", "警告", "文件", "说明"}

// Values returns the row's cells in SummaryHeader order: decimals as
// float64 for the spreadsheet (display only), blanks as nil.
func (r SummaryRow) Values() []any {
	num := func(d *decimal.Decimal) any {
		if d == nil {
			return nil
		}
		return d.Round(2).InexactFloat64()
	}
	return []any{r.Project, r.Unit, r.Kind, num(r.Budget), num(r.Spent), num(r.Rate), num(r.Total), r.Grade,
		r.Errors, r.Warnings, r.File, r.Problem}
}

// Summary builds the roll-up workbook: a sheet 汇总 with one row per form
// (text is always stored as text, so "=…" never becomes a formula), a totals
// line, and a sheet 等级分布 with the count per grade and a column chart.
func Summary(rows []SummaryRow, grades []string) (*excelize.File, error) {
	f := excelize.NewFile()
	const sh, dist = "汇总", "等级分布"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "宋体"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}})
	if err != nil {
		return nil, err
	}
	for i, h := range SummaryHeader {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sh, cell, h); err != nil {
			return nil, err
		}
	}
	if err := f.SetCellStyle(sh, "A1", "L1", bold); err != nil {
		return nil, err
	}
	count := map[string]int{}
	for i, r := range rows {
		for j, v := range r.Values() {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if s, ok := v.(string); ok {
				err = f.SetCellStr(sh, cell, s)
			} else if v != nil {
				err = f.SetCellValue(sh, cell, v)
			}
			if err != nil {
				return nil, err
			}
		}
		if r.Grade != "" {
			count[r.Grade]++
		}
	}
	last := len(rows) + 1
	if len(rows) > 0 {
		t := last + 1
		if err := f.SetCellStr(sh, fmt.Sprintf("A%d", t), fmt.Sprintf("合计（%d 份）", len(rows))); err != nil {
			return nil, err
		}
		for _, col := range []string{"I", "J"} { // amounts of different kinds (万元, 元) do not add up
			if err := f.SetCellFormula(sh, fmt.Sprintf("%s%d", col, t), fmt.Sprintf("SUM(%s2:%s%d)", col, col, last)); err != nil {
				return nil, err
			}
		}
		if err := f.SetCellStyle(sh, fmt.Sprintf("A%d", t), fmt.Sprintf("L%d", t), bold); err != nil {
			return nil, err
		}
	}
	for col, w := range map[string]float64{"A": 28, "B": 28, "C": 10, "D": 12, "E": 12, "F": 10, "G": 8, "H": 8, "I": 6, "J": 6, "K": 36, "L": 40} {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return nil, err
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(dist); err != nil {
		return nil, err
	}
	if err := f.SetSheetRow(dist, "A1", &[]any{"评分等级", "份数"}); err != nil {
		return nil, err
	}
	for i, g := range grades {
		if err := f.SetSheetRow(dist, fmt.Sprintf("A%d", i+2), &[]any{g, count[g]}); err != nil {
			return nil, err
		}
	}
	n := len(grades) + 1
	err = f.AddChart(dist, "D2", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("'%s'!$B$1", dist),
			Categories: fmt.Sprintf("'%s'!$A$2:$A$%d", dist, n),
			Values:     fmt.Sprintf("'%s'!$B$2:$B$%d", dist, n),
		}},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "评分等级分布"}}},
		Legend: excelize.ChartLegend{Position: "none"},
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}
