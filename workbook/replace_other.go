//go:build !linux

package workbook

import "os"

// replaceIfUnchanged renames tmp over dst unless dst is no longer the file
// read (seen), checked just before.
func replaceIfUnchanged(tmp, dst string, seen *seenFile) error {
	if seen.changed(dst) {
		return errFileChanged
	}
	return os.Rename(tmp, dst)
}
