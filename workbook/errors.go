package workbook

import (
	"errors"
	"fmt"
)

// Sentinel errors returned (wrapped, with the file name) by Open, Read and
// WriteBack. Callers branch on them with errors.Is; each but ErrReadOnly
// means the file could not be read at all; ErrReadOnly means it could not be
// written.
var (
	// ErrEmpty means the file has no content.
	ErrEmpty = errors.New("文件为空")
	// ErrNotXLSX means the file is not an Office Open XML workbook: a text or
	// other file renamed .xlsx, or a truncated or corrupt copy.
	ErrNotXLSX = errors.New("不是有效的 Excel 工作簿（.xlsx/.xlsm）")
	// ErrLegacyXLS means the file is an old binary .xls workbook.
	ErrLegacyXLS = errors.New("是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再提交")
	// ErrEncrypted means the workbook is protected by an opening password.
	ErrEncrypted = errors.New("工作簿已加密，请取消打开密码后再提交")
	// ErrTooLarge means the file, or what it unpacks to, exceeds the size
	// limits (for example a zip bomb); the message names the limit.
	ErrTooLarge = errors.New("文件过大或解压后体积异常（疑似压缩炸弹）")
	// ErrUnknownForm means no known form kind was found in the workbook.
	ErrUnknownForm = errors.New("无法识别的表单")
	// ErrReadOnly means the file to write is read-only: the write-back
	// refuses it and leaves it as it is.
	ErrReadOnly = errors.New("文件是只读的，未写回；请取消只读属性后重试")
	// ErrNotRegular means the path names a FIFO, device, socket or folder
	// rather than a file; it is refused without being opened for reading.
	ErrNotRegular = errors.New("不是普通文件")
)

// errInputCell is the cause of a CellError for a Write into a cell a person
// filled in: the write-back never overwrites typed input.
var errInputCell = errors.New("拒绝覆盖已填写的输入单元格")

// CellError is an error tied to one cell of a workbook, like
// encoding/csv.ParseError. Field is the form field key or table column key,
// when known.
type CellError struct {
	Path  string // file
	Sheet string // worksheet name
	Cell  string // A1 reference
	Field string // field or column key, "" if none
	Err   error  // the cause
}

// Error returns a Chinese message naming the file, sheet and cell.
func (e *CellError) Error() string {
	msg := fmt.Sprintf("%s：工作表「%s」单元格 %s", e.Path, e.Sheet, e.Cell)
	if e.Field != "" {
		msg += "（" + e.Field + "）"
	}
	return msg + "：" + e.Err.Error()
}

// Unwrap returns the cause.
func (e *CellError) Unwrap() error { return e.Err }

// fileError wraps a sentinel with the file name and an optional cause.
func fileError(path string, sentinel error, cause error) error {
	if cause == nil {
		return fmt.Errorf("%s：%w", path, sentinel)
	}
	return fmt.Errorf("%s：%w：%w", path, sentinel, cause)
}

// recoverPanics is switched off by the fuzz test so that panics surface.
var recoverPanics = true
