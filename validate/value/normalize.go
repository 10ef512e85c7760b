package value

import (
	"strings"
	"unicode"
	"unicode/utf8"

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

// extraFirst holds the first character of every text extra replaces: a
// text without any of them is left as it is, without the copy Replace
// makes.
const extraFirst = "≧⩾≦⩽﹪﹤﹥﹦﹙﹚−–—‐【】〔〕百"

// Normalize folds full-width characters to their ASCII forms, maps the
// operator and bracket variants people type to one spelling and removes every
// space and line break, so that “≥ １００（％）” becomes “≥100(%)”.
func Normalize(s string) string {
	if plainASCII(s) {
		return s
	}
	s = FoldWidth(s)
	if strings.ContainsAny(s, extraFirst) {
		s = extra.Replace(s)
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u200c' || r == '\u200d' {
			return -1
		}
		return r
	}, s)
}

// FoldWidth folds full-width characters to half-width (and half-width
// katakana to full-width) as width.Fold does, without its allocation when
// nothing folds.
func FoldWidth(s string) string {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || width.LookupRune(r).Folded() != 0 {
			return width.Fold.String(s)
		}
		i += n
	}
	return s
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
