package workbook

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// titleRows is how many rows from the top of a sheet are searched for a
// kind's title.
const titleRows = 12

// ProblemLabelMissing is the code of the Problem the reader adds for a
// label of the kind (field, grid row or column, table column) it could not
// find; Args holds the label. The other reader problems use the rule book's
// "template.*" codes (see CodeTampered and the codes beside it).
const ProblemLabelMissing = "form.label_missing"

// Read finds the form in f and reads it into a form.Form. The kind comes from
// the stamp (hidden sheet StampSheet or custom properties), else from a
// kind's title in the top rows of a sheet, else from the best-matching
// indicator table header. Values are found by label anchors, so inserted
// rows, offsets and label variants are tolerated. A stamped workbook's locked
// content is compared with the stamp (see checkStamp): "template.tampered"
// for each changed cell, "template.row_deleted" / "template.row_inserted",
// "template.stamp_deleted", "template.signature_invalid" with a key
// (WithStampKey), "template.unknown_version". Read fails with
// ErrUnknownForm (naming the known kinds) when no form is found.
func Read(f *excelize.File, path string, opts ...ReadOption) (fm *form.Form, err error) {
	defer func() {
		if !recoverPanics {
			return
		}
		if r := recover(); r != nil {
			fm, err = nil, fileError(path, ErrNotXLSX, fmt.Errorf("文件内容损坏（%v）", r))
		}
	}()
	var cfg readConfig
	for _, o := range opts {
		o(&cfg)
	}
	st := readStamp(f)
	k, sh, err := locate(f, st)
	if err != nil {
		return nil, fileError(path, ErrUnknownForm, err)
	}
	fm, err = readForm(sh, k, path)
	if err != nil {
		return nil, err
	}
	switch {
	case st != nil:
		stamp := st.Stamp
		fm.Stamp = &stamp
		checkStamp(f, fm, st, cfg)
	case stampRemnant(f):
		fm.Problems = append(fm.Problems, form.Problem{Code: CodeStampDeleted, Sheet: fm.Sheet, Args: []any{"隐藏工作表 " + StampSheet + " 与文档属性"}})
	}
	return fm, nil
}

// locate picks the kind and the sheet holding the form.
func locate(f *excelize.File, st *stampInfo) (*form.Kind, *sheet, error) {
	var names []string
	for _, n := range f.GetSheetList() {
		if !strings.EqualFold(n, StampSheet) && n != ResultSheet {
			names = append(names, n)
		}
	}
	loaded := map[string]*sheet{}
	load := func(n string) *sheet {
		if s, ok := loaded[n]; ok {
			return s
		}
		s, err := loadSheet(f, n)
		if err != nil {
			s = nil
		}
		loaded[n] = s
		return s
	}
	kinds := form.Kinds()
	if st != nil {
		if k := form.Lookup(st.Kind); k != nil {
			kinds = []*form.Kind{k}
			// The stamp's sheet, then the template's sheet name, then any.
			for _, n := range []string{st.sheet, k.Sheet} {
				if n = findSheet(f, n); n != "" && n != StampSheet {
					if s := load(n); s != nil && hasTitle(s, k) {
						return k, s, nil
					}
				}
			}
		}
	}
	var best *form.Kind
	var bestSheet *sheet
	bestLen := 0
	for _, n := range names {
		s := load(n)
		if s == nil {
			continue
		}
		for _, k := range kinds {
			if l := len(k.Title); hasTitle(s, k) && l > bestLen {
				best, bestSheet, bestLen = k, s, l
			}
		}
		if best != nil {
			return best, bestSheet, nil
		}
	}
	// No title: the sheet and kind whose table header matches best.
	bestScore := 0
	for _, n := range names {
		s := load(n)
		if s == nil {
			continue
		}
		for _, k := range kinds {
			cols := tableCols(&k.Table)
			if r, m, _ := s.findHeader(cols, 0, s.rows()); r >= 0 && 4*len(m) >= 3*len(cols) && len(m) > bestScore {
				best, bestSheet, bestScore = k, s, len(m)
			}
		}
	}
	if best != nil {
		return best, bestSheet, nil
	}
	var known []string
	for _, k := range form.Kinds() {
		known = append(known, fmt.Sprintf("%s（%s）", k.Name, k.Title))
	}
	return nil, nil, fmt.Errorf("未找到已知表单的标题或表头；已知表单：%s", strings.Join(known, "、"))
}

