package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestSuffixed(t *testing.T) {
	tests := []struct {
		name string
		n    int
		want string
	}{
		{"a.xlsx", 1, "a.xlsx"},
		{"a.xlsx", 2, "a (2).xlsx"},
		{"a.b.xlsx", 10, "a.b (10).xlsx"},
		{"README", 3, "README (3)"},
		{"自评表.XLSM", 2, "自评表 (2).XLSM"},
	}
	for _, tt := range tests {
		if got := suffixed(tt.name, tt.n); got != tt.want {
			t.Errorf("suffixed(%q, %d) = %q, want %q", tt.name, tt.n, got, tt.want)
		}
	}
}

func TestMoveNoClobber(t *testing.T) {
	tests := []struct {
		name     string
		existing []string
		siblings []string
		wantName string
	}{
		{"free", nil, nil, "a.xlsx"},
		{"taken once", []string{"a.xlsx"}, nil, "a (2).xlsx"},
		{"taken twice", []string{"a.xlsx", "a (2).xlsx"}, nil, "a (3).xlsx"},
		{"gap is reused", []string{"a.xlsx", "a (3).xlsx"}, nil, "a (2).xlsx"},
		{"stale error file blocks the name", []string{"a.xlsx.error.txt"}, []string{"", ".error.txt", ".error.json"}, "a (2).xlsx"},
		{"unrelated sibling ignored", []string{"a.xlsx.error.txt"}, nil, "a.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, dst := t.TempDir(), t.TempDir()
			writeFile(t, filepath.Join(src, "a.xlsx"), "new")
			for _, n := range tt.existing {
				writeFile(t, filepath.Join(dst, n), "old "+n)
			}
			got, err := moveNoClobber(filepath.Join(src, "a.xlsx"), dst, "a.xlsx", tt.siblings...)
			if err != nil {
				t.Fatal(err)
			}
			if got != filepath.Join(dst, tt.wantName) {
				t.Errorf("moved to %s, want %s", filepath.Base(got), tt.wantName)
			}
			if c := readFile(t, got); c != "new" {
				t.Errorf("content %q", c)
			}
			for _, n := range tt.existing {
				if c := readFile(t, filepath.Join(dst, n)); c != "old "+n {
					t.Errorf("%s overwritten: %q", n, c)
				}
			}
			if exists(filepath.Join(src, "a.xlsx")) {
				t.Error("source still there")
			}
		})
	}
}

func TestRenameExcl(t *testing.T) {
	for _, tt := range []struct {
		name string
		fn   func(src, dst string) error
	}{{"renameExcl", renameExcl}, {"linkOrRename", linkOrRename}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "a"), "a")
			writeFile(t, filepath.Join(dir, "b"), "b")
			err := tt.fn(filepath.Join(dir, "a"), filepath.Join(dir, "b"))
			if !errors.Is(err, fs.ErrExist) {
				t.Fatalf("onto existing: %v, want fs.ErrExist", err)
			}
			if got := names(t, dir); !reflect.DeepEqual(got, []string{"a", "b"}) || readFile(t, filepath.Join(dir, "b")) != "b" {
				t.Fatalf("after refused rename: %q", got)
			}
			if err := tt.fn(filepath.Join(dir, "a"), filepath.Join(dir, "c")); err != nil {
				t.Fatal(err)
			}
			if got := names(t, dir); !reflect.DeepEqual(got, []string{"b", "c"}) || readFile(t, filepath.Join(dir, "c")) != "a" {
				t.Fatalf("after rename: %q", got)
			}
		})
	}
}

func TestWriteFileExcl(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.error.txt")
	if err := writeFileExcl(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeFileExcl(p, []byte("two"), 0o644); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second write: %v, want fs.ErrExist", err)
	}
	if c := readFile(t, p); c != "one" {
		t.Errorf("content %q, want one", c)
	}
	if got := names(t, dir); !reflect.DeepEqual(got, []string{"x.error.txt"}) {
		t.Errorf("left behind: %q", got)
	}
	if err := os.Chmod(dir, 0o500); err == nil && os.Geteuid() != 0 {
		defer os.Chmod(dir, 0o700)
		if err := writeFileExcl(filepath.Join(dir, "y"), []byte("y"), 0o644); err == nil {
			t.Error("write into read-only folder succeeded")
		}
	}
}
