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
	Fields   map[string]Cell            // single-valued cells by Field.Key
	Grid     map[string]map[string]Cell // grid cells by GridRow.Key, then GridCol.Key
	Rows     []Row                      // table rows that have any content, in sheet order
	Problems []Problem                  // what the reader could not make sense of
	Scored   bool                       // the workbook holds the result sheet of an earlier score
}

// Row is one row of a kind's indicator table.
type Row struct {
	Line  int             // 1-based sheet row
	Group string          // the group label the row sits under (sh2019 一级指标 category), "" if none
	Cells map[string]Cell // by Column.Key; every column of the table is present
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
