package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"syscall"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/validate"
)

// message is an error the command line says in Chinese and in English,
// with an optional hint in both.
type message struct {
	zh, en         string
	hintZh, hintEn string
}

func (m *message) Error() string { return m.zh }

// text returns the message in l.
func (m *message) text(l validate.Lang) string {
	if l == validate.English && m.en != "" {
		return m.en
	}
	return m.zh
}

func (m *message) hint(l validate.Lang) string {
	if l == validate.English && m.hintEn != "" {
		return m.hintEn
	}
	return m.hintZh
}

// say builds a message from a Chinese and an English format with the same
// arguments.
func say(zh, en string, args ...any) *message {
	return &message{zh: fmt.Sprintf(zh, args...), en: fmt.Sprintf(en, args...)}
}

// withHint adds a hint in both languages.
func (m *message) withHint(zh, en string, args ...any) *message {
	m.hintZh, m.hintEn = fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...)
	return m
}

// usage marks m as an error in how the command was called (exit 2).
func (m *message) usage() error { return &exitError{code: exitUsage, err: m} }

// tr picks the Chinese or English text.
func tr(l validate.Lang, zh, en string) string {
	if l == validate.English {
		return en
	}
	return zh
}

// printError prints "selfeval: 错误：…" (English: "selfeval: error: …") and,
// where the error carries one, the hint line.
func printError(w io.Writer, err error, l validate.Lang) {
	if j, ok := err.(interface{ Unwrap() []error }); ok && !isLocalizer(err) {
		// every problem on its own line (a rules file with several)
		for _, e := range j.Unwrap() {
			printError(w, e, l)
		}
		return
	}
	text, hint := errText(err, l), ""
	var m *message
	if errors.As(err, &m) {
		// a message wrapped in context keeps its context
		text = strings.Replace(text, m.Error(), m.text(l), 1)
		hint = m.hint(l)
	} else if fe := translateUsage(err); fe != nil {
		text, hint = fe.text(l), fe.hint(l)
	}
	var hl interface{ HintIn(english bool) string }
	if hint == "" && errors.As(err, &hl) {
		hint = hl.HintIn(l == validate.English)
	}
	var h interface{ Hint() string }
	if hint == "" && errors.As(err, &h) {
		hint = h.Hint()
	}
	fmt.Fprintf(w, "selfeval: %s%s\n", tr(l, "错误：", "error: "), text)
	if hint != "" {
		fmt.Fprintf(w, "selfeval: %s%s\n", tr(l, "提示：", "hint: "), hint)
	}
}

// errText says err in l: the messages of the packages below are bilingual.
func errText(err error, l validate.Lang) string {
	return i18n.Text(err, l == validate.English)
}

func isLocalizer(err error) bool {
	_, ok := err.(i18n.Localizer)
	return ok
}

// printHint prints "selfeval: 提示：…" on w.
func printHint(w io.Writer, l validate.Lang, m *message) {
	fmt.Fprintf(w, "selfeval: %s%s\n", tr(l, "提示：", "hint: "), m.text(l))
}

// The errors the flag package reports that can still reach us (everything
// else is caught before parsing, in normalizeArgs).
var (
	reBadValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([\w-]+): (.*)$`)
	reRequired = regexp.MustCompile(`^Required flags? "([^"]+)" not set$`)
)

// translateUsage says urfave/cli's and package flag's English errors in our
// voice, naming the flag as people type it.
func translateUsage(err error) *message {
	s := err.Error()
	if m := reBadValue.FindStringSubmatch(s); m != nil {
		zh, en := valueHint(m[2])
		return &message{
			zh: fmt.Sprintf("选项 %s 的值“%s”无效", flagName(m[2]), m[1]), en: fmt.Sprintf("invalid value %q for option %s", m[1], flagName(m[2])),
			hintZh: zh, hintEn: en,
		}
	}
	if m := reRequired.FindStringSubmatch(s); m != nil {
		var names []string
		for _, n := range strings.Split(m[1], `", "`) {
			names = append(names, flagName(n))
		}
		return say("缺少必需的选项 %s", "missing required option %s", strings.Join(names, ", "))
	}
	return nil
}

// valueHint says what a flag of this name takes.
func valueHint(name string) (zh, en string) {
	switch name {
	case "interval", "min-age":
		return "时长写成 5s、2m、1h30m", "durations look like 5s, 2m, 1h30m"
	case "rows", "workers":
		return "须为整数", "it takes a whole number"
	case "strict", "quiet", "q", "dry-run", "once", "force":
		return "开关选项不需要值，或写成 --" + name + "=true / false", "a switch takes no value, or --" + name + "=true / false"
	}
	return "", ""
}

func flagName(n string) string {
	if len(n) == 1 {
		return "-" + n
	}
	return "--" + n
}

// mkdirError says why an output folder could not be made, without the raw
// system call text (exit 4).
func mkdirError(dir string, err error) error {
	var m *message
	switch {
	case errors.Is(err, fs.ErrPermission):
		m = say("无法创建文件夹 %s：没有写入权限", "cannot create the folder %s: permission denied", dir)
	case errors.Is(err, fs.ErrNotExist):
		m = say("无法创建文件夹 %s：上级路径不存在或不能在其中建文件夹", "cannot create the folder %s: its parent does not exist or cannot hold folders", dir)
	case errors.Is(err, syscall.ENOTDIR), errors.Is(err, fs.ErrExist):
		m = say("无法创建文件夹 %s：路径中有同名的文件", "cannot create the folder %s: a file stands in the way", dir)
	default:
		reason := err
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err
		}
		m = say("无法创建文件夹 %s：%v", "cannot create the folder %s: %v", dir, reason)
	}
	return &exitError{code: exitUnwritable, err: m}
}
