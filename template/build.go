package template

import (
	"fmt"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// Build lays kind k out as a protected, stamped template workbook. It fails
// with an *OptionError for unusable options, with a *PlaceError (possibly
// several, joined) when opts.Prefill has values without a place, and with a
// plain error when the definition of k is inconsistent.
func Build(k *form.Kind, opts Options) (*excelize.File, error) {
	o, err := opts.resolve(k)
	if err != nil {
		return nil, err
	}
	l, err := newLayout(k, o)
	if err != nil {
		return nil, err
	}
	b := &builder{l: l, k: k, o: o, sheet: l.Sheet, pre: map[string]placed{},
		need: map[int]int{}, fixed: map[int]float64{}}
	if o.Prefill != nil {
		list, err := place(l, o.Prefill)
		if err != nil {
			return nil, fmt.Errorf("预填数据无法放入模板：%w", err)
		}
		for _, p := range list {
			b.pre[p.Ref] = p
		}
	}
	b.f = excelize.NewFile()
	b.st = newStyles(b.f)
	steps := []func() error{
		b.setup, b.heading, b.frame, b.statics, b.fields, b.grid, b.table,
		b.heights, b.lists, b.validations, b.print, b.stamp, b.protect,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			_ = b.f.Close()
			return nil, fmt.Errorf("生成 %s 模板：%w", k.Name, err)
		}
	}
	return b.f, nil
}

// builder holds the state of one Build.
type builder struct {
	f     *excelize.File
	st    *styles
	l     *Layout
	k     *form.Kind
	o     Options
	sheet string
	pre   map[string]placed // prefilled values by their top-left cell
	// inputs are the unlocked cells in the order they were laid out.
	inputs []input
	need   map[int]int     // row → text lines its labels need
	fixed  map[int]float64 // rows whose height the definition sets (at least)
}

// input is one unlocked cell (or merged range) of the template.
type input struct {
	rng    string
	typ    form.Type
	title  string // prompt title: the label of the cell
	prompt string
	dep    string // for a 二级指标 column: the 一级指标 column letter, "" if none
	// choices are the values of a column's own dropdown, comma-separated
	// (form.Column.Choices), "" if none.
	choices string
}

// setup names the form sheet and sets the workbook-wide defaults.
func (b *builder) setup() error {
	if err := b.f.SetSheetName("Sheet1", b.sheet); err != nil {
		return err
	}
	if err := b.f.SetDefaultFont(fontName); err != nil {
		return err
	}
	for i, w := range b.k.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(b.sheet, col, col, w); err != nil {
			return err
		}
	}
	full := true
	return b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full})
}

// heading writes the title lines, merged across the form width.
func (b *builder) heading() error {
	for i, line := range b.k.Heading {
		row := i + 1
		r, h := roleTitle, 36.0
		if i > 0 {
			r, h = roleSubtitle, 22.0
		}
		if err := b.put(rangeOf("A", row, b.l.LastCol, row), expandYear(line, b.o.Year), r); err != nil {
			return err
		}
		b.fixed[row] = h
	}
	return nil
}

// frame gives every cell of the form body the bordered, locked label style;
// later steps override the cells that hold values.
func (b *builder) frame() error {
	id, err := b.st.id(roleLabel, "")
	if err != nil {
		return err
	}
	return b.f.SetCellStyle(b.sheet, fmt.Sprintf("A%d", b.l.Top), fmt.Sprintf("%s%d", b.l.LastCol, b.l.LastRow), id)
}

// statics writes the fixed labels.
func (b *builder) statics() error {
	for _, s := range b.k.Statics {
		if err := b.put(s.At, s.Text, roleLabel); err != nil {
			return fmt.Errorf("固定标签 %s：%w", s.At, err)
		}
	}
	return nil
}

// put merges rng when it spans several cells, writes text into its first
// cell and styles the whole range.
func (b *builder) put(rng, text string, r role) error {
	if err := b.merge(rng); err != nil {
		return err
	}
	if err := b.f.SetCellStr(b.sheet, topLeft(rng), text); err != nil {
		return err
	}
	b.measure(rng, text)
	return b.style(rng, r, "")
}

func (b *builder) merge(rng string) error {
	first, last := corners(rng)
	if first == last {
		return nil
	}
	return b.f.MergeCell(b.sheet, first, last)
}

func (b *builder) style(rng string, r role, t form.Type) error {
	id, err := b.st.id(r, t)
	if err != nil {
		return err
	}
	first, last := corners(rng)
	return b.f.SetCellStyle(b.sheet, first, last, id)
}

// computed lays out a locked computed cell with its live formula or fixed
// value; row is the row {row} stands for.
func (b *builder) computed(rng string, t form.Type, formula, value string, row int) error {
	if err := b.merge(rng); err != nil {
		return err
	}
	if err := b.style(rng, roleLocked, t); err != nil {
		return err
	}
	ref := topLeft(rng)
	switch {
	case formula != "":
		expr, err := b.l.Expand(formula, row)
		if err != nil {
			return fmt.Errorf("%s：%w", ref, err)
		}
		return b.f.SetCellFormula(b.sheet, ref, expr)
	case value != "":
		v, err := b.l.Expand(value, row)
		if err != nil {
			return fmt.Errorf("%s：%w", ref, err)
		}
		return writeValue(b.f, b.sheet, ref, t, v)
	}
	return nil
}

// inputCell lays out an input cell: unlocked and tinted, or locked with its
// value when the prefill has one.
func (b *builder) inputCell(in input) error {
	if err := b.merge(in.rng); err != nil {
		return err
	}
	ref := topLeft(in.rng)
	if p, ok := b.pre[ref]; ok {
		if err := b.style(in.rng, roleLocked, in.typ); err != nil {
			return err
		}
		b.measure(in.rng, p.Value)
		return writeValue(b.f, b.sheet, ref, in.typ, p.Value)
	}
	b.inputs = append(b.inputs, in)
	return b.style(in.rng, roleInput, in.typ)
}
