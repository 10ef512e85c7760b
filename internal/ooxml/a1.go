package ooxml

import "strconv"

// The one A1 parser: cell references as a sheet's XML and its plain ranges
// write them.

// The bounds of a worksheet.
const (
	MaxRows = 1_048_576
	MaxCols = 16_384
)

// ParseRef parses an A1 reference (letters, then a row number, no $) into
// 1-based column and row, within Excel's bounds.
func ParseRef[T string | []byte](s T) (col, row int, ok bool) {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > MaxCols {
			return 0, 0, false
		}
		i++
	}
	if i == 0 || i == len(s) {
		return 0, 0, false
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		if row > MaxRows {
			return 0, 0, false
		}
	}
	return col, row, row >= 1
}

// ColName is the letters of a 1-based column.
func ColName(col int) string {
	var b [3]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// ColNumber is the 1-based number of a column's letters, 0 when they are
// not letters of a column.
func ColNumber(letters string) int {
	n := 0
	for i := 0; i < len(letters); i++ {
		c := letters[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			return 0
		}
		if n = n*26 + int(c-'A'+1); n > MaxCols {
			return 0
		}
	}
	return n
}

// Ref returns the A1 reference of the 0-based (r, c).
func Ref(r, c int) string {
	return ColName(c+1) + strconv.Itoa(r+1)
}

// AppendRef appends Ref(r, c) to dst.
func AppendRef(dst []byte, r, c int) []byte {
	var b [3]byte
	i := len(b)
	for col := c + 1; col > 0 && i > 0; {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return strconv.AppendInt(append(dst, b[i:]...), int64(r+1), 10)
}
