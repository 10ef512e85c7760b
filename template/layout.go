package template

import (
	"fmt"
	"strconv"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// Layout says where everything of a kind sits in a template built with given
// Options. Rows are 1-based sheet rows; cells are A1 references.
type Layout struct {
	Kind    *form.Kind
	Sheet   string // the form sheet
	Cols    int    // form width in columns (len(Kind.Widths))
	LastCol string // letter of the last column of the form
	Top     int    // first row below the heading lines
	// Fields holds the header and footer fields by Field.Key.
	Fields map[string]Place
	// Grid holds the funds-block cells by GridRow.Key, then GridCol.Key
	// (every row and column, including the "—" cells of TotalOnly columns).
	Grid map[string]map[string]string
	// GridRows holds the sheet row of each grid row by GridRow.Key.
	GridRows map[string]int
	Header   int // table header row
	First    int // first input row of the table
	Last     int // last input row of the table
	// Groups holds the rows of each fixed group, in definition order (empty
	// for kinds without groups).
	Groups  []GroupRows
	End     int // the row after the table (Footer row 0)
	LastRow int // last row of the form
	// Year and Rows are the resolved options the layout was made for.
	Year  string
	Rows  int
	rules *Rules
}

// Place is where a single-valued field sits.
type Place struct {
	Ref   string // the value cell (top-left cell when merged)
	Range string // the value range, e.g. "C3:H3"; equal to Ref for a single cell
	Label string // the label range, "" when another field carries the label
	Row   int    // the row of the value
}

// GroupRows is the block of table rows of one fixed group.
type GroupRows struct {
	Key   string // Group.Key
	Label string // Group.Label(), e.g. 投入与管理（36分）
	First int    // first input row of the group
	Last  int    // last input row of the group
	Ref   string // merged range of the group label in the group column
}

// LayoutOf returns where everything of kind k sits in a template built with
// opts. It returns nil when k is nil, opts are invalid or the definition is
// inconsistent; Build reports the reason in those cases.
func LayoutOf(k *form.Kind, opts Options) *Layout {
	o, err := opts.resolve(k)
	if err != nil {
		return nil
	}
	l, err := newLayout(k, o)
	if err != nil {
		return nil
	}
	return l
}

// Cell returns the cell of table column key on a sheet row, or "" when the
// table has no such column.
func (l *Layout) Cell(key string, row int) string {
	c := l.Kind.Table.Column(key)
	if c == nil || c.Col == "" {
		return ""
	}
	return c.Col + strconv.Itoa(row)
}

// Group returns the rows of the group with the given key, or nil.
func (l *Layout) Group(key string) *GroupRows {
	for i := range l.Groups {
		if l.Groups[i].Key == key {
			return &l.Groups[i]
		}
	}
	return nil
}

// Computed returns the cells the tool computes: the value cells of computed
// fields (header and footer) and every cell of computed grid columns. These
// are the cells left out of the stamp's fingerprint.
func (l *Layout) Computed() map[string]bool {
	out := map[string]bool{}
	for _, list := range [][]form.Field{l.Kind.Fields, l.Kind.Footer} {
		for _, f := range list {
			if f.Computed {
				out[l.Fields[f.Key].Ref] = true
			}
		}
	}
	for _, f := range l.Kind.Footer {
		out[l.Fields[f.Key].Ref] = true
	}
	if g := l.Kind.Grid; g != nil {
		for _, r := range g.Rows {
			for _, c := range g.Cols {
				if c.Computed {
					out[l.Grid[r.Key][c.Key]] = true
				}
			}
		}
	}
	for _, c := range l.Kind.Table.Columns {
		if c.Formula != "" && c.Col != "" {
			for row := l.First; row <= l.Last; row++ {
				out[c.Col+strconv.Itoa(row)] = true
			}
		}
	}
	return out
}

// newLayout computes the layout of k for resolved options o.
func newLayout(k *form.Kind, o Options) (*Layout, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("表单定义 %s 有误：%s", k.Name, fmt.Sprintf(format, args...))
	}
	if len(k.Widths) == 0 {
		return nil, bad("没有列宽")
	}
	if k.Sheet == "" {
		return nil, bad("没有工作表名称")
	}
	last, err := excelize.ColumnNumberToName(len(k.Widths))
	if err != nil {
		return nil, bad("列数 %d", len(k.Widths))
	}
	l := &Layout{
		Kind: k, Sheet: k.Sheet, Cols: len(k.Widths), LastCol: last,
		Top:    len(k.Heading) + 1,
		Fields: map[string]Place{}, Grid: map[string]map[string]string{}, GridRows: map[string]int{},
		Year: o.Year, Rows: o.Rows, rules: o.Rules,
	}
	t := k.Table
	if t.Row < l.Top || len(t.Columns) == 0 {
		return nil, bad("表格表头行 %d 或列无效", t.Row)
	}
	for _, c := range t.Columns {
		if c.Col == "" {
			continue // read from published forms, not printed
		}
		if !l.inForm(c.Col) {
			return nil, bad("表格列 %s 的列号 %q 超出表单宽度", c.Key, c.Col)
		}
	}
	l.Header, l.First = t.Row, t.Row+1
	n := o.rowsFor("")
	if len(t.Groups) > 0 {
		if t.Column(t.GroupCol) == nil {
			return nil, bad("分组列 %q 不存在", t.GroupCol)
		}
		col := t.Column(t.GroupCol).Col
		first := l.First
		n = 0
		for _, g := range t.Groups {
			rows := o.rowsFor(g.Key)
			gr := GroupRows{Key: g.Key, Label: o.groupLabel(g), First: first, Last: first + rows - 1}
			gr.Ref = rangeOf(col, gr.First, col, gr.Last)
			l.Groups = append(l.Groups, gr)
			first += rows
			n += rows
		}
	}
	l.Last = l.First + n - 1
	l.End = l.Last + 1
	l.LastRow = l.End - 1
	for _, f := range k.Fields {
		if f.Row < l.Top || f.Row >= t.Row {
			return nil, bad("字段 %s 的行 %d 不在表头与表格之间", f.Key, f.Row)
		}
		if err := l.placeField(f, f.Row); err != nil {
			return nil, bad("%v", err)
		}
	}
	for _, f := range k.Footer {
		if f.Row < 0 {
			return nil, bad("表尾字段 %s 的行 %d 无效", f.Key, f.Row)
		}
		if err := l.placeField(f, l.End+f.Row); err != nil {
			return nil, bad("%v", err)
		}
	}
	if g := k.Grid; g != nil {
		if g.Row < l.Top || g.Row+len(g.Rows) >= t.Row || !l.inForm(g.LabelAt) || !l.inForm(g.RowLabel) {
			return nil, bad("资金表位置无效")
		}
		for i, r := range g.Rows {
			row := g.Row + 1 + i
			l.GridRows[r.Key] = row
			l.Grid[r.Key] = map[string]string{}
			for _, c := range g.Cols {
				if !l.inForm(c.Col) {
					return nil, bad("资金表列 %s 的列号 %q 超出表单宽度", c.Key, c.Col)
				}
				l.Grid[r.Key][c.Key] = c.Col + strconv.Itoa(row)
			}
		}
	}
	return l, nil
}

