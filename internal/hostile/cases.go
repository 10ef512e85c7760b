package hostile

import (
	"bytes"
	"fmt"
	"strings"
)

// Case is one broken variant of a form.
type Case struct {
	Name string // file name, ending in .xlsx
	Data []byte
}

// Small returns broken variants of the mof2020 form src (our template,
// filled: C3 is 项目名称, F13 a 分值 of 20, A13 the first 一级指标) that are
// small enough to keep as fuzz seeds: bad cell references, a shared-string
// index out of range, NaN and infinite numbers, a sub-cent weight, many
// merged ranges, a lying zip directory.
func Small(src []byte) ([]Case, error) {
	const sheet = "xl/worksheets/sheet1.xml"
	edits := []struct{ name, old, new string }{
		{"cellref-a0.xlsx", `<c r="C3"`, `<c r="A0"`},
		{"cellref-row-1048577.xlsx", `<c r="C3"`, `<c r="C1048577"`},
		{"cellref-garbage.xlsx", `<c r="C3"`, `<c r="项目"`},
		{"nan-weight.xlsx", `<c r="F13" s="9"><v>20</v>`, `<c r="F13" s="9"><v>NaN</v>`},
		{"inf-score.xlsx", `<c r="G13" s="9"><v>20</v>`, `<c r="G13" s="9"><v>-Inf</v>`},
		{"subcent-weight.xlsx", `<c r="F13" s="9"><v>20</v>`, `<c r="F13" s="9"><v>0.009</v>`},
	}
	var out []Case
	for _, e := range edits {
		b, err := Replace(src, sheet, e.old, e.new)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.name, err)
		}
		out = append(out, Case{e.name, b})
	}
	for _, e := range []struct{ name, v string }{{"sst-index.xlsx", "99999"}, {"sst-negative.xlsx", "-1"}} {
		b, err := ReplaceValue(src, sheet, "C3", e.v) // C3 holds a shared string
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.name, err)
		}
		out = append(out, Case{e.name, b})
	}
	b, err := Merges(src, sheet, 2000)
	if err != nil {
		return nil, err
	}
	out = append(out, Case{"merges-2000.xlsx", b})
	if b, err = LieSize(src, sheet, 100); err != nil {
		return nil, err
	}
	out = append(out, Case{"lying-size.xlsx", b})
	return out, nil
}

// Merges adds n one-row merged ranges below the form (rows 200 on, two
// columns each), replacing the sheet's mergeCells.
func Merges(src []byte, sheet string, n int) ([]byte, error) {
	var m strings.Builder
	fmt.Fprintf(&m, `<mergeCells count="%d">`, n)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&m, `<mergeCell ref="J%d:K%d"/>`, 200+i, 200+i)
	}
	m.WriteString(`</mergeCells>`)
	found := false
	out, err := Rewrite(src, func(name string, data []byte) []byte {
		if name != sheet {
			return data
		}
		i, j := bytes.Index(data, []byte("<mergeCells")), bytes.Index(data, []byte("</mergeCells>"))
		if i < 0 || j < i {
			return data
		}
		found = true
		return append(append(append([]byte{}, data[:i]...), m.String()...), data[j+len("</mergeCells>"):]...)
	}, nil)
	if err == nil && !found {
		err = fmt.Errorf("hostile: no mergeCells in %s", sheet)
	}
	return out, err
}
