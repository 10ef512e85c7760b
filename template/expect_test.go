package template

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
)

// expectation is what a template of a kind must contain, derived from the
// Kind definition alone (not from the builder's Layout), so that the tests
// check the builder against the definition.
type expectation struct {
	inputs   map[string]form.Type // top-left cell of every input → its type
	labels   map[string]string    // top-left cell of every label → its text
	computed map[string]bool      // top-left cell of every computed cell
	first    int                  // first input row of the table
	last     int                  // last input row of the table
}

func expect(k *form.Kind, rows int) expectation {
	e := expectation{inputs: map[string]form.Type{}, labels: map[string]string{}, computed: map[string]bool{}}
	t := k.Table
	groups := max(1, len(t.Groups))
	e.first = t.Row + 1
	e.last = t.Row + rows*groups
	end := e.last + 1
	first := func(span string) string { a, _ := form.Cols(span); return a }
	colOf := func(key string) string { return t.Column(key).Col }
	field := func(f form.Field, row int) {
		if f.LabelAt != "" {
			label := f.Label
			if k.LabelColon && row < t.Row {
				label += "："
			}
			e.labels[fmt.Sprintf("%s%d", first(f.LabelAt), row)] = label
		}
		var ref string
		switch {
		case f.InColumn != "":
			ref = fmt.Sprintf("%s%d", colOf(f.InColumn), row)
		case f.Below:
			ref = fmt.Sprintf("%s%d", first(f.LabelAt), row+1)
		default:
			ref = fmt.Sprintf("%s%d", first(f.ValueAt), row)
		}
		if f.Computed {
			e.computed[ref] = true
		} else {
			e.inputs[ref] = f.Type
		}
	}
	for _, f := range k.Fields {
		field(f, f.Row)
	}
	for _, f := range k.Footer {
		field(f, end+f.Row)
	}
	for _, s := range k.Statics {
		e.labels[strings.Split(s.At, ":")[0]] = s.Text
	}
	if g := k.Grid; g != nil {
		e.labels[fmt.Sprintf("%s%d", g.LabelAt, g.Row)] = g.Label
		for _, c := range g.Cols {
			e.labels[fmt.Sprintf("%s%d", c.Col, g.Row)] = c.Label
		}
		for i, r := range g.Rows {
			row := g.Row + 1 + i
			e.labels[fmt.Sprintf("%s%d", g.RowLabel, row)] = r.Label
			for _, c := range g.Cols {
				ref := fmt.Sprintf("%s%d", c.Col, row)
				switch {
				case c.TotalOnly && i > 0:
					e.labels[ref] = "—"
				case c.Computed:
					e.computed[ref] = true
				default:
					e.inputs[ref] = c.Type
				}
			}
		}
	}
	for _, c := range t.Columns {
		e.labels[fmt.Sprintf("%s%d", c.Col, t.Row)] = c.Label
	}
	for i, g := range t.Groups {
		e.labels[fmt.Sprintf("%s%d", colOf(t.GroupCol), e.first+i*rows)] = g.Label()
	}
	for row := e.first; row <= e.last; row++ {
		for _, c := range t.Columns {
			if c.Input {
				e.inputs[fmt.Sprintf("%s%d", c.Col, row)] = c.Type
			}
		}
	}
	return e
}
