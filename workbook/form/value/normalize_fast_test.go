package value

import (
	"strings"
	"testing"
	"unicode"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"
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

// TestInRangeFast: inRange's int64 path agrees with comparing big numbers.
func TestInRangeFast(t *testing.T) {
	slow := func(v decimal.Decimal) bool {
		return v.Abs().Cmp(limit) >= 0 || v.NumDigits() > maxDigits || v.Exponent() < -maxDigits
	}
	for _, s := range []string{"0", "-0", "0e20", "0.000", "1", "-1", "999999999999999", "1000000000000000", "-1000000000000000",
		"999999999999999.9", "99999999999999.99", "1e15", "1e14", "9.99e14", "-9.99999e14", "123456789012345678", "1234567890123456789",
		"0.1234567890123456789012345678901", "1e-30", "1e-31", "12e-31", "100000000000000000000000000000", "5E+16", "0.5"} {
		v, err := decimal.NewFromString(s)
		if err != nil {
			t.Fatal(s, err)
		}
		if got, want := inRange(v) != nil, slow(v); got != want {
			t.Errorf("inRange(%s) out = %v, want %v", s, got, want)
		}
	}
}

// TestNeverFolds: no rune neverFolds skips has a folded form.
func TestNeverFolds(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if neverFolds(r) && width.LookupRune(r).Folded() != 0 {
			t.Fatalf("U+%04X folds to %q", r, width.LookupRune(r).Folded())
		}
	}
}

// TestFoldWidthAsTransformer: FoldWidth gives width.Fold.String's text.
func TestFoldWidthAsTransformer(t *testing.T) {
	for _, s := range []string{"", "abc", "项目（万元）", "ＡＢＣ１２３", "\u3000x", "ｶﾀｶﾅ", "￦1", "（\xff）", "a（b\xe4\xb8", "한국어（）", "≥９０％", "￠￡￢", "＂＇"} {
		if got, want := FoldWidth(s), width.Fold.String(s); got != want {
			t.Errorf("FoldWidth(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0x80); r <= 0x1FFFF; r++ {
		s := "x" + string(r) + "（y"
		if got, want := FoldWidth(s), width.Fold.String(s); got != want {
			t.Fatalf("FoldWidth(%q) = %q, want %q", s, got, want)
		}
	}
}
