//go:build unix

package workbook

import (
	"syscall"

	"golang.org/x/sys/unix"
)

const openNonBlock = syscall.O_NONBLOCK

// canWrite reports whether this process may open path for writing, by its
// effective ids, without opening it (an open would cost four more system
// calls, and would block on a FIFO).
func canWrite(path string) error {
	return unix.Faccessat(unix.AT_FDCWD, path, unix.W_OK, unix.AT_EACCESS)
}
