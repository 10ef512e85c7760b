package watch

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// class says what the watcher does with a name found in the inbox.
type class int

const (
	classIgnore class = iota // never touched
	classAccept              // .xlsx or .xlsm: processed
	classLegacy              // .xls, .et, .ods: read through LibreOffice, or failed with a "save as .xlsx" reason
)

// tempPrefix starts every file this program creates next to a user's file
// (temp files, in-flight markers). Such files are hidden and ignored.
const tempPrefix = ".selfeval-"

// classify decides by name alone; the rules are in doc.go.
func classify(name string) class {
	low := strings.ToLower(name)
	switch {
	case name == "" || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, "."):
		// Owner files (~$x.xlsx), LibreOffice locks (.~lock.x.xlsx#), our own
		// temp files (.selfeval-*) and hidden files.
		return classIgnore
	case strings.HasSuffix(low, ".tmp"), strings.HasSuffix(low, ".part"),
		strings.HasSuffix(low, ".crdownload"):
		return classIgnore
	case strings.HasSuffix(low, ".xlsx"), strings.HasSuffix(low, ".xlsm"):
		return classAccept
	case strings.HasSuffix(low, ".xls"), strings.HasSuffix(low, ".et"), strings.HasSuffix(low, ".ods"):
		return classLegacy
	}
	return classIgnore
}

// seenFile is one candidate in an inbox listing.
type seenFile struct {
	name  string
	size  int64
	mtime time.Time
	held  bool // an owner or lock file of an open editor sits beside it
}

// ownerNames are the names of the files an editor keeps beside name while it
// has name open. Excel and WPS write "~$" + name; Office replaces the first
// two characters instead when the base name has seven or more. LibreOffice
// writes ".~lock." + name + "#".
func ownerNames(name string) []string {
	names := []string{"~$" + name, ".~lock." + name + "#"}
	base := []rune(strings.TrimSuffix(name, filepath.Ext(name)))
	if len(base) >= 7 {
		names = append(names, "~$"+string([]rune(name)[2:]))
	}
	return names
}

// scanInbox lists dir once and returns the regular files that classify does
// not ignore. Names are compared case-insensitively when looking for owner
// files, as Windows shares do.
func scanInbox(dir string) ([]seenFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	all := make(map[string]bool, len(entries))
	for _, e := range entries {
		all[strings.ToLower(e.Name())] = true
	}
	var out []seenFile
	for _, e := range entries {
		name := e.Name()
		if classify(name) == classIgnore || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // gone since the listing: someone else claimed it
		}
		f := seenFile{name: name, size: info.Size(), mtime: info.ModTime()}
		for _, o := range ownerNames(name) {
			if all[strings.ToLower(o)] {
				f.held = true
				break
			}
		}
		out = append(out, f)
	}
	return out, nil
}
