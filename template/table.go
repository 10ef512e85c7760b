package template

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
)

// table lays out the indicator table: the header row, the input rows and,
// for kinds with fixed groups, each group label merged over its rows.
func (b *builder) table() error {
	t := &b.k.Table
	for _, c := range t.Columns {
		if c.Col == "" {
			continue // read from published forms, not printed
		}
		if err := b.put(fmt.Sprintf("%s%d", c.Col, b.l.Header), c.Label, roleLabel); err != nil {
			return err
		}
	}
	for _, c := range t.Columns {
		switch {
		case c.Col == "":
		case c.Formula != "":
			for row := b.l.First; row <= b.l.Last; row++ {
				if err := b.computed(fmt.Sprintf("%s%d", c.Col, row), c.Type, c.Formula, "", row); err != nil {
					return err
				}
			}
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
				last := b.run(c, row)
				in := input{rng: rangeOf(c.Col, row, c.Col, last), typ: c.Type, title: c.Label, prompt: c.Prompt, dep: dep, choices: strings.Join(c.Choices, ",")}
				if err := b.inputCell(in); err != nil {
					return err
				}
				row = last
			}
		}
	}
	return nil
}

// run returns the last row of the block that starts at row in column c: on
// the paper form 一级指标 and 二级指标 are merged vertically over the rows
// that share them, so a prefilled template merges equal values of those
// columns that follow each other (二级 only within its 一级). Any other cell
// is a block of its own.
func (b *builder) run(c form.Column, row int) int {
	if c.Type != form.Level1 && c.Type != form.Level2 {
		return row
	}
	l1 := b.k.Table.Column(columnKeyOfType(&b.k.Table, form.Level1))
	same := func(col string, r int) bool {
		p, ok := b.pre[fmt.Sprintf("%s%d", col, row)]
		q, ok2 := b.pre[fmt.Sprintf("%s%d", col, r)]
		return ok && ok2 && p.Value == q.Value
	}
	last := row
	for r := row + 1; r <= b.l.Last && same(c.Col, r); r++ {
		if c.Type == form.Level2 && l1 != nil && !same(l1.Col, r) {
			break
		}
		last = r
	}
	return last
}

func columnKeyOfType(t *form.Table, typ form.Type) string {
	for _, c := range t.Columns {
		if c.Type == typ && c.Input {
			return c.Key
		}
	}
	return ""
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
