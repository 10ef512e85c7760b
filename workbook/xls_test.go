package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

func TestXLSXBeside(t *testing.T) {
	for in, want := range map[string]string{
		"回收/自评表.xls":  "回收/自评表.xlsx",
		"回收/自评表.XLS":  "回收/自评表.xlsx",
		"回收/自评表.xlsx": "回收/自评表.xlsx",
		"a.b.xls":     "a.b.xlsx",
	} {
		if got := XLSXBeside(in); got != want {
			t.Errorf("XLSXBeside(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBIFF(t *testing.T) {
	bof := []byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00}
	for _, tc := range []struct {
		name string
		b    []byte
		want bool
	}{
		{"BIFF8 BOF", append(append(append([]byte{}, oleMagic...), 1, 2, 3), bof...), true},
		{"BIFF5 BOF", append(append([]byte{}, oleMagic...), 0x09, 0x08, 0x08, 0x00, 0x00, 0x05), true},
		{"no BOF", append(append([]byte{}, oleMagic...), 0x09, 0x08, 0x10, 0x00, 0x00, 0x07), false},
		{"cut short", append(append([]byte{}, oleMagic...), 0x09, 0x08, 0x10), false},
		{"encrypted", append(append(append([]byte{}, oleMagic...), oleEncryptionInfo...), bof...), false},
	} {
		if got := isLegacy(tc.b); got != tc.want {
			t.Errorf("%s: isLegacy = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestLegacyWithoutOffice: without LibreOffice an .xls is refused with
// ErrLegacyXLS, as before.
func TestLegacyWithoutOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	p := filepath.Join(t.TempDir(), "old.xls")
	b := append(append([]byte{}, oleMagic...), 0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0, 0)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); !errors.Is(err, ErrLegacyXLS) {
		t.Errorf("Load = %v, want ErrLegacyXLS", err)
	}
}

// odsBytes is the start of an OpenDocument package as LibreOffice writes it:
// the stored entry mimetype first, naming mime.
func odsBytes(mime string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte(mime))
	w, _ = zw.Create("content.xml")
	w.Write([]byte("<office:document-content/>"))
	zw.Close()
	return buf.Bytes()
}

func TestODS(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    []byte
		want bool
	}{
		{"spreadsheet", odsBytes(odsType), true},
		{"spreadsheet template", odsBytes(odsType + "-template"), true},
		{"text document", odsBytes("application/vnd.oasis.opendocument.text"), false},
		{"xlsx", odsBytes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")[:40], false},
		{"cut short", odsBytes(odsType)[:36], false},
	} {
		if got := isODS(tc.b); got != tc.want {
			t.Errorf("%s: isODS = %v, want %v", tc.name, got, tc.want)
		}
	}
	for _, name := range []string{"a.ods", "A.ODS", "a.xls", "a.et"} {
		if !Legacy(name) {
			t.Errorf("Legacy(%q) = false", name)
		}
	}
	if got := XLSXBeside("回收/表.ods"); got != "回收/表.xlsx" {
		t.Errorf("XLSXBeside = %q", got)
	}
}

// TestODSWithoutOffice: without LibreOffice an .ods is refused with ErrODS,
// which says to save it as .xlsx, and the file is left as it is.
func TestODSWithoutOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	p := filepath.Join(t.TempDir(), "表.ods")
	b := odsBytes(odsType)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); !errors.Is(err, ErrODS) || !strings.Contains(err.Error(), "表.ods") {
		t.Errorf("Load = %v, want ErrODS naming the file", err)
	}
	if after, _ := os.ReadFile(p); !bytes.Equal(after, b) {
		t.Error("the file changed")
	}
}

func TestLabelNotes(t *testing.T) {
	l := labels("全年预算数", "执行率")
	for _, n := range []string{"全年预算数(A)", "全年预算数（A）", "执行率（B/A）", "执行率(%)", "执 行 率"} {
		if !l.match(normalize(n)) {
			t.Errorf("%q does not match", n)
		}
	}
	for _, n := range []string{"全年预算", "执行率说明", "年初预算数(A)"} {
		if l.match(normalize(n)) {
			t.Errorf("%q matches", n)
		}
	}
}

// TestReadSichuanExtraRows: the Sichuan funds block's rows beyond the
// kind's are read as extra source rows, and its 偏差原因 column as the
// block's reason.
func TestReadSichuanExtraRows(t *testing.T) {
	wb, err := Load("../cmd/selfeval/testdata/layouts/sichuan2023--mof2020-cooperation.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	fm, err := wb.Read()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{form.GridExtra + "财政专户管理资金", form.GridExtra + "单位资金"} {
		if c := fm.Grid[key]["budget"]; c.Text != "0.00" && c.Raw != "0" {
			t.Errorf("%s budget = %+v, want 0", key, c)
		}
	}
	if len(fm.Grid) != 5 {
		t.Errorf("grid rows %d, want total, appropriation, other and two extra", len(fm.Grid))
	}
	if c := fm.Grid["total"][form.GridReason]; c.Ref != "I6" {
		t.Errorf("reason at %q, want I6", c.Ref)
	}
	if c := fm.Grid["other"]["spent"]; c.Ref != "E10" {
		t.Errorf("其他资金 spent at %q, want E10", c.Ref)
	}
}
