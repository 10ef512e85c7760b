package watch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// errNoReplace says the filesystem has no atomic no-overwrite rename.
var errNoReplace = errors.New("rename without replace not supported")

// maxSuffix bounds the search for a free name.
const maxSuffix = 10000

// suffixed returns name for n == 1 and "BASE (n).EXT" for n > 1.
func suffixed(name string, n int) string {
	if n <= 1 {
		return name
	}
	ext := filepath.Ext(name)
	if ext == name { // ".xlsx" alone: no base
		ext = ""
	}
	return fmt.Sprintf("%s (%d)%s", strings.TrimSuffix(name, ext), n, ext)
}

// renameExcl renames src to dst unless dst exists, in which case the error
// wraps fs.ErrExist and nothing moved.
func renameExcl(src, dst string) error {
	err := renameNoReplace(src, dst)
	if !errors.Is(err, errNoReplace) {
		return err
	}
	return linkOrRename(src, dst)
}

// linkOrRename is renameExcl for filesystems without an atomic
// no-overwrite rename.
func linkOrRename(src, dst string) error {
	// A hard link fails when dst exists, atomically, on any server that has
	// links.
	if err := os.Link(src, dst); err == nil {
		return os.Remove(src)
	} else if errors.Is(err, fs.ErrExist) {
		return err
	}
	// Last resort: check, then rename. Two processes moving files of the same
	// name into the same folder at the same instant could still clash.
	if _, err := os.Lstat(dst); err == nil {
		return &os.LinkError{Op: "rename", Old: src, New: dst, Err: fs.ErrExist}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Rename(src, dst)
}

// moveNoClobber moves src into dir as name, or as the first free
// "NAME (n).EXT". A candidate counts as taken also when any of name+sibling
// exists, so files written beside it (NAME.error.txt) never clash either. It
// returns the new path.
func moveNoClobber(src, dir, name string, siblings ...string) (string, error) {
	longest := 0
	for _, s := range siblings {
		longest = max(longest, len(s))
	}
	for n := 1; n <= maxSuffix; n++ {
		cand := fitName(suffixed(name, n), longest)
		if anyExists(dir, cand, siblings) {
			continue
		}
		dst := filepath.Join(dir, cand)
		err := renameExcl(src, dst)
		if err == nil {
			return dst, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("no free name for %s in %s", name, dir)
}

// maxName is the longest file name, in bytes, that common file systems
// (ext4, XFS, NTFS and SMB shares in UTF-8) accept.
const maxName = 255

// fitName returns name unchanged when name plus extra bytes (a sibling's
// suffix such as ".error.json") fits in maxName. Otherwise it cuts the base
// name at a character boundary and ends it in "~" and 8 hex digits of the
// whole name's SHA-256, keeping the extension: the same name always gives the
// same result, and two long names that share a beginning stay apart.
func fitName(name string, extra int) string {
	if len(name)+extra <= maxName {
		return name
	}
	ext := filepath.Ext(name)
	if len(ext) > 16 || ext == name {
		ext = ""
	}
	sum := sha256.Sum256([]byte(name))
	tag := "~" + hex.EncodeToString(sum[:4])
	base := strings.TrimSuffix(name, ext)
	keep := min(len(base), max(0, maxName-extra-len(ext)-len(tag)))
	for keep > 0 && keep < len(base) && !utf8.RuneStart(base[keep]) {
		keep--
	}
	return base[:keep] + tag + ext
}

// companionPerm is the mode of a file written beside the file at path (its
// error files): readable by whoever may read the file itself, and
// writable by its owner. Without the file, 0644.
func companionPerm(path string) fs.FileMode {
	fi, err := os.Stat(path)
	if err != nil {
		return 0o644
	}
	return fi.Mode().Perm()&0o666 | 0o600
}

func anyExists(dir, name string, siblings []string) bool {
	for _, s := range siblings {
		if _, err := os.Lstat(filepath.Join(dir, name+s)); !errors.Is(err, fs.ErrNotExist) {
			return true
		}
	}
	return false
}

// writeFileExcl writes data to path through a temp file in the same folder
// (written, synced, then renamed into place) and never replaces an existing
// path. On failure nothing is left behind. The file gets the permissions
// perm (the temp file's own 0600 would hide it from everyone but the
// watcher's user); a share that refuses chmod keeps its own.
func writeFileExcl(path string, data []byte, perm fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix+"*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_ = f.Chmod(perm.Perm())
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = renameExcl(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}
