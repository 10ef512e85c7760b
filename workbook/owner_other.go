//go:build !unix

package workbook

import (
	"io/fs"
	"os"
)

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) error { return nil }

// linkCount is 1 where links are not counted.
func linkCount(fs.FileInfo) int { return 1 }