// placeField records where field f sits when its label is on row.
func (l *Layout) placeField(f form.Field, row int) error {
	if _, dup := l.Fields[f.Key]; dup {
		return fmt.Errorf("字段 %s 重复", f.Key)
	}
	p := Place{Row: row}
	if f.LabelAt != "" {
		rng, err := l.span(f.LabelAt, row)
		if err != nil {
			return fmt.Errorf("字段 %s 的标签列：%w", f.Key, err)
		}
		p.Label = rng
	}
	var err error
	switch {
	case f.InColumn != "":
		c := l.Kind.Table.Column(f.InColumn)
		if c == nil {
			return fmt.Errorf("字段 %s 所在的表格列 %q 不存在", f.Key, f.InColumn)
		}
		p.Range = c.Col + strconv.Itoa(row)
	case f.Below:
		if f.LabelAt == "" {
			return fmt.Errorf("字段 %s 在标签下方，却没有标签列", f.Key)
		}
		p.Row = row + 1
		p.Range, err = l.span(f.LabelAt, p.Row)
	case f.ValueAt != "":
		p.Range, err = l.span(f.ValueAt, row)
	default:
		return fmt.Errorf("字段 %s 没有取值位置", f.Key)
	}
	if err != nil {
		return fmt.Errorf("字段 %s 的取值列：%w", f.Key, err)
	}
	p.Ref = topLeft(p.Range)
	l.Fields[f.Key] = p
	if p.Row > l.LastRow {
		l.LastRow = p.Row
	}
	return nil
}

// span turns a column span "A:B" on row into the range "A3:B3" (or "A3").
func (l *Layout) span(cols string, row int) (string, error) {
	a, b := form.Cols(cols)
	if !l.inForm(a) || !l.inForm(b) {
		return "", fmt.Errorf("列 %q 超出表单宽度 %s", cols, l.LastCol)
	}
	if a == b {
		return a + strconv.Itoa(row), nil
	}
	return fmt.Sprintf("%s%d:%s%d", a, row, b, row), nil
}

// inForm reports whether col is a column letter within the form's width.
func (l *Layout) inForm(col string) bool {
	n, err := excelize.ColumnNameToNumber(col)
	return err == nil && n >= 1 && n <= l.Cols
}
