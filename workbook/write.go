package workbook

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// WriteOptions tune WriteBack.
type WriteOptions struct {
	DryRun bool // do everything in memory, write nothing
}

// WriteBack writes the outcome of the rule book into the workbook at path
// and saves it atomically to dst (dst == path, or "", for in place): the
// Writes (numbers with 2 decimals shown, replacing a computed cell's
// formula), a note on each cell with findings, a highlight by severity, and
// the sheet ResultSheet. The previous write-back's notes, highlights and
// result sheet are replaced, so re-running gives the same file; a person's
// notes, typed values, locked state and sheet protection are kept. It
// refuses (with a *CellError) a Write into a non-blank cell that is not a
// computed cell of fm. On any failure the files at path and dst are
// unchanged and no temp file is left behind.
func WriteBack(path, dst string, fm *form.Form, out form.Outcome, opts WriteOptions) (err error) {
	if dst == "" {
		dst = path
	}
	if err := checkExt(path, dst); err != nil {
		return err
	}
	b, seen, err := readFileSeen(path)
	if err != nil {
		return err
	}
	if isLegacy(b) {
		if err := legacyTarget(path, dst); err != nil {
			return err
		}
		if b, err = fromLegacy(path, b); err != nil {
			return err
		}
	}
	if err := sniff(path, b); err != nil {
		return err
	}
	return writeBack(path, b, nil, dst, fm, out, opts, seen)
}

// writeBack is WriteBack on the file's bytes b; p is the package of b when
// already opened, or nil. It takes the direct write-back when the file
// allows it, and the general one through excelize otherwise.
func writeBack(path string, b []byte, p *pkg, dst string, fm *form.Form, out form.Outcome, opts WriteOptions, seen *seenFile) error {
	if directEnabled {
		if p == nil {
			p, _ = openPkg(path, b)
		}
		if data, err := tryDirect(p, fm, out); err == nil {
			if opts.DryRun {
				return nil
			}
			return atomicReplace(dst, data, fileMode(dst, path), seen)
		}
	}
	return generalWriteBack(path, b, dst, fm, out, opts, seen)
}

// directEnabled lets tests compare the two write-backs.
var directEnabled = true

// tryDirect is directWrite, with a panic in it taken as errIndirect: the
// general write-back then handles the file.
func tryDirect(p *pkg, fm *form.Form, out form.Outcome) (data []byte, err error) {
	if p == nil {
		return nil, errIndirect
	}
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, errIndirect
		}
	}()
	return directWrite(p, fm, out)
}

// generalWriteBack is the write-back through excelize.
func generalWriteBack(path string, b []byte, dst string, fm *form.Form, out form.Outcome, opts WriteOptions, seen *seenFile) (err error) {
	// Pictures and embedded objects are set aside first and copied into the
	// output last, as they were, so that neither excelize nor the part
	// edits below ever copy them.
	b, blobs, err := setAside(b)
	if err != nil {
		return fileError(path, ErrNotXLSX, err)
	}
	b, ours, err := prepare(b)
	if err != nil {
		return fileError(path, ErrNotXLSX, err)
	}
	parts, err := zipParts(b)
	if err != nil {
		return fileError(path, ErrNotXLSX, err)
	}
	layout, keep := notesLayout(parts), sheetKeeps(parts)
	formMerges, err := mergesAside(path, b, keep, fm.Sheet)
	if err != nil {
		return err
	}
	if b, err = withoutMerges(b, keep); err != nil {
		return fileError(path, ErrNotXLSX, err)
	}
	if b, err = renameParts(b, layout); err != nil {
		return fileError(path, ErrNotXLSX, err)
	}
	f, err := openPackage(path, b)
	if err != nil {
		return err
	}
	defer f.Close()
	defer func() {
		if !recoverPanics {
			return
		}
		if r := recover(); r != nil {
			err = i18n.Errorf("%s：写回失败（%v）", "%s: the write-back failed (%v)", path, r)
		}
	}()
	if findSheet(f, fm.Sheet) != fm.Sheet {
		return i18n.Errorf("%s：工作表「%s」不存在", "%s: there is no sheet %q", path, fm.Sheet)
	}
	active := f.GetSheetName(f.GetActiveSheetIndex())
	// Gives every worksheet a <sheetViews> (excelize's sheet moves fail on
	// one without); keepSheets removes the ones the file did not have.
	f.SetActiveSheet(f.GetActiveSheetIndex())
	if err := applyWrites(f, fm, path, out.Writes); err != nil {
		return err
	}
	if err := fitLongText(f, fm, formMerges); err != nil {
		return i18n.Errorf("%s：调整行高失败：%w", "%s: adjusting row heights failed: %w", path, err)
	}
	cells := findingCells(f, out.Findings, fm.Sheet)
	if err := writeNotes(f, cells); err != nil {
		return i18n.Errorf("%s：写入批注失败：%w", "%s: writing the notes failed: %w", path, err)
	}
	if err := writeHighlights(f, cells, ours); err != nil {
		return i18n.Errorf("%s：写入突出显示失败：%w", "%s: writing the highlighting failed: %w", path, err)
	}
	if err := writeResults(f, fm, out); err != nil {
		return i18n.Errorf("%s：写入「%s」失败：%w", "%s: writing %q failed: %w", path, ResultSheet, err)
	}
	if idx, err := f.GetSheetIndex(active); err == nil && idx >= 0 {
		f.SetActiveSheet(idx)
	}
	buf, err := f.WriteToBuffer() // f.Write would copy the whole package once more
	if err != nil {
		return i18n.Errorf("%s：生成工作簿失败：%w", "%s: building the workbook failed: %w", path, err)
	}
	data, err := renameParts(buf.Bytes(), inverse(layout))
	if err == nil {
		data, err = keepSheets(data, keep)
	}
	if err == nil {
		data, err = withoutLostCalcChain(data)
	}
	if err == nil {
		var full *bytes.Buffer
		if full, err = blobs.putBack(bytes.NewBuffer(data)); err == nil {
			data = full.Bytes()
		}
	}
	if err != nil {
		return i18n.Errorf("%s：生成工作簿失败：%w", "%s: building the workbook failed: %w", path, err)
	}
	if opts.DryRun {
		return nil
	}
	return atomicReplace(dst, data, fileMode(dst, path), seen)
}

