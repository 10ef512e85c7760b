package workbook

import (
	"regexp"
	"testing"
)

// TestBare holds bare to its definition: a trailing bracketed note of one to
// six characters without brackets inside, removed as often as there is one.
func TestBare(t *testing.T) {
	note := regexp.MustCompile(`\([^()]{1,6}\)$`)
	byPattern := func(n string) string {
		for {
			b := note.ReplaceAllString(n, "")
			if b == n {
				return n
			}
			n = b
		}
	}
	for _, n := range []string{
		"", "执行率", "执行率(%)", "执行率(b/a)", "全年预算数(a)", "偏差原因分析及改进措施(如有)",
		"金额(万元)(a)", "x(1234567)", "x(123456)", "x()", "(a)", "x(a)b)", "x(a(b)", ")", "(",
		"x((a))", "产出指标(50分)", "a (b)", "名称(一二三四五六七)", "名称(一二三四五六)",
	} {
		if got, want := bare(n), byPattern(n); got != want {
			t.Errorf("bare(%q) = %q, want %q", n, got, want)
		}
	}
}