// hasTitle reports whether a kind's title appears in the top rows of s.
func hasTitle(s *sheet, k *form.Kind) bool {
	title := normalize(k.Title)
	for r := 0; r < min(titleRows, s.rows()); r++ {
		for c := 0; c < s.width(r); c++ {
			if s.own(r, c) != "" && strings.Contains(s.norm(r, c), title) {
				return true
			}
		}
	}
	return false
}

// readForm reads the fields, grid and table of kind k from s.
func readForm(s *sheet, k *form.Kind, path string) (*form.Form, error) {
	fm := &form.Form{Kind: k, Path: path, Sheet: s.name, Fields: map[string]form.Cell{}}
	missing := func(label string) {
		fm.Problems = append(fm.Problems, form.Problem{Code: ProblemLabelMissing, Sheet: s.name, Args: []any{label}})
	}
	lay, ok := s.findTable(k)
	if !ok {
		return nil, fileError(path, ErrUnknownForm,
			fmt.Errorf("工作表「%s」中找不到指标表表头（%s）", s.name, columnLabels(k)))
	}
	for _, c := range k.Table.Columns {
		if _, ok := lay.cols[c.Key]; !ok {
			missing(c.Label)
		}
	}
	known := knownLabels(k)
	widthLimit := lay.last + 1
	if g := k.Grid; g != nil {
		if gl, ok := s.findGrid(g, lay.header); ok {
			fm.Grid = s.readGrid(g, gl)
			for _, gc := range g.Cols {
				c, ok := gl.cols[gc.Key]
				if !ok {
					missing(gc.Label)
					continue
				}
				widthLimit = max(widthLimit, c+1)
			}
			for _, gr := range g.Rows {
				if _, ok := gl.rows[gr.Key]; !ok {
					missing(gr.Label)
				}
			}
		} else {
			missing(g.Label)
		}
	}
	read := func(fd form.Field, from, to int) {
		r, c, ok := s.findLabelIn(labels(fd.Label, fd.Aliases...), from, to)
		if !ok {
			missing(fd.Label)
			return
		}
		var cell form.Cell
		switch {
		case fd.InColumn != "":
			col, ok := lay.cols[fd.InColumn]
			if !ok {
				missing(fd.Label)
				return
			}
			cell = s.cell(r, col)
		case fd.Below:
			cell = s.cell(s.valueBelow(r, c, to, known))
		default:
			vr, vc := s.valueRight(r, c, widthLimit, known)
			cell = s.cell(vr, vc)
			if known[normalize(cell.Text)] {
				cell = form.Cell{Sheet: s.name, Ref: cell.Ref} // no value cell: only a label
			}
		}
		fm.Fields[fd.Key] = cell
	}
	for _, fd := range k.Fields {
		read(fd, 0, lay.header)
	}
	for _, fd := range k.Footer {
		read(fd, lay.end, s.rows())
	}
	fm.Rows = s.readRows(k, lay)
	return fm, nil
}

func columnLabels(k *form.Kind) string {
	var l []string
	for _, c := range k.Table.Columns {
		l = append(l, c.Label)
	}
	return strings.Join(l, "、")
}

// ComputedRefs returns the references of the computed cells of a read form:
// the value cells of computed fields and footer fields and every cell of the
// computed grid columns. Fingerprint skips them, both when the template is
// stamped and when a filled form is checked, because write-back rewrites
// them.
func ComputedRefs(fm *form.Form) map[string]bool {
	out := map[string]bool{}
	k := fm.Kind
	for key, c := range fm.Fields {
		if fd := k.Field(key); fd != nil && c.Ref != "" && (fd.Computed || isFooter(k, key)) {
			out[c.Ref] = true
		}
	}
	if k.Grid != nil {
		for _, gc := range k.Grid.Cols {
			if !gc.Computed {
				continue
			}
			for _, cells := range fm.Grid {
				if c, ok := cells[gc.Key]; ok && c.Ref != "" {
					out[c.Ref] = true
				}
			}
		}
	}
	return out
}

func isFooter(k *form.Kind, key string) bool {
	for _, fd := range k.Footer {
		if fd.Key == key {
			return true
		}
	}
	return false
}
