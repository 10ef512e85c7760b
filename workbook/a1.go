package workbook

import "strconv"

// The one A1 parser: cell references as a sheet's XML, its formulas' plain
// ranges and the findings name them.

// parseRef parses an A1 reference (letters, then a row number, no $) into
// 1-based column and row, within Excel's bounds.
func parseRef[T string | []byte](s T) (col, row int, ok bool) {
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
		if col > excelCols {
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
		if row > excelRows {
			return 0, 0, false
		}
	}
	return col, row, row >= 1
}

// cellCoords is parseRef with an error: errMarkup for anything but an A1
// reference within Excel's bounds.
func cellCoords(ref string) (col, row int, err error) {
	col, row, ok := parseRef(ref)
	if !ok {
		return 0, 0, errMarkup
	}
	return col, row, nil
}

// colName is the letters of a 1-based column.
func colName(col int) string {
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

// colNumber is the 1-based number of a column's letters, 0 when they are
// not letters of a column.
func colNumber(letters string) int {
	n := 0
	for i := 0; i < len(letters); i++ {
		c := letters[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			return 0
		}
		if n = n*26 + int(c-'A'+1); n > excelCols {
			return 0
		}
	}
	return n
}

// ref returns the A1 reference of the 0-based (r, c).
func ref(r, c int) string {
	return colName(c+1) + strconv.Itoa(r+1)
}
