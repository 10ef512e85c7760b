package value

import "errors"

// Sentinel causes of a ParseError; callers branch on them with errors.Is.
var (
	ErrEmpty       = errors.New("为空")
	ErrNotNumber   = errors.New("不是数值")
	ErrApproximate = errors.New("不是确切数值")
	ErrOutOfRange  = errors.New("数值超出范围")
	ErrNotFinite   = errors.New("不是有限的数值（NaN 或无穷大）")
	ErrNotTarget   = errors.New("有运算符但不是可识别的数值")
	ErrNotDate     = errors.New("不是日期")
)

// ParseError says which text could not be read and why.
type ParseError struct {
	Input string // the text as written, trimmed
	Err   error  // one of the sentinel errors
}

// Error returns a Chinese sentence such as “约100”不是确切数值.
func (e *ParseError) Error() string {
	if e.Input == "" {
		return "值" + e.Err.Error()
	}
	return "“" + e.Input + "”" + e.Err.Error()
}

// Unwrap returns the sentinel cause.
func (e *ParseError) Unwrap() error { return e.Err }
