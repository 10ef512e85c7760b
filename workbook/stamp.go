package workbook

import "github.com/selfeval/selfeval/workbook/stamp"

// stampInfo is a stamp as read (package stamp keeps what it is and how it
// is checked).
type stampInfo = stamp.Record

// readStamp returns the stamp from the hidden sheet (preferred) completed by
// the custom properties, or nil when the workbook has neither. It is read
// once per package: the write-back asks again for what the read found.
// Callers do not change it.
func readStamp(p *pkg) *stampInfo {
	if !p.stampRead {
		p.stamp, p.stampRead = loadStamp(p), true
	}
	return p.stamp
}

// loadStamp is readStamp without the memo.
func loadStamp(p *pkg) *stampInfo {
	var rows [][2]string
	if name := p.findSheet(stamp.Sheet); name != "" {
		if s, err := loadSheet(p, name); err == nil {
			for r := range s.rows() {
				k, _ := s.at(r, 0)
				m, _ := s.at(r, 1)
				rows = append(rows, [2]string{normalize(k.raw), m.raw})
			}
		}
	}
	return stamp.Read(rows, p.customProps())
}

// lockedCells are the sheet's locked cells that hold a constant (no
// formula), in row-major order: what the stamp records and compares.
func (s *sheet) lockedCells() stamp.Cells {
	return func(yield func(stamp.Cell) bool) {
		for _, m := range s.cells {
			if m.formula != "" || m.raw == "" {
				continue
			}
			if s.styles != nil && m.style >= 0 && int(m.style) < len(s.styles.xfs) && !s.styles.xfs[m.style].locked {
				continue
			}
			if !yield(stamp.Cell{Row: int(m.row), Col: int(m.col), Value: m.raw}) {
				return
			}
		}
	}
}

// skipRefs is the skip set of the stamp's comparisons for cells named by
// their A1 references (ComputedRefs).
func skipRefs(refs map[string]bool) stamp.Skip {
	if len(refs) == 0 {
		return nil
	}
	return func(r, c int) bool { return refs[cellRef(r, c)] }
}

// Locked returns the fingerprint and the record of the locked content of
// sheet in the package data (a template as built), with the cells in skip
// (A1 references) left out: the two values of a stamp that describe what
// was issued. The sheet is read by the reader itself, so that what is
// issued and what is checked are read alike. It fails only when the
// package or the sheet cannot be read.
func Locked(data []byte, sheet string, skip map[string]bool) (fingerprint, issued string, err error) {
	p, err := openPkg("", data)
	if err != nil {
		return "", "", err
	}
	s, err := loadSheet(p, sheet)
	if err != nil {
		return "", "", err
	}
	cells, sk := s.lockedCells(), skipRefs(skip)
	if issued, err = stamp.Encode(stamp.Content(cells, sk)); err != nil {
		return "", "", err
	}
	return stamp.Fingerprint(cells, sk), issued, nil
}
