package form

import (
	"fmt"
	"sort"
	"strings"
)

// Type says what a cell holds; it decides the template's validation and
// number format and how the reader and the rule book interpret the value.
type Type string

// Value types.
const (
	Text     Type = "text"     // short text
	LongText Type = "longtext" // wrapped narrative text
	Amount   Type = "amount"   // money, >= 0, 2 decimals
	Percent  Type = "percent"  // a rate in percent units (77.83 means 77.83%)
	Score    Type = "score"    // points, 0..100, 2 decimals
	Date     Type = "date"     // a calendar date
	YesNo    Type = "yesno"    // 是 / 否
	Level1   Type = "level1"   // 一级指标 from the taxonomy
	Level2   Type = "level2"   // 二级指标 from the taxonomy, dependent on 一级
	Target   Type = "target"   // 年度指标值: quantitative (≥6.00(个)) or qualitative text
	Actual   Type = "actual"   // 实际完成值: a number with unit, or an outcome (达成指标 …)
	Grade    Type = "grade"    // 优 / 良 / 中 / 差
)

// Kind is the definition of one form kind: its labels, where the template
// puts them, which cells are input and which are computed. The template
// builder, the reader and the rule book all work from it.
type Kind struct {
	Name     string   // stable key, e.g. "mof2020"
	Official string   // official name, for help text
	Title    string   // the title text that identifies a foreign workbook
	Heading  []string // title lines of the template; "{year}" is replaced
	Sheet    string   // sheet name in our template
	Unit     string   // money unit shown in labels: "万元" or "元"
	Widths   []float64
	Statics  []Static // fixed label cells not tied to a field
	Fields   []Field  // single-valued cells above the table
	Grid     *Grid    // the funds block, nil if the kind has none
	Table    Table    // the indicator table
	Footer   []Field  // cells after the table; Row counts from the first row after the table (0)

	// TitleAliases are shorter or regional titles that also identify the
	// kind in a foreign workbook.
	TitleAliases []string
	// LabelColon says the paper form ends field labels with a full-width
	// colon (项目名称：); the reader ignores it either way.
	LabelColon bool
}

// Static is a fixed label of the template.
type Static struct {
	At   string // cell or range, e.g. "A10:A11"
	Text string
}

// Field is a single-valued cell identified by its label.
type Field struct {
	Key      string
	Label    string   // official label text (without a trailing colon)
	Aliases  []string // label variants seen in real forms
	Type     Type
	Computed bool   // the tool computes it: locked, with a live formula in the template
	Required bool   // the rule book reports it when blank
	Prompt   string // input message shown in the spreadsheet
	Row      int    // template row (for Footer fields: offset from the row after the table)
	LabelAt  string // label columns, e.g. "A:B"; "" when another field on the row already carries the label
	ValueAt  string // value columns, e.g. "C:H"
	Below    bool   // the value sits in the row below the label, in the label's columns
	InColumn string // the value sits in this table column (by Column.Key) on the label's row
	Height   float64
	Formula  string // live formula (without "="); see Expand for placeholders
	Value    string // fixed content for a computed cell without formula
	Optional bool   // published forms may leave it out: the reader reports no missing label
	// Signed are the labels of a line that names who filled the form in
	// (填报单位（盖章）：某某中心), read only as 标签：值 in one cell with a
	// value, and only when the field's own labels are nowhere: a stamp line
	// is often blank above the form's own field.
	Signed []string
	// Beside are the labels of a block whose texts stand right of its
	// label without heads of their own (年度总体目标 | goal | achieved, in
	// Beijing's older form); the field is the BesideAt-th of them (from 0),
	// read only when the field's own labels are nowhere.
	Beside   []string
	BesideAt int
}

