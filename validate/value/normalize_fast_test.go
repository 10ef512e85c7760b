package value

import (
	"strings"
	"testing"
	"unicode"
)

// TestNormalizeSkipsReplace: Normalize, which skips the replacer for a text
// without any character it replaces, gives what always replacing gives.
func TestNormalizeSkipsReplace(t *testing.T) {
	always := func(s string) string {
		if plainASCII(s) {
			return s
		}
		s = extra.Replace(FoldWidth(s))
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u200c' || r == '\u200d' {
				return -1
			}
			return r
		}, s)
	}
	for _, s := range []string{"", "指标", "≥ １００（％）", "≧90", "⩾1", "≦2", "⩽3", "5﹪", "﹤1", "﹥1", "﹦1", "﹙a﹚", "1−2", "1–2", "1—2", "1‐2",
		"【一】", "〔二〕", "百分比", "百分之", "完成 率", "x\u200dy"} {
		if got, want := Normalize(s), always(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}
