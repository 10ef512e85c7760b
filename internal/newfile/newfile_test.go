package newfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSave: the file is written whole, an existing file keeps its mode, and
// no temp file is left beside it.
func TestSave(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "new.xlsx")
	if err := os.WriteFile(dst, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	if err := f.SetCellStr("Sheet1", "A1", "新文件"); err != nil {
		t.Fatal(err)
	}
	if err := Save(f, dst); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if v, _ := g.GetCellValue("Sheet1", "A1"); v != "新文件" {
		t.Errorf("A1 = %q", v)
	}
	if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v (%v), want 0600 kept", fi.Mode().Perm(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the folder, want the file alone", len(entries))
	}
}
