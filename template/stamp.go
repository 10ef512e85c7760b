package template

import (
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
)

// stamp records what the template is — kind, version, year, rules profile
// (name and hash), the locked content as issued and, with Options.Key, a
// keyed signature — on the very-hidden sheet workbook.StampSheet and in
// custom document properties, through the reader's own writer so both
// sides agree on the format.
func (b *builder) stamp() error {
	skip := b.l.Computed()
	fp, err := workbook.Fingerprint(b.f, b.sheet, skip)
	if err != nil {
		return err
	}
	issued, err := workbook.Issued(b.f, b.sheet, skip)
	if err != nil {
		return err
	}
	st := form.Stamp{Kind: b.k.Name, Version: Version, Year: b.o.Year, Profile: b.o.Profile,
		ProfileHash: b.o.Rules.Hash, Fingerprint: fp, Issued: issued}
	if e := b.o.Prefill; e != nil {
		st.FormID = form.Identity{Year: b.o.Year, Kind: b.k.Name, Project: e.Fields["project"],
			Unit: e.Fields["unit"], Batch: b.o.Batch}.FormID()
	}
	st.HMAC = workbook.Sign(st, b.sheet, b.o.Key)
	if err := workbook.WriteStamp(b.f, b.sheet, st); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	return nil
}
