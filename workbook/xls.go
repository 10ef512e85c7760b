package workbook

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/selfeval/selfeval/internal/i18n"
)

// Legacy .xls workbooks (BIFF8, as budget systems still export them), WPS's
// .et and OpenDocument .ods spreadsheets (LibreOffice's own format) are read
// through LibreOffice when it is installed: a copy is converted headlessly to
// .xlsx in a private temp folder, with its own LibreOffice profile and a time
// limit. Without LibreOffice an .xls fails with ErrLegacyXLS and an .ods with
// ErrODS ("save as .xlsx").

// XLSTimeout bounds one LibreOffice conversion.
var XLSTimeout = 90 * time.Second

// officeNames are the LibreOffice commands looked up in PATH.
var officeNames = []string{"soffice", "libreoffice"}

// converted caches conversions by content hash, so that check and the
// write-back of one file convert it once.
var converted = struct {
	sync.Mutex
	m map[[32]byte][]byte
}{m: map[[32]byte][]byte{}}

const maxConverted = 16

// Legacy reports whether path names, by its extension, a workbook read
// through LibreOffice: a legacy .xls, WPS's .et or an OpenDocument .ods.
func Legacy(path string) bool {
	ext := filepath.Ext(path)
	return strings.EqualFold(ext, ".xls") || strings.EqualFold(ext, ".et") || strings.EqualFold(ext, ".ods")
}

// XLSXBeside returns where the scored result of path goes when path is a
// legacy .xls: NAME.xlsx in the same folder. Other paths are returned as
// they are.
func XLSXBeside(path string) string {
	if !Legacy(path) {
		return path
	}
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".xlsx"
}

// isLegacy reports whether b is a workbook LibreOffice can convert: an
// unencrypted OLE2 file holding a BIFF5 or BIFF8 workbook stream (.xls), or
// an OpenDocument spreadsheet.
func isLegacy(b []byte) bool {
	return bytes.HasPrefix(b, oleMagic) && !bytes.Contains(b, oleEncryptionInfo) && !bytes.Contains(b, oleEncrypted) && biff(b) ||
		isODS(b)
}

// odsType is the media type an OpenDocument spreadsheet (or its template,
// ...-template) names in its first entry.
const odsType = "application/vnd.oasis.opendocument.spreadsheet"

// isODS reports whether b is an OpenDocument spreadsheet: a zip whose first
// entry is the file mimetype, stored, naming odsType, as the standard
// requires (ODF 1.2 part 3, §3.3).
func isODS(b []byte) bool {
	if len(b) < 30 || !bytes.HasPrefix(b, []byte("PK\x03\x04")) || binary.LittleEndian.Uint16(b[8:]) != 0 {
		return false
	}
	name, extra := int(binary.LittleEndian.Uint16(b[26:])), int(binary.LittleEndian.Uint16(b[28:]))
	if name != len("mimetype") || len(b) < 30+name+extra || string(b[30:30+name]) != "mimetype" {
		return false
	}
	return bytes.HasPrefix(b[30+name+extra:], []byte(odsType))
}

// legacyErr is the sentinel of a workbook LibreOffice must convert and
// could not: ErrODS for an .ods, ErrLegacyXLS for the others.
func legacyErr(b []byte) error {
	if isODS(b) {
		return ErrODS
	}
	return ErrLegacyXLS
}

// biff reports whether b holds the BOF record that opens a BIFF5 or BIFF8
// workbook stream: type 0x0809, length 8 or 16, version 0x0500 or 0x0600.
func biff(b []byte) bool {
	for i := 0; i+6 <= len(b); i++ {
		j := bytes.Index(b[i:], []byte{0x09, 0x08})
		if j < 0 {
			return false
		}
		i += j
		if i+6 > len(b) {
			return false
		}
		size, version := b[i+2], b[i+5]
		if (size == 8 || size == 16) && b[i+3] == 0 && b[i+4] == 0 && (version == 5 || version == 6) {
			return true
		}
	}
	return false
}

