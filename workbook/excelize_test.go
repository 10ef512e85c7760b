package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"github.com/selfeval/selfeval/workbook/stamp"
	"strings"

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// Test fixtures are built with excelize, as templates are; these helpers
// read and stamp them the way the tool does.

// readX reads the first form of f, saved to bytes, as Load and
// Workbook.Read read a file named path.
func readX(f *excelize.File, path string, opts ...ReadOption) (*form.Form, error) {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	p, err := openPkg(path, buf.Bytes())
	if err != nil {
		return nil, err
	}
	fms, err := readPkg(p, path, false, opts)
	if err != nil {
		return nil, err
	}
	return fms[0], nil
}

// stampX writes st into f as the template builder does (template's
// writeStamp, which this package's tests cannot import).
func stampX(f *excelize.File, formSheet string, st form.Stamp) error {
	w := stamp.Parts(formSheet, st)
	for _, s := range f.GetSheetList() {
		if strings.EqualFold(s, stamp.Sheet) {
			if err := f.DeleteSheet(s); err != nil {
				return err
			}
		}
	}
	if _, err := f.NewSheet(stamp.Sheet); err != nil {
		return err
	}
	for i, kv := range w.Rows {
		if err := f.SetSheetRow(stamp.Sheet, ooxml.Ref(i, 0), &[]any{kv[0], kv[1]}); err != nil {
			return err
		}
	}
	for _, kv := range w.Props {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: kv[0], Value: kv[1]}); err != nil {
			return err
		}
	}
	for _, n := range f.GetDefinedName() {
		if strings.EqualFold(n.Name, stamp.Name) {
			if err := f.DeleteDefinedName(&excelize.DefinedName{Name: stamp.Name}); err != nil {
				return err
			}
			break
		}
	}
	if w.Name != "" {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: stamp.Name, RefersTo: w.Name}); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(stamp.Sheet, false, true)
}

// fingerprintX is the fingerprint of a sheet as excelize reads it: the
// reference the reader's own (stamp.Fingerprint of sheet.lockedCells) is held to. Stamps of
// version 1 were written with it.
func fingerprintX(f *excelize.File, sheet string, skip map[string]bool) (string, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	locked := map[int]bool{} // style id → locked
	for r, row := range rows {
		for c, v := range row {
			v = strings.TrimSpace(v)
			if v == "" || dashX(v) {
				continue
			}
			at, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if skip[at] {
				continue
			}
			if formula, _ := f.GetCellFormula(sheet, at); formula != "" {
				continue
			}
			id, err := f.GetCellStyle(sheet, at)
			if err != nil {
				return "", err
			}
			l, ok := locked[id]
			if !ok {
				l = true // a cell is locked unless its style says otherwise
				if st, err := f.GetStyle(id); err == nil && st.Protection != nil {
					l = st.Protection.Locked
				}
				locked[id] = l
			}
			if !l {
				continue
			}
			h.Write([]byte(v))
			h.Write([]byte{0})
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// dashX reports whether v is a dash that stands for "no value" (the stamp's
// placeholders).
func dashX(v string) bool {
	switch v {
	case "—", "-", "－", "–", "——", "/":
		return true
	}
	return false
}