// Grid is a block of cells addressed by a row label and a column header (the
// mof2020 funds block).
type Grid struct {
	Label    string // block label left of the grid, e.g. "项目资金（万元）"
	LabelAt  string // its columns, e.g. "A"; it spans the header and all rows
	Row      int    // template row of the column headers
	RowLabel string // column of the row labels, e.g. "B"
	Cols     []GridCol
	Rows     []GridRow
}

// GridReason is the key under which the reader puts the 偏差原因 cell of a
// funds block that has one (the Sichuan form); it is no column of our
// template.
const GridReason = "reason"

// GridExtra prefixes the key (GridExtra + the row label) under which the
// reader puts a source row of a funds block that the kind does not know
// (财政专户管理资金, 单位资金 of the Sichuan form), so that the sources still
// add up.
const GridExtra = "extra:"

// GridCol is one column of a Grid.
type GridCol struct {
	Key       string
	Label     string
	Aliases   []string
	Col       string // template column letter
	Type      Type
	Computed  bool
	TotalOnly bool   // only the first row carries a value; the others show "—"
	Formula   string // live formula; "{row}" is the grid row
	Value     string // fixed content, e.g. the execution weight
	Prompt    string
	// Else is the column read for this one when the block prints only
	// that one: a funds block with 年初预算数 and no 全年预算数 (Beijing's
	// older form: 年初预算数（A）, 全年执行数（B）, 执行率（B/A）) was not
	// adjusted, and its budget is the 年初预算数.
	Else string
}

// GridRow is one row of a Grid.
type GridRow struct {
	Key     string
	Label   string
	Aliases []string
}

// Table is the indicator table.
type Table struct {
	Row      int // template row of the header
	Columns  []Column
	Groups   []Group // fixed groups (sh2019 categories); empty when the group column is input
	GroupCol string  // Column.Key that holds the group label when Groups is set
	Rows     int     // default number of input rows (per group when Groups is set)
	End      string  // label of the row that closes the table, e.g. "总分"
	EndAlias []string
}

// Column is one column of the table.
type Column struct {
	Key     string
	Label   string
	Aliases []string
	Col     string // template column letter; "" for a column only read from published forms, not printed
	Type    Type
	Input   bool
	Prompt  string
	// Optional says published forms may leave the column out: the reader
	// reports no missing label for it.
	Optional bool
	// Formula is the live formula of a computed column (Input false), per
	// row; see Expand for placeholders.
	Formula string
	// Choices are the values offered as a dropdown on an input column whose
	// type has no list of its own (指标性质: 定量 / 定性).
	Choices []string
}

// Group is a fixed category of the table with its weight.
type Group struct {
	Key    string
	Name   string // e.g. "投入与管理"
	Weight int    // shown in the label: 投入与管理（36分）
}

// Label returns the group label as printed on the form.
func (g Group) Label() string { return fmt.Sprintf("%s（%d分）", g.Name, g.Weight) }

var kinds = map[string]*Kind{}

func register(k *Kind) *Kind {
	kinds[k.Name] = k
	return k
}

// Lookup returns the kind with the given name, or nil.
func Lookup(name string) *Kind { return kinds[name] }

// Kinds returns every known kind, sorted by name.
func Kinds() []*Kind {
	out := make([]*Kind, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names returns the names of the known kinds, sorted.
func Names() []string {
	var out []string
	for _, k := range Kinds() {
		out = append(out, k.Name)
	}
	return out
}

// Field returns the field (header or footer) with the given key, or nil.
func (k *Kind) Field(key string) *Field {
	for _, list := range [][]Field{k.Fields, k.Footer} {
		for i := range list {
			if list[i].Key == key {
				return &list[i]
			}
		}
	}
	return nil
}

// Column returns the table column with the given key, or nil.
func (t *Table) Column(key string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Key == key {
			return &t.Columns[i]
		}
	}
	return nil
}

// Cols splits a column span "A:B" (or a single "C") into its first and last
// column letters.
func Cols(span string) (first, last string) {
	first, last, ok := strings.Cut(span, ":")
	if !ok {
		last = first
	}
	return first, last
}
