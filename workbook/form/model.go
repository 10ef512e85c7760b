package form

import "github.com/shopspring/decimal"

// Cell is one value read from a workbook, with the place it came from. A blank
// cell still carries its place so that findings can point at it and the tool
// can write into it.
type Cell struct {
	Sheet   string // sheet name
	Ref     string // A1 reference; for a merged range, its top-left cell
	Text    string // the value as the cell shows it, trimmed
	Raw     string // the stored value (for numbers the unformatted number)
	Number  bool   // the cell holds a number, not text
	Percent bool   // the cell has a percent number format (0.9 shown as 90%)
	Formula string // the formula, without "=", when the cell has one
}

// Blank reports whether the cell holds nothing visible.
func (c Cell) Blank() bool { return c.Text == "" && c.Raw == "" }

// Form is a filled form read from a workbook.
type Form struct {
	Kind     *Kind
	Path     string                     // file it was read from
	Sheet    string                     // the sheet that holds the form
	Stamp    *Stamp                     // nil for a foreign workbook (no stamp)
	Year     string                     // the year its title lines give (（2024年度）), "" when none
	Money    string                     // unit of its amounts, 万元 or 元: as its labels say, else the kind's
	Fields   map[string]Cell            // single-valued cells by Field.Key
	Grid     map[string]map[string]Cell // grid cells by GridRow.Key, then GridCol.Key
	Rows     []Row                      // table rows that have any content, in sheet order
	Problems []Problem                  // what the reader could not make sense of
	Scored   bool                       // the workbook holds the result sheet of an earlier score
}

// Row is one row of a kind's indicator table. Its cells are one slice in the
// order of the table's columns, not a map per row: a form of 10 000 rows
// holds them in a fraction of the memory.
type Row struct {
	Line  int    // 1-based sheet row
	Group string // the group label the row sits under (sh2019 一级指标 category), "" if none
	// Cells are the row's cells by column: Cells[i] is Table.Columns[i].
	// Every column of the table is present.
	Cells []Cell
	table *Table
}

// NewRow returns an empty row of the table at 1-based sheet row line: one
// cell for each column, all without a place.
func (t *Table) NewRow(line int) Row {
	return Row{Line: line, Cells: make([]Cell, len(t.Columns)), table: t}
}

// Col returns the index of the column with the given key in Columns (and
// a Row's Cells), or -1.
func (t *Table) Col(key string) int {
	for i := range t.Columns {
		if t.Columns[i].Key == key {
			return i
		}
	}
	return -1
}

// Cell returns the row's cell of the column with the given key; the zero
// Cell when the table has no such column.
func (r Row) Cell(key string) Cell {
	if r.table == nil {
		return Cell{}
	}
	if i := r.table.Col(key); i >= 0 && i < len(r.Cells) {
		return r.Cells[i]
	}
	return Cell{}
}

// Has reports whether the row's table has a column with the given key.
func (r Row) Has(key string) bool { return r.table != nil && r.table.Col(key) >= 0 }

// Set puts c into the row's cell of the column with the given key. It
// panics when the table has no such column: that is a programming error.
func (r Row) Set(key string, c Cell) {
	i := -1
	if r.table != nil {
		i = r.table.Col(key)
	}
	if i < 0 || i >= len(r.Cells) {
		panic("form: no column " + key + " in the row's table")
	}
	r.Cells[i] = c
}

// Table returns the table the row belongs to (nil for a zero Row).
func (r Row) Table() *Table { return r.table }

// Clone returns a copy of the row whose cells can be changed without
// changing r's.
func (r Row) Clone() Row {
	r.Cells = append([]Cell(nil), r.Cells...)
	return r
}

// Stamp is what our template writes into a workbook to say what it is.
type Stamp struct {
	Kind        string
	Version     string // template version
	Year        string
	Profile     string
	Fingerprint string // hash of the locked content when issued
	ProfileHash string // hash of the rules profile's settings (template version 2)
	Issued      string // the locked content when issued, compact (template version 2)
	HMAC        string // keyed signature of the stamp, "" when issued without a key
	// FormID says which form of a season the template was issued as (see
	// Identity.FormID); "" for a blank template.
	FormID string
	// Parts says where the stamp was found: "sheet", "properties" or both
	// ("sheet+properties"), as the reader saw it.
	Parts string
}

// Problem is something the reader met that the rule book must report (for
// example a stamp whose fingerprint no longer matches the locked content).
type Problem struct {
	Code  string // finding code, e.g. "template.tampered"
	Sheet string
	Ref   string
	Args  []any // arguments for the code's message
}

// Severity ranks a finding.
type Severity string

// Severities, most serious first.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Finding is one result of the rule book, pointing at a cell.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Sheet    string   `json:"sheet"`
	Cell     string   `json:"cell"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint"`
}

// Write is a value the tool writes into a cell: a computed cell, or a blank
// 得分 the rules can fill. Exactly one of Number and Text is used.
type Write struct {
	Sheet  string
	Ref    string
	Number *decimal.Decimal // written as a number with 2 decimals shown
	Text   string
	// Formula is the live formula of a computed cell of our template
	// (without "="): the value is written as its cached result. "" keeps the
	// cell's own formula, if any.
	Formula string
	// Filled says the value is the rules' score of a blank 得分
	// (score.filled): the tool's, recorded as such, not a computed value.
	Filled bool
}

// Outcome is everything the write-back needs from the rule book.
type Outcome struct {
	Total       decimal.Decimal
	Grade       string
	Profile     string // profile name
	ProfileHash string // hash of the profile's settings
	Version     string // tool version
	InputHash   string // fingerprint of the input file
	Writes      []Write
	Findings    []Finding
	Strict      bool // warnings count as failures: a form with warnings is not graded
}
