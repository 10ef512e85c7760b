package validate

import (
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
)

// textTyped reports whether a cell of type t expects text. Typed into such a
// cell of a General format, “=100%” becomes a formula worth 1 and “=100(%)” a
// formula error; what the person typed is the formula's text.
func textTyped(t form.Type) bool {
	switch t {
	case form.Text, form.LongText, form.Target, form.Actual, form.Level1, form.Level2, form.YesNo:
		return true
	}
	return false
}

// typedForm returns f with every input cell that expects text and holds a
// formula read as the formula's text: the target “=100%”, not its value 1.
// For an actual the leading “=” is dropped, since an actual has no
// operator: “=98%” is 98%. The formula stays on the cell so that it can be
// reported. f is not changed; unaffected forms are returned as they are.
func typedForm(f *form.Form) *form.Form {
	k := f.Kind
	out := *f
	copied := false
	own := func() {
		if copied {
			return
		}
		copied = true
		out.Fields = make(map[string]form.Cell, len(f.Fields))
		for key, c := range f.Fields {
			out.Fields[key] = c
		}
		out.Rows = make([]form.Row, len(f.Rows))
		for i, r := range f.Rows {
			out.Rows[i] = r.Clone()
		}
	}
	for _, fd := range k.Fields {
		if c, ok := f.Fields[fd.Key]; ok && !fd.Computed && c.Formula != "" && textTyped(fd.Type) {
			own()
			out.Fields[fd.Key] = asTyped(c, fd.Type)
		}
	}
	for i, r := range f.Rows {
		for _, col := range k.Table.Columns {
			if c := r.Cell(col.Key); r.Has(col.Key) && col.Input && c.Formula != "" && textTyped(col.Type) {
				own()
				out.Rows[i].Set(col.Key, asTyped(c, col.Type))
			}
		}
	}
	return &out
}

// asTyped is a formula cell read as the text that was typed.
func asTyped(c form.Cell, t form.Type) form.Cell {
	text := "=" + strings.TrimSpace(c.Formula)
	if t == form.Actual {
		text = strings.TrimSpace(c.Formula)
	}
	c.Text, c.Raw, c.Number, c.Percent = text, text, false, false
	return c
}
