package template

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
)

func expandYear(line, year string) string { return strings.ReplaceAll(line, "{year}", year) }

// fields lays out the single-valued fields above and below the table.
func (b *builder) fields() error {
	for _, list := range [][]form.Field{b.k.Fields, b.k.Footer} {
		for _, fd := range list {
			if err := b.field(fd); err != nil {
				return fmt.Errorf("字段 %s：%w", fd.Key, err)
			}
		}
	}
	return nil
}

func (b *builder) field(fd form.Field) error {
	p := b.l.Fields[fd.Key]
	if p.Label != "" {
		label := fd.Label
		if b.k.LabelColon && p.Row < b.l.Header {
			label += "："
		}
		if err := b.put(p.Label, label, roleLabel); err != nil {
			return err
		}
	}
	if fd.Height > 0 {
		b.fixed[p.Row] = fd.Height
	}
	if fd.Computed {
		return b.computed(p.Range, fd.Type, fd.Formula, fd.Value, p.Row)
	}
	return b.inputCell(input{rng: p.Range, typ: fd.Type, title: fd.Label, prompt: fd.Prompt})
}
