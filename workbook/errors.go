package workbook

import (
	"fmt"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
)

// Sentinel errors returned (wrapped, with the file name) by Open, Read and
// WriteBack. Callers branch on them with errors.Is; each but ErrReadOnly
// means the file could not be read at all; ErrReadOnly means it could not be
// written.
var (
	// ErrEmpty means the file has no content.
	ErrEmpty = i18n.New("文件为空", "the file is empty")
	// ErrNotXLSX means the file is not an Office Open XML workbook: a text or
	// other file renamed .xlsx, or a truncated or corrupt copy.
	ErrNotXLSX = i18n.New("不是有效的 Excel 工作簿（.xlsx/.xlsm）", "not a valid Excel workbook (.xlsx/.xlsm)")
	// ErrLegacyXLS means the file is an old binary .xls workbook.
	ErrLegacyXLS = i18n.New("是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再提交",
		"an old .xls workbook; save it as .xlsx in Excel/WPS and submit that")
	// ErrODS means the file is an OpenDocument spreadsheet (.ods) and
	// LibreOffice, which reads it, is not installed or failed.
	ErrODS = i18n.New("是 OpenDocument 表格（.ods），请在 LibreOffice/WPS/Excel 中另存为 .xlsx 后再提交",
		"an OpenDocument spreadsheet (.ods); save it as .xlsx in LibreOffice, WPS or Excel and submit that")
	// ErrEncrypted means the workbook is protected by an opening password.
	ErrEncrypted = i18n.New("工作簿已加密，请取消打开密码后再提交",
		"the workbook is encrypted; remove the opening password and submit it again")
	// ErrTooLarge means the file, or what it unpacks to, exceeds the size
	// limits (for example a zip bomb); the message names the limit.
	ErrTooLarge = i18n.New("文件过大或解压后体积异常（疑似压缩炸弹）",
		"the file is too large, or unpacks to too much (a zip bomb?)")
	// ErrUnknownForm means no known form kind was found in the workbook.
	ErrUnknownForm = i18n.New("无法识别的表单", "not a known form")
	// ErrReadOnly means the file to write is read-only: the write-back
	// refuses it and leaves it as it is.
	ErrReadOnly = i18n.New("文件是只读的，未写回；请取消只读属性后重试",
		"the file is read-only and was not written; clear the read-only attribute and try again")
	// ErrChanged means the file changed on disk after it was read (saved in
	// another program meanwhile): the write-back wrote nothing, so the
	// person's save stands.
	ErrChanged = i18n.New("文件在处理期间已被修改（可能在其他程序中保存过），未写回，以免覆盖；请重新运行",
		"the file changed on disk while it was processed (saved in another program?) and was not written, so as not to overwrite it; run again")
	// ErrHardLink means the file has several hard links: replacing it would
	// break them, so the write-back leaves it as it is.
	ErrHardLink = i18n.New("文件有多个硬链接，写回会断开链接，未写回；请复制为单独的文件后重试",
		"the file has several hard links, which writing it would break; it was not written: copy it to a file of its own and try again")
	// ErrNotRegular means the path names a FIFO, device, socket or folder
	// rather than a file; it is refused without being opened for reading.
	ErrNotRegular = i18n.New("不是普通文件", "not a regular file")
)

// errInputCell is the cause of a CellError for a Write into a cell a person
// filled in: the write-back never overwrites typed input.
var errInputCell = i18n.New("拒绝覆盖已填写的输入单元格", "refusing to overwrite a filled-in input cell")

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
func (e *CellError) Error() string { return e.Localized(false) }

// Localized returns the message in English or Chinese.
func (e *CellError) Localized(english bool) string {
	if english {
		at := "cell " + e.Cell
		if n, ok := strings.CutPrefix(e.Cell, "第 "); ok { // a row: 第 N 行
			at = "row " + strings.TrimSuffix(n, " 行")
		}
		msg := fmt.Sprintf("%s: sheet %q, %s", e.Path, e.Sheet, at)
		if e.Field != "" {
			msg += " (" + e.Field + ")"
		}
		return msg + ": " + i18n.Text(e.Err, true)
	}
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
		return i18n.Errorf("%s：%w", "%s: %w", path, sentinel)
	}
	return i18n.Errorf("%s：%w：%w", "%s: %w: %w", path, sentinel, cause)
}

// recoverPanics is switched off by the fuzz test so that panics surface.
var recoverPanics = true
