package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
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

// StampWrite is what writing a stamp puts into a workbook (see
// StampParts): the rows of the very hidden sheet StampSheet (key in column
// A, value in column B, from row 1), the custom document properties, and
// the defined name StampName with its text, or "" for no defined name. The
// sheet and the properties replace any earlier ones, and so does the
// defined name: a template is stamped once, by the builder that made it.
type StampWrite struct {
	Rows  [][2]string
	Props [][2]string
	Name  string
}

// StampParts returns what stamping a template whose form sheet is
// formSheet with st writes: the reader accepts the sheet or the
// properties, so that a LibreOffice re-save that turns "very hidden" into
// "hidden" does not lose the stamp. The template builder applies it.
func StampParts(formSheet string, st form.Stamp) StampWrite {
	type kv = [2]string
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
	out := StampWrite{Rows: rows}
	for _, p := range props {
		out.Props = append(out.Props, kv{PropPrefix + p[0], p[1]})
	}
	if st.Issued != "" {
		out.Name = fmt.Sprintf(`"%s|%s|%s"`, st.Kind, st.Version, issuedHash(st.Issued))
	}
	return out
}
