package workbook

import "testing"

// TestFormatOther: dates and times, General, scientific notation and
// fractions show as a spreadsheet shows them.
func TestFormatOther(t *testing.T) {
	for _, tc := range []struct {
		v, code, want string
		date1904      bool
	}{
		{"3.14159265358979", "General", "3.141592654", false},
		{"123456789012", "General", "1.23456789E+11", false},
		{"99999999999", "General", "99999999999", false},
		{"-3.14159265358979", "General", "-3.14159265358979", false},
		{"45000.125", "0.00E+00", "4.50E+04", false},
		{"0.1", "0.00E+00", "1.00E-01", false},
		{"-5", "0.00E+00", "-5.00E+00", false},
		{"45000.125", "##0.0E+0", "45000.125", false}, // engineering notation: not rendered
		{"0.875", "# ?/?", " 7/8", false},
		{"0.875", "0 ?/?", "0 7/8", false},
		{"1.5", "# ?/?", "1 1/2", false},
		{"-3.5", "# ?/?", "-3 1/2", false},
		{"3.14159265358979", "# ??/??", "3 14/99", false},
		{"12", "# ?/?", "12    ", false},
		{"0.375", "# ?/8", " 3/8", false},
		{"45352", "yyyy-mm-dd", "2024-03-01", false},
		{"45352", "yyyy-mm-dd", "2028-03-02", true},
		{"0", "yyyy-mm-dd", "1904-01-01", true},
		{"0", "yyyy-mm-dd", "1900-01-00", false},
		{"59", "yyyy-mm-dd", "1900-02-28", false},
		{"60", "yyyy-mm-dd", "1900-02-29", false},
		{"61", "yyyy-mm-dd", "1900-03-01", false},
		{"-5", "yyyy-mm-dd", "-5", false},
		{"3000000", "yyyy-mm-dd", "3000000", false}, // past 9999: Excel shows ####
		{"45000.125", `yyyy"年"m"月"d"日"`, "2023年3月15日", false},
		{"45000.125", `[$-804]yyyy"年"m"月"d"日"`, "2023年3月15日", false},
		{"45352", `[DBNum1][$-804]yyyy"年"m"月"d"日"`, "二○二四年三月一日", false},
		{"45000.125", "mm-dd-yy", "03-15-23", false},
		{"45000.125", "d-mmm-yy", "15-Mar-23", false},
		{"45000.125", "mmmm d, yyyy", "March 15, 2023", false},
		{"45000.125", "m/d/yy hh:mm", "3/15/23 03:00", false},
		{"45000.125", "h:mm AM/PM", "3:00 AM", false},
		{"0.875", "h:mm:ss AM/PM", "9:00:00 PM", false},
		{"0.5", "h:mm AM/PM", "12:00 PM", false},
		{"0.875", `上午/下午h"时"mm"分"`, "下午9时00分", false},
		{"1.5", "[h]:mm:ss", "36:00:00", false},
		{"0.9999999", "[h]:mm:ss", "24:00:00", false}, // elapsed time is rounded
		{"3.14159265358979", "[h]:mm:ss", "75:23:54", false},
		{"0.875", "mm:ss.0", "00:00.0", false},
		{"3.14159265358979", "hh:mm:ss.00", "03:23:53.60", false},
		{"0.1", "h:mm:ss", "2:24:00", false},
		{"0.999999", "hh:mm:ss", "23:59:59", false}, // cut, not rounded up to the next day
		{"1", "dddd", "Sunday", false},              // 1900-01-01 as Excel counts it
		{"45352", "dddd", "Friday", false},
		{"45352", "ddd", "Fri", false},
		{"45352", "yyyy/mm/dd;@", "2024/03/01", false},
		{"abc", "yyyy-mm-dd", "abc", false},
	} {
		if got := formatOther(tc.v, tc.code, tc.date1904); got != tc.want {
			t.Errorf("formatOther(%s, %s, 1904=%v) = %q, want %q", tc.v, tc.code, tc.date1904, got, tc.want)
		}
	}
}

// TestFormatText: a text shows by the text section of its format.
func TestFormatText(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{`"x"@`, "xabc"},
		{`@"元"`, "abc元"},
		{`0;-0;0;"t"@"t"`, "tabct"},
		{builtinFormats[41], " abc "},
		{"0.00", "abc"},
		{`0.00;-0.00`, "abc"},
	} {
		if got := formatText("abc", tc.code); got != tc.want {
			t.Errorf("formatText(abc, %s) = %q, want %q", tc.code, got, tc.want)
		}
	}
}
