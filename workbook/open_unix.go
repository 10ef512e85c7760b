//go:build unix

package workbook

import "syscall"

const openNonBlock = syscall.O_NONBLOCK
