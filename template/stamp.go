package template

import (
	"github.com/selfeval/selfeval/workbook/stamp"
	"strings"

	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// stamp records what the template is — kind, version, year, rules profile
// (name and hash), the locked content as issued and, with Options.Key, a
// keyed signature — on the very-hidden sheet stamp.Sheet and in
// custom document properties. The values and their format come from the
// reader's side (workbook.Locked, stamp.Sign, stamp.Parts), so
// both sides agree on them; this file only puts them into the new file.
func (b *builder) stamp() error {
	skip := b.l.Computed()
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return err
	}
	fp, issued, err := workbook.Locked(buf.Bytes(), b.sheet, skip)
	if err != nil {
		return err
	}
	st := form.Stamp{Kind: b.k.Name, Version: Version, Year: b.o.Year, Profile: b.o.Profile,
		ProfileHash: b.o.Rules.Hash, Fingerprint: fp, Issued: issued}
	if e := b.o.Prefill; e != nil {
		st.FormID = form.Identity{Year: b.o.Year, Kind: b.k.Name, Project: e.Fields["project"],
			Unit: e.Fields["unit"], Batch: b.o.Batch}.FormID()
	}
	st.HMAC = stamp.Sign(st, b.sheet, b.o.Key)
	if err := writeStamp(b.f, b.sheet, st); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	return nil
}

// writeStamp writes st into f as stamp.Parts gives it: the very
// hidden sheet stamp.Sheet (replaced when present), the custom
// document properties and the defined name stamp.Name, with
// formSheet as the "sheet" key. It fails when excelize cannot write them.
func writeStamp(f *excelize.File, formSheet string, st form.Stamp) error {
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
		at, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(stamp.Sheet, at, &[]any{kv[0], kv[1]}); err != nil {
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
