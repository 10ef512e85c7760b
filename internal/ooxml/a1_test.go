package ooxml

import "testing"

func TestA1(t *testing.T) {
	for _, tc := range []struct {
		in       string
		col, row int
		ok       bool
	}{
		{"A1", 1, 1, true}, {"e15", 5, 15, true}, {"XFD1048576", MaxCols, MaxRows, true},
		{"XFE1", 0, 0, false}, {"A1048577", 0, 0, false}, {"A0", 0, 0, false},
		{"$A$1", 0, 0, false}, {"A", 0, 0, false}, {"1", 0, 0, false}, {"A1B", 0, 0, false}, {"", 0, 0, false},
	} {
		col, row, ok := ParseRef(tc.in)
		if ok != tc.ok || ok && (col != tc.col || row != tc.row) {
			t.Errorf("ParseRef(%q) = %d %d %v, want %d %d %v", tc.in, col, row, ok, tc.col, tc.row, tc.ok)
		}
	}
	for _, tc := range []struct {
		r, c int
		want string
	}{{0, 0, "A1"}, {14, 4, "E15"}, {0, 25, "Z1"}, {0, 26, "AA1"}, {9, 701, "ZZ10"}, {0, 702, "AAA1"}, {MaxRows - 1, MaxCols - 1, "XFD1048576"}} {
		got := Ref(tc.r, tc.c)
		if got != tc.want {
			t.Errorf("Ref(%d, %d) = %s, want %s", tc.r, tc.c, got, tc.want)
		}
		col, row, ok := ParseRef(got)
		if !ok || col != tc.c+1 || row != tc.r+1 {
			t.Errorf("ParseRef(Ref(%d, %d)) = %d %d %v", tc.r, tc.c, col, row, ok)
		}
		letters := got[:len(got)-len(itoa(tc.r+1))]
		if n := ColNumber(letters); n != tc.c+1 {
			t.Errorf("ColNumber(%s) = %d, want %d", letters, n, tc.c+1)
		}
	}
	for _, bad := range []string{"", "A1", "XFE", "é"} {
		if n := ColNumber(bad); n != 0 {
			t.Errorf("ColNumber(%q) = %d, want 0", bad, n)
		}
	}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
