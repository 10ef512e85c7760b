package targets

import (
	"fmt"
	"sort"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
)

// Project is one project of a targets file with the values to prefill.
type Project struct {
	Name  string      // 项目名称
	Entry *form.Entry // the approved values, ready for template.Options.Prefill
	At    Location    // its first row
}

// Problem is one bad value of a targets file.
type Problem struct {
	At      Location
	Message string // in Chinese
	En      string // in English
}

func (p Problem) String() string { return p.Localized(false) }

// Localized says the problem in English or Chinese.
func (p Problem) Localized(english bool) string {
	if english {
		return p.At.Localized(true) + ": " + p.En
	}
	return p.At.String() + "：" + p.Message
}

// Error lists every problem of a targets file; nothing should be issued
// from such a file.
type Error struct {
	Path     string
	Problems []Problem
}

func (e *Error) Error() string { return e.Localized(false) }

// Localized lists the problems in English or Chinese.
func (e *Error) Localized(english bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, pick(english, "%s：批复目标有 %d 处问题，未生成任何模板", "%s: the approved targets have %d problem(s); no template was made"), e.Path, len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.Localized(english))
	}
	return b.String()
}

// Hint says how to fix the file.
func (e *Error) Hint() string { return e.HintIn(false) }

// HintIn says how to fix the file in English or Chinese.
func (e *Error) HintIn(english bool) string {
	return pick(english, "改正以上各处后重新运行；文件格式见 README“批复目标文件”",
		"correct each of these and run again; the file format is in the README, “approved targets”")
}

// Read reads the approved targets of kind k from a CSV, XLSX or JSON file
// (one row or object per indicator, the project's values repeated or given
// on its first row), checks every value with validator tags and the rule
// book of profile p (nil means the default), and returns the projects in
// file order. Every problem of the file comes back at once in an *Error;
// the file cannot be read at all gives a plain error.
func Read(path string, k *form.Kind, p *validate.Profile) ([]Project, error) {
	cols := Columns(k.Name)
	if cols == nil {
		return nil, i18n.Errorf("表单类型 %s 没有批复目标文件格式", "form kind %s has no approved-targets format", k.Name)
	}
	t, err := load(path)
	if err != nil {
		return nil, i18n.Errorf("%s：无法读取批复目标：%w", "%s: cannot read the approved targets: %w", path, err)
	}
	r := &reader{k: k, cols: cols, err: &Error{Path: path}}
	projects := r.read(t)
	for _, pr := range projects {
		r.check(pr, p)
	}
	if len(r.err.Problems) > 0 {
		sort.SliceStable(r.err.Problems, func(i, j int) bool { return r.err.Problems[i].At.before(r.err.Problems[j].At) })
		return nil, r.err
	}
	out := make([]Project, len(projects))
	for i, pr := range projects {
		for j := range pr.Entry.Rows {
			row := &pr.Entry.Rows[j]
			row.Group = groupKey(k, row.Group)
		}
		out[i] = pr.Project
	}
	return out, nil
}

type reader struct {
	k    *form.Kind
	cols []Column
	err  *Error
}

func (r *reader) fail(at Location, zh, en string, args ...any) {
	r.add(at, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...))
}

// add records a problem said in Chinese and in English.
func (r *reader) add(at Location, zh, en string) {
	r.err.Problems = append(r.err.Problems, Problem{At: at, Message: zh, En: en})
}

// project is a Project with where each of its values came from.
type project struct {
	Project
	from   map[string]Location // Entry place ("fields.project", "rows[3].name" …) → location
	first  map[string]int      // project column key → index of the record that gave it
	weight Location            // the 分值 of the first row: where total findings point
}

