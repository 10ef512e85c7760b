package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// A compact builder of form.Form values laid out like our templates, so that
// tests name real cells. A value string is read like a typed cell:
//
//	"161.05"         a number cell
//	"1,040,000.00"   a number cell shown with separators
//	"%0.9875"        a percent-formatted number cell (stored 0.9875)
//	"=SUM(D7:D9)|12" a formula with cached value 12 ("" for none)
//	"'100"           text that looks like a number
//	anything else    text
type builder struct {
	f      *form.Form
	first  int        // first table line
	rows   [][]string // table rows as column texts
	groups []string   // sh2019: group label per row
	footer []string   // footer field values by Kind.Footer order
	fields map[string]string
	edits  []func(*form.Form) // applied after the layout
}

const testSheet = "表"

func cellOf(ref, s string) form.Cell {
	c := form.Cell{Sheet: testSheet, Ref: ref}
	if s == "" {
		return c
	}
	if f, cached, ok := strings.Cut(s, "|"); ok && strings.HasPrefix(f, "=") {
		c = cellOf(ref, cached)
		c.Formula = strings.TrimPrefix(f, "=")
		return c
	}
	if t, ok := strings.CutPrefix(s, "'"); ok {
		c.Text, c.Raw = t, t
		return c
	}
	if p, ok := strings.CutPrefix(s, "%"); ok {
		v := decimal.RequireFromString(p)
		c.Text, c.Raw, c.Number, c.Percent = v.Mul(decimal.NewFromInt(100)).StringFixed(2)+"%", p, true, true
		return c
	}
	if v, err := decimal.NewFromString(strings.ReplaceAll(s, ",", "")); err == nil && !strings.ContainsAny(s, "eE") {
		c.Text, c.Raw, c.Number = s, v.String(), true
		return c
	}
	c.Text, c.Raw = s, s
	return c
}

// mofFields are the mof2020 header cells of the template.
var mofFields = map[string]string{"project": "C3", "department": "C4", "unit": "F4", "goal": "B11", "achieved": "F11"}

// mof starts a valid mof2020 form: header filled, funds 100/100/100 from the
// appropriation, four rows 成本 20 / 产出 30 / 效益 30 / 满意度 10, footer
// blank. Rows added with row() replace the default rows.
func mof() *builder {
	f := &form.Form{Kind: form.MOF2020, Path: "t.xlsx", Sheet: testSheet, Fields: map[string]form.Cell{}, Grid: map[string]map[string]form.Cell{}}
	b := &builder{f: f, first: 13, fields: map[string]string{}}
	b.fields = map[string]string{"project": "测试项目", "department": "测试主管部门", "unit": "测试实施单位", "goal": "预期目标", "achieved": "实际完成情况"}
	for i, r := range form.MOF2020.Grid.Rows {
		f.Grid[r.Key] = map[string]form.Cell{}
		for _, col := range form.MOF2020.Grid.Cols {
			f.Grid[r.Key][col.Key] = cellOf(fmt.Sprintf("%s%d", col.Col, 6+i), "")
		}
	}
	b.grid("total", "100", "100", "100").grid("appropriation", "100", "100", "100").
		grid("carryover", "0", "0", "0").grid("other", "0", "0", "0")
	return b
}

// defaultMOFRows are used when a test adds none.
var defaultMOFRows = [][]string{
	{"成本指标", "经济成本指标", "成本控制", "相关经费按照标准执行", "达成指标", "20", "20", ""},
	{"产出指标", "数量指标", "完成数量", "≥10(个)", "10(个)", "30", "30", ""},
	{"效益指标", "社会效益指标", "支撑作用", "有效支撑", "达成指标", "30", "30", ""},
	{"满意度指标", "服务对象满意度指标", "满意度", "≥90(%)", "95(%)", "10", "10", ""},
}

// field sets a header field.
func (b *builder) field(key, v string) *builder { b.fields[key] = v; return b }

// grid sets the three amounts of a funds row.
func (b *builder) grid(row, initial, budget, spent string) *builder {
	return b.gridCell(row, "initial", initial).gridCell(row, "budget", budget).gridCell(row, "spent", spent)
}

// gridCell sets one cell of the funds block.
func (b *builder) gridCell(row, col, v string) *builder {
	cell := b.f.Grid[row][col]
	b.f.Grid[row][col] = cellOf(cell.Ref, v)
	return b
}

// row adds a table row: the column texts in the kind's column order.
func (b *builder) row(cells ...string) *builder { b.rows = append(b.rows, cells); return b }

// noRows leaves the table empty.
func (b *builder) noRows() *builder { b.rows = [][]string{}; return b }