// fromLegacy returns the .xlsx converted from b when b is an unencrypted
// .xls and LibreOffice is installed; otherwise b itself.
func fromLegacy(path string, b []byte) ([]byte, error) {
	if !isLegacy(b) {
		return b, nil
	}
	bin := officeBin()
	if bin == "" {
		return b, nil // sniff reports ErrLegacyXLS
	}
	key := sha256.Sum256(b)
	converted.Lock()
	out, ok := converted.m[key]
	converted.Unlock()
	if ok {
		return out, nil
	}
	out, err := convertXLS(bin, b)
	if err != nil {
		return nil, fileError(path, legacyErr(b), err)
	}
	converted.Lock()
	if len(converted.m) >= maxConverted {
		clear(converted.m)
	}
	converted.m[key] = out
	converted.Unlock()
	return out, nil
}

// CanConvertLegacy reports whether .xls workbooks can be read: LibreOffice
// is installed.
func CanConvertLegacy() bool { return officeBin() != "" }

func officeBin() string {
	for _, n := range officeNames {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// convertXLS converts the bytes of an .xls (or .et or .ods) with LibreOffice
// and returns the bytes of the .xlsx.
func convertXLS(bin string, b []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("", "selfeval-xls-")
	if err != nil {
		return nil, i18n.Errorf("无法创建临时文件夹：%w", "cannot create a temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "form.xls")
	if isODS(b) {
		in = filepath.Join(dir, "form.ods")
	}
	if err := os.WriteFile(in, b, 0o600); err != nil {
		return nil, i18n.Errorf("无法写入临时文件：%w", "cannot write a temporary file: %w", err)
	}
	outDir := filepath.Join(dir, "out")
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}
	ctx, cancel := context.WithTimeout(context.Background(), XLSTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--norestore", "--nolockcheck",
		"-env:UserInstallation="+profile.String(), "--convert-to", "xlsx", "--outdir", outDir, in)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir)
	cmd.WaitDelay = 5 * time.Second
	ownGroup(cmd)
	msg, err := cmd.CombinedOutput()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, i18n.Errorf("LibreOffice 转换超时（超过 %s）", "the LibreOffice conversion timed out (after %s)", XLSTimeout)
	}
	out, rerr := os.ReadFile(filepath.Join(outDir, "form.xlsx"))
	if err != nil || rerr != nil || len(out) == 0 {
		detail := strings.TrimSpace(string(msg))
		if err != nil {
			detail = strings.TrimSpace(err.Error() + " " + detail)
		}
		return nil, i18n.Errorf("LibreOffice 转换失败（%s）", "the LibreOffice conversion failed (%s)", detail)
	}
	return out, nil
}

// legacyTarget refuses to write the .xlsx made from an .xls (or .et or
// .ods) under such a name, and to replace a NAME.xlsx beside the .xls that is not an earlier
// result of scoring it (a workbook without the sheet ResultSheet).
func legacyTarget(path, dst string) error {
	if Legacy(dst) {
		ext := strings.ToLower(filepath.Ext(dst))
		return i18n.Errorf("%s：%s 工作簿评分后须另存为 .xlsx（例如 %s），不能写回 %s", "%s: a %s workbook is scored into an .xlsx (for example %s), never written back as %s", path, ext, filepath.Base(XLSXBeside(dst)), ext)
	}
	if filepath.Clean(dst) != filepath.Clean(XLSXBeside(path)) {
		return nil // a name the person chose with -o
	}
	if _, err := os.Lstat(dst); err != nil {
		return nil
	}
	if w, err := Load(dst); err == nil && w.pkg.findSheet(ResultSheet) != "" {
		return nil // our earlier result: replaced
	}
	return i18n.Errorf("%s：旁边已有同名的 %s 且不是本工具的评分结果，未覆盖；请改名后重试，或用 -o 指定输出文件", "%s: there is already a %s beside it that selfeval did not write; it was not overwritten: rename it and try again, or name the output with -o", path, filepath.Base(dst))
}
