package workbook

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/internal/i18n"
)

// cjk matches a Chinese character or full-width punctuation.
var cjk = regexp.MustCompile(`[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]`)

// checkEnglish requires err's English text to start with the file name,
// contain want and, apart from quoted sheet names, hold no Chinese.
func checkEnglish(t *testing.T, err error, path, want string) {
	t.Helper()
	en := i18n.Text(err, true)
	if !strings.HasPrefix(en, path+": ") || !strings.Contains(en, want) {
		t.Errorf("English %q: want it to start with %q and contain %q", en, path+": ", want)
	}
	if rest := regexp.MustCompile(`"[^"]*"`).ReplaceAllString(en, ""); cjk.MatchString(rest) {
		t.Errorf("English %q holds Chinese", en)
	}
}

// TestSentinelsBilingual: every sentinel says itself in both languages,
// wrapped with a file name and a cause, and stays errors.Is-able.
func TestSentinelsBilingual(t *testing.T) {
	for _, tc := range []struct {
		err    error
		zh, en string
	}{
		{ErrEmpty, "文件为空", "the file is empty"},
		{ErrNotXLSX, "不是有效的 Excel 工作簿", "not a valid Excel workbook"},
		{ErrLegacyXLS, "旧版 .xls", "an old .xls workbook"},
		{ErrEncrypted, "已加密", "encrypted"},
		{ErrTooLarge, "文件过大", "too large"},
		{ErrUnknownForm, "无法识别的表单", "not a known form"},
		{ErrReadOnly, "只读", "read-only"},
		{ErrNotRegular, "不是普通文件", "not a regular file"},
		{errInputCell, "拒绝覆盖", "refusing to overwrite"},
	} {
		t.Run(tc.en, func(t *testing.T) {
			err := fileError("a.xlsx", tc.err, i18n.Errorf("超过 %d MB", "over %d MB", 30))
			if zh := err.Error(); !strings.HasPrefix(zh, "a.xlsx：") || !strings.Contains(zh, tc.zh) || !strings.HasSuffix(zh, "：超过 30 MB") {
				t.Errorf("Chinese %q, want a.xlsx：…%s…：超过 30 MB", zh, tc.zh)
			}
			if i18n.Text(err, false) != err.Error() {
				t.Error("Text in Chinese differs from Error()")
			}
			checkEnglish(t, err, "a.xlsx", tc.en)
			if en := i18n.Text(err, true); !strings.HasSuffix(en, ": over 30 MB") {
				t.Errorf("English %q does not end with the cause", en)
			}
			wrapped := fmt.Errorf("context: %w", err)
			if !errors.Is(wrapped, tc.err) {
				t.Error("errors.Is lost the sentinel")
			}
			if en := i18n.Text(wrapped, true); cjk.MatchString(en) {
				t.Errorf("English through fmt.Errorf %q holds Chinese", en)
			}
		})
	}
}
