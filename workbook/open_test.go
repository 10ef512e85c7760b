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
	"time"

	"github.com/selfeval/selfeval/internal/hostile"
	"github.com/selfeval/selfeval/internal/i18n"

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
		en      string // part of the English message
	}{
		{"empty.xlsx", []byte{}, ErrEmpty, "文件为空", "the file is empty"},
		{"text.xlsx", []byte("项目名称,金额\n合作交流,161.05\n"), ErrNotXLSX, "改了扩展名", "not a zip archive"},
		{"truncated.xlsx", good[:len(good)/2], ErrNotXLSX, "不完整", "incomplete"},
		{"old.xls", oleFile("Workbook", "SummaryInformation"), ErrLegacyXLS, "另存为 .xlsx", "save it as .xlsx"},
		{"secret.xlsx", oleFile("EncryptionInfo", "EncryptedPackage"), ErrEncrypted, "已加密", "encrypted"},
		{"excel-encrypted.xlsx", encrypted, ErrEncrypted, "已加密", "encrypted"},
		{"bomb.xlsx", zipOf(t, map[string][]byte{
			"[Content_Types].xml":      []byte("<Types/>"),
			"xl/workbook.xml":          []byte("<workbook/>"),
			"xl/worksheets/sheet1.xml": make([]byte, 24<<20),
		}), ErrTooLarge, "压缩", "zip bomb"},
		{"document.xlsx", zipOf(t, map[string][]byte{"word/document.xml": []byte("<w/>")}), ErrNotXLSX, "没有工作簿", "holds no workbook"},
		{"binary.xlsb", zipOf(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "xl/workbook.bin": {0x83, 0x01}}), ErrNotXLSX, "二进制工作簿（.xlsb），请在 Excel/WPS 中另存为 .xlsx", "binary workbook (.xlsb): save it as .xlsx"},
		{"broken.xlsx", zipOf(t, map[string][]byte{
			"[Content_Types].xml": []byte("<Types"),
			"xl/workbook.xml":     []byte("<<<"),
		}), ErrNotXLSX, "部件 xl/workbook.xml 不是有效的 XML", "the part xl/workbook.xml is not valid XML"},
		{"missing.xlsx", nil, fs.ErrNotExist, "不存在", "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name)
			if tc.content != nil {
				if err := os.WriteFile(p, tc.content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Load(p)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, p+"：") || !strings.Contains(msg, tc.detail) {
				t.Errorf("message %q: want it to start with the file name and contain %q", msg, tc.detail)
			}
			checkEnglish(t, err, p, tc.en)
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
	if got, want := i18n.Text(err, true), `a.xlsx: sheet "自评表", cell G16 (score): refusing to overwrite a filled-in input cell`; got != want {
		t.Errorf("English = %q, want %q", got, want)
	}
}

// TestOpenBudgets opens packages over each open-time limit: each is refused
// as too large, naming the limit, before excelize parses it.
func TestOpenBudgets(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(mof2020Fixture(t).save(dir, "good.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	big, err := hostile.PadRows(good, "xl/worksheets/sheet1.xml", maxXMLPart, 1)
	if err != nil {
		t.Fatal(err)
	}
	many, err := hostile.Sheets(good, maxSheets)
	if err != nil {
		t.Fatal(err)
	}
	// Two parts each under the part limit, together over the total.
	xmlTotal, err := hostile.RandomPart(good, "xl/extra1.xml", maxXMLSize/2+1, 1)
	if err == nil {
		xmlTotal, err = hostile.RandomPart(xmlTotal, "xl/extra2.xml", maxXMLSize/2+1, 2)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		content []byte
		want    error
		detail  string
		en      string
	}{
		{"big-sheet.xlsx", big, ErrTooLarge, "部件 xl/worksheets/sheet1.xml 解压后超过 12 MB 的上限", "the part xl/worksheets/sheet1.xml unpacked exceeds the limit of 12 MB"},
		{"sheets.xlsx", many, ErrTooLarge, "工作表超过 255 个的上限", "more than the limit of 255 sheets"},
		{"xml-total.xlsx", xmlTotal, ErrTooLarge, "XML 部件解压后的总大小超过 20 MB 的上限", "the unpacked size of the XML parts exceeds the limit of 20 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name)
			if err := os.WriteFile(p, tc.content, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.detail) || !strings.HasPrefix(err.Error(), p+"：") {
				t.Fatalf("err = %v, want %v naming the file and %q", err, tc.want, tc.detail)
			}
			checkEnglish(t, err, p, tc.en)
		})
	}
	// Just under the sheet limit still opens.
	ok, err := hostile.Sheets(good, maxSheets-3)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "254.xlsx")
	if err := os.WriteFile(p, ok, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err != nil {
		t.Fatal(err)
	}
}

// TestOpenSpecialFiles refuses a FIFO and a folder at once, without
// blocking on the FIFO.
func TestOpenSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.xlsx")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	folder := filepath.Join(dir, "folder.xlsx")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for p, what := range map[string][2]string{fifo: {"命名管道（FIFO）", "a named pipe"}, folder: {"文件夹", "a folder"}} {
		done := make(chan error, 1)
		go func() { _, err := Load(p); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.HasPrefix(err.Error(), p+"：") || !strings.Contains(err.Error(), what[0]) {
				t.Errorf("Load(%s) = %v, want ErrNotRegular naming the file and %q", p, err, what[0])
			}
			checkEnglish(t, err, p, "not a regular file: this is "+what[1])
		case <-time.After(10 * time.Second):
			t.Fatalf("Load(%s) blocked", p)
		}
	}
}

// TestLyingPartUnpacksNoMore: a part whose zip directory says it holds 100
// bytes while it unpacks to megabytes passes the size check (which trusts
// the directory) but can never be read past what it declared: reading the
// form fails, naming the part, having unpacked at most 100 bytes of it.
func TestLyingPartUnpacksNoMore(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("..", "samples", "mof2020-cooperation.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	const part = "xl/worksheets/sheet1.xml"
	liar, err := hostile.Part(good, part, 2<<20, ' ')
	if err == nil {
		liar, err = hostile.LieSize(liar, part, 100)
	}
	if err != nil {
		t.Fatal(err)
	}
	w, err := loadBytes("liar.xlsx", liar)
	if err == nil {
		_, err = w.ReadAll()
	}
	if !errors.Is(err, ErrNotXLSX) || !strings.Contains(err.Error(), part) {
		t.Fatalf("err = %v, want %v naming %s", err, ErrNotXLSX, part)
	}
}
