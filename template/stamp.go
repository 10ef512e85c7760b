package template

import (
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
)

// stamp computes the fingerprint of the finished form sheet and records the
// stamp (kind, version, year, profile, fingerprint) on the very-hidden sheet
// workbook.StampSheet and in custom document properties named
// workbook.PropPrefix+key, through the reader's own writer so both sides
// agree on the format.
func (b *builder) stamp() error {
	fp, err := workbook.Fingerprint(b.f, b.sheet, b.l.Computed())
	if err != nil {
		return err
	}
	st := form.Stamp{Kind: b.k.Name, Version: Version, Year: b.o.Year, Profile: b.o.Profile, Fingerprint: fp}
	if err := workbook.WriteStamp(b.f, b.sheet, st); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	return nil
}
