package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/shopspring/decimal"
)

// kindChecks are the rules of each form kind, by Kind.Name.
var kindChecks = map[string]func(*checker){
	form.MOF2020.Name: checkMOF2020,
	form.SH2019.Name:  checkSH2019,
}

// Check validates and scores a form by the rule book and returns every
// finding, the scores and the cells to write back. A nil profile means
// DefaultProfile; any lang other than English means Chinese. Check never
// panics on what a form holds and never changes the form.
func Check(f *form.Form, p *Profile, lang Lang) *Result {
	return check(f, p, lang, false)
}

// CheckStrict is Check with warnings counting as failures (--strict): a form
// with warnings is not graded either.
func CheckStrict(f *form.Form, p *Profile, lang Lang) *Result {
	return check(f, p, lang, true)
}

func check(f *form.Form, p *Profile, lang Lang, strict bool) *Result {
	if p == nil {
		p = DefaultProfile()
	}
	if lang != English {
		lang = Chinese
	}
	if f == nil {
		f = &form.Form{}
	}
	c := &checker{f: f, p: p, lang: lang, foreign: f.Stamp == nil, res: &Result{Strict: strict}}
	c.problems()
	c.nonFinite()
	run, ok := kindChecks[kindName(f)]
	if !ok {
		c.add("template.unknown_kind", form.Cell{}, kindName(f))
	} else {
		c.f = typedForm(f)
		c.res.Kind = f.Kind.Name
		c.res.Project = strings.TrimSpace(c.field("project").Text)
		c.formulas()
		c.required()
		run(c)
		c.profileChanged()
		c.ungraded()
	}
	sortFindings(c.res.Findings, f.Sheet)
	c.res.Findings = dedupe(c.res.Findings)
	return c.res
}

// profileChanged says when a form issued with one rules profile is scored
// with another: its scores and grade follow the profile used, which the
// person may not expect (the template's bands, the formulas written).
func (c *checker) profileChanged() {
	st := c.f.Stamp
	if st == nil || st.ProfileHash == "" || st.ProfileHash == profileHashes.Get(c.p, c.p.Hash) {
		return
	}
	issued := st.Profile
	if issued == "" {
		issued = st.ProfileHash
	}
	c.add("template.profile_changed", c.field("grade"), issued, c.p.Name)
}

// dedupe drops repeats of a finding (same code, cell and message), as rows
// inside one merged 一级指标 cell all point at that cell.
func dedupe(fs []form.Finding) []form.Finding {
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f == fs[i-1] {
			continue
		}
		out = append(out, f)
	}
	return out
}

func kindName(f *form.Form) string {
	if f.Kind == nil {
		return ""
	}
	return f.Kind.Name
}

// checker carries one Check run.
type checker struct {
	f       *form.Form
	p       *Profile
	lang    Lang
	foreign bool // no stamp: written computed values are compared, typed ones kept
	// formulaRanges are the cells and ranges (columns and rows from, to)
	// the form's formulas read, gathered by readByFormula.
	formulaRanges [][4]int
	res           *Result
	broken        map[string]bool // sheet!cell of numbers that are NaN or infinite
}

// add records a finding at a cell.
func (c *checker) add(code string, at form.Cell, args ...any) {
	sheet := at.Sheet
	if sheet == "" && at.Ref != "" {
		sheet = c.f.Sheet
	}
	if len(c.broken) > 0 && c.broken[sheet+"!"+at.Ref] && code != "cell.not_finite" {
		return // said once, by cell.not_finite; any other word on it would quote nonsense
	}
	c.res.Findings = append(c.res.Findings, finding(c.lang, code, sheet, at.Ref, args...))
}

// nonFinite reports each cell of the form that holds NaN or an infinity as a
// number, once, and marks it so that no other rule speaks of it.
func (c *checker) nonFinite() {
	c.broken = map[string]bool{}
	check := func(cell form.Cell, label string) {
		if !cell.Number || !value.NonFinite(cell.Raw) {
			return
		}
		c.add("cell.not_finite", cell, label, strings.TrimSpace(cell.Raw))
		sheet := cell.Sheet
		if sheet == "" {
			sheet = c.f.Sheet
		}
		c.broken[sheet+"!"+cell.Ref] = true
	}
	for key, cell := range c.f.Fields {
		check(cell, c.label(key))
	}
	for rk, row := range c.f.Grid {
		for ck, cell := range row {
			check(cell, gridCellLabel(c.f.Kind, rk, ck))
		}
	}
	for _, r := range c.f.Rows {
		if t := r.Table(); t != nil {
			for i, cell := range r.Cells {
				check(cell, columnLabel(c.f.Kind, t.Columns[i].Key))
			}
		}
	}
}