func (r *reader) read(t *table) []*project {
	if t.header == nil || len(t.records) == 0 {
		r.fail(Location{}, "文件中没有数据行（第一行应为表头，如 %s）", "the file has no data rows (the first row is the header, e.g. %s)", headers(r.cols))
		return nil
	}
	idx := match(r.cols, t.header)
	var missing, keys []string
	for _, c := range r.cols {
		if _, ok := idx[c.Key]; !ok && strings.HasPrefix(c.Rule, "required") {
			missing, keys = append(missing, c.Header), append(keys, c.Key)
		}
	}
	if len(missing) > 0 {
		r.add(Location{}, "缺少列："+strings.Join(missing, "、")+"（可用中文表头或英文键名）",
			"missing columns: "+strings.Join(keys, ", ")+" (English keys or Chinese headers)")
		return nil
	}
	v := newValidator()
	var list []*project
	by := map[string]*project{}
	for _, rec := range t.records {
		if emptyRow(rec.cells) {
			continue
		}
		val := func(c Column) (string, Location) {
			i := idx[c.Key]
			at := rec.at(i)
			at.Column = t.header[i]
			if i < len(rec.cells) {
				return strings.TrimSpace(rec.cells[i]), at
			}
			return "", at
		}
		name, nameAt := val(r.cols[r.col("project")])
		pr := by[name]
		if pr == nil {
			e := &form.Entry{Kind: r.k.Name, Fields: map[string]string{}}
			pr = &project{Project: Project{Name: name, Entry: e, At: nameAt}, from: map[string]Location{}, first: map[string]int{}}
			by[name] = pr
			list = append(list, pr)
		}
		row := form.EntryRow{Cells: map[string]string{}}
		n := len(pr.Entry.Rows)
		for _, c := range r.cols {
			if _, ok := idx[c.Key]; !ok {
				continue
			}
			s, at := val(c)
			if c.Project && s == "" && pr.first[c.Key] > 0 {
				continue // given on an earlier row of the project
			}
			if msg, en := v.check(s, c.Rule); msg != "" {
				r.add(at, msg, en)
				continue
			}
			if c.Project {
				if prev, ok := pr.first[c.Key]; ok {
					if old := pr.get(c.To); old != s && s != "" {
						r.fail(at, "与本项目第 %d 个指标行的“%s”不一致", "differs from %[2]q on indicator row %[1]d of this project", prev, old)
					}
					continue
				}
				pr.first[c.Key] = n + 1
				pr.set(c.To, s)
				pr.from[c.To] = at
				continue
			}
			if c.Key == "weight" && n == 0 {
				pr.weight = at
			}
			if c.To == "group" {
				row.Group = s
			} else {
				row.Cells[strings.TrimPrefix(c.To, "rows.")] = s
			}
			pr.from[fmt.Sprintf("rows[%d].%s", n, c.Key)] = at
		}
		pr.Entry.Rows = append(pr.Entry.Rows, row)
	}
	return list
}

func (r *reader) col(key string) int {
	for i, c := range r.cols {
		if c.Key == key {
			return i
		}
	}
	return -1
}

func headers(cols []Column) string {
	var hs []string
	for _, c := range cols {
		hs = append(hs, c.Header)
	}
	return strings.Join(hs, "、")
}

// ProjectValue returns the project value of e at a column's place ("year",
// "fields.KEY", "grid.ROW.COL"), or "" for another place.
func ProjectValue(e *form.Entry, place string) string {
	parts := strings.Split(place, ".")
	switch {
	case parts[0] == "year":
		return e.Year
	case parts[0] == "fields" && len(parts) == 2:
		return e.Fields[parts[1]]
	case parts[0] == "grid" && len(parts) == 3:
		return e.Grid[parts[1]][parts[2]]
	}
	return ""
}

// get and set address an Entry value by its place (see ProjectValue).
func (p *project) get(to string) string { return ProjectValue(p.Entry, to) }

