package template

import (
	"fmt"

	"github.com/selfeval/selfeval/workbook/form"
)

// table lays out the indicator table: the header row, the input rows and,
// for kinds with fixed groups, each group label merged over its rows.
func (b *builder) table() error {
	t := &b.k.Table
	for _, c := range t.Columns {
		if err := b.put(fmt.Sprintf("%s%d", c.Col, b.l.Header), c.Label, roleLabel); err != nil {
			return err
		}
	}
	for _, c := range t.Columns {
		switch {
		case len(t.Groups) > 0 && c.Key == t.GroupCol:
			for _, g := range b.l.Groups {
				if err := b.put(g.Ref, g.Label, roleLabel); err != nil {
					return err
				}
			}
		case c.Input:
			dep := ""
			if c.Type == form.Level2 {
				dep = columnOfType(t, form.Level1)
			}
			for row := b.l.First; row <= b.l.Last; row++ {
				in := input{rng: fmt.Sprintf("%s%d", c.Col, row), typ: c.Type, title: c.Label, prompt: c.Prompt, dep: dep}
				if err := b.inputCell(in); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// columnOfType returns the letter of the first input column of type t, or "".
func columnOfType(t *form.Table, typ form.Type) string {
	for _, c := range t.Columns {
		if c.Type == typ && c.Input {
			return c.Col
		}
	}
	return ""
}
