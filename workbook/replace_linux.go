//go:build linux

package workbook

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// replaceIfUnchanged renames tmp over dst unless dst is no longer the file
// read (seen). The two are exchanged in one step (renameat2 with
// RENAME_EXCHANGE) and the file taken out is checked: a save that reached
// dst before the exchange is found there and put back, one after it
// replaces our output. Where the file system cannot exchange, dst is
// checked and then replaced.
func replaceIfUnchanged(tmp, dst string, seen *seenFile) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dst, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
	case errors.Is(err, unix.ENOENT):
		return errFileChanged // dst was removed meanwhile
	default: // EINVAL, ENOSYS, ENOTSUP: no exchange here
		if seen.changed(dst) {
			return errFileChanged
		}
		return os.Rename(tmp, dst)
	}
	if seen.changed(tmp) {
		// Put the person's file back; our output stays at tmp, removed by
		// the caller.
		if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dst, unix.RENAME_EXCHANGE); err != nil {
			return err
		}
		return errFileChanged
	}
	return os.Remove(tmp)
}
