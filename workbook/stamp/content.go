package stamp

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"iter"
	"regexp"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
)

// Cell is a locked cell of a form sheet that holds a constant (no
// formula): 0-based row and column and its stored value as read.
type Cell struct {
	Row, Col int
	Value    string
}

// Cells are a sheet's locked constant cells in row-major order, as the
// reader yields them.
type Cells = iter.Seq[Cell]

// Skip tells the cells left out of the locked content by 0-based row and
// column: the computed cells the tool itself rewrites. Nil leaves none out.
type Skip func(row, col int) bool

// Row is the locked content of one sheet row: the locked cells that hold a
// constant, by column letter.
type Row struct {
	Row   int         // 1-based
	Cells [][2]string // column letter, canonical value; in column order
}

// key is the row's content without its position, for aligning rows.
func (r Row) key() string {
	var b strings.Builder
	for _, c := range r.Cells {
		b.WriteString(c[0])
		b.WriteByte(0)
		b.WriteString(c[1])
		b.WriteByte(0)
	}
	return b.String()
}

// Content returns the locked content of a sheet, row by row: every cell
// that is not blank, not a dash placeholder and not in skip. Values are
// canonical, so that a spreadsheet that stores 20 as "20.0" or a line break
// as CR LF after a re-save does not change them.
func Content(cells Cells, skip Skip) []Row {
	var out []Row
	var all [][2]string // the rows' Cells, in blocks: no array is copied as it grows
	for r := range contentRows(cells, skip) {
		if cap(all)-len(all) < len(r.Cells) {
			all = make([][2]string, 0, max(1024, len(r.Cells)))
		}
		start := len(all)
		all = append(all, r.Cells...)
		out = append(out, Row{Row: r.Row, Cells: all[start:len(all):len(all)]})
	}
	return out
}

// contentRows yields Content's rows one at a time, without holding them: a
// row's Cells are valid only until the next row is yielded.
func contentRows(cells Cells, skip Skip) iter.Seq[Row] {
	return func(yield func(Row) bool) {
		var cur [][2]string
		names := map[int]string{} // column letters, made once each
		row := -1
		for c := range cells {
			v := Canonical(c.Value)
			if v == "" || placeholder(v) || skip != nil && skip(c.Row, c.Col) {
				continue
			}
			if c.Row != row {
				if len(cur) > 0 && !yield(Row{Row: row + 1, Cells: cur}) {
					return
				}
				cur, row = cur[:0], c.Row
			}
			col, ok := names[c.Col]
			if !ok {
				col = ooxml.ColName(c.Col + 1)
				names[c.Col] = col
			}
			cur = append(cur, [2]string{col, v})
		}
		if len(cur) > 0 {
			yield(Row{Row: row + 1, Cells: cur})
		}
	}
}

// Fingerprint is a hash of the locked content of a sheet: the stored value
// of every cell, trimmed, in row-major order, without its address, so that
// rows inserted by a person do not change it. Cells in skip are left out,
// and so are dash placeholders ("—" in the funds block), so that whether a
// caller counts them as computed cells does not matter. A version 1 stamp
// holds it; the reader recomputes it to tell whether locked content was
// edited.
func Fingerprint(cells Cells, skip Skip) string {
	h := sha256.New()
	for c := range cells {
		v := strings.TrimSpace(c.Value)
		if v == "" || placeholder(v) || skip != nil && skip(c.Row, c.Col) {
			continue
		}
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// placeholder reports whether v is a dash that stands for "no value".
func placeholder(v string) bool {
	switch v {
	case "—", "-", "－", "–", "——", "/":
		return true
	}
	return false
}

// Canonical is a stored value as compared: trimmed, line breaks as LF, and
// a number in its shortest form.
func Canonical(v string) string {
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

// Encode is the locked content of a template's form sheet, compact
// (deflated JSON, base64) for the stamp.
func Encode(rows []Row) (string, error) {
	data, err := recordJSON(rows)
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

// recordJSON is the record of rows before it is deflated: one JSON array
// per row, its number then column letter and value of each cell.
// It is written row by row, as json.Marshal writes [][]any of them (the
// same bytes), without boxing every value of a large sheet.
func recordJSON(rows []Row) ([]byte, error) {
	if rows == nil {
		return []byte("null"), nil
	}
	out := make([]byte, 0, 16*len(rows)+2)
	out = append(out, '[')
	for i, r := range rows {
		var err error
		if out, err = appendRow(out, i, r); err != nil {
			return nil, err
		}
	}
	return append(out, ']'), nil
}

// appendRow appends the i-th row of recordJSON's array to out, with the
// comma before it.
func appendRow(out []byte, i int, r Row) ([]byte, error) {
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

// same reports whether recordJSON of the rows is data, writing the record
// a row at a time and stopping at the first row that differs, so that a
// large sheet's record is never held whole.
func same(rows iter.Seq[Row], data []byte) bool {
	if len(data) == 0 || data[0] != '[' {
		return string(data) == "null" && isEmpty(rows)
	}
	data = data[1:]
	var buf []byte
	i := 0
	for r := range rows {
		var err error
		if buf, err = appendRow(buf[:0], i, r); err != nil || !bytes.HasPrefix(data, buf) {
			return false
		}
		data = data[len(buf):]
		i++
	}
	return string(data) == "]"
}

// isEmpty reports whether rows yields none.
func isEmpty(rows iter.Seq[Row]) bool {
	for range rows {
		return false
	}
	return true
}

// errRecord says the stamp's record of the issued content is unreadable.
var errRecord = i18n.New("印记中的下发内容无法读取", "the issued content in the stamp cannot be read")

// maxRecord bounds the decoded record: a form of a few hundred rows is far
// below it.
const maxRecord = 8 << 20

// inflate returns the JSON of a stamp's record of the issued content.
func inflate(s string) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, errRecord
	}
	fr := ooxml.FastInflate(bytes.NewReader(raw))
	data, err := io.ReadAll(io.LimitReader(fr, maxRecord+1))
	fr.Close()
	if err != nil || len(data) > maxRecord {
		return nil, errRecord
	}
	return data, nil
}

// parseRecord reads the JSON of a record of the issued content.
func parseRecord(data []byte) ([]Row, error) {
	var plain [][]json.RawMessage
	if err := json.Unmarshal(data, &plain); err != nil {
		return nil, errRecord
	}
	out := make([]Row, 0, len(plain))
	for _, line := range plain {
		if len(line)%2 != 1 {
			return nil, errRecord
		}
		var r Row
		if err := json.Unmarshal(line[0], &r.Row); err != nil {
			return nil, errRecord
		}
		for i := 1; i < len(line); i += 2 {
			var col, v string
			if json.Unmarshal(line[i], &col) != nil || json.Unmarshal(line[i+1], &v) != nil {
				return nil, errRecord
			}
			r.Cells = append(r.Cells, [2]string{col, v})
		}
		out = append(out, r)
	}
	return out, nil
}
