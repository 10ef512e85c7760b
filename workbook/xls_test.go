package workbook

import (
	"errors"
	"os"
	"path/filepath"
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
