package form

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"testing"
)

// inputHashFmt is InputHash written with fmt, as it was first written (but
// for the computed table columns, left out since): the hash must not
// change, or every scored form would read as changed.
func inputHashFmt(f *Form) string {
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
			if c.Formula == "" {
				put(c.Key, r.Cell(c.Key))
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func TestInputHashBytes(t *testing.T) {
	for _, k := range Kinds() {
		f := &Form{Kind: k, Fields: map[string]Cell{}, Grid: map[string]map[string]Cell{}}
		for i, fd := range k.Fields {
			f.Fields[fd.Key] = Cell{Raw: fmt.Sprintf("值%d=\x00", i)}
		}
		if g := k.Grid; g != nil {
			for _, r := range g.Rows {
				f.Grid[r.Key] = map[string]Cell{}
				for _, c := range g.Cols {
					f.Grid[r.Key][c.Key] = Cell{Raw: r.Key + c.Key}
				}
			}
		}
		for line := 1; line <= 3; line++ {
			r := k.Table.NewRow(line)
			for i := range r.Cells {
				r.Cells[i].Raw = fmt.Sprint(line * i)
			}
			r.Group = fmt.Sprint("组", line)
			f.Rows = append(f.Rows, r)
		}
		if got, want := f.InputHash(), inputHashFmt(f); got != want {
			t.Errorf("%s: InputHash = %s, want %s", k.Name, got, want)
		}
	}
}

// TestInputHashLeavesComputedOut: what scoring writes (a computed field, a
// computed grid cell, a table column with a formula) does not move the hash;
// every other cell the person enters does.
func TestInputHashLeavesComputedOut(t *testing.T) {
	for _, k := range Kinds() {
		f := &Form{Kind: k, Fields: map[string]Cell{}, Grid: map[string]map[string]Cell{}}
		for _, fd := range k.Fields {
			f.Fields[fd.Key] = Cell{Raw: "1"}
		}
		r := k.Table.NewRow(1)
		f.Rows = append(f.Rows, r)
		base := f.InputHash()
		for i, c := range k.Table.Columns {
			old := r.Cells[i].Raw
			r.Cells[i].Raw = "已改"
			if moved := f.InputHash() != base; moved != (c.Formula == "") {
				t.Errorf("%s: a change of column %s (formula %q) moved the hash: %v", k.Name, c.Key, c.Formula, moved)
			}
			r.Cells[i].Raw = old
		}
		for _, fd := range k.Fields {
			f.Fields[fd.Key] = Cell{Raw: "2"}
			if moved := f.InputHash() != base; moved == fd.Computed {
				t.Errorf("%s: a change of field %s (computed %v) moved the hash: %v", k.Name, fd.Key, fd.Computed, moved)
			}
			f.Fields[fd.Key] = Cell{Raw: "1"}
		}
	}
}
