package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Fingerprint returns a hash of the locked content of a sheet: the stored
// value of every locked cell that holds a constant (no formula), in row-major
// order, without its address, so that rows inserted by a person do not change
// it. Cells in skip (A1 references) are left out: those are the computed cells
// that the tool itself rewrites (see ComputedRefs). Dash placeholders ("—"
// in the funds block) are left out too, so that whether a caller counts them
// as computed cells does not matter. The template stores the fingerprint in
// its stamp; the reader recomputes it to tell whether locked content was
// edited. It fails only when the sheet cannot be read.
func Fingerprint(f *excelize.File, sheet string, skip map[string]bool) (string, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	locked := map[int]bool{} // style id → locked
	for r, row := range rows {
		for c, v := range row {
			v = strings.TrimSpace(v)
			if v == "" || placeholder(v) {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if skip[ref] {
				continue
			}
			if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
				continue
			}
			id, err := f.GetCellStyle(sheet, ref)
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

// fingerprint is Fingerprint computed from the sheet as read, in the same
// pass: the same cells, in the same order, with the same locked state.
func (s *sheet) fingerprint(skip map[string]bool) string {
	h := sha256.New()
	for _, m := range s.cells {
		v := strings.TrimSpace(m.raw)
		if v == "" || placeholder(v) || m.formula != "" {
			continue
		}
		if skip[ref(int(m.row), int(m.col))] {
			continue
		}
		if s.styles != nil && m.style >= 0 && m.style < len(s.styles.xfs) && !s.styles.xfs[m.style].locked {
			continue
		}
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// placeholder reports whether v is a dash that stands for "no value".
func placeholder(v string) bool {
	switch v {
	case "—", "-", "－", "–", "——", "/":
		return true
	}
	return false
}
