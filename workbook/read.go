package workbook

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/stamp"
)

// titleRows is how many rows from the top of a sheet are searched for a
// kind's title.
const titleRows = 12

// ProblemLabelMissing is the code of the Problem the reader adds for a
// label of the kind (field, grid row or column, table column) it could not
// find; Args holds the label. The other reader problems use the rule book's
// "template.*" codes (see CodeTampered and the codes beside it).
const ProblemLabelMissing = "form.label_missing"

// ProblemColumnAbsent is the code of the Problem the reader adds for the
// 年初预算数 column of a form that prints one budget figure (预算数); Args
// holds the column's label.
const ProblemColumnAbsent = "form.column_absent"

// ProblemRowAbsent is the code of the Problem the reader adds for a row the
// form may leave out: a computed footer row (总分, 评分等级) or a source row
// of the funds block other than the total. Args holds the row's label.
const ProblemRowAbsent = "form.row_absent"

// readPkg reads the first form of a package read from its bytes, or with
// all every form.
func readPkg(p *pkg, path string, all bool, opts []ReadOption) (fms []*form.Form, err error) {
	defer func() {
		if !recoverPanics {
			return
		}
		if r := recover(); r != nil {
			fms, err = nil, fileError(path, ErrNotXLSX, i18n.Errorf("文件内容损坏（%v）", "the content is damaged (%v)", r))
		}
	}()
	var cfg readConfig
	for _, o := range opts {
		o(&cfg)
	}
	st := readStamp(p)
	found, err := locate(p, st, cfg)
	if err != nil {
		return nil, err
	}
	p.collectAfterBig() // the XML of the sheets and the sheets that hold no form
	if !all || st != nil {
		found = found[:1]
	}
	for _, at := range found {
		fm, err := readForm(at.sheet, at.kind, path)
		if err != nil {
			return nil, err
		}
		at.sheet.norms = nil // label matching is over: the stamp check reads values
		switch {
		case st != nil:
			fs := st.Stamp
			fm.Stamp = &fs
			stamp.Check(fm, st, at.sheet.lockedCells(), skipRefs(ComputedRefs(fm)), cfg.key)
		case p.hasDefinedName(stamp.Name):
			fm.Problems = append(fm.Problems, form.Problem{Code: stamp.CodeStampDeleted, Sheet: fm.Sheet, Args: []any{"隐藏工作表 " + stamp.Sheet + " 与文档属性"}})
		}
		forgetFilled(fm, st)
		fm.Scored = p.findSheet(ResultSheet) != ""
		fms = append(fms, fm)
	}
	found = nil
	p.collectAfterBig()
	return fms, nil
}

// collectAfterBig runs the garbage collector when a worksheet part of the
// package read was large (over maxCachedPart unpacked), and so left
// megabytes of garbage: its XML, the sheets' cells once the forms are
// read. The collector's next goal is then set from what is live after it
// rather than from the larger heap of the read, which keeps the peak of a
// form of thousands of rows down; a collection of the few MB left live
// costs a few milliseconds, against the hundreds such a read takes, and
// forms of ordinary size never pay it.
func (p *pkg) collectAfterBig() {
	if p.bigSheet {
		runtime.GC()
	}
}

// placed is a form kind found on a sheet.
type placed struct {
	kind  *form.Kind
	sheet *sheet
}

