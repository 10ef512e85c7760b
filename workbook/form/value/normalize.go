package value

import (
	"regexp"
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
		if r == utf8.RuneError && n == 1 {
			return width.Fold.String(s)
		}
		if !neverFolds(r) && width.LookupRune(r).Folded() != 0 {
			return foldFrom(s, i)
		}
		i += n
	}
	return s
}

// neverFolds reports whether r is in a range width.Fold leaves alone, so
// that its table need not be looked up: the CJK ideographs, kana and
// Hangul syllables of most cell text (a test checks every rune).
func neverFolds(r rune) bool {
	return r >= 0x3001 && r <= 0xD7FF || r >= 0xF900 && r <= 0xFF00
}

// foldFrom is width.Fold.String(s) for a text whose first rune to fold is
// at byte i: each rune with a folded form is written as it, the rest as
// they are (what the transformer does), in one allocation. A byte that is
// not UTF-8 further on leaves it to the transformer.
func foldFrom(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			b.WriteByte(s[i])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return width.Fold.String(s)
		}
		if f := width.LookupRune(r).Folded(); f != 0 && !neverFolds(r) {
			b.WriteRune(f)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
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

// ListNumber matches the list number a label may start with: 一、, 1.,
// （一）.
var ListNumber = regexp.MustCompile(`^\s*([一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．]|[（(][一二三四五六七八九十]+[)）]\s*[、]?)\s*`)

// TrimListNumber is s without the list number it starts with, if any and
// if anything follows it.
func TrimListNumber(s string) string {
	if m := ListNumber.FindString(s); m != "" && len(m) < len(s) {
		return s[len(m):]
	}
	return s
}
