package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// Where our template keeps its stamp. The hidden sheet holds one key per row:
// the key in column A, the value in column B ("kind", "version", "year",
// "profile", "profile_hash", "fingerprint", "sheet" naming the form sheet,
// "issued" with the locked content as issued — continued in "issued.2" …
// when longer than a cell holds — and "hmac"). The custom document
// properties named PropPrefix+key hold the same values except the issued
// content, whose hash they keep as "issued_hash". The defined name StampName
// marks the workbook as ours even when both are gone.
const (
	StampSheet = "_selfeval"
	PropPrefix = "selfeval."
	StampName  = "SE_STAMP"
	// StampVersion is the newest template version this reader understands.
	StampVersion = "2"
)

// knownVersions are the template versions this reader understands: 1 kept
// a plain fingerprint of the locked content, 2 keeps the content itself.
var knownVersions = map[string]bool{"1": true, "2": true}

// chunk is how much of the issued content one cell of the stamp sheet holds
// (Excel's limit is 32 767 characters).
const chunk = 30000

// stampInfo is a stamp as read, with the optional form sheet name.
type stampInfo struct {
	form.Stamp
	sheet      string
	issuedHash string // from the properties
	sheetGone  bool   // the properties say there was a stamp sheet, and it is not there
	filled     string // the lap record's FilledKey row (directlap.go)
}

// readStamp returns the stamp from the hidden sheet (preferred) completed by
// the custom properties, or nil when the workbook has neither.
func readStamp(p *pkg) *stampInfo {
	fromSheet, fromProps := map[string]string{}, map[string]string{}
	if name := p.findSheet(StampSheet); name != "" {
		if s, err := loadSheet(p, name); err == nil {
			for r := range s.rows() {
				k, _ := s.at(r, 0)
				m, _ := s.at(r, 1)
				key := strings.TrimPrefix(strings.ToLower(normalize(k.raw)), PropPrefix)
				if v := strings.TrimSpace(m.raw); v != "" && fromSheet[key] == "" {
					fromSheet[key] = v
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
		if v := strings.TrimSpace(value); v != "" && fromProps[key] == "" {
			fromProps[key] = v
		}
	}
	get := func(key string) string {
		if v := fromSheet[key]; v != "" {
			return v
		}
		return fromProps[key]
	}
	if get("kind") == "" {
		return nil
	}
	issued := fromSheet["issued"]
	for i := 2; fromSheet["issued."+strconv.Itoa(i)] != ""; i++ {
		issued += fromSheet["issued."+strconv.Itoa(i)]
	}
	var parts []string
	if fromSheet["kind"] != "" {
		parts = append(parts, "sheet")
	}
	if fromProps["kind"] != "" {
		parts = append(parts, "properties")
	}
	return &stampInfo{Stamp: form.Stamp{
		Kind:        get("kind"),
		Version:     get("version"),
		Year:        get("year"),
		Profile:     get("profile"),
		Fingerprint: get("fingerprint"),
		ProfileHash: get("profile_hash"),
		Issued:      issued,
		HMAC:        get("hmac"),
		FormID:      get("form_id"),
		Parts:       strings.Join(parts, "+"),
	}, sheet: get("sheet"), issuedHash: fromProps["issued_hash"],
		sheetGone: fromSheet["kind"] == "" && fromProps["issued_hash"] != "", filled: fromSheet[FilledKey]}
}

// WriteStamp writes st into f: a very hidden sheet StampSheet (replaced when
// present), custom document properties and the defined name StampName, with
// formSheet as the "sheet" key. The reader accepts the sheet or the
// properties, so a LibreOffice re-save that turns "very hidden" into
// "hidden" does not lose the stamp. It fails when excelize cannot write them.
func WriteStamp(f *excelize.File, formSheet string, st form.Stamp) error {
	if name := findSheet(f, StampSheet); name != "" {
		if err := f.DeleteSheet(name); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(StampSheet); err != nil {
		return err
	}
	type kv struct{ key, value string }
	common := []kv{{"kind", st.Kind}, {"version", st.Version}, {"year", st.Year}, {"profile", st.Profile}}
	if st.ProfileHash != "" {
		common = append(common, kv{"profile_hash", st.ProfileHash})
	}
	common = append(common, kv{"fingerprint", st.Fingerprint}, kv{"sheet", formSheet})
	if st.FormID != "" {
		common = append(common, kv{"form_id", st.FormID})
	}
	if st.HMAC != "" {
		common = append(common, kv{"hmac", st.HMAC})
	}
	rows, props := common, common
	if st.Issued != "" {
		props = append(append([]kv{}, common...), kv{"issued_hash", issuedHash(st.Issued)})
		for i, s := 1, st.Issued; s != ""; i++ {
			n := min(chunk, len(s))
			key := "issued"
			if i > 1 {
				key += "." + strconv.Itoa(i)
			}
			rows = append(rows, kv{key, s[:n]})
			s = s[n:]
		}
	}
	for i, p := range rows {
		if err := f.SetSheetRow(StampSheet, ref(i, 0), &[]any{p.key, p.value}); err != nil {
			return err
		}
	}
	for _, p := range props {
		if err := f.SetCustomProps(excelize.CustomProperty{Name: PropPrefix + p.key, Value: p.value}); err != nil {
			return err
		}
	}
	if stampRemnant(f) {
		if err := f.DeleteDefinedName(&excelize.DefinedName{Name: StampName}); err != nil {
			return err
		}
	}
	if st.Issued != "" {
		marker := fmt.Sprintf(`"%s|%s|%s"`, st.Kind, st.Version, issuedHash(st.Issued))
		if err := f.SetDefinedName(&excelize.DefinedName{Name: StampName, RefersTo: marker}); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(StampSheet, false, true)
}

// stampRemnant reports whether a workbook without a stamp still carries the
// mark our templates put beside it: the stamp was deleted.
func stampRemnant(f *excelize.File) bool {
	for _, n := range f.GetDefinedName() {
		if strings.EqualFold(n.Name, StampName) {
			return true
		}
	}
	return false
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
