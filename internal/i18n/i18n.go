package i18n

import (
	"fmt"
	"strings"
)

// Localizer is an error that can say itself in English.
type Localizer interface {
	error
	// Localized returns the message in English when english is set, in
	// Chinese otherwise.
	Localized(english bool) string
}

// Pair is an argument that reads differently in each language: a word such
// as the kind of a file.
type Pair struct{ Zh, En string }

// Error is a message made from a Chinese and an English format with the same
// arguments. An argument that is an error is rendered in the language of the
// message and, when the format takes it with %w, wrapped.
type Error struct {
	zh, en string
	args   []any
}

// New returns an error with a fixed Chinese and English text.
func New(zh, en string) error { return &Error{zh: zh, en: en} }

// Errorf formats like fmt.Errorf, once with the Chinese and once with the
// English format.
func Errorf(zh, en string, args ...any) error { return &Error{zh: zh, en: en, args: args} }

// Error returns the Chinese text.
func (e *Error) Error() string { return e.Localized(false) }

// Localized returns the text in English or Chinese.
func (e *Error) Localized(english bool) string {
	format := e.zh
	if english {
		format = e.en
	}
	if len(e.args) == 0 {
		return format
	}
	args := make([]any, len(e.args))
	for i, a := range e.args {
		switch v := a.(type) {
		case error:
			a = text(v, english)
		case Pair:
			a = v.Zh
			if english {
				a = v.En
			}
		}
		args[i] = a
	}
	return fmt.Sprintf(strings.ReplaceAll(format, "%w", "%v"), args...)
}

// Unwrap returns the arguments the Chinese format wraps with %w (verbs
// are counted in order; explicit argument indexes are not supported).
func (e *Error) Unwrap() []error {
	var errs []error
	n := 0
	for i := 0; i+1 < len(e.zh) && n < len(e.args); i++ {
		if e.zh[i] != '%' {
			continue
		}
		i++
		if e.zh[i] == '%' {
			continue
		}
		if e.zh[i] == 'w' {
			if err, ok := e.args[n].(error); ok {
				errs = append(errs, err)
			}
		}
		n++
	}
	return errs
}

// Text returns err's message in English when english is set, in Chinese
// otherwise. Bilingual errors say themselves; an error wrapped by
// fmt.Errorf or joined by errors.Join keeps its own words, with the
// bilingual errors inside it rendered in the language. Other errors (from
// the operating system, say) are left as they are.
func Text(err error, english bool) string {
	if err == nil {
		return ""
	}
	return text(err, english)
}

func text(err error, english bool) string {
	if l, ok := err.(Localizer); ok {
		return l.Localized(english)
	}
	s := err.Error()
	if !english {
		return s
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if inner := u.Unwrap(); inner != nil {
			return replaceIn(s, inner)
		}
	case interface{ Unwrap() []error }:
		for _, inner := range u.Unwrap() {
			if inner != nil {
				s = replaceIn(s, inner)
			}
		}
	}
	return s
}

// replaceIn says inner in English where its Chinese text stands in s.
func replaceIn(s string, inner error) string {
	zh := inner.Error()
	if zh == "" || !strings.Contains(s, zh) {
		return s
	}
	return strings.Replace(s, zh, text(inner, true), 1)
}
