//go:build !unix

package workbook

import "os"

const openNonBlock = 0

// canWrite reports whether this process may open path for writing: it
// opens it so.
func canWrite(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	return f.Close()
}
