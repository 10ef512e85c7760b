package season

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// A review workbook (复核工作簿) has a sheet 说明, one sheet per sampled form
// with its indicators, the unit's self-scores and open 复核得分 / 复核意见
// cells (everything else locked, like a template), and the very hidden
// sheet MarkSheet that says which form each sheet is.
const (
	MarkSheet  = "_selfeval_review"
	GuideSheet = "说明"
	firstRow   = 5 // the first item row of a form sheet
)

// ReviewForm is one form to re-review.
type ReviewForm struct {
	Sheet      string // the review workbook's sheet for it (set by BuildReview)
	File       string // the form's file, as the roll-up names it
	FormSheet  string // the form's sheet in that file
	Project    string
	Unit       string
	Department string
	Kind       string
	Notes      string // the reviewer's checks (review.*) of the form, short labels
	Items      []ReviewItem
}

// ReviewItem is one scored line of a form: the execution rate or an
// indicator.
type ReviewItem struct {
	Level1, Level2, Name string
	Target, Actual       string
	Weight, Self         decimal.Decimal
	Review               *decimal.Decimal // the reviewer's score; nil when not given
	Opinion              string
}

// Deviation is (自评 − 复核) ÷ 自评 in percent, nil when there is no review
// score or the self-score is 0.
func Deviation(self decimal.Decimal, review *decimal.Decimal) *decimal.Decimal {
	if review == nil || self.IsZero() {
		return nil
	}
	d := self.Sub(*review).Div(self).Mul(decimal.NewFromInt(100)).Round(2)
	return &d
}

var header = []string{"序号", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分", "复核得分", "复核意见"}

// sheetName is a sheet name for the n-th form: "01 项目名称", cut to
// Excel's 31 characters, without the characters Excel refuses.
func sheetName(n int, project string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(project))
	name := fmt.Sprintf("%02d %s", n, clean)
	for utf8.RuneCountInString(name) > 31 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return strings.TrimSpace(name)
}

