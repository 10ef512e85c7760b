package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestFolderWorkbooks: a folder stands for its workbooks of every format
// read (an .xls, .et or .ods only without its scored NAME.xlsx beside it),
// not for owner, hidden or other files.
func TestFolderWorkbooks(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.xlsx", "b.xls", "c.et", "d.ods", "e.ods", "e.xlsx", "~$a.xlsx", ".f.ods", "g.txt", "h.xlsm"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths, _, err := expandInputs([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range paths {
		got = append(got, filepath.Base(p))
	}
	want := []string{"a.xlsx", "b.xls", "c.et", "d.ods", "e.xlsx", "h.xlsm"}
	if !slices.Equal(got, want) {
		t.Errorf("%s stands for %q, want %q", dir, got, want)
	}
}