// locate picks the kind and the sheet of each form in f, in sheet order: the
// stamped sheet; else every sheet with a kind's title and its indicator
// table; else the one sheet whose table header matches best. When no form is
// found and a sheet could not be read, the first such error is returned (it
// names the cell or the limit), else ErrUnknownForm.
func locate(f *pkg, st *stampInfo, cfg readConfig) ([]placed, error) {
	var names []string
	var loadErr error
	for _, n := range f.GetSheetList() {
		if !strings.EqualFold(n, stamp.Sheet) && n != ResultSheet {
			names = append(names, n)
		}
	}
	loaded := map[string]*sheet{}
	load := func(n string) *sheet {
		if s, ok := loaded[n]; ok {
			return s
		}
		s, err := loadSheet(f, n)
		if err != nil {
			s = nil
			if loadErr == nil {
				loadErr = err
			}
		}
		loaded[n] = s
		return s
	}
	kinds := cfg.kinds()
	if st != nil {
		if k := form.Lookup(st.Kind); k != nil {
			k = k.WithAliases(cfg.labels)
			kinds = []*form.Kind{k}
			// The stamp's sheet, then the template's sheet name, then any.
			for _, n := range []string{st.FormSheet, k.Sheet} {
				if n = f.findSheet(n); n != "" && n != stamp.Sheet {
					if s := load(n); s != nil && titleLen(s, k) > 0 {
						return []placed{{k, s}}, nil
					}
				}
			}
		}
	}
	var out []placed
	// A list or guide sheet (hidden, or 填报说明 / 示例 / 下拉选项) is not a
	// form, unless the workbook has nothing else.
	for pass := 0; pass < 2 && len(out) == 0; pass++ {
		for _, n := range names {
			s := load(n)
			if s == nil {
				continue
			}
			if guide := f.hiddenSheet(n) || guideName(n) || guideSheet(s); guide != (pass == 1) {
				continue
			}
			if k := titledKind(s, kinds); k != nil {
				for _, v := range s.formRegions(k) {
					out = append(out, placed{k, v})
				}
			}
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	// No title: the sheet and kind whose table header matches best.
	var best placed
	bestScore := 0
	for _, n := range names {
		if guideName(n) {
			continue
		}
		s := load(n)
		if s == nil || guideSheet(s) {
			continue
		}
		for _, k := range kinds {
			cols := tableCols(&k.Table)
			if r, m, _ := s.findHeader(cols, 0, s.rows()); r >= 0 && 4*len(m) >= 3*len(cols) && len(m) > bestScore {
				best, bestScore = placed{k, s}, len(m)
			}
		}
	}
	if best.kind != nil {
		return []placed{best}, nil
	}
	if loadErr != nil {
		return nil, loadErr
	}
	var known []string
	for _, k := range form.Kinds() {
		known = append(known, fmt.Sprintf("%s（%s）", k.Name, k.Title))
	}
	return nil, fileError(f.path, ErrUnknownForm, i18n.Errorf("未找到已知表单的标题或表头；已知表单：%s", "no title or header of a known form found; known forms: %s", strings.Join(known, "、")))
}

// guideWords in a sheet's name or title mark a sheet that explains how to
// fill the form or holds its lists, not a form: 填报说明 with an example
// row, 示例, 下拉选项.
var guideWords = form.GuideWords

func guideName(n string) bool {
	n = normalize(n)
	for _, w := range guideWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// guideTitle reports whether a title names a guide or an example: it starts
// or ends with a guide word (示例…, …填报说明), or says 仅供参考. A note such
// as （填报说明见附件） on a form does not.
func guideTitle(n string) bool {
	if strings.Contains(n, "仅供参考") {
		return true
	}
	for _, w := range guideWords {
		if strings.HasPrefix(n, w) || strings.HasSuffix(n, w) {
			return true
		}
	}
	return false
}

// guideSheet reports whether a text of the top rows of s, no longer than a
// title, names it a guide or an example (see guideTitle).
func guideSheet(s *sheet) bool {
	for r := 0; r < min(3, s.rows()); r++ {
		for c := 0; c < s.width(r); c++ {
			if s.own(r, c) == "" {
				continue
			}
			if n := bare(s.norm(r, c)); len([]rune(n)) <= 40 && guideTitle(n) {
				return true
			}
		}
	}
	return false
}

// formRegions returns s itself, or, when s holds several forms of kind k one
// under the other (a county prints every project's form on one sheet), a
// view of s for each: the rows from one title to the next.
func (s *sheet) formRegions(k *form.Kind) []*sheet {
	titles := labelSet{}
	for _, t := range append([]string{k.Title}, k.TitleAliases...) {
		titles = append(titles, normalize(t))
	}
	var starts []int
	for r := 0; r < s.rows(); r++ {
		// A title is the first text of its row, and short.
		for c := 0; c < s.width(r); c++ {
			if s.own(r, c) == "" {
				continue
			}
			if n := s.norm(r, c); utf8.RuneCountInString(n) <= 40 {
				for _, t := range titles {
					if strings.Contains(n, t) {
						starts = append(starts, r)
						break
					}
				}
			}
			break
		}
	}
	if len(starts) < 2 {
		return []*sheet{s}
	}
	starts = s.newProjects(k, starts)
	var out []*sheet
	for i, from := range starts {
		to := s.rows()
		if i+1 < len(starts) {
			to = starts[i+1]
		}
		v := s.region(from, to)
		if _, ok := v.findTable(k); ok {
			out = append(out, v)
		}
	}
	if len(out) < 2 {
		return []*sheet{s}
	}
	return out
}

// newProjects drops from starts the titles that begin no new form: a title
// whose rows name the same project as the rows above it is the head of a
// printed form's next page, pasted back with it.
func (s *sheet) newProjects(k *form.Kind, starts []int) []int {
	fd := k.Field("project")
	if fd == nil {
		return starts
	}
	l, known := labels(fd.Label, fd.Aliases...), knownLabels(k)
	project := func(from, to int) string {
		r, c, ok := s.findLabel(l, from, to)
		if !ok {
			return ""
		}
		return s.norm(s.valueRight(r, c, 0, known))
	}
	out := starts[:1]
	for i := 1; i < len(starts); i++ {
		to := s.rows()
		if i+1 < len(starts) {
			to = starts[i+1]
		}
		if p := project(starts[i], to); p != "" && p == project(out[len(out)-1], starts[i]) {
			continue
		}
		out = append(out, starts[i])
	}
	return out
}

// region returns a view of s that shows only rows [from, to); the rest are
// blank, so that every cell keeps its place.
func (s *sheet) region(from, to int) *sheet {
	v := *s
	to = min(to, s.rows())
	from = min(from, to)
	base := s.rowAt[from]
	v.cells = s.cells[base:s.rowAt[to]]
	v.rowAt = make([]int32, to+1)
	for r := from; r <= to; r++ {
		v.rowAt[r] = s.rowAt[r] - base
	}
	v.norms, v.tableKind = nil, nil
	return &v
}

// titledKind returns the kind whose title (the longest) s holds in its top
// rows together with the kind's indicator table, or nil.
func titledKind(s *sheet, kinds []*form.Kind) *form.Kind {
	var best *form.Kind
	bestLen := 0
	for _, k := range kinds {
		if l := titleLen(s, k); l > bestLen {
			if lay, ok := s.findTable(k); ok && !s.otherKindsTable(k, lay, kinds) {
				best, bestLen = k, l
			}
		}
	}
	return best
}

// otherKindsTable reports whether the table found for kind k lacks a column
// k requires and another kind's table, on the same header, lacks fewer of
// its own and finds more columns: the title names k but the table is the
// other's (a form of mof2020 with 指标名称 / 分值 / 得分 titled
// 财政项目绩效自评价表). The reader then goes by the table.
func (s *sheet) otherKindsTable(k *form.Kind, lay tableLayout, kinds []*form.Kind) bool {
	lacks := lacking(k, lay.cols)
	if lacks == 0 {
		return false
	}
	for _, o := range kinds {
		if o == k {
			continue
		}
		if ol, ok := s.locateTable(o); ok && ol.top <= lay.header && ol.header >= lay.top && len(ol.cols) > len(lay.cols) && lacking(o, ol.cols) < lacks {
			return true
		}
	}
	return false
}

// lacking returns how many columns of k's table that published forms do
// not leave out cols lacks.
func lacking(k *form.Kind, cols map[string]int) int {
	n := 0
	for _, c := range k.Table.Columns {
		if _, ok := cols[c.Key]; !ok && !c.Optional {
			n++
		}
	}
	return n
}

// titleLen returns the length of the longest title of kind k (its title or
// a title alias) that appears in the top rows of s, or 0.
func titleLen(s *sheet, k *form.Kind) int {
	best := 0
	for _, t := range append([]string{k.Title}, k.TitleAliases...) {
		title := normalize(t)
		if len(title) <= best {
			continue
		}
	rows:
		for r := 0; r < min(titleRows, s.rows()); r++ {
			for c := 0; c < s.width(r); c++ {
				if s.own(r, c) != "" && strings.Contains(s.norm(r, c), title) {
					best = len(title)
					break rows
				}
			}
		}
	}
	return best
}

// yearLine is a cell that is the year line under a title: （2024年度）,
// 2024年度, 2024年; yearInTitle a year within the title itself
// (2019年度财政项目绩效自评价). Both are matched on normalised text.
var (
	yearLine    = regexp.MustCompile(`^\(?((?:19|20)\d{2})年度?\)?$`)
	yearInTitle = regexp.MustCompile(`((?:19|20)\d{2})年度?.*绩效自评|绩效自评.*\(((?:19|20)\d{2})年度?\)`)
)

// titleYear returns the year the title lines of s give, from the top rows
// (of s's region) above the indicator table's header row, or "" when they
// give none.
func titleYear(s *sheet, header int) string {
	top := 0
	for top < header && s.width(top) == 0 {
		top++
	}
	for r := top; r < min(top+titleRows, header, s.rows()); r++ {
		for c := 0; c < s.width(r); c++ {
			if s.own(r, c) == "" {
				continue
			}
			n := s.norm(r, c)
			if m := yearLine.FindStringSubmatch(n); m != nil {
				return m[1]
			}
			if m := yearInTitle.FindStringSubmatch(n); m != nil {
				return m[1] + m[2]
			}
		}
	}
	return ""
}

// readForm reads the fields, grid and table of kind k from s.
func readForm(s *sheet, k *form.Kind, path string) (*form.Form, error) {
	fm := &form.Form{Kind: k, Path: path, Sheet: s.name, Fields: map[string]form.Cell{}}
	missing := func(label string) {
		fm.Problems = append(fm.Problems, form.Problem{Code: ProblemLabelMissing, Sheet: s.name, Args: []any{label}})
	}
	absent := map[string]bool{}
	optional := func(label string) {
		if !absent[label] {
			absent[label] = true
			fm.Problems = append(fm.Problems, form.Problem{Code: ProblemRowAbsent, Sheet: s.name, Args: []any{label}})
		}
	}
	lay, ok := s.findTable(k)
	if !ok {
		return nil, fileError(path, ErrUnknownForm,
			i18n.Errorf("工作表「%s」中找不到指标表表头（%s）", "sheet %q has no indicator table header (%s)", s.name, columnLabels(k)))
	}
	for _, c := range k.Table.Columns {
		if lay.joined >= 0 && (c.Type == form.Level1 || c.Type == form.Level2) {
			continue // 一级—二级 in one column
		}
		if _, ok := lay.cols[c.Key]; !ok && !c.Optional && (c.Type != form.Level1 || !s.levelHeadings(lay, &k.Table)) &&
			(c.Key != k.Table.GroupCol || !s.groupHeadings(lay, &k.Table)) {
			missing(c.Label)
		}
	}
	fm.Year = titleYear(s, lay.header)
	fm.Money = s.moneyUnit(lay.top, k.Unit)
	known := knownLabels(k)
	widthLimit := lay.last + 1
	if g := k.Grid; g != nil {
		if gl, ok := s.findGrid(g, lay.header, known); ok {
			fm.Grid = s.readGrid(g, gl)
			for _, gc := range g.Cols {
				c, ok := gl.cols[gc.Key]
				if !ok && gc.Key == "initial" && hasCol(gl.cols, "budget") {
					fm.Problems = append(fm.Problems, form.Problem{Code: ProblemColumnAbsent, Sheet: s.name, Args: []any{gc.Label}})
					continue
				}
				if e, taken := gl.cols[gc.Else]; ok && taken && e == c {
					// Read from the column of gc.Else: the form has one budget figure.
					fm.Problems = append(fm.Problems, form.Problem{Code: ProblemColumnAbsent, Sheet: s.name, Args: []any{gc.Label}})
				}
				if _, in := gl.inline[gc.Key]; !ok && !in {
					missing(gc.Label)
					continue
				}
				if !gl.across {
					widthLimit = max(widthLimit, c+1)
				}
			}
			if gl.across {
				for _, c := range gl.rows {
					widthLimit = max(widthLimit, c+1) // the sources' columns
				}
			}
			for i, gr := range g.Rows {
				if _, ok := gl.rows[gr.Key]; !ok && i == 0 {
					missing(gr.Label)
				} else if !ok {
					optional(gr.Label)
				}
			}
		} else {
			missing(g.Label)
		}
	}
	read := func(fd form.Field, from, to int, footer bool) {
		find := s.findLabelIn
		if footer {
			find = s.findLabel // a footer is under the table, never a label above it
		}
		r, c, ok := find(labels(fd.Label, fd.Aliases...), from, to)
		if !ok && !footer && fd.InColumn == "" && !fd.Below {
			// 项目名称：某某项目 in one cell.
			if cell, ok := s.inlineValue(labels(fd.Label, fd.Aliases...), 0, lay.header); ok {
				fm.Fields[fd.Key] = cell
				return
			}
			if len(fd.Signed) > 0 {
				if cell, ok := s.inlineValue(labels(fd.Signed[0], fd.Signed[1:]...), 0, lay.header); ok {
					fm.Fields[fd.Key] = cell
					return
				}
			}
		}
		if !ok && len(fd.Beside) > 0 {
			if cell, ok := s.textBeside(labels(fd.Beside[0], fd.Beside[1:]...), fd.BesideAt, lay.header, known); ok {
				fm.Fields[fd.Key] = cell
				return
			}
		}
		if !ok && footer && fd.Computed {
			optional(absentName(s, k, fd, from, to))
			return
		}
		if !ok && fd.Optional {
			return // published forms may leave it out
		}
		if !ok {
			missing(fd.Label)
			return
		}
		var cell form.Cell
		switch {
		case fd.InColumn != "":
			col, ok := lay.cols[fd.InColumn]
			if !ok {
				return // the column's own label_missing says what is missing
			}
			cell = s.cell(r, s.spanCol(r, col, lay.spans[fd.InColumn]))
		case fd.Below:
			cell = s.cell(s.valueBelow(r, c, to, known))
		default:
			vr, vc := s.valueRight(r, c, widthLimit, known)
			cell = s.cell(vr, vc)
			if known[normalize(cell.Text)] {
				cell = form.Cell{Sheet: s.name, Ref: cell.Ref} // no value cell: only a label
			}
			if cell.Blank() && cell.Formula == "" && !footer {
				// A head of labels side by side with their values under
				// them (项目名称 | 预算单位 … over a row of values): the
				// value is the cell of its own under the label. (Under a
				// footer label is what follows the form: a signature line.)
				if br, bc := s.valueBelow(r, c, lay.header, known); bc == c {
					if b := s.cell(br, bc); !b.Blank() && !known[normalize(b.Text)] {
						cell = b
					}
				}
			}
		}
		fm.Fields[fd.Key] = cell
	}
	for _, fd := range k.Fields {
		read(fd, 0, lay.header, false)
	}
	for _, fd := range k.Footer {
		read(fd, lay.end, s.rows(), true)
	}
	for _, fd := range k.Fields {
		if c, ok := fm.Fields[fd.Key]; ok && fd.Type == form.Text {
			c.Text = stripCode(c.Text)
			fm.Fields[fd.Key] = c
		}
	}
	fm.Rows = s.readRows(k, lay)
	return fm, nil
}

// moneyMark finds the unit an amount label or a unit line names:
// 项目资金（元）, 年初预算数(万元), 单位：元, 金额单位:万元.
var moneyMark = regexp.MustCompile(`[（(]\s*(万?元)\s*[)）]|单位\s*[:：]\s*(万?元)`)

// moneyUnit is the unit of a form's amounts: the one its labels above the
// indicator table (row top) name, when they name one only; else def, the
// kind's. A form of another region may keep its amounts in 元 where the
// kind's are in 万元.
func (s *sheet) moneyUnit(top int, def string) string {
	seen := map[string]bool{}
	for r := 0; r < min(top, s.rows()); r++ {
		for c := 0; c < s.width(r); c++ {
			if or, oc := s.origin(r, c); or != r || oc != c {
				continue
			}
			text := s.own(r, c)
			if !strings.Contains(text, "元") {
				continue
			}
			for _, m := range moneyMark.FindAllStringSubmatch(text, -1) {
				seen[m[1]+m[2]] = true
			}
		}
	}
	if len(seen) == 1 {
		for u := range seen {
			return u
		}
	}
	return def
}

// absentName names an absent footer row for the reader's info: its label,
// with the column it sums when another footer row of the same label is
// there (a 总分 row that holds the 得分 only has no 总分 of the 分值).
func absentName(s *sheet, k *form.Kind, fd form.Field, from, to int) string {
	col := k.Table.Column(fd.InColumn)
	if col == nil {
		return fd.Label
	}
	for _, o := range k.Footer {
		if o.Key == fd.Key || o.Label != fd.Label {
			continue
		}
		if _, _, found := s.findLabel(labels(o.Label, o.Aliases...), from, to); found {
			return fd.Label + "（" + col.Label + "）"
		}
	}
	return fd.Label
}

func hasCol(cols map[string]int, key string) bool {
	_, ok := cols[key]
	return ok
}

// codePrefix is the code a budget system prints before a name: 219-某某镇人民政府,
// 51000021R000000019951-工资性支出, 【123】项目, [0101]单位.
var codePrefix = regexp.MustCompile(`^\s*(【[^】]*】|\[[^\]]*\]|〔[^〕]*〕|［[^］]*］|([0-9A-Za-z]{3,})\s*[-－—_]+)\s*`)

// stripCode returns a name without the code printed before it.
func stripCode(v string) string {
	m := codePrefix.FindStringSubmatch(v)
	if m == nil || m[2] != "" && !strings.ContainsAny(m[2], "0123456789") {
		return v
	}
	if rest := strings.TrimSpace(v[len(m[0]):]); rest != "" {
		return rest
	}
	return v
}

func columnLabels(k *form.Kind) string {
	var l []string
	for _, c := range k.Table.Columns {
		l = append(l, c.Label)
	}
	return strings.Join(l, "、")
}

// ComputedRefs returns the references of the computed cells of a read form:
// the value cells of computed fields and footer fields and every cell of the
// computed grid columns. Fingerprint skips them, both when the template is
// stamped and when a filled form is checked, because write-back rewrites
// them.
func ComputedRefs(fm *form.Form) map[string]bool {
	out := map[string]bool{}
	k := fm.Kind
	for key, c := range fm.Fields {
		if fd := k.Field(key); fd != nil && c.Ref != "" && (fd.Computed || isFooter(k, key)) {
			out[c.Ref] = true
		}
	}
	for _, col := range k.Table.Columns {
		if col.Formula == "" {
			continue
		}
		for _, r := range fm.Rows {
			if c := r.Cell(col.Key); c.Ref != "" {
				out[c.Ref] = true
			}
		}
	}
	if k.Grid != nil {
		for _, gc := range k.Grid.Cols {
			if !gc.Computed {
				continue
			}
			for _, cells := range fm.Grid {
				if c, ok := cells[gc.Key]; ok && c.Ref != "" {
					out[c.Ref] = true
				}
			}
		}
	}
	return out
}

func isFooter(k *form.Kind, key string) bool {
	for _, fd := range k.Footer {
		if fd.Key == key {
			return true
		}
	}
	return false
}

// ReadOption changes how Read reads a workbook.
type ReadOption func(*readConfig)

type readConfig struct {
	key    []byte
	labels map[string][]string // label variants a rules profile adds
}

// kinds returns the known kinds with the label variants of c.
func (c readConfig) kinds() []*form.Kind {
	out := form.Kinds()
	for i, k := range out {
		out[i] = k.WithAliases(c.labels)
	}
	return out
}

// WithLabels gives Read more label variants, by a label's key or official
// text (the labels: setting of a rules profile): 年度指标值: [预期值].
func WithLabels(extra map[string][]string) ReadOption {
	return func(c *readConfig) { c.labels = extra }
}

// WithStampKey gives Read the key templates were issued with (template
// --key-file), so that it checks the stamp's keyed signature: a stamp signed
// with another key, or rewritten, gets "template.signature_invalid"; an
// unsigned one "template.unsigned". Without a key the signature is not
// checked (the issued content still is).
func WithStampKey(key []byte) ReadOption {
	return func(c *readConfig) { c.key = key }
}