// BuildReview makes the review workbook of forms; password (may be "")
// protects its sheets.
func BuildReview(forms []ReviewForm, password string) (*excelize.File, error) {
	f := excelize.NewFile()
	b := &builder{f: f}
	b.do(func() error { return f.SetSheetName("Sheet1", GuideSheet) })
	bold := b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "宋体"}, Border: borders(),
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		Protection: &excelize.Protection{Locked: true}})
	text := b.style(&excelize.Style{Font: &excelize.Font{Family: "宋体"}, Border: borders(), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Protection: &excelize.Protection{Locked: true}})
	number := b.style(&excelize.Style{Font: &excelize.Font{Family: "宋体"}, Border: borders(), NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top"},
		Protection: &excelize.Protection{Locked: true}})
	openNum := b.style(&excelize.Style{Font: &excelize.Font{Family: "宋体"}, Border: borders(), NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Protection: &excelize.Protection{Locked: false}})
	openText := b.style(&excelize.Style{Font: &excelize.Font{Family: "宋体"}, Border: borders(), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Protection: &excelize.Protection{Locked: false}})
	guide := [][]any{
		{"复核工作簿"},
		{"每个工作表是一份抽查的自评表。请在黄色的“复核得分”“复核意见”单元格填写复核结果，其他单元格已锁定。"},
		{"填好后运行 selfeval review 本文件.xlsx，得到每个指标和每份表的偏离度（(自评 − 复核) ÷ 自评）和差值表。"},
		{},
		{"工作表", "项目名称", "实施单位", "主管部门", "文件", "复核提示"},
	}
	used := map[string]bool{GuideSheet: true, MarkSheet: true}
	for i := range forms {
		name := sheetName(i+1, forms[i].Project)
		for n := 2; used[name]; n++ {
			name = sheetName(i+1, forms[i].Project+"-"+strconv.Itoa(n))
		}
		used[name] = true
		forms[i].Sheet = name
		guide = append(guide, []any{name, forms[i].Project, forms[i].Unit, forms[i].Department, forms[i].File, forms[i].Notes})
	}
	for r, values := range guide {
		b.row(GuideSheet, r+1, values, 0)
	}
	b.do(func() error { return f.SetColWidth(GuideSheet, "A", "F", 28) })
	for _, fm := range forms {
		s := fm.Sheet
		b.do(func() error { _, err := f.NewSheet(s); return err })
		b.row(s, 1, []any{"复核表：" + fm.Project}, 0)
		b.row(s, 2, []any{"实施单位", fm.Unit, "", "主管部门", fm.Department})
		b.row(s, 3, []any{"文件", fm.File, "", "表单类型", fm.Kind, "", "复核提示", fm.Notes})
		b.row(s, 4, toAny(header), bold)
		for i, it := range fm.Items {
			r := firstRow + i
			b.row(s, r, []any{i + 1, it.Level1, it.Level2, it.Name, it.Target, it.Actual}, text)
			b.row(s, r, []any{nil, nil, nil, nil, nil, nil, it.Weight.InexactFloat64(), it.Self.InexactFloat64()}, number)
			cell := fmt.Sprintf("I%d", r)
			b.do(func() error { return f.SetCellStyle(s, cell, cell, openNum) })
			b.do(func() error { return f.SetCellStyle(s, fmt.Sprintf("J%d", r), fmt.Sprintf("J%d", r), openText) })
			dv := excelize.NewDataValidation(true)
			dv.Sqref = cell
			b.do(func() error {
				return dv.SetRange(0, it.Weight.InexactFloat64(), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
			})
			dv.SetError(excelize.DataValidationErrorStyleStop, "复核得分", "复核得分应在 0 到分值之间")
			b.do(func() error { return f.AddDataValidation(s, dv) })
		}
		last := firstRow + len(fm.Items)
		b.row(s, last, []any{"合计"}, bold)
		b.do(func() error { return f.MergeCell(s, fmt.Sprintf("A%d", last), fmt.Sprintf("F%d", last)) })
		for _, col := range []string{"G", "H", "I"} {
			cell := fmt.Sprintf("%s%d", col, last)
			formula := fmt.Sprintf("SUM(%s%d:%s%d)", col, firstRow, col, last-1)
			b.do(func() error { return f.SetCellFormula(s, cell, formula) })
			b.do(func() error { return f.SetCellStyle(s, cell, cell, number) })
		}
		for col, w := range map[string]float64{"A": 6, "B": 12, "C": 14, "D": 24, "E": 14, "F": 14, "G": 8, "H": 9, "I": 9, "J": 30} {
			b.do(func() error { return f.SetColWidth(s, col, col, w) })
		}
		b.do(func() error {
			return f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: firstRow - 1, TopLeftCell: fmt.Sprintf("A%d", firstRow), ActivePane: "bottomLeft"})
		})
	}
	// the mark: which form each sheet is
	b.do(func() error { _, err := f.NewSheet(MarkSheet); return err })
	b.row(MarkSheet, 1, []any{"sheet", "file", "form_sheet", "project", "unit", "department", "kind", "items", "notes"}, 0)
	for i, fm := range forms {
		b.row(MarkSheet, i+2, []any{fm.Sheet, fm.File, fm.FormSheet, fm.Project, fm.Unit, fm.Department, fm.Kind, strconv.Itoa(len(fm.Items)), fm.Notes}, 0)
	}
	b.do(func() error { return f.SetSheetVisible(MarkSheet, false, true) })
	for _, s := range f.GetSheetList() {
		opts := &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true}
		if password != "" {
			opts.AlgorithmName, opts.Password = "SHA-512", password
		}
		b.do(func() error { return f.ProtectSheet(s, opts) })
	}
	b.do(func() error {
		return f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true, Password: password, AlgorithmName: "SHA-512"})
	})
	f.SetActiveSheet(0)
	if b.err != nil {
		f.Close()
		return nil, b.err
	}
	return f, nil
}

