package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
)

// Budgets that bound the time and memory one file may take (the unpacked
// sizes are checked by ooxml.Budget on the zip directory). Real forms are
// well under a megabyte; a 10 000-row form unpacks to about 4 MB.
const (
	maxFileSize  = 64 << 20           // bytes on disk
	maxUnzipSize = ooxml.MaxUnzipSize // sum of the unpacked parts
	maxXMLPart   = 12 << 20           // one unpacked XML part (a worksheet, the shared strings)
	maxXMLSize   = 20 << 20           // sum of the unpacked XML parts
	maxSheets    = 255                // worksheets in the package
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

// readFileSeen reads path whole, up to maxFileSize, with what the file was
// when read: the write-back checks it is still so before it replaces the
// file.
func readFileSeen(path string) ([]byte, *seenFile, error) {
	fh, fi, err := openRegular(path)
	if err != nil {
		return nil, nil, err
	}
	defer fh.Close()
	buf := bytes.NewBuffer(nil)
	if fi.Size() > 0 {
		buf.Grow(int(min(fi.Size(), maxFileSize)) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(io.LimitReader(fh, maxFileSize+1))
	b := buf.Bytes()
	if err != nil {
		return nil, nil, i18n.Errorf("%s：读取文件失败：%w", "%s: reading the file failed: %w", path, err)
	}
	if len(b) > maxFileSize {
		return nil, nil, fileError(path, ErrTooLarge, i18n.Errorf("超过 %d MB", "over %d MB", maxFileSize>>20))
	}
	return b, &seenFile{path: path, info: fi, data: b}, nil
}

// OpenRegular opens path for reading if it is a regular file (or a link to
// one). A FIFO, device, socket or folder is refused at once, without
// blocking, with a message naming the file and what it is; a missing file
// gives an error wrapping fs.ErrNotExist.
func OpenRegular(path string) (*os.File, error) {
	fh, _, err := openRegular(path)
	return fh, err
}

// openRegular is OpenRegular that also returns what the open file is.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err == nil && !fi.Mode().IsRegular() {
		return nil, nil, notRegular(path, fi.Mode())
	}
	var fh *os.File
	if err == nil {
		// Non-blocking, so that a file swapped for a FIFO after the Stat
		// cannot hang the open; it is refused by the second check below.
		fh, err = os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, i18n.Errorf("%s：文件不存在：%w", "%s: no such file: %w", path, fs.ErrNotExist)
		}
		return nil, nil, i18n.Errorf("%s：无法打开文件：%w", "%s: cannot open the file: %w", path, err)
	}
	if fi, err = fh.Stat(); err != nil || !fi.Mode().IsRegular() {
		_ = fh.Close()
		if err != nil {
			return nil, nil, i18n.Errorf("%s：无法打开文件：%w", "%s: cannot open the file: %w", path, err)
		}
		return nil, nil, notRegular(path, fi.Mode())
	}
	return fh, fi, nil
}

func notRegular(path string, m fs.FileMode) error {
	what := i18n.Pair{Zh: "特殊文件", En: "a special file"}
	switch {
	case m.IsDir():
		what = i18n.Pair{Zh: "文件夹", En: "a folder"}
	case m&fs.ModeNamedPipe != 0:
		what = i18n.Pair{Zh: "命名管道（FIFO）", En: "a named pipe (FIFO)"}
	case m&fs.ModeSocket != 0:
		what = i18n.Pair{Zh: "套接字", En: "a socket"}
	case m&fs.ModeDevice != 0:
		what = i18n.Pair{Zh: "设备文件", En: "a device file"}
	}
	return i18n.Errorf("%s：%w：这是%s，不是工作簿文件，已跳过", "%s: %w: this is %s, not a workbook file; skipped", path, ErrNotRegular, what)
}

// sniff checks the bytes of a file before its parts are read: what it
// is, and that its zip directory is within the budgets.
func sniff(path string, b []byte) error {
	_, err := sniffZip(path, b)
	return err
}

// sniffZip is sniff that also returns the zip directory it read, so that
// the package is indexed without reading it again.
func sniffZip(path string, b []byte) (*zip.Reader, error) {
	switch {
	case len(b) == 0:
		return nil, fileError(path, ErrEmpty, nil)
	case bytes.HasPrefix(b, oleMagic):
		if bytes.Contains(b, oleEncryptionInfo) || bytes.Contains(b, oleEncrypted) {
			return nil, fileError(path, ErrEncrypted, nil)
		}
		return nil, fileError(path, ErrLegacyXLS, nil)
	case isODS(b):
		return nil, fileError(path, ErrODS, nil)
	case !bytes.HasPrefix(b, zipMagic):
		return nil, fileError(path, ErrNotXLSX, i18n.New("文件不是 zip 压缩包，可能是改了扩展名的文本或其他文件", "the file is not a zip archive: perhaps text or another file renamed"))
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fileError(path, ErrNotXLSX, i18n.New("文件不完整或已损坏（可能只复制了一部分）", "the file is incomplete or damaged (perhaps only partly copied)"))
	}
	budget := ooxml.Budget{UnzipSize: maxUnzipSize, XMLPart: maxXMLPart, XMLSize: maxXMLSize, Sheets: maxSheets,
		BombSize: bombSize, BombRatio: bombRatio}
	if over := budget.Check(zr.File); over != nil {
		var why error
		switch over.Bound {
		case ooxml.OverPartRatio:
			why = i18n.Errorf("部件 %s 压缩比异常", "abnormal compression ratio of the part %s", over.Part)
		case ooxml.OverRatio:
			why = i18n.New("压缩比异常", "abnormal compression ratio")
		case ooxml.OverXMLPart:
			why = overLimit(i18n.Pair{Zh: "部件 " + over.Part + " 解压后", En: "the part " + over.Part + " unpacked"}, maxXMLPart)
		case ooxml.OverXMLSize:
			why = overLimit(i18n.Pair{Zh: "XML 部件解压后的总大小", En: "the unpacked size of the XML parts"}, maxXMLSize)
		case ooxml.OverUnzipSize:
			why = overLimit(i18n.Pair{Zh: "解压后的总大小", En: "the unpacked size"}, maxUnzipSize)
		default:
			why = i18n.Errorf("工作表超过 %d 个的上限", "more than the limit of %d sheets", maxSheets)
		}
		return nil, fileError(path, ErrTooLarge, why)
	}
	workbook, binary := false, false
	for _, zf := range zr.File {
		name := ooxml.PartName(zf.Name)
		switch {
		case strings.HasPrefix(name, "xl/") && strings.HasSuffix(name, "workbook.xml"):
			workbook = true
		case name == "xl/workbook.bin":
			binary = true
		}
	}
	switch {
	case !workbook && binary:
		return nil, fileError(path, ErrNotXLSX, i18n.New("这是 Excel 二进制工作簿（.xlsb），请在 Excel/WPS 中另存为 .xlsx 后再提交", "an Excel binary workbook (.xlsb): save it as .xlsx in Excel/WPS and submit that"))
	case !workbook:
		return nil, fileError(path, ErrNotXLSX, i18n.New("压缩包中没有工作簿内容（可能是其他 Office 文档）", "the zip holds no workbook (another Office document?)"))
	}
	return zr, nil
}

func overLimit(what i18n.Pair, limit int64) error {
	return i18n.Errorf("%s超过 %d MB 的上限", "%s exceeds the limit of %d MB", what, limit>>20)
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// MaxCost is the Cost of the largest workbook Load accepts.
const MaxCost = maxFileSize + maxXMLSize
