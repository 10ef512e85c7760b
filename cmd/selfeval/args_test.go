package main

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/validate"
)

func TestNormalizeArgs(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"flags after files", "check a.xlsx --format json b.xlsx", "check --format json a.xlsx b.xlsx"},
		{"value with =", "check a.xlsx -f=json", "check -f=json a.xlsx"},
		{"value that looks like a flag", "score a.xlsx -o -x.xlsx", "score -o -x.xlsx a.xlsx"},
		{"bool flag takes no value", "check a.xlsx --strict b.xlsx", "check --strict a.xlsx b.xlsx"},
		{"global after the command", "check a.xlsx --lang en", "--lang en check a.xlsx"},
		{"global before the command", "--lang=en check a.xlsx", "--lang=en check a.xlsx"},
		{"-- ends flags", "check -q -- -x.xlsx --format", "check -q -- -x.xlsx --format"},
		{"-- not needed", "check -- a.xlsx", "check a.xlsx"},
		{"a lone dash is an argument", "check - -q", "check -q -"},
		{"help command passes through", "help check", "help check"},
		{"help flag skips required flags", "template -h", "template -h"},
		{"watch as in --help", "watch /mnt/share --interval 5s", "watch --interval 5s /mnt/share"},
		{"summary as in the issue", "summary DIR -o s.xlsx", "summary -o s.xlsx DIR"},
		{"no command", "--version", "--version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := newApp(validate.Chinese, nil, nil)
			got, err := normalizeArgs(app, append([]string{"selfeval"}, strings.Fields(tt.in)...))
			if err != nil {
				t.Fatalf("normalizeArgs(%s): %v", tt.in, err)
			}
			if want := append([]string{"selfeval"}, strings.Fields(tt.want)...); !slices.Equal(got, want) {
				t.Errorf("normalizeArgs(%s)\n got %q\nwant %q", tt.in, got, want)
			}
		})
	}
}

func TestNormalizeArgsRefused(t *testing.T) {
	tests := []struct {
		name, in, zh, en string
	}{
		{"unknown command", "chekc a.xlsx", "没有“chekc”这个命令", `unknown command "chekc"`},
		{"unknown flag", "check a.xlsx --fromat json", "check 命令没有选项 --fromat", "the check command has no option --fromat"},
		{"command flag before the command", "--format json check", "未知的选项 --format", "unknown option --format"},
		{"flag without its value", "score a.xlsx -o", "选项 -o 需要一个值", "option -o needs a value"},
		{"required flag missing", "summary DIR", "summary 命令缺少必需的选项 --output/-o", "the summary command needs the option --output/-o"},
		{"help on an unknown command", "help chekc", "没有“chekc”这个命令", `unknown command "chekc"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := normalizeArgs(newApp(validate.Chinese, nil, nil), append([]string{"selfeval"}, strings.Fields(tt.in)...))
			var m *message
			if !errors.As(err, &m) {
				t.Fatalf("normalizeArgs(%s) = %v, want a message", tt.in, err)
			}
			if m.zh != tt.zh || m.en != tt.en {
				t.Errorf("normalizeArgs(%s) = %q / %q, want %q / %q", tt.in, m.zh, m.en, tt.zh, tt.en)
			}
			if exitStatus(&strings.Builder{}, err) != exitUsage {
				t.Errorf("normalizeArgs(%s): not a usage error", tt.in)
			}
		})
	}
}

func TestNearest(t *testing.T) {
	names := []string{"template", "check", "score", "watch", "summary", "demo"}
	for in, want := range map[string]string{"chekc": "check", "socre": "score", "sumary": "summary", "wach": "watch", "frobnicate": "", "x": ""} {
		if got := nearest(in, names); got != want {
			t.Errorf("nearest(%q) = %q, want %q", in, got, want)
		}
	}
}
