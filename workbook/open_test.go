package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// oleFile returns a minimal OLE2 compound file header followed by the given
// directory entry names in UTF-16LE, enough for the sniffing in Open.
func oleFile(names ...string) []byte {
	b := append([]byte{}, oleMagic...)
	b = append(b, make([]byte, 504)...)
	for _, n := range names {
		entry := make([]byte, 128)
		copy(entry, utf16le(n))
		b = append(b, entry...)
	}
	return b
}

// zipOf returns a zip holding the given parts.
func zipOf(t *testing.T, parts map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(parts) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(parts[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestOpenBadInput(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(mof2020Fixture(t).save(dir, "good.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	x := mof2020Fixture(t)
	x.must(x.f.SaveAs(filepath.Join(dir, "enc.xlsx"), excelize.Options{Password: "secret"}))
	encrypted, err := os.ReadFile(filepath.Join(dir, "enc.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		content []byte // nil: the file does not exist
		want    error
		detail  string // part of the message
	}{
		{"empty.xlsx", []byte{}, ErrEmpty, "文件为空"},
		{"text.xlsx", []byte("项目名称,金额\n合作交流,161.05\n"), ErrNotXLSX, "改了扩展名"},
		{"truncated.xlsx", good[:len(good)/2], ErrNotXLSX, "不完整"},
		{"old.xls", oleFile("Workbook", "SummaryInformation"), ErrLegacyXLS, "另存为 .xlsx"},
		{"secret.xlsx", oleFile("EncryptionInfo", "EncryptedPackage"), ErrEncrypted, "已加密"},
		{"excel-encrypted.xlsx", encrypted, ErrEncrypted, "已加密"},
		{"bomb.xlsx", zipOf(t, map[string][]byte{
			"[Content_Types].xml":      []byte("<Types/>"),
			"xl/workbook.xml":          []byte("<workbook/>"),
			"xl/worksheets/sheet1.xml": make([]byte, 24<<20),
		}), ErrTooLarge, "压缩"},
		{"document.xlsx", zipOf(t, map[string][]byte{"word/document.xml": []byte("<w/>")}), ErrNotXLSX, "没有工作簿"},
		{"broken.xlsx", zipOf(t, map[string][]byte{
			"[Content_Types].xml": []byte("<Types"),
			"xl/workbook.xml":     []byte("<<<"),
		}), ErrNotXLSX, "损坏"},
		{"missing.xlsx", nil, fs.ErrNotExist, "不存在"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name)
			if tc.content != nil {
				if err := os.WriteFile(p, tc.content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := Open(p)
			if f != nil {
				f.Close()
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, p+"：") || !strings.Contains(msg, tc.detail) {
				t.Errorf("message %q: want it to start with the file name and contain %q", msg, tc.detail)
			}
		})
	}
}

func TestCellError(t *testing.T) {
	err := error(&CellError{Path: "a.xlsx", Sheet: "自评表", Cell: "G16", Field: "score", Err: errInputCell})
	if got, want := err.Error(), "a.xlsx：工作表「自评表」单元格 G16（score）：拒绝覆盖已填写的输入单元格"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, errInputCell) {
		t.Error("Unwrap does not reach the cause")
	}
}
