package workbook

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// copyTo copies the scored fixture to dir/name.
func copyTo(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(scoredFx(t))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// scoredInto writes the fixture's outcome back into path.
func scoredInto(t *testing.T, path string) error {
	t.Helper()
	return WriteBack(path, "", readPath(t, path), outcome(), WriteOptions{})
}

// hasResults reports whether the workbook at path carries ResultSheet.
func hasResults(t *testing.T, path string) bool {
	t.Helper()
	wb, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return wb.pkg.findSheet(ResultSheet) != ""
}

func TestReadOnlyRefused(t *testing.T) {
	p := copyTo(t, t.TempDir(), "只读.xlsx")
	before, _ := os.ReadFile(p)
	if err := os.Chmod(p, 0o444); err != nil {
		t.Fatal(err)
	}
	err := scoredInto(t, p)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "只读.xlsx") {
		t.Fatalf("err = %v, want ErrReadOnly naming the file", err)
	}
	after, _ := os.ReadFile(p)
	if !bytes.Equal(before, after) {
		t.Error("the read-only file changed")
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o444 {
		t.Errorf("mode %v, want 0444", fi.Mode().Perm())
	}
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(p), tempPrefix+"*")); len(tmp) != 0 {
		t.Errorf("temp files left: %q", tmp)
	}
}

func TestSymlinkFollowed(t *testing.T) {
	real := filepath.Join(t.TempDir(), "files")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	target := copyTo(t, real, "form.xlsx")
	link := filepath.Join(t.TempDir(), "link.xlsx")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := scoredInto(t, link); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link is gone or no longer a link: %v %v", fi, err)
	}
	if got, _ := os.Readlink(link); got != target {
		t.Errorf("link points at %s, want %s", got, target)
	}
	if !hasResults(t, target) {
		t.Error("the link's target was not scored")
	}
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(link), tempPrefix+"*")); len(tmp) != 0 {
		t.Errorf("temp files beside the link: %q", tmp)
	}
}

func TestOwnerAndModeKept(t *testing.T) {
	p := copyTo(t, t.TempDir(), "form.xlsx")
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	root := os.Geteuid() == 0
	if root {
		if err := os.Chown(p, 1234, 5678); err != nil {
			t.Fatal(err)
		}
	}
	if err := scoredInto(t, p); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
	if !root {
		t.Log("not root: owner kept only as far as the file was ours")
		return
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 1234 || st.Gid != 5678 {
		t.Errorf("owner %d:%d, want 1234:5678", st.Uid, st.Gid)
	}
}

func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	p := copyTo(t, dir, "form.xlsx")
	old := time.Now().Add(-2 * staleTemp)
	files := map[string]bool{ // name → kept
		tempPrefix + "form.xlsx-123.tmp":  false, // ours, from a killed run
		tempPrefix + "other.xlsx-456.tmp": false,
		tempPrefix + "young.xlsx-789.tmp": true, // ours, maybe a run in progress
		tempPrefix + "inflight-abc":       true, // the watcher's marker
		"report.tmp":                      true, // not ours
	}
	for n := range files {
		f := filepath.Join(dir, n)
		if err := os.WriteFile(f, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
		if n != tempPrefix+"young.xlsx-789.tmp" {
			if err := os.Chtimes(f, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := scoredInto(t, p); err != nil {
		t.Fatal(err)
	}
	for n, kept := range files {
		if _, err := os.Stat(filepath.Join(dir, n)); (err == nil) != kept {
			t.Errorf("%s: exists %v, want %v", n, err == nil, kept)
		}
	}
}

func TestLongFileName(t *testing.T) {
	name := strings.Repeat("绩", 83) + ".xlsx" // 254 bytes, near the 255 a name may have
	p := copyTo(t, t.TempDir(), name)
	if err := scoredInto(t, p); err != nil {
		t.Fatal(err)
	}
	if !hasResults(t, p) {
		t.Error("not scored")
	}
	if got := tempBase(name); len(got) > maxTempBase || !strings.HasPrefix(name, got) || !utf8Valid(got) {
		t.Errorf("tempBase = %q", got)
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\ufffd") == s }

// TestChangedFileComparesEveryByte: the check before the rename finds a file
// of other bytes, of one byte more or less, or changed past the first chunk
// it reads, and takes the same bytes as unchanged.
func TestChangedFileComparesEveryByte(t *testing.T) {
	read := bytes.Repeat([]byte("0123456789abcdef"), 5000) // 80 000 bytes: three chunks
	cases := []struct {
		name    string
		edit    func([]byte) []byte
		changed bool
	}{
		{"same", func(b []byte) []byte { return b }, false},
		{"one byte more", func(b []byte) []byte { return append(b, 'x') }, true},
		{"one byte less", func(b []byte) []byte { return b[:len(b)-1] }, true},
		{"last byte", func(b []byte) []byte { b[len(b)-1] = 'x'; return b }, true},
		{"a byte in the second chunk", func(b []byte) []byte { b[40000] = 'x'; return b }, true},
		{"empty", func([]byte) []byte { return nil }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.xlsx")
			if err := os.WriteFile(path, c.edit(append([]byte(nil), read...)), 0o644); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			// The size and time are taken from the file itself, so that
			// only its bytes can tell.
			s := &seenFile{path: path, info: fi, data: read}
			if got := s.changed(path); got != c.changed {
				t.Errorf("changed = %v, want %v", got, c.changed)
			}
		})
	}
}