// gridCellLabel names a cell of the funds block by its keys.
func gridCellLabel(k *form.Kind, row, col string) string {
	if k == nil || k.Grid == nil {
		return row + "/" + col
	}
	r, gc := form.GridRow{Label: row}, form.GridCol{Label: col}
	for _, x := range k.Grid.Rows {
		if x.Key == row {
			r = x
		}
	}
	for _, x := range k.Grid.Cols {
		if x.Key == col {
			gc = x
		}
	}
	return gridLabel(r, gc)
}

// field returns a field's cell; a field the reader did not find is blank.
func (c *checker) field(key string) form.Cell {
	return c.f.Fields[key]
}

// grid returns a cell of the funds block.
func (c *checker) grid(row, col string) form.Cell {
	return c.f.Grid[row][col]
}

// label returns a field's printed label.
func (c *checker) label(key string) string {
	if fd := c.f.Kind.Field(key); fd != nil {
		return fd.Label
	}
	return key
}

// problems turns what the reader met into findings.
func (c *checker) problems() {
	for _, pr := range c.f.Problems {
		at := form.Cell{Sheet: pr.Sheet, Ref: pr.Ref}
		if _, ok := catalogueIndex[pr.Code]; ok {
			c.add(pr.Code, at, pr.Args...)
			continue
		}
		var parts []string
		for _, a := range pr.Args {
			parts = append(parts, fmt.Sprint(a))
		}
		c.add("read.problem", at, pr.Code, strings.Join(parts, " "))
	}
}

// formulas reports input cells that hold a formula: in a cell where text is
// expected it was read as the text typed (info); elsewhere a value belongs
// there (warning).
func (c *checker) formulas() {
	k := c.f.Kind
	report := func(cell form.Cell, t form.Type, label string) {
		switch {
		case cell.Formula == "":
		case textTyped(t):
			c.add("cell.formula_text", cell, label, "="+cell.Formula)
		default:
			c.add("cell.formula", cell, label)
		}
	}
	for _, fd := range k.Fields {
		if !fd.Computed {
			report(c.field(fd.Key), fd.Type, fd.Label)
		}
	}
	if k.Grid != nil {
		for _, r := range k.Grid.Rows {
			for _, col := range k.Grid.Cols {
				if !col.Computed {
					report(c.grid(r.Key, col.Key), col.Type, gridLabel(r, col))
				}
			}
		}
	}
	for _, row := range c.f.Rows {
		for _, col := range k.Table.Columns {
			if col.Input {
				report(row.Cell(col.Key), col.Type, col.Label)
			}
		}
	}
}

// required reports blank required fields: narratives (long text) and header
// fields.
func (c *checker) required() {
	for _, fd := range c.f.Kind.Fields {
		if !fd.Required || !blank(c.field(fd.Key)) {
			continue
		}
		code := "header.required"
		if fd.Type == form.LongText {
			code = "narrative.required"
		}
		c.add(code, c.field(fd.Key), fd.Label)
	}
}

// blank reports whether a cell holds nothing but spaces.
func blank(cell form.Cell) bool {
	return strings.TrimSpace(cell.Text) == "" && strings.TrimSpace(cell.Raw) == ""
}

func gridLabel(r form.GridRow, col form.GridCol) string {
	return fmt.Sprintf("%s（%s）", strings.TrimPrefix(r.Label, "其中："), col.Label)
}

// writeNumber records a computed number for a cell (as a fraction when the
// cell is percent-formatted).
func (c *checker) writeNumber(at form.Cell, v decimal.Decimal) {
	if at.Ref == "" {
		return
	}
	if at.Percent {
		v = v.DivRound(hundred, 6)
	}
	c.res.Writes = append(c.res.Writes, form.Write{Sheet: c.sheetOf(at), Ref: at.Ref, Number: &v})
}

