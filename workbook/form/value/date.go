package value

import (
	"strconv"
	"strings"
	"time"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// ParseDate reads a date as people type it: 2020-3-31, 2020/03/31,
// 2020.3.31, 2020年3月31日, 20200331, or a spreadsheet date serial (43921).
// It fails with ErrEmpty or ErrNotDate.
func ParseDate(s string) (time.Time, error) {
	n := Normalize(s)
	if n == "" {
		return time.Time{}, parseErr(s, ErrEmpty)
	}
	if t, ok := textDate(n); ok {
		return t, nil
	}
	if v, err := decimal.NewFromString(n); err == nil {
		if t, ok := serial(v); ok {
			return t, nil
		}
	}
	return time.Time{}, parseErr(s, ErrNotDate)
}

// CellDate reads a date from a cell: a number cell holds a date serial (the
// 1900 date system), text is parsed like ParseDate.
func CellDate(c form.Cell) (time.Time, error) {
	if c.Number {
		if v, err := decimal.NewFromString(strings.TrimSpace(c.Raw)); err == nil {
			if t, ok := serial(v); ok {
				return t, nil
			}
			return time.Time{}, parseErr(cellText(c), ErrNotDate)
		}
	}
	return ParseDate(cellText(c))
}

// serial converts a spreadsheet date serial (days since 1899-12-30, with the
// 1900 leap-year quirk below 61); the time of day is dropped.
func serial(v decimal.Decimal) (time.Time, bool) {
	if v.LessThan(decimal.NewFromInt(1)) || v.GreaterThan(decimal.NewFromInt(2958465)) {
		return time.Time{}, false
	}
	days := int(v.IntPart())
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if days < 61 {
		base = base.AddDate(0, 0, 1)
	}
	return base.AddDate(0, 0, days), true
}

// textDate reads year, month and day separated by - / . or 年 月 日, or
// written as eight digits.
func textDate(n string) (time.Time, bool) {
	var parts []string
	if len(n) == 8 && strings.Trim(n, "0123456789") == "" {
		parts = []string{n[:4], n[4:6], n[6:]}
	} else {
		n = strings.TrimSuffix(strings.TrimSuffix(n, "日"), "号")
		parts = strings.FieldsFunc(n, func(r rune) bool {
			return r == '-' || r == '/' || r == '.' || r == '年' || r == '月'
		})
	}
	if len(parts) != 3 || len(parts[0]) != 4 {
		return time.Time{}, false
	}
	var ymd [3]int
	for i, p := range parts {
		if len(p) > 4 || strings.Trim(p, "0123456789") != "" {
			return time.Time{}, false
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return time.Time{}, false
		}
		ymd[i] = v
	}
	t := time.Date(ymd[0], time.Month(ymd[1]), ymd[2], 0, 0, 0, 0, time.UTC)
	if ymd[0] < 1900 || t.Year() != ymd[0] || int(t.Month()) != ymd[1] || t.Day() != ymd[2] {
		return time.Time{}, false
	}
	return t, true
}
