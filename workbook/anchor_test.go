package workbook

import (
	"strings"
	"testing"
	"unicode"

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form/value"
)

// normalizeSlow is normalize without its no-copy path: every rune written
// again.
func normalizeSlow(s string) string {
	s = value.FoldWidth(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), ":")
}

// TestNormalizeNoCopy checks that the no-copy path of normalize gives what
// rebuilding the text gives, for texts with and without anything to strip.
func TestNormalizeNoCopy(t *testing.T) {
	for _, s := range []string{
		"", "项目名称", "项目名称：", "项目名称:", "项目 名称", "项目\u3000名称", "项目\u00a0名称",
		"a\tb", "a\nb", "a\rb", "a\vb", "a\fb", "\u0085x", "x\u200by", "\ufeffx", "x\u2028y",
		"ＡＢＣ１２３", "（万元）", "abc\xff", "\xe4\xb8", "::", "年度指标值(A)", "≥90%",
	} {
		if got, want := normalize(s), normalizeSlow(s); got != want {
			t.Errorf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestCellRef: the reader's one-allocation reference is ooxml.Ref's.
func TestCellRef(t *testing.T) {
	for _, r := range []int{-1, 0, 1, 8, 9, 10, 99, 1048575, 99_999_998, 99_999_999} {
		for _, c := range []int{-1, 0, 1, 25, 26, 27, 701, 702, 16383, 17575, 17576, 18277, 18278} {
			if got, want := cellRef(r, c), ooxml.Ref(r, c); got != want {
				t.Errorf("cellRef(%d, %d) = %q, want %q", r, c, got, want)
			}
		}
	}
}

// TestStripPointsShortcut: stripPoints and isPlaceholderName, which skip
// their expressions on texts they cannot match, give what the expressions
// give.
func TestStripPointsShortcut(t *testing.T) {
	for _, n := range []string{"", "产出指标", "一、产出指标(50分)", "产出指标(50分)", "1.产出指标", "12、质量", "十一、效益(30.5分)", "(5分)", "三", "3",
		"指标", "指标12", "……", "..", "。。", "——", "--", "/", "指标a", "-", "x(分)", "二.(分)", "一二、a"} {
		if got, want := stripPoints(n), ordinal.ReplaceAllString(pointsSuffix.ReplaceAllString(n, ""), ""); got != want {
			t.Errorf("stripPoints(%q) = %q, want %q", n, got, want)
		}
		if got, want := isPlaceholderName(n), placeholderName.MatchString(n); got != want {
			t.Errorf("isPlaceholderName(%q) = %v, want %v", n, got, want)
		}
	}
}
