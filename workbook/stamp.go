package workbook

import (
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// Where our template keeps its stamp. The hidden sheet holds one key per row:
// the key in column A ("kind", "version", "year", "profile", "fingerprint",
// optionally "sheet" naming the form sheet), the value in column B. The same
// values are kept in custom document properties named PropPrefix+key.
const (
	StampSheet = "_selfeval"
	PropPrefix = "selfeval."
	// StampVersion is the template version this reader understands.
	StampVersion = "1"
)

// stampKeys are the stamp keys in the order they are written.
var stampKeys = []string{"kind", "version", "year", "profile", "fingerprint"}

// stampInfo is a stamp as read, with the optional form sheet name.
type stampInfo struct {
	form.Stamp
	sheet string
}

// readStamp returns the stamp from the hidden sheet (preferred) completed by
// the custom properties, or nil when the workbook has neither.
func readStamp(p *pkg) *stampInfo {
	vals := map[string]string{}
	if name := p.findSheet(StampSheet); name != "" {
		if s, err := loadSheet(p, name); err == nil {
			for r := range s.meta {
				if len(s.meta[r]) < 2 {
					continue
				}
				key := strings.TrimPrefix(strings.ToLower(normalize(s.meta[r][0].raw)), PropPrefix)
				if v := strings.TrimSpace(s.meta[r][1].raw); v != "" && vals[key] == "" {
					vals[key] = v
				}
			}
		}
	}
	for _, prop := range p.customProps() {
		name, value := strings.ToLower(strings.TrimSpace(prop[0])), prop[1]
		if !strings.HasPrefix(name, PropPrefix) {
			continue
		}
		key := strings.TrimPrefix(name, PropPrefix)
		if v := strings.TrimSpace(value); v != "" && vals[key] == "" {
			vals[key] = v
		}
	}
	if vals["kind"] == "" {
		return nil
	}
	return &stampInfo{Stamp: form.Stamp{
		Kind:        vals["kind"],
		Version:     vals["version"],
		Year:        vals["year"],
		Profile:     vals["profile"],
		Fingerprint: vals["fingerprint"],
	}, sheet: vals["sheet"]}
}

// WriteStamp writes st into f: a very hidden sheet StampSheet (replaced when
// present) and custom document properties, with formSheet as the "sheet"
// key. The reader accepts either place, so a LibreOffice re-save that turns
// "very hidden" into "hidden" or drops one of them does not lose the stamp.
// It fails when excelize cannot write the sheet or the properties.
func WriteStamp(f *excelize.File, formSheet string, st form.Stamp) error {
	if name := findSheet(f, StampSheet); name != "" {
		if err := f.DeleteSheet(name); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(StampSheet); err != nil {
		return err
	}
	vals := []string{st.Kind, st.Version, st.Year, st.Profile, st.Fingerprint}
	keys := append(append([]string{}, stampKeys...), "sheet")
	vals = append(vals, formSheet)
	for i, key := range keys {
		if err := f.SetSheetRow(StampSheet, ref(i, 0), &[]any{key, vals[i]}); err != nil {
			return err
		}
		if err := f.SetCustomProps(excelize.CustomProperty{Name: PropPrefix + key, Value: vals[i]}); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(StampSheet, false, true)
}

// findSheet returns the workbook's spelling of a sheet name, compared without
// case, or "".
func findSheet(f *excelize.File, name string) string {
	for _, s := range f.GetSheetList() {
		if strings.EqualFold(s, name) {
			return s
		}
	}
	return ""
}
