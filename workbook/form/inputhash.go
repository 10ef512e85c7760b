package form

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
)

// InputHash returns a short hash of what the person entered: every input
// field, input grid cell and table row, by key. Computed cells are left out
// (a table column with a formula too: 部门整体's 指标得分), so scoring a
// form (which rewrites them) does not change its input hash.
func (f *Form) InputHash() string {
	h := sha256.New()
	var buf []byte // key=raw NUL, made in one buffer for every cell
	put := func(key string, c Cell) {
		buf = append(append(append(append(buf[:0], key...), '='), c.Raw...), 0)
		h.Write(buf)
	}
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
		buf = append(append(buf[:0], r.Group...), 0)
		h.Write(buf)
		for _, c := range f.Kind.Table.Columns {
			if c.Formula == "" {
				put(c.Key, r.Cell(c.Key))
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
