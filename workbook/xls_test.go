package workbook

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
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
	if _, err := Open(p); !errors.Is(err, ErrLegacyXLS) {
		t.Errorf("Open = %v, want ErrLegacyXLS", err)
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
