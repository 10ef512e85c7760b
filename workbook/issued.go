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
	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
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
	if n := min(s.rows(), len(s.cells)); n > 0 {
		out = make([]lockedRow, 0, n)
	}
	all := make([][2]string, 0, len(s.cells)) // the rows' Cells, one backing array
	names := map[int32]string{}               // column letters, made once each
	for r := range s.rows() {
		start := len(all)
		for _, m := range s.row(r) {
			if s.styles != nil && m.style >= 0 && int(m.style) < len(s.styles.xfs) && !s.styles.xfs[m.style].locked {
				continue
			}
			v := canonical(m.raw)
			if v == "" || placeholder(v) || m.formula != "" || skip[cellRef(r, int(m.col))] {
				continue
			}
			col, ok := names[m.col]
			if !ok {
				col = ooxml.ColName(int(m.col) + 1)
				names[m.col] = col
			}
			all = append(all, [2]string{col, v})
		}
		if len(all) > start {
			out = append(out, lockedRow{Row: r + 1, Cells: all[start:len(all):len(all)]})
		}
	}
	return out
}

// canonical is a stored value as compared: trimmed, line breaks as LF, and a
// number in its shortest form.
func canonical(v string) string {
	v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
	if plainInteger(v) {
		return v // its own shortest form
	}
	if !plainNumber.MatchString(v) {
		return v
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	return v
}

// plainInteger reports whether v is digits without a leading zero (or "0"),
// up to 15 of them: a number strconv.FormatFloat writes back as it is.
func plainInteger(v string) bool {
	if v == "" || len(v) > 15 || v[0] == '0' && len(v) > 1 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// encodeIssued is the locked content of a template's form sheet, compact
// (deflated JSON, base64) for the stamp.
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
// It is written row by row, as json.Marshal writes [][]any of them (the
// same bytes), without boxing every value of a large sheet.
func issuedJSON(rows []lockedRow) ([]byte, error) {
	if rows == nil {
		return []byte("null"), nil
	}
	out := make([]byte, 0, 16*len(rows)+2)
	out = append(out, '[')
	for i, r := range rows {
		var err error
		if out, err = appendIssuedRow(out, i, r); err != nil {
			return nil, err
		}
	}
	return append(out, ']'), nil
}

// appendIssuedRow appends the i-th row of issuedJSON's array to out, with
// the comma before it.
func appendIssuedRow(out []byte, i int, r lockedRow) ([]byte, error) {
	if i > 0 {
		out = append(out, ',')
	}
	out = strconv.AppendInt(append(out, '['), int64(r.Row), 10)
	for _, c := range r.Cells {
		for _, v := range c {
			b, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			out = append(append(out, ','), b...)
		}
	}
	return append(out, ']'), nil
}

// sameIssued reports whether issuedJSON(rows) is data, writing the record
// a row at a time and stopping at the first row that differs, so that a
// large sheet's record is never held whole.
func sameIssued(rows []lockedRow, data []byte) bool {
	if rows == nil {
		return string(data) == "null"
	}
	if len(data) == 0 || data[0] != '[' {
		return false
	}
	data = data[1:]
	var buf []byte
	for i, r := range rows {
		var err error
		if buf, err = appendIssuedRow(buf[:0], i, r); err != nil || !bytes.HasPrefix(data, buf) {
			return false
		}
		data = data[len(buf):]
	}
	return string(data) == "]"
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
	fr := ooxml.FastInflate(bytes.NewReader(raw))
	data, err := io.ReadAll(io.LimitReader(fr, maxIssued+1))
	fr.Close()
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
