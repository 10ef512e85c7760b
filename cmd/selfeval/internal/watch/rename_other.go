//go:build !linux && !windows

package watch

// renameNoReplace has no atomic form here; moveNoClobber falls back to a hard
// link.
func renameNoReplace(src, dst string) error { return errNoReplace }
