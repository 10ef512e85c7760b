package workbook

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// ResultSheet is the sheet the write-back fills with the summary and the
// findings. It is replaced on every write-back and is not protected.
const ResultSheet = "校验结果"

// resultWidths are the column widths of ResultSheet: 序号, 级别, 代码,
// 单元格, 说明, 建议.
var resultWidths = []float64{10, 8, 26, 16, 60, 40}

// writeResults creates ResultSheet (replacing an old one) right after the
// form sheet and fills it. Its content depends only on the form and the
// outcome, so that re-running gives the same sheet.
func writeResults(f *excelize.File, fm *form.Form, out form.Outcome) error {
	if old := findSheet(f, ResultSheet); old != "" {
		if err := f.DeleteSheet(old); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(ResultSheet); err != nil {
		return err
	}
	if err := placeAfter(f, ResultSheet, fm.Sheet); err != nil {
		return err
	}
	st, err := newResultStyles(f)
	if err != nil {
		return err
	}
	for i, w := range resultWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(ResultSheet, col, col, w); err != nil {
			return err
		}
	}
	alert, summary := resultHead(fm, out)
	if err := f.SetCellStr(ResultSheet, "A1", "校验结果"); err != nil {
		return err
	}
	if err := f.SetCellStyle(ResultSheet, "A1", "A1", st.title); err != nil {
		return err
	}
	if alert != "" {
		if err := f.SetCellStr(ResultSheet, "A2", alert); err != nil {
			return err
		}
		if err := f.SetCellStyle(ResultSheet, "A2", "A2", st.alert); err != nil {
			return err
		}
	}
	row := 3
	for _, kv := range summary {
		a, b := ref(row-1, 0), ref(row-1, 1)
		if err := f.SetCellStr(ResultSheet, a, kv[0].(string)); err != nil {
			return err
		}
		var err error
		valueStyle := st.value
		if d, ok := kv[1].(decimal.Decimal); ok {
			err, valueStyle = f.SetCellDefault(ResultSheet, b, d.StringFixed(2)), st.num
		} else {
			err = f.SetCellValue(ResultSheet, b, kv[1])
		}
		if err != nil {
			return err
		}
		if err := f.MergeCell(ResultSheet, b, ref(row-1, len(resultWidths)-1)); err != nil {
			return err
		}
		if err := f.SetCellStyle(ResultSheet, a, a, st.label); err != nil {
			return err
		}
		if err := f.SetCellStyle(ResultSheet, b, ref(row-1, len(resultWidths)-1), valueStyle); err != nil {
			return err
		}
		row++
	}
	row++
	header := []any{"序号", "级别", "代码", "单元格", "说明", "建议"}
	if err := f.SetSheetRow(ResultSheet, ref(row-1, 0), &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(ResultSheet, ref(row-1, 0), ref(row-1, len(header)-1), st.header); err != nil {
		return err
	}
	if err := printSetup(f); err != nil {
		return err
	}
	if err := f.SetPanes(ResultSheet, &excelize.Panes{
		Freeze: true, YSplit: row, TopLeftCell: ref(row, 0), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: ref(row, 0), ActiveCell: ref(row, 0), Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	for i, x := range out.Findings {
		row++
		sh, at, where, ok := findingPlace(x, fm.Sheet)
		vals := []any{i + 1, severityLabel[x.Severity], x.Code, where, x.Message, x.Hint}
		for j, v := range vals {
			if v == "" {
				vals[j] = nil // a blank cell, not an empty string
			}
		}
		if err := f.SetSheetRow(ResultSheet, ref(row-1, 0), &vals); err != nil {
			return err
		}
		if err := f.SetCellStyle(ResultSheet, ref(row-1, 0), ref(row-1, len(vals)-1), st.body); err != nil {
			return err
		}
		// Spreadsheet programs do not grow a row for wrapped text written by a
		// program, so give each row the height its longest text needs.
		if err := f.SetRowHeight(ResultSheet, row, rowHeight(x.Message, x.Hint)); err != nil {
			return err
		}
		if ok && findSheet(f, sh) != "" {
			link := quoteSheet(sh) + "!" + at
			if err := f.SetCellHyperLink(ResultSheet, ref(row-1, 3), link, "Location",
				excelize.HyperlinkOpts{Tooltip: &link}); err != nil {
				return err
			}
			if err := f.SetCellStyle(ResultSheet, ref(row-1, 3), ref(row-1, 3), st.link); err != nil {
				return err
			}
		}
	}
	if len(out.Findings) == 0 {
		row++
		if err := f.SetCellStr(ResultSheet, ref(row-1, 0), "未发现问题"); err != nil {
			return err
		}
	}
	return nil
}

// resultHead is what the result sheet opens with: the line saying what must
// be fixed before the form is graded ("" when nothing must), and the
// summary rows (label, value: a string, an int or the total).
func resultHead(fm *form.Form, out form.Outcome) (alert string, summary [][2]any) {
	counts := map[form.Severity]int{}
	for _, x := range out.Findings {
		counts[x.Severity]++
	}
	kind := ""
	if fm.Kind != nil {
		kind = fm.Kind.Name + "（" + fm.Kind.Official + "）"
	}
	profile := out.Profile
	if out.ProfileHash != "" {
		profile += "（" + out.ProfileHash + "）"
	}
	grade := out.Grade
	strictFail := out.Strict && counts[form.Error] == 0 && counts[form.Warning] > 0
	switch n := counts[form.Error]; {
	case n > 0:
		grade = gradePending // a form with errors is not graded
		alert = fmt.Sprintf("本表未通过校验：有 %d 个错误须更正后重新提交，更正前不评定等级（评分等级显示“%s”）。", n, gradePending)
	case strictFail:
		grade = gradePending
		alert = fmt.Sprintf("本表未通过校验：按严格要求，%d 个警告须更正后重新提交，更正前不评定等级（评分等级显示“%s”）。", counts[form.Warning], gradePending)
	}
	return alert, [][2]any{
		{"项目名称", fm.Fields["project"].Text},
		{"表单类型", kind},
		{"总分", out.Total},
		{"评分等级", grade},
		{"错误", counts[form.Error]},
		{"警告", counts[form.Warning]},
		{"提示", counts[form.Info]},
		{"规则配置", profile},
		{"工具版本", out.Version},
		{"输入指纹", out.InputHash},
	}
}

// findingPlace returns the sheet and cell a finding points at (ok is false
// when it names no cell) and how the result sheet shows them.
func findingPlace(x form.Finding, formSheet string) (sh, at, where string, ok bool) {
	sh = x.Sheet
	if sh == "" {
		sh = formSheet
	}
	if at, ok = cleanRef(x.Cell); ok {
		where = sh + "!" + at
	}
	return sh, at, where, ok
}

// quoteSheet quotes a sheet name for a reference: 'name' with ' doubled.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// placeAfter moves sheet, the last one, right after anchor. excelize's
// MoveSheet leaves the names scoped to a sheet at their old index, so those
// of the sheets that move one on are moved with them.
func placeAfter(f *excelize.File, sheet, anchor string) error {
	list := f.GetSheetList()
	for i, n := range list {
		if n != anchor {
			continue
		}
		if i+1 < len(list) && list[i+1] != sheet {
			if list[len(list)-1] != sheet {
				return i18n.Errorf("工作表「%s」不是最后一个", "the sheet %q is not the last one", sheet)
			}
			if err := f.MoveSheet(sheet, list[i+1]); err != nil {
				return err
			}
			if f.WorkBook != nil && f.WorkBook.DefinedNames != nil {
				for j, dn := range f.WorkBook.DefinedNames.DefinedName {
					if id := dn.LocalSheetID; id != nil && *id > i && *id < len(list)-1 {
						next := *id + 1
						f.WorkBook.DefinedNames.DefinedName[j].LocalSheetID = &next
					}
				}
			}
		}
		return nil
	}
	return i18n.Errorf("工作表「%s」不存在", "there is no sheet %q", anchor)
}

// gradePending is what 评分等级 shows for a form with error findings.
const gradePending = "待更正"

type resultStyles struct{ title, label, value, num, header, body, link, alert int }

func newResultStyles(f *excelize.File) (resultStyles, error) {
	font := func(bold bool, size float64, color string) *excelize.Font {
		return &excelize.Font{Bold: bold, Size: size, Family: "宋体", Color: color}
	}
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	defs := []*excelize.Style{
		{Font: font(true, 14, "")},
		{Font: font(true, 11, ""), Alignment: wrap},
		{Font: font(false, 11, ""), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top", Horizontal: "left"}},
		{Font: font(false, 11, ""), NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}},
		{Font: font(true, 11, ""), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}},
		{Font: font(false, 11, ""), Border: border, Alignment: wrap},
		{Font: &excelize.Font{Size: 11, Family: "宋体", Color: "0563C1", Underline: "single"}, Border: border, Alignment: wrap},
		{Font: font(true, 12, "C00000")},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return resultStyles{}, err
		}
		ids[i] = id
	}
	return resultStyles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]}, nil
}

// printSetup prints the results landscape on A4, one page wide, so the
// 说明 and 建议 columns stay beside the rows they explain.
func printSetup(f *excelize.File) error {
	size, orient, wide, tall := 9, "landscape", 1, 0
	if err := f.SetPageLayout(ResultSheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return err
	}
	fit := true
	return f.SetSheetProps(ResultSheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// rowHeight returns the height in points of a result row whose 说明 and 建议
// wrap in their columns: a CJK character takes about two width units.
func rowHeight(message, hint string) float64 {
	lines := 1
	for i, text := range []string{message, hint} {
		// A little less than the column holds: the cell's padding, and
		// lines wrap at word and glyph boundaries, not at the exact width.
		width := resultWidths[4+i] - 2
		n := 0
		for _, para := range strings.Split(text, "\n") {
			units := 0.0
			for _, r := range para {
				if r < 0x80 {
					units += 1.1
				} else {
					units += 2.2 // a CJK glyph of 宋体 is about two digits wide, and a little more
				}
			}
			n += int(units/width) + 1
		}
		lines = max(lines, n)
	}
	return float64(lines) * 16
}
