// Package newfile saves the workbooks the tool creates with excelize
// (templates, roll-ups, review lists, samples): the file is built in memory
// and replaced atomically by workbook.WriteFileAtomic, so that the target is
// either the old file or the whole new one. People's files are never saved
// here: they are edited by workbook's own write-back.
package newfile

import (
	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/workbook"
	"github.com/xuri/excelize/v2"
)

// Save saves f to dst through a temp file in dst's folder, synced and
// renamed. An existing dst keeps its mode.
func Save(f *excelize.File, dst string) error {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return i18n.Errorf("%s：生成工作簿失败：%w", "%s: building the workbook failed: %w", dst, err)
	}
	return workbook.WriteFileAtomic(dst, buf.Bytes())
}
