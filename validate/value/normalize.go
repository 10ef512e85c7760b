package value

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// extra maps characters that width folding leaves alone to their plain
// equivalents.
var extra = strings.NewReplacer(
	"≧", "≥", "⩾", "≥", "≦", "≤", "⩽", "≤",
	"﹪", "%", "﹤", "<", "﹥", ">", "﹦", "=", "﹙", "(", "﹚", ")",
	"−", "-", "–", "-", "—", "-", "‐", "-",
	"【", "(", "】", ")", "〔", "(", "〕", ")",
	"百分比", "%",
)

// Normalize folds full-width characters to their ASCII forms, maps the
// operator and bracket variants people type to one spelling and removes every
// space and line break, so that “≥ １００（％）” becomes “≥100(%)”.
func Normalize(s string) string {
	if plainASCII(s) {
		return s
	}
	s = width.Fold.String(s)
	s = extra.Replace(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u200c' || r == '\u200d' {
			return -1
		}
		return r
	}, s)
}

// IsDash reports whether s is only a dash, the way people mark “none” in an
// amount cell (-, —, －).
func IsDash(s string) bool {
	n := Normalize(s)
	return n != "" && strings.Trim(n, "-") == ""
}

// plainASCII reports whether s has nothing to normalize: printable ASCII
// without spaces.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}