// fillNumber writes the rules' score v into the blank 得分 at (score.filled).
func (c *checker) fillNumber(at form.Cell, v decimal.Decimal) {
	if n := len(c.res.Writes); at.Ref != "" {
		c.writeNumber(at, v)
		c.res.Writes[n].Filled = true
	}
}

func (c *checker) writeText(at form.Cell, s string) {
	if at.Ref == "" {
		return
	}
	c.res.Writes = append(c.res.Writes, form.Write{Sheet: c.sheetOf(at), Ref: at.Ref, Text: s})
}

func (c *checker) sheetOf(at form.Cell) string {
	if at.Sheet != "" {
		return at.Sheet
	}
	return c.f.Sheet
}

// settleNumber handles a computed number cell. In our own (stamped) template
// the cell is always written, and so is one holding the value the tool
// filled on an earlier score (form.IsMark). In a foreign workbook a written value is
// compared with v: beyond tol it is an error with v in the hint and the
// person's value is kept; otherwise a blank cell or a formula is replaced by
// v and a typed value (or a dash) is left as it is.
func (c *checker) settleNumber(at form.Cell, v, tol decimal.Decimal, code string) {
	if at.Ref == "" {
		return
	}
	if !c.foreign || blank(at) || form.IsMark(at.Formula) { // a marker: the value the tool filled
		c.writeNumber(at, v)
		return
	}
	if value.IsDash(shownText(at)) {
		return // “—”: the form shows no value here
	}
	written, err := value.CellNumber(at)
	if err != nil && at.Formula != "" || c.refersToFilled(at) {
		// A formula showing an error value, or one over a 得分 this score
		// fills: its cached result was computed without that score.
		c.writeNumber(at, v)
		return
	}
	if err != nil || written.Sub(v).Abs().GreaterThan(tol) {
		c.add(code, at, shownText(at), v)
		return
	}
	if at.Formula != "" {
		c.writeNumber(at, v)
	}
}

// refersToFilled reports whether at holds a formula over a 得分 this check
// fills (score.filled): its cached result was computed without that score.
func (c *checker) refersToFilled(at form.Cell) bool {
	if at.Formula == "" || strings.Contains(at.Formula, "!") {
		return false
	}
	for _, f := range c.res.Findings {
		if f.Code != "score.filled" || f.Sheet != c.sheetOf(at) {
			continue
		}
		col, row, ok := refCoords(f.Cell)
		for _, m := range formulaRefs.FindAllStringSubmatch(at.Formula, -1) {
			c1, r1, ok1 := refCoords(m[1])
			c2, r2, ok2 := c1, r1, ok1
			if m[2] != "" {
				c2, r2, ok2 = refCoords(m[2])
			}
			if ok && ok1 && ok2 && min(c1, c2) <= col && col <= max(c1, c2) && min(r1, r2) <= row && row <= max(r1, r2) {
				return true
			}
		}
	}
	return false
}

// formulaRefs matches a cell or range reference in a formula (A1, $A$1, A1:B9).
var formulaRefs = regexp.MustCompile(`(?:^|[^A-Za-z0-9_."])(\$?[A-Z]{1,3}\$?[0-9]+)(?::(\$?[A-Z]{1,3}\$?[0-9]+))?`)

// refCoords returns the column and row numbers of a reference such as $G$13.
func refCoords(ref string) (col, row int, ok bool) {
	return ooxml.ParseRef(strings.ReplaceAll(ref, "$", ""))
}

// settleGrade is settleNumber for the grade cell; 良好 counts as 良.
func (c *checker) settleGrade(at form.Cell, grade string, total decimal.Decimal) {
	if at.Ref == "" {
		return
	}
	if !c.foreign || blank(at) || IsPending(shownText(at)) || form.IsMark(at.Formula) {
		c.writeText(at, grade)
		return
	}
	if normalizeGrade(shownText(at)) != grade {
		c.add("grade.mismatch", at, shownText(at), total, grade)
		return
	}
	if at.Formula != "" {
		c.writeText(at, grade)
	}
}

// shownText is what a cell shows, trimmed.
func shownText(at form.Cell) string {
	if s := strings.TrimSpace(at.Text); s != "" {
		return s
	}
	return strings.TrimSpace(at.Raw)
}

