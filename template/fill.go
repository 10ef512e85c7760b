package template

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/form/value"
	"github.com/xuri/excelize/v2"
)

// PlaceError reports a value of a form.Entry that has no place in the
// template: an unknown or computed key, or more rows than the template has.
type PlaceError struct {
	Key    string // where the value sits in the Entry, e.g. "fields.project", "rows[20]"
	Reason string // why it has no place, in Chinese
}

func (e *PlaceError) Error() string { return e.Key + "：" + e.Reason }

// placed is one Entry value with the cell it goes into.
type placed struct {
	Key   string
	Ref   string // top-left cell
	Range string // the whole (merged) range of the value; "" means Ref
	Type  form.Type
	Value string
}

// Fill writes e into a template of kind k built by Build with opts, as a
// person would type it: a value of a numeric type (amount, score, percent) is
// stored as a number when it parses as one, anything else as text (so
// "77.83%" stays text). Blank values are skipped; styles and locks are left
// as they are. It writes nothing and returns the *PlaceError values (joined)
// when some value has no place; opts must be those the template was built
// with, since they decide where the rows are.
func Fill(f *excelize.File, k *form.Kind, opts Options, e *form.Entry) (err error) {
	o, err := opts.resolve(k)
	if err != nil {
		return err
	}
	if f == nil || e == nil {
		return errors.New("填写模板：缺少工作簿或数据")
	}
	l, err := newLayout(k, o)
	if err != nil {
		return err
	}
	if idx, err := f.GetSheetIndex(l.Sheet); err != nil || idx < 0 {
		return fmt.Errorf("填写模板：工作簿中没有工作表 %q", l.Sheet)
	}
	list, err := place(l, e)
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			err = paginate(f, l)
		}
	}()
	for _, p := range list {
		if err := writeValue(f, l.Sheet, p.Ref, p.Type, p.Value); err != nil {
			return fmt.Errorf("填写 %s!%s（%s）：%w", l.Sheet, p.Ref, p.Key, err)
		}
		if err := p.grow(f, l); err != nil {
			return err
		}
	}
	return nil
}

// place finds the cell of every non-blank value of e, in a stable order.
func place(l *Layout, e *form.Entry) ([]placed, error) {
	k := l.Kind
	var out []placed
	var errs []error
	fail := func(key, format string, args ...any) {
		errs = append(errs, &PlaceError{Key: key, Reason: fmt.Sprintf(format, args...)})
	}
	if e.Kind != "" && e.Kind != k.Name {
		fail("kind", "数据属于表单类型 %q，模板是 %q", e.Kind, k.Name)
	}
	for _, key := range sortedKeys(e.Fields) {
		v, name := e.Fields[key], "fields."+key
		fd := k.Field(key)
		switch {
		case fd == nil:
			fail(name, "表单没有这个字段")
		case fd.Computed:
			fail(name, "%s 由工具计算，不能填写", fd.Label)
		case strings.TrimSpace(v) != "":
			out = append(out, placed{Key: name, Ref: l.Fields[key].Ref, Range: l.Fields[key].Range, Type: fd.Type, Value: v})
		}
	}
	for _, rk := range sortedKeys(e.Grid) {
		for _, ck := range sortedKeys(e.Grid[rk]) {
			v, name := e.Grid[rk][ck], "grid."+rk+"."+ck
			col := gridCol(k, ck)
			ref := l.Grid[rk][ck]
			switch {
			case ref == "" || col == nil:
				fail(name, "资金表没有这个单元格")
			case col.Computed:
				fail(name, "%s 由工具计算，不能填写", col.Label)
			case strings.TrimSpace(v) != "":
				out = append(out, placed{Key: name, Ref: ref, Type: col.Type, Value: v})
			}
		}
	}
	used := map[string]int{} // group key → rows used
	for i, r := range e.Rows {
		name := fmt.Sprintf("rows[%d]", i)
		row, ok := rowFor(l, r.Group, used, name, fail)
		if !ok {
			continue
		}
		for _, c := range k.Table.Columns {
			v, has := r.Cells[c.Key]
			switch {
			case !has || strings.TrimSpace(v) == "":
			case len(k.Table.Groups) > 0 && c.Key == k.Table.GroupCol:
				if g := l.Group(r.Group); g == nil || (v != g.Label && v != groupName(k, r.Group)) {
					fail(name+"."+c.Key, "%s 由分组决定，不能填写 %q", c.Label, v)
				}
			case !c.Input:
				fail(name+"."+c.Key, "%s 不是输入列", c.Label)
			default:
				out = append(out, placed{Key: name + "." + c.Key, Ref: l.Cell(c.Key, row), Type: c.Type, Value: v})
			}
		}
		for _, key := range sortedKeys(r.Cells) {
			if k.Table.Column(key) == nil {
				fail(name+"."+key, "表格没有这一列")
			}
		}
	}
	return out, errors.Join(errs...)
}

// grow makes the row of a text value tall enough to show it whole, as
// spreadsheets do not grow rows (merged cells never) for written values.
func (p placed) grow(f *excelize.File, l *Layout) error {
	switch p.Type {
	case form.Text, form.LongText, form.Target, form.Actual:
	default:
		return nil
	}
	rng := p.Range
	if rng == "" {
		rng = p.Ref
	}
	first, last := corners(rng)
	c1, r1, err := excelize.CellNameToCoordinates(first)
	if err != nil {
		return err
	}
	c2, r2, err := excelize.CellNameToCoordinates(last)
	if err != nil || r1 != r2 {
		return err
	}
	return growRow(f, l.Sheet, l.Kind.Widths, r1, c1, c2, p.Value)
}

// rowFor returns the sheet row of the next Entry row of group g.
func rowFor(l *Layout, g string, used map[string]int, name string, fail func(string, string, ...any)) (int, bool) {
	if len(l.Groups) == 0 {
		if g != "" {
			fail(name+".group", "表格没有分组，不能指定 %q", g)
			return 0, false
		}
		n := used[""]
		if l.First+n > l.Last {
			fail(name, "超出模板的 %d 个指标行（可加大行数）", l.Last-l.First+1)
			return 0, false
		}
		used[""] = n + 1
		return l.First + n, true
	}
	gr := l.Group(g)
	if gr == nil {
		fail(name+".group", "没有分组 %q", g)
		return 0, false
	}
	n := used[g]
	if gr.First+n > gr.Last {
		fail(name, "超出分组 %s 的 %d 个指标行（可加大行数）", gr.Label, gr.Last-gr.First+1)
		return 0, false
	}
	used[g] = n + 1
	return gr.First + n, true
}

func gridCol(k *form.Kind, key string) *form.GridCol {
	if k.Grid == nil {
		return nil
	}
	for i := range k.Grid.Cols {
		if k.Grid.Cols[i].Key == key {
			return &k.Grid.Cols[i]
		}
	}
	return nil
}

func groupName(k *form.Kind, key string) string {
	for _, g := range k.Table.Groups {
		if g.Key == key {
			return g.Name
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// writeValue stores v as a person typing it would: a number for a numeric
// type when it parses as one — thousands separators and full-width digits
// included (1,040,000.00), so the live formulas see it — else text (never a
// formula).
func writeValue(f *excelize.File, sheet, ref string, t form.Type, v string) error {
	switch t {
	case form.Amount, form.Score, form.Percent:
		if d, err := value.ParseNumber(v); err == nil {
			return f.SetCellFloat(sheet, ref, d.InexactFloat64(), -1, 64)
		}
	}
	return f.SetCellStr(sheet, ref, v)
}
