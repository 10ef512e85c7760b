package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Locked returns the fingerprint and the record of the locked content of
// sheet in the package data (a template as built), with the cells in skip
// left out: the two values of a stamp that describe what was issued. The
// sheet is read by the reader itself, so that what is issued and what is
// checked are read alike. It fails only when the package or the sheet
// cannot be read.
func Locked(data []byte, sheet string, skip map[string]bool) (fingerprint, issued string, err error) {
	p, err := openPkg("", data)
	if err != nil {
		return "", "", err
	}
	s, err := loadSheet(p, sheet)
	if err != nil {
		return "", "", err
	}
	if issued, err = encodeIssued(s.lockedContent(skip)); err != nil {
		return "", "", err
	}
	return s.fingerprint(skip), issued, nil
}

// fingerprint is a hash of the locked content of a sheet: the stored value
// of every locked cell that holds a constant (no formula), in row-major
// order, without its address, so that rows inserted by a person do not
// change it. Cells in skip (A1 references) are left out: those are the
// computed cells that the tool itself rewrites (see ComputedRefs). Dash
// placeholders ("—" in the funds block) are left out too, so that whether
// a caller counts them as computed cells does not matter. A version 1 stamp
// holds it; the reader recomputes it to tell whether locked content was
// edited.
func (s *sheet) fingerprint(skip map[string]bool) string {
	h := sha256.New()
	for _, m := range s.cells {
		v := strings.TrimSpace(m.raw)
		if v == "" || placeholder(v) || m.formula != "" {
			continue
		}
		if skip[cellRef(int(m.row), int(m.col))] {
			continue
		}
		if s.styles != nil && m.style >= 0 && int(m.style) < len(s.styles.xfs) && !s.styles.xfs[m.style].locked {
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
