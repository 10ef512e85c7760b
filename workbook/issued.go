package workbook

import (
	"bytes"
	"compress/flate"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// lockedRow is the locked content of one sheet row: the locked cells that
// hold a constant, by column letter.
type lockedRow struct {
	Row   int
	Cells [][2]string // column letter, canonical value; in column order
}

// key is the row's content without its position, for aligning rows.
func (r lockedRow) key() string {
	var b strings.Builder
	for _, c := range r.Cells {
		b.WriteString(c[0])
		b.WriteByte(0)
		b.WriteString(c[1])
		b.WriteByte(0)
	}
	return b.String()
}

// lockedContent returns the locked content of the sheet, row by row: every
// locked cell holding a constant (not a formula, not blank, not a dash
// placeholder), except the cells in skip (the computed cells the tool
// rewrites). Values are canonical, so that a spreadsheet that stores 20 as
// "20.0" or a line break as CR LF after a re-save does not change them.
func (s *sheet) lockedContent(skip map[string]bool) []lockedRow {
	var out []lockedRow
	for r, row := range s.meta {
		lr := lockedRow{Row: r + 1}
		for c, m := range row {
			v := canonical(m.raw)
			if v == "" || placeholder(v) || m.formula != "" || skip[ref(r, c)] {
				continue
			}
			if s.styles != nil && m.style >= 0 && m.style < len(s.styles.xfs) && !s.styles.xfs[m.style].locked {
				continue
			}
			col, _ := excelize.ColumnNumberToName(c + 1)
			lr.Cells = append(lr.Cells, [2]string{col, v})
		}
		if len(lr.Cells) > 0 {
			out = append(out, lr)
		}
	}
	return out
}

// canonical is a stored value as compared: trimmed, line breaks as LF, and a
// number in its shortest form.
func canonical(v string) string {
	v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
	if !plainNumber.MatchString(v) {
		return v
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	return v
}

var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// Issued returns the locked content of a template's form sheet, compact
// (deflated JSON, base64) for the stamp, with the cells in skip left out.
// The sheet is read back by the reader itself, so that what is issued and
// what is checked are read alike. It fails only when the sheet cannot be
// read.
func Issued(f *excelize.File, sheet string, skip map[string]bool) (string, error) {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return "", err
	}
	p, err := openPkg("", buf.Bytes())
	if err != nil {
		return "", err
	}
	s, err := loadSheet(p, sheet)
	if err != nil {
		return "", err
	}
	return encodeIssued(s.lockedContent(skip))
}

func encodeIssued(rows []lockedRow) (string, error) {
	data, err := issuedJSON(rows)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	if _, err := w.Write(data); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// issuedJSON is the record of rows before it is deflated: one JSON array
// per row, its number then column letter and value of each cell.
func issuedJSON(rows []lockedRow) ([]byte, error) {
	plain := make([][]any, len(rows))
	for i, r := range rows {
		line := []any{r.Row}
		for _, c := range r.Cells {
			line = append(line, c[0], c[1])
		}
		plain[i] = line
	}
	return json.Marshal(plain)
}

// errIssued says the stamp's record of the issued content is unreadable.
var errIssued = i18n.New("印记中的下发内容无法读取", "the issued content in the stamp cannot be read")

// maxIssued bounds the decoded record: a form of a few hundred rows is far
// below it.
const maxIssued = 8 << 20

// inflateIssued returns the JSON of a stamp's record of the issued content.
func inflateIssued(s string) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, errIssued
	}
	data, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), maxIssued+1))
	if err != nil || len(data) > maxIssued {
		return nil, errIssued
	}
	return data, nil
}

// parseIssued reads the JSON of a record of the issued content.
func parseIssued(data []byte) ([]lockedRow, error) {
	var plain [][]json.RawMessage
	if err := json.Unmarshal(data, &plain); err != nil {
		return nil, errIssued
	}
	out := make([]lockedRow, 0, len(plain))
	for _, line := range plain {
		if len(line)%2 != 1 {
			return nil, errIssued
		}
		var r lockedRow
		if err := json.Unmarshal(line[0], &r.Row); err != nil {
			return nil, errIssued
		}
		for i := 1; i < len(line); i += 2 {
			var col, v string
			if json.Unmarshal(line[i], &col) != nil || json.Unmarshal(line[i+1], &v) != nil {
				return nil, errIssued
			}
			r.Cells = append(r.Cells, [2]string{col, v})
		}
		out = append(out, r)
	}
	return out, nil
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

// issuedHash is a short plain hash of the issued content, kept in the
// document properties so that a stamp sheet deleted on its own is noticed.
func issuedHash(issued string) string {
	sum := sha256.Sum256([]byte(issued))
	return hex.EncodeToString(sum[:])[:16]
}