var hundred = decimal.NewFromInt(100)

// amount is a money cell as read.
type amount struct {
	cell  form.Cell
	v     decimal.Decimal
	blank bool // blank or a dash
	ok    bool // a number ≥ 0
}

// readAmount reads a money cell, reporting what is not a non-negative number.
func (c *checker) readAmount(cell form.Cell, label string) amount {
	a := amount{cell: cell}
	if blank(cell) || value.IsDash(shownText(cell)) {
		a.blank = true
		return a
	}
	money := c.f.Money
	if money == "" {
		money = c.f.Kind.Unit
	}
	unit := bi{"单位：" + money, "unit: " + money}
	q, err := value.CellQuantity(cell)
	if err == nil && q.Unit == "%" {
		c.add("funds.percent", cell, label, shownText(cell), unit)
		return a
	}
	v, err := value.CellNumber(cell, c.f.Money)
	if err != nil {
		c.add("funds.not_numeric", cell, label, errText(err), unit)
		return a
	}
	a.v = v
	if v.IsNegative() {
		c.add("funds.negative", cell, label, v)
		return a
	}
	a.ok = true
	if !c.foreign {
		c.textNumber(cell, label, v)
	} else if !cell.Number && strings.IndexFunc(shownText(cell), fullWidth) >= 0 {
		// We read １３.８ as 13.8; the sheet's own formulas read it as text
		// and compute with 0: the form would disagree with us silently.
		c.add("funds.full_width", cell, label, shownText(cell), v)
	}
	return a
}

// textNumber reports a number the tool read from text (１６, a trailing
// space, a leading apostrophe) in an input cell of our template: the
// template's live formulas take text as 0 (N, SUM), so once the sheet is
// recalculated it would show another total than the tool's.
func (c *checker) textNumber(cell form.Cell, label string, v decimal.Decimal) {
	if c.foreign || cell.Number || cell.Formula != "" || blank(cell) || !c.readByFormula(cell) {
		return
	}
	c.add("cell.text_number", cell, label, shownText(cell), v)
}

// readByFormula reports whether a formula of the form reads the cell at (on
// its own sheet): the cells and ranges its formulas name are gathered once.
func (c *checker) readByFormula(at form.Cell) bool {
	if c.formulaRanges == nil {
		c.formulaRanges = [][4]int{}
		add := func(x form.Cell) {
			if x.Formula == "" || x.Sheet != "" && x.Sheet != c.f.Sheet {
				return
			}
			for _, m := range formulaRefs.FindAllStringSubmatchIndex(x.Formula, -1) {
				if m[2] > 0 && x.Formula[m[2]-1] == '!' {
					continue // on another sheet
				}
				c1, r1, ok1 := refCoords(x.Formula[m[2]:m[3]])
				c2, r2, ok2 := c1, r1, ok1
				if m[4] >= 0 {
					c2, r2, ok2 = refCoords(x.Formula[m[4]:m[5]])
				}
				if ok1 && ok2 {
					c.formulaRanges = append(c.formulaRanges, [4]int{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)})
				}
			}
		}
		for _, x := range c.f.Fields {
			add(x)
		}
		for _, row := range c.f.Grid {
			for _, x := range row {
				add(x)
			}
		}
		for _, r := range c.f.Rows {
			for _, x := range r.Cells {
				add(x)
			}
		}
	}
	if at.Sheet != "" && at.Sheet != c.f.Sheet {
		return false
	}
	col, row, ok := refCoords(at.Ref)
	if !ok {
		return false
	}
	for _, r := range c.formulaRanges {
		if r[0] <= col && col <= r[2] && r[1] <= row && row <= r[3] {
			return true
		}
	}
	return false
}

// fullWidth reports a full-width digit, point, comma or sign (U+FF01–U+FF5E
// block) that a spreadsheet formula does not read as part of a number.
func fullWidth(r rune) bool { return r >= 0xFF01 && r <= 0xFF5E }

// rate returns spent ÷ budget as a fraction, and false when it is undefined.
func rate(budget, spent amount) (decimal.Decimal, bool) {
	if !budget.ok || !spent.ok || budget.v.IsZero() {
		return decimal.Zero, false
	}
	return spent.v.DivRound(budget.v, 20), true
}