// mergesAside keeps in keep the merged ranges of every worksheet but the
// result sheet (which the write-back replaces), to be taken out while
// excelize has the package, and returns the ranges of the form sheet.
func mergesAside(path string, b []byte, keep map[string]sheetKeep, formSheet string) ([]string, error) {
	p, err := openPkg(path, b)
	if err != nil {
		return nil, err
	}
	if part := p.sheetPart(p.findSheet(ResultSheet)); part != "" {
		if k, ok := keep[part]; ok {
			k.merges = nil
			keep[part] = k
		}
	}
	return mergeRefs(keep[p.sheetPart(formSheet)].merges), nil
}

// checkExt refuses to turn a macro workbook into a plain one or back: the
// package keeps the source's content type, which must match the extension.
func checkExt(path, dst string) error {
	a, b := strings.ToLower(filepath.Ext(path)), strings.ToLower(filepath.Ext(dst))
	if a != b && (a == ".xlsm" || b == ".xlsm") {
		return i18n.Errorf("%s：输出文件 %s 的扩展名须与原文件一致（%s）", "%s: the output file %s must have the same extension as the input (%s)", path, dst, a)
	}
	return nil
}

// applyWrites performs the Writes of the rule book.
func applyWrites(f *excelize.File, fm *form.Form, path string, writes []form.Write) error {
	computed := ComputedRefs(fm)
	for _, w := range writes {
		sh := w.Sheet
		if sh == "" {
			sh = fm.Sheet
		}
		at, ok := cleanRef(w.Ref)
		cellErr := func(err error) error {
			return &CellError{Path: path, Sheet: sh, Cell: w.Ref, Err: err}
		}
		if !ok || findSheet(f, sh) != sh {
			return cellErr(i18n.New("单元格或工作表不存在", "no such cell or sheet"))
		}
		if !(sh == fm.Sheet && computed[at]) {
			if err := checkFree(f, sh, at, w); err != nil {
				return cellErr(err)
			}
		}
		var err error
		if w.Number != nil {
			err = writeNumber(f, sh, at, *w.Number)
		} else {
			err = f.SetCellStr(sh, at, w.Text)
		}
		if err != nil {
			return cellErr(err)
		}
	}
	return nil
}

// checkFree accepts a Write into a cell that is not a computed cell only
// when the cell is blank, or already holds exactly the value to write (a
// score filled by an earlier write-back).
func checkFree(f *excelize.File, sh, at string, w form.Write) error {
	raw, err := f.GetCellValue(sh, at, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	formula, _ := f.GetCellFormula(sh, at)
	raw = strings.TrimSpace(raw)
	switch {
	case formula != "":
		return errInputCell
	case raw == "":
		return nil
	case w.Number != nil:
		if typ, _ := f.GetCellType(sh, at); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
			if d, err := decimal.NewFromString(raw); err == nil && d.Equal(*w.Number) {
				return nil
			}
		}
	case raw == w.Text:
		return nil
	}
	return errInputCell
}

// writeNumber stores d as a number shown with 2 decimals, keeping the cell's
// style (and so its locked state) apart from the number format. In a
// percent-formatted cell a value in percent units (77.83) is stored as a
// fraction (0.7783) and shown as 77.83%.
func writeNumber(f *excelize.File, sh, at string, d decimal.Decimal) error {
	id, err := f.GetCellStyle(sh, at)
	if err != nil {
		return err
	}
	st, err := f.GetStyle(id)
	if err != nil {
		return err
	}
	pct := st.NumFmt == 9 || st.NumFmt == 10 || (st.CustomNumFmt != nil && hasPercent(*st.CustomNumFmt))
	if pct {
		d = d.Shift(-2)
	}
	if !twoDecimals(st, pct) {
		st.CustomNumFmt = nil
		st.NumFmt = 2
		if pct {
			st.NumFmt = 10
		}
		nid, err := f.NewStyle(st)
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, at, at, nid); err != nil {
			return err
		}
	}
	return f.SetCellDefault(sh, at, d.String())
}

// twoDecimals reports whether a style shows numbers with exactly two
// decimals (a percent with two decimals when pct).
func twoDecimals(st *excelize.Style, pct bool) bool {
	if st.CustomNumFmt != nil {
		code := *st.CustomNumFmt
		return strings.Contains(code, "0.00") && !strings.Contains(code, "0.000") && hasPercent(code) == pct
	}
	if pct {
		return st.NumFmt == 10
	}
	switch st.NumFmt {
	case 2, 4, 39, 40:
		return true
	}
	return false
}
