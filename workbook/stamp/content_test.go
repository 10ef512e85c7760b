package stamp

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestIssuedJSONAsMarshal: the record of the issued content is written row
// by row, byte for byte as json.Marshal writes the rows as arrays (templates
// issued before carry that form).
func TestIssuedJSONAsMarshal(t *testing.T) {
	for _, rows := range [][]Row{
		nil,
		{},
		{{Row: 1}},
		{{Row: 3, Cells: [][2]string{{"A", "项目名称"}, {"B", `<a href="x">&amp;</a> "q" \ ` + "\n\t\u2028\x01"}}}, {Row: 1048576, Cells: [][2]string{{"XFD", "1.5"}}}},
	} {
		plain := make([][]any, len(rows))
		for i, r := range rows {
			line := []any{r.Row}
			for _, c := range r.Cells {
				line = append(line, c[0], c[1])
			}
			plain[i] = line
		}
		if rows == nil {
			plain = nil
		}
		want, err := json.Marshal(plain)
		if err != nil {
			t.Fatal(err)
		}
		got, err := recordJSON(rows)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("recordJSON(%v) = %s (%v), want %s", rows, got, err, want)
		}
	}
}

// TestCanonicalIntegers: the integer fast path gives what the float path
// gives.
func TestCanonicalIntegers(t *testing.T) {
	for _, v := range []string{"0", "7", "20", "1000", "123456789012345", "1234567890123456", "007", "-5", "1e3", "20.0", " 42 "} {
		want := v
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && plainNumber.MatchString(strings.TrimSpace(v)) {
			want = strconv.FormatFloat(f, 'f', -1, 64)
		} else {
			want = strings.TrimSpace(v)
		}
		if got := Canonical(v); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", v, got, want)
		}
	}
}

// TestSameIssued: comparing a record row by row agrees with comparing the
// whole record recordJSON writes, for equal and for different records (no
// rows at all is the same as a record of none, "null" or "[]").
func TestSameIssued(t *testing.T) {
	sets := [][]Row{
		nil,
		{},
		{{Row: 1}},
		{{Row: 1, Cells: [][2]string{{"A", "x"}}}},
		{{Row: 1, Cells: [][2]string{{"A", "x"}}}, {Row: 2, Cells: [][2]string{{"B", `"y"`}}}},
		{{Row: 1, Cells: [][2]string{{"A", "x"}}}, {Row: 2, Cells: [][2]string{{"B", `"z"`}}}},
		{{Row: 12, Cells: [][2]string{{"A", "x"}}}},
	}
	for _, a := range sets {
		for _, b := range sets {
			data, err := recordJSON(b)
			if err != nil {
				t.Fatal(err)
			}
			now, _ := recordJSON(a)
			want := bytes.Equal(now, data) || len(a) == 0 && len(b) == 0
			if got := same(slices.Values(a), data); got != want {
				t.Errorf("same(%v, %s) = %v, want %v", a, data, got, want)
			}
			for _, bad := range [][]byte{nil, data[:len(data)-1], append(append([]byte{}, data...), ']')} {
				if same(slices.Values(a), bad) && !bytes.Equal(now, bad) {
					t.Errorf("same(%v, %s) = true", a, bad)
				}
			}
		}
	}
}