func (p *project) set(to, v string) {
	e := p.Entry
	parts := strings.Split(to, ".")
	switch parts[0] {
	case "year":
		e.Year = v
	case "fields":
		if v != "" {
			e.Fields[parts[1]] = v
		}
	case "grid":
		if v == "" {
			return
		}
		if e.Grid == nil {
			e.Grid = map[string]map[string]string{}
		}
		if e.Grid[parts[1]] == nil {
			e.Grid[parts[1]] = map[string]string{}
		}
		e.Grid[parts[1]][parts[2]] = v
	}
}

// check runs the rule book over the project as if it were a form with only
// its approved values, and keeps the findings about those values: the
// taxonomy, the weights and their sums, the targets, the budget.
func (r *reader) check(pr *project, p *validate.Profile) {
	fm, where := pr.form(r.k)
	res := validate.Check(fm, p, validate.Chinese)
	resEn := validate.Check(fm, p, validate.English) // the same findings, in English
	seen := map[string]bool{}                        // a place already reported
	for _, pb := range r.err.Problems {
		seen[pb.At.String()] = true
	}
	for i, f := range res.Findings {
		at, ok := where[f.Cell]
		keep := f.Severity == form.Error || f.Code == "target.unparsed" || f.Code == "indicator.duplicate"
		if !ok || !keep || seen[at.String()] {
			continue
		}
		seen[at.String()] = true
		msg, fe := f.Message, resEn.Findings[i]
		if f.Hint != "" {
			msg += "（" + f.Hint + "）"
		}
		en := fe.Message
		if fe.Hint != "" {
			en += " (" + fe.Hint + ")"
		}
		r.add(at, msg, en)
	}
}

// form builds the form of a project's approved values. Each value gets a
// made-up cell reference; where maps those back to the file.
func (pr *project) form(k *form.Kind) (*form.Form, map[string]Location) {
	where := map[string]Location{}
	n := 0
	cell := func(text string, at *Location) form.Cell {
		n++
		ref := fmt.Sprintf("A%d", n)
		if at != nil {
			where[ref] = *at
		}
		return form.Cell{Ref: ref, Text: text, Raw: text}
	}
	locate := func(key string) *Location {
		if at, ok := pr.from[key]; ok {
			return &at
		}
		return nil
	}
	e := pr.Entry
	fm := &form.Form{Kind: k, Fields: map[string]form.Cell{}}
	for _, list := range [][]form.Field{k.Fields, k.Footer} {
		for _, fd := range list {
			var at *Location
			if fd.Key == "total_weight" {
				at = &pr.weight
			} else {
				at = locate("fields." + fd.Key)
			}
			fm.Fields[fd.Key] = cell(e.Fields[fd.Key], at)
		}
	}
	if g := k.Grid; g != nil {
		fm.Grid = map[string]map[string]form.Cell{}
		for _, gr := range g.Rows {
			fm.Grid[gr.Key] = map[string]form.Cell{}
			for _, gc := range g.Cols {
				key := "grid." + gr.Key + "." + gc.Key
				fm.Grid[gr.Key][gc.Key] = cell(e.Grid[gr.Key][gc.Key], locate(key))
			}
		}
	}
	for i, row := range e.Rows {
		fr := k.Table.NewRow(i + 1)
		fr.Group = row.Group
		for j, c := range k.Table.Columns {
			key := c.Key
			v := row.Cells[key]
			if len(k.Table.Groups) > 0 && key == k.Table.GroupCol {
				v, key = row.Group, "level1"
			}
			fr.Cells[j] = cell(v, locate(fmt.Sprintf("rows[%d].%s", i, key)))
		}
		fm.Rows = append(fm.Rows, fr)
	}
	return fm, where
}

// groupKey returns the key of the category a label names (投入与管理,
// 投入与管理（36分） or the key itself); the rule book has already refused
// unknown ones.
func groupKey(k *form.Kind, label string) string {
	n := value.Normalize(label)
	for _, g := range k.Table.Groups {
		if n == g.Key || strings.HasPrefix(n, value.Normalize(g.Name)) {
			return g.Key
		}
	}
	return label
}
