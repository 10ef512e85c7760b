package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Size limits that guard Open against oversized files and zip bombs. Real
// forms are well under a megabyte; a 10 000-row form unpacks to a few MB.
const (
	maxFileSize  = 64 << 20  // bytes on disk
	maxUnzipSize = 256 << 20 // sum of the unpacked parts
	// A part, or a package, that unpacks to more than bombSize at a ratio
	// above bombRatio is treated as a bomb even under maxUnzipSize:
	// spreadsheet XML compresses about 10:1, runs of zeros about 1000:1.
	bombSize  = 4 << 20
	bombRatio = 200
)

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	zipMagic = []byte("PK")
	// Stream names of an encrypted OOXML package inside its OLE2 container,
	// as UTF-16LE directory entry names.
	oleEncryptionInfo = utf16le("EncryptionInfo")
	oleEncrypted      = utf16le("EncryptedPackage")
)

// Open opens path as an .xlsx or .xlsm workbook. It fails with a message
// naming the file, wrapping fs.ErrNotExist for a missing file, ErrEmpty,
// ErrLegacyXLS (an old .xls), ErrEncrypted (an OLE2 container holding an
// encrypted package), ErrNotXLSX (not a zip, a truncated zip, or a zip that
// is not a workbook) or ErrTooLarge (over the size limits, zip bombs). The
// caller closes the returned file.
func Open(path string) (*excelize.File, error) {
	b, err := readFile(path)
	if err != nil {
		return nil, err
	}
	if b, err = fromLegacy(path, b); err != nil {
		return nil, err
	}
	return openBytes(path, b)
}

// readFile reads path whole, up to maxFileSize.
func readFile(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s：文件不存在：%w", path, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("%s：无法打开文件：%w", path, err)
	}
	defer fh.Close()
	buf := bytes.NewBuffer(nil)
	if fi, err := fh.Stat(); err == nil && fi.Size() > 0 {
		buf.Grow(int(min(fi.Size(), maxFileSize)) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(io.LimitReader(fh, maxFileSize+1))
	b := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("%s：读取文件失败：%w", path, err)
	}
	if len(b) > maxFileSize {
		return nil, fileError(path, ErrTooLarge, fmt.Errorf("超过 %d MB", maxFileSize>>20))
	}
	return b, nil
}

// openBytes classifies the content of a file and opens it with excelize.
func openBytes(path string, b []byte) (f *excelize.File, err error) {
	if err := sniff(path, b); err != nil {
		return nil, err
	}
	defer func() {
		// excelize must never take the program down on a hostile file.
		if !recoverPanics {
			return
		}
		if r := recover(); r != nil {
			f, err = nil, fileError(path, ErrNotXLSX, fmt.Errorf("文件内容损坏（%v）", r))
		}
	}()
	f, err = excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit:    maxUnzipSize,
		UnzipXMLSizeLimit: maxUnzipSize, // keep every part in memory: no temp files
	})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fileError(path, ErrTooLarge, nil)
		}
		return nil, fileError(path, ErrNotXLSX, fmt.Errorf("文件内容损坏（%v）", err))
	}
	if len(f.GetSheetList()) == 0 {
		_ = f.Close()
		return nil, fileError(path, ErrNotXLSX, errors.New("工作簿中没有工作表"))
	}
	return f, nil
}

// sniff checks the bytes of a file before excelize sees them.
func sniff(path string, b []byte) error {
	switch {
	case len(b) == 0:
		return fileError(path, ErrEmpty, nil)
	case bytes.HasPrefix(b, oleMagic):
		if bytes.Contains(b, oleEncryptionInfo) || bytes.Contains(b, oleEncrypted) {
			return fileError(path, ErrEncrypted, nil)
		}
		return fileError(path, ErrLegacyXLS, nil)
	case !bytes.HasPrefix(b, zipMagic):
		return fileError(path, ErrNotXLSX, errors.New("文件不是 zip 压缩包，可能是改了扩展名的文本或其他文件"))
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fileError(path, ErrNotXLSX, errors.New("文件不完整或已损坏（可能只复制了一部分）"))
	}
	var total, packed uint64
	workbook := false
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		total += size
		packed += zf.CompressedSize64
		if total > maxUnzipSize {
			return fileError(path, ErrTooLarge, fmt.Errorf("解压后超过 %d MB", maxUnzipSize>>20))
		}
		if size > bombSize && size/bombRatio > zf.CompressedSize64 {
			return fileError(path, ErrTooLarge, fmt.Errorf("部件 %s 压缩比异常", zf.Name))
		}
		if total > bombSize && total/bombRatio > packed {
			return fileError(path, ErrTooLarge, errors.New("压缩比异常"))
		}
		name := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		if strings.HasPrefix(name, "xl/") && strings.HasSuffix(name, "workbook.xml") {
			workbook = true
		}
	}
	if !workbook {
		return fileError(path, ErrNotXLSX, errors.New("压缩包中没有工作簿内容（可能是其他 Office 文档）"))
	}
	return nil
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}
