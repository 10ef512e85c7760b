package workbook

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
)

// ResultSheet is the sheet the write-back fills with the summary and the
// findings. It is replaced on every write-back and is not protected.
const ResultSheet = "校验结果"

// resultWidths are the column widths of ResultSheet: 序号, 级别, 代码,
// 单元格, 说明, 建议.
var resultWidths = []float64{10, 8, 26, 16, 60, 40}

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
	// What the form's 评分等级 shows meanwhile: 待更正, or the grade the
	// person wrote, which stays theirs (its note says it does not count).
	shows := fmt.Sprintf("评分等级显示“%s”", gradePending)
	for _, x := range out.Findings {
		if x.Code == "grade.ungraded" {
			shows = fmt.Sprintf("评分等级中填写的“%s”不作数，见该单元格的批注", strings.TrimSpace(fm.Fields["grade"].Text))
			break
		}
	}
	switch n := counts[form.Error]; {
	case n > 0:
		grade = gradePending // a form with errors is not graded
		alert = fmt.Sprintf("本表未通过校验：有 %d 个错误须更正后重新提交，更正前不评定等级（%s）。", n, shows)
	case strictFail:
		grade = gradePending
		alert = fmt.Sprintf("本表未通过校验：按严格要求，%d 个警告须更正后重新提交，更正前不评定等级（%s）。", counts[form.Warning], shows)
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

// gradePending is what 评分等级 shows for a form with error findings.
const gradePending = "待更正"

// rowHeight returns the height in points of a result row whose 说明 and 建议
// wrap in their columns: a CJK character takes about two width units.
func rowHeight(message, hint string) float64 {
	lines := 1
	for i, text := range []string{message, hint} {
		// A little less than the column holds: the cell's padding, and
		// lines wrap at word and glyph boundaries, not at the exact width.
		width := resultWidths[4+i] - 2
		n := 0
		for more := true; more; {
			var para string
			para, text, more = strings.Cut(text, "\n")
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