// grouped adds an sh2019 row under a group label.
func (b *builder) grouped(group string, cells ...string) *builder {
	b.groups = append(b.groups, group)
	return b.row(cells...)
}

// foot sets the footer values in Kind.Footer order.
func (b *builder) foot(v ...string) *builder { b.footer = v; return b }

// stamped marks the form as our own template.
func (b *builder) stamped() *builder {
	b.f.Stamp = &form.Stamp{Kind: b.f.Kind.Name, Version: "1", Year: "2024", Profile: "default"}
	return b
}

// problem adds a reader problem.
func (b *builder) problem(p form.Problem) *builder { b.f.Problems = append(b.f.Problems, p); return b }

// build lays the form out.
func (b *builder) build() *form.Form {
	k := b.f.Kind
	rows := b.rows
	if rows == nil && k == form.MOF2020 {
		rows = defaultMOFRows
	}
	refs := mofFields
	if k == form.SH2019 {
		refs = shFields
	}
	for key, ref := range refs {
		b.f.Fields[key] = cellOf(ref, b.fields[key])
	}
	b.f.Rows = nil
	for i, cells := range rows {
		line := b.first + i
		row := k.Table.NewRow(line)
		for j, col := range k.Table.Columns {
			v := ""
			if j < len(cells) {
				v = cells[j]
			}
			row.Cells[j] = cellOf(fmt.Sprintf("%s%d", col.Col, line), v)
		}
		if i < len(b.groups) {
			row.Group = b.groups[i]
		}
		b.f.Rows = append(b.f.Rows, row)
	}
	end := b.first + len(rows)
	for i, fd := range k.Footer {
		col := ""
		if fd.InColumn != "" {
			col = k.Table.Column(fd.InColumn).Col
		} else {
			col, _ = form.Cols(fd.ValueAt)
		}
		v := ""
		if i < len(b.footer) {
			v = b.footer[i]
		}
		b.f.Fields[fd.Key] = cellOf(fmt.Sprintf("%s%d", col, end+fd.Row), v)
	}
	for _, e := range b.edits {
		e(b.f)
	}
	return b.f
}

// edit changes the laid-out form, for what the builder cannot say.
func (b *builder) edit(e func(*form.Form)) *builder { b.edits = append(b.edits, e); return b }

// check builds the form and checks it with the default profile in Chinese.
func (b *builder) check() *Result { return Check(b.build(), DefaultProfile(), Chinese) }

// summary renders findings as "severity code cell" lines for whole-value
// comparison.
func summary(fs []form.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s", f.Severity, f.Code, f.Cell))
	}
	return out
}

func writesSummary(ws []form.Write) []string {
	out := []string{}
	for _, w := range ws {
		v := w.Text
		if w.Number != nil {
			v = w.Number.StringFixed(2)
		}
		out = append(out, w.Ref+"="+v)
	}
	return out
}

func equalLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// shFields are the sh2019 header cells of the template.
var shFields = map[string]string{
	"project": "B2", "unit": "E2", "division": "B3", "recurring": "E3", "budget": "B4", "prior_budget": "E4",
	"spent": "B5", "rate": "E5", "goal": "B6", "date": "B7", "grade": "E7", "performance": "B8",
	"problems": "B9", "measures": "B10",
}

// sh starts a valid sh2019 form: header filled, budget 1000 spent 900, no
// rows (add them with grouped), footer blank.
func sh() *builder {
	f := &form.Form{Kind: form.SH2019, Path: "t.xlsx", Sheet: testSheet, Fields: map[string]form.Cell{}}
	b := &builder{f: f, first: 12, rows: [][]string{}}
	b.fields = map[string]string{
		"project": "测试项目", "unit": "测试单位", "division": "测试处", "recurring": "是",
		"budget": "1000", "prior_budget": "", "spent": "900", "goal": "总目标", "date": "2020-3-31",
		"performance": "主要绩效", "problems": "主要问题", "measures": "改进措施",
	}
	return b
}

// shFull adds one full-score row per category with the default weights.
func (b *builder) shFull() *builder {
	return b.grouped("投入与管理（36分）", "投入与管理", "投入", "解释", "36", "36", "").
		grouped("产出目标（34分）", "产出目标", "产出", "解释", "34", "34", "").
		grouped("效果目标（15分）", "效果目标", "效果", "解释", "15", "15", "").
		grouped("影响力目标（15分）", "影响力目标", "影响力", "解释", "15", "15", "")
}

// wantFindings checks the whole list of findings of b's form ("severity code
// cell" lines); nil means none.
func wantFindings(t *testing.T, b *builder, want []string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	equalLines(t, "findings", summary(b.check().Findings), want)
}
