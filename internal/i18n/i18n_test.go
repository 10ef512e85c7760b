package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

var errSentinel = New("文件为空", "the file is empty")

func TestText(t *testing.T) {
	osErr := &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}
	word := Pair{Zh: "文件夹", En: "a folder"}
	tests := []struct {
		name   string
		err    error
		zh, en string
	}{
		{"sentinel", errSentinel, "文件为空", "the file is empty"},
		{"wrapped with path", Errorf("%s：%w", "%s: %w", "a.xlsx", errSentinel), "a.xlsx：文件为空", "a.xlsx: the file is empty"},
		{"two levels", Errorf("%s：%w：%w", "%s: %w: %w", "a.xlsx", errSentinel, Errorf("超过 %d MB", "over %d MB", 30)),
			"a.xlsx：文件为空：超过 30 MB", "a.xlsx: the file is empty: over 30 MB"},
		{"word argument", Errorf("这是%s", "this is %s", word), "这是文件夹", "this is a folder"},
		{"system error kept", Errorf("%s：无法打开：%w", "%s: cannot open: %w", "a.xlsx", osErr),
			"a.xlsx：无法打开：open x: file does not exist", "a.xlsx: cannot open: open x: file does not exist"},
		{"inside fmt.Errorf", fmt.Errorf("上下文 ctx: %w", errSentinel), "上下文 ctx: 文件为空", "上下文 ctx: the file is empty"},
		{"inside errors.Join", errors.Join(errSentinel, Errorf("%s：%w", "%s: %w", "b", errSentinel)),
			"文件为空\nb：文件为空", "the file is empty\nb: the file is empty"},
		{"plain error", errors.New("plain"), "plain", "plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.zh {
				t.Errorf("Error() = %q, want %q", got, tt.zh)
			}
			if got := Text(tt.err, false); got != tt.zh {
				t.Errorf("Text(zh) = %q, want %q", got, tt.zh)
			}
			if got := Text(tt.err, true); got != tt.en {
				t.Errorf("Text(en) = %q, want %q", got, tt.en)
			}
		})
	}
	if Text(nil, true) != "" {
		t.Error("Text(nil) is not empty")
	}
}

func TestUnwrap(t *testing.T) {
	osErr := &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}
	err := Errorf("%s：%w（%v）：%w", "%s: %w (%v): %w", "a", errSentinel, errors.New("not wrapped"), osErr)
	if !errors.Is(err, errSentinel) || !errors.Is(err, fs.ErrNotExist) {
		t.Error("errors.Is does not see the wrapped errors")
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe != osErr {
		t.Error("errors.As does not find the *fs.PathError")
	}
	if got := len(err.(interface{ Unwrap() []error }).Unwrap()); got != 2 {
		t.Errorf("Unwrap returns %d errors, want the 2 taken with %%w", got)
	}
	if errors.Is(Errorf("%s：%v", "%s: %v", "a", errSentinel), errSentinel) {
		t.Error("an error taken with the verb v is wrapped")
	}
}