func borders() []excelize.Border {
	var out []excelize.Border
	for _, t := range []string{"left", "right", "top", "bottom"} {
		out = append(out, excelize.Border{Type: t, Color: "000000", Style: 1})
	}
	return out
}

// ErrNotReview says a workbook is not a review workbook.
var ErrNotReview = errors.New("not a review workbook")

// IsReview reports whether the workbook at path is a review workbook.
func IsReview(path string) bool {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return false
	}
	defer f.Close()
	idx, err := f.GetSheetIndex(MarkSheet)
	return err == nil && idx >= 0
}

// ReadReview reads a filled review workbook back: every form with its
// items, the reviewer's scores (nil where blank) and opinions. A score that
// is not a number is an error naming its sheet and cell.
func ReadReview(path string) ([]ReviewForm, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if idx, err := f.GetSheetIndex(MarkSheet); err != nil || idx < 0 {
		return nil, ErrNotReview
	}
	marks, err := f.GetRows(MarkSheet)
	if err != nil {
		return nil, err
	}
	var out []ReviewForm
	var problems []string
	for _, m := range marks[min(1, len(marks)):] {
		for len(m) < 9 {
			m = append(m, "")
		}
		fm := ReviewForm{Sheet: m[0], File: m[1], FormSheet: m[2], Project: m[3], Unit: m[4], Department: m[5], Kind: m[6], Notes: m[8]}
		n, _ := strconv.Atoi(m[7])
		for i := range n {
			r := firstRow + i
			get := func(col string) string {
				v, _ := f.GetCellValue(fm.Sheet, fmt.Sprintf("%s%d", col, r), excelize.Options{RawCellValue: true})
				return strings.TrimSpace(v)
			}
			it := ReviewItem{Level1: get("B"), Level2: get("C"), Name: get("D"), Target: get("E"), Actual: get("F"), Opinion: get("J")}
			it.Weight, _ = decimal.NewFromString(get("G"))
			it.Self, _ = decimal.NewFromString(get("H"))
			if v := get("I"); v != "" {
				d, err := decimal.NewFromString(v)
				if err != nil {
					problems = append(problems, fmt.Sprintf("%s!I%d：复核得分“%s”不是数值", fm.Sheet, r, v))
				} else {
					it.Review = &d
				}
			}
			fm.Items = append(fm.Items, it)
		}
		out = append(out, fm)
	}
	if len(problems) > 0 {
		return out, errors.New(strings.Join(problems, "；"))
	}
	return out, nil
}

// Totals returns a form's self total, review total (a blank review score
// counts as the self-score) and how many items have no review score.
func (fm ReviewForm) Totals() (self, review decimal.Decimal, blank int) {
	for _, it := range fm.Items {
		self = self.Add(it.Self)
		if it.Review == nil {
			review = review.Add(it.Self)
			blank++
		} else {
			review = review.Add(*it.Review)
		}
	}
	return self, review, blank
}

type builder struct {
	f   *excelize.File
	err error
}

func (b *builder) do(fn func() error) {
	if b.err == nil {
		b.err = fn()
	}
}

func (b *builder) style(s *excelize.Style) int {
	var id int
	b.do(func() (err error) { id, err = b.f.NewStyle(s); return err })
	return id
}

// row writes values from column A: strings as text, nil as nothing; style
// (when given and not 0) on the written cells.
func (b *builder) row(sheet string, r int, values []any, style ...int) {
	for c, v := range values {
		cell, _ := excelize.CoordinatesToCellName(c+1, r)
		switch x := v.(type) {
		case nil:
			continue
		case string:
			b.do(func() error { return b.f.SetCellStr(sheet, cell, x) })
		default:
			b.do(func() error { return b.f.SetCellValue(sheet, cell, x) })
		}
		if len(style) > 0 && style[0] != 0 {
			b.do(func() error { return b.f.SetCellStyle(sheet, cell, cell, style[0]) })
		}
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
