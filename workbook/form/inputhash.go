package form

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
)

// InputHash returns a short hash of what the person entered: every input
// field, input grid cell and table row, by key. Computed cells are left out,
// so scoring a form (which rewrites them) does not change its input hash.
func (f *Form) InputHash() string {
	h := sha256.New()
	put := func(key string, c Cell) { fmt.Fprintf(h, "%s=%s\x00", key, c.Raw) }
	var keys []string
	for k := range f.Fields {
		if fd := f.Kind.Field(k); fd == nil || !fd.Computed {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		put(k, f.Fields[k])
	}
	if g := f.Kind.Grid; g != nil {
		for _, r := range g.Rows {
			for _, c := range g.Cols {
				if !c.Computed {
					put(r.Key+"."+c.Key, f.Grid[r.Key][c.Key])
				}
			}
		}
	}
	for _, r := range f.Rows {
		io.WriteString(h, r.Group+"\x00")
		for _, c := range f.Kind.Table.Columns {
			put(c.Key, r.Cell(c.Key))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
