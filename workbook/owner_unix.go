//go:build unix

package workbook

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of the file it replaces. Only root
// may give a file away: for others it fails unless the owner and group are
// already theirs, and the caller then refuses to replace the file.
func keepOwner(f *os.File, old fs.FileInfo) error {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	err := f.Chown(int(st.Uid), int(st.Gid))
	if err == nil {
		return nil
	}
	if cur, e := f.Stat(); e == nil {
		if cs, ok := cur.Sys().(*syscall.Stat_t); ok && cs.Uid == st.Uid && cs.Gid == st.Gid {
			return nil
		}
	}
	return err
}

// linkCount returns the number of hard links of a file.
func linkCount(fi fs.FileInfo) int {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Nlink)
	}
	return 1
}
