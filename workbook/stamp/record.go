package stamp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
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
// content, whose hash they keep as "issued_hash". The defined name Name
// marks the workbook as ours even when both are gone.
const (
	Sheet      = "_selfeval"
	PropPrefix = "selfeval."
	Name       = "SE_STAMP"
	// Version is the newest template version this reader understands.
	Version = "2"
)

// Rows of the stamp sheet that the write-back keeps: the lap record (see
// package workbook's directlap.go). StatusKey holds 待更正 while the last
// score found the form not passing; FilledKey the cells the tool filled,
// with the values it wrote.
const (
	StatusKey = "status"
	FilledKey = "filled"
)

// knownVersions are the template versions this reader understands: 1 kept
// a plain fingerprint of the locked content, 2 keeps the content itself.
var knownVersions = map[string]bool{"1": true, "2": true}

// chunk is how much of the issued content one cell of the stamp sheet holds
// (Excel's limit is 32 767 characters).
const chunk = 30000

// Record is a stamp as read.
type Record struct {
	form.Stamp
	FormSheet  string // the form sheet the stamp names, or ""
	IssuedHash string // from the properties
	SheetGone  bool   // the properties say there was a stamp sheet, and it is not there
	Status     string // the lap record's StatusKey row
	Filled     string // the lap record's FilledKey row
}

// Read returns the stamp from the rows of the stamp sheet (key, value;
// preferred) completed by the custom document properties (name, value), or
// nil when neither holds one.
func Read(sheetRows, props [][2]string) *Record {
	fromSheet, fromProps := map[string]string{}, map[string]string{}
	for _, kv := range sheetRows {
		key := strings.TrimPrefix(strings.ToLower(kv[0]), PropPrefix)
		if v := strings.TrimSpace(kv[1]); v != "" && fromSheet[key] == "" {
			fromSheet[key] = v
		}
	}
	for _, prop := range props {
		name := strings.ToLower(strings.TrimSpace(prop[0]))
		if !strings.HasPrefix(name, PropPrefix) {
			continue
		}
		key := strings.TrimPrefix(name, PropPrefix)
		if v := strings.TrimSpace(prop[1]); v != "" && fromProps[key] == "" {
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
	return &Record{Stamp: form.Stamp{
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
	}, FormSheet: get("sheet"), IssuedHash: fromProps["issued_hash"],
		SheetGone: fromSheet["kind"] == "" && fromProps["issued_hash"] != "",
		Status:    fromSheet[StatusKey], Filled: fromSheet[FilledKey]}
}

// Write is what writing a stamp puts into a workbook (see Parts): the rows
// of the very hidden sheet Sheet (key in column A, value in column B, from
// row 1), the custom document properties, and the defined name Name with
// its text, or "" for no defined name. The sheet and the properties replace
// any earlier ones, and so does the defined name: a template is stamped
// once, by the builder that made it.
type Write struct {
	Rows  [][2]string
	Props [][2]string
	Name  string
}

// Parts returns what stamping a template whose form sheet is formSheet with
// st writes: the reader accepts the sheet or the properties, so that a
// LibreOffice re-save that turns "very hidden" into "hidden" does not lose
// the stamp. The template builder applies it.
func Parts(formSheet string, st form.Stamp) Write {
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
		props = append(append([]kv{}, common...), kv{"issued_hash", IssuedHash(st.Issued)})
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
	out := Write{Rows: rows}
	for _, p := range props {
		out.Props = append(out.Props, kv{PropPrefix + p[0], p[1]})
	}
	if st.Issued != "" {
		out.Name = fmt.Sprintf(`"%s|%s|%s"`, st.Kind, st.Version, IssuedHash(st.Issued))
	}
	return out
}

// Sign returns the keyed signature (HMAC-SHA256, 32 hex digits) of a stamp:
// kind, version, year, profile, profile hash, form sheet, the issued
// content and the form id when there is one. It returns "" for an empty key.
func Sign(st form.Stamp, sheet string, key []byte) string {
	if len(key) == 0 {
		return ""
	}
	m := hmac.New(sha256.New, key)
	for _, v := range []string{st.Kind, st.Version, st.Year, st.Profile, st.ProfileHash, sheet, st.Issued} {
		io.WriteString(m, v)
		m.Write([]byte{0})
	}
	if st.FormID != "" { // absent from the signatures of templates issued without one
		io.WriteString(m, "form_id\x00"+st.FormID)
		m.Write([]byte{0})
	}
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// IssuedHash is a short plain hash of the issued content, kept in the
// document properties so that a stamp sheet deleted on its own is noticed.
func IssuedHash(issued string) string {
	sum := sha256.Sum256([]byte(issued))
	return hex.EncodeToString(sum[:])[:16]
}
