package workbook

import (
	"fmt"
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
func readStamp(f *excelize.File) *stampInfo {
	vals := map[string]string{}
	if name := findSheet(f, StampSheet); name != "" {
		if rows, err := f.GetRows(name, excelize.Options{RawCellValue: true}); err == nil {
			for _, row := range rows {
				if len(row) < 2 {
					continue
				}
				key := strings.TrimPrefix(strings.ToLower(normalize(row[0])), PropPrefix)
				if v := strings.TrimSpace(row[1]); v != "" && vals[key] == "" {
					vals[key] = v
				}
			}
		}
	}
	if props, err := f.GetCustomProps(); err == nil {
		for _, p := range props {
			name := strings.ToLower(strings.TrimSpace(p.Name))
			if !strings.HasPrefix(name, PropPrefix) || p.Value == nil {
				continue
			}
			key := strings.TrimPrefix(name, PropPrefix)
			if v := strings.TrimSpace(fmt.Sprint(p.Value)); v != "" && vals[key] == "" {
				vals[key] = v
			}
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
