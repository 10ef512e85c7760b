package ooxml

import (
	"bytes"
	"io"
	"path"
	"strconv"
	"strings"
)

// Relationships: the .rels part of a part, read and edited as text, and
// targets resolved to part names and back.

// XMLHead is the XML declaration of the parts an editor creates.
const XMLHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// NSPackageRels is the namespace of a .rels part (the same in transitional
// and strict packages).
const NSPackageRels = "http://schemas.openxmlformats.org/package/2006/relationships"

// The ends of the relationship types of a worksheet's notes: the comments
// part and its VML drawing.
const (
	RelComments = "/comments"
	RelVML      = "/vmlDrawing"
)

// Rel is one Relationship of a .rels part.
type Rel struct {
	ID, Type string
	Target   string // resolved to a part name, without a leading "/"; "" when External
	External bool   // TargetMode="External"
	start    int    // where its element starts
	end      int    // where it ends; -1 while its end tag is not met
}

// Rels is a .rels part: its relationships in order, and the edits made to
// it (Add, Remove), which Bytes applies leaving every other byte as it was.
type Rels struct {
	List   []Rel
	source string
	data   []byte
	close  int    // where </Relationships> starts
	plain  bool   // the root is Relationships in NSPackageRels
	read   bool   // read by ScanXML, not by the tag scanner: not to be edited
	prefix string // the prefix the root binds to NSPackageRels
	ids    map[string]bool
	sp     []Splice
}

// ParseRels reads the .rels part data of the part source (source "" for
// the package's own relationships): every Relationship element in it. A
// part the tag scanner does not take (a document type) is read by ScanXML,
// for reading only; it fails when neither reads it, with ScanXML's error.
func ParseRels(source string, data []byte) (*Rels, error) {
	rs := &Rels{source: source, data: data, close: -1, ids: map[string]bool{}}
	rooted := false
	err := ScanTags(data, func(t Tag) bool {
		if !rooted {
			rooted = true
			rs.prefix, rs.plain = RootPrefix(data, t, "Relationships", NSPackageRels)
		}
		switch {
		case Local(t.Name) == "Relationship" && t.Kind != TagEnd:
			tag := data[t.Start:t.End]
			id, _ := AttrValue(tag, "Id")
			typ, _ := AttrValue(tag, "Type")
			mode, _ := AttrValue(tag, "TargetMode")
			r := Rel{ID: id, Type: typ, External: mode == "External", start: t.Start, end: t.End}
			if !r.External {
				target, _ := AttrValue(tag, "Target")
				r.Target = Resolve(source, target)
			}
			if t.Kind == TagStart {
				r.end = -1 // ends at its end tag
			}
			rs.List = append(rs.List, r)
			rs.ids[r.ID] = true
		case Local(t.Name) == "Relationship" && t.Kind == TagEnd:
			if n := len(rs.List); n > 0 && rs.List[n-1].end < 0 {
				rs.List[n-1].end = t.End
			}
		case Local(t.Name) == "Relationships" && t.Kind == TagEnd:
			rs.close = t.Start
		case Local(t.Name) == "Relationships" && t.Kind == TagEmpty:
			rs.close = -2
		}
		return true
	})
	if err != nil {
		return readRels(source, data)
	}
	return rs, nil
}

// readRels reads a .rels part with ScanXML, for reading only.
func readRels(source string, data []byte) (*Rels, error) {
	var list []Rel
	err := ScanXML(data, func(src Tokens) error {
		list = list[:0]
		for {
			t, err := src.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if t.Kind != StartToken || string(t.Local) != "Relationship" {
				continue
			}
			r := Rel{ID: string(t.Attr("Id")), Type: string(t.Attr("Type")), External: string(t.Attr("TargetMode")) == "External", start: t.Start, end: -1}
			if !r.External {
				r.Target = Resolve(source, string(t.Attr("Target")))
			}
			list = append(list, r)
		}
	})
	if err != nil {
		return nil, err
	}
	return &Rels{List: list, source: source, data: data, close: -1, read: true}, nil
}

// EditRels reads a .rels part to edit it: nil data is a new, empty part,
// and so is an empty root (<Relationships/>). It fails (ErrMarkup) where
// ParseRels fails, on a root that is not Relationships in NSPackageRels,
// and on a root not closed.
func EditRels(source string, data []byte) (*Rels, error) {
	if data == nil {
		data = emptyRels()
	}
	rs, err := ParseRels(source, data)
	if err != nil || rs.read || !rs.plain || rs.close == -1 {
		return nil, ErrMarkup
	}
	if rs.close == -2 { // <Relationships …/>
		rs.data = emptyRels()
		rs.List, rs.ids, rs.prefix = nil, map[string]bool{}, ""
		rs.close = bytes.LastIndex(rs.data, []byte("</Relationships>"))
	}
	return rs, nil
}

func emptyRels() []byte {
	return []byte(XMLHead + `<Relationships xmlns="` + NSPackageRels + `"></Relationships>`)
}

// ByID returns the targets of the internal relationships by Id.
func (rs *Rels) ByID() map[string]string {
	out := make(map[string]string, len(rs.List))
	for _, r := range rs.List {
		out[r.ID] = r.Target
	}
	return out
}

// Add links a part (a part name) with a relationship of type typ, under
// the first id rIdN not taken, and returns that id. The target is written
// relative to the source part.
func (rs *Rels) Add(typ, part string) string {
	n := len(rs.ids) + 1
	for rs.ids["rId"+strconv.Itoa(n)] {
		n++
	}
	id := "rId" + strconv.Itoa(n)
	rs.ids[id] = true
	rs.sp = append(rs.sp, Splice{Start: rs.close, End: rs.close, Text: []byte(`<Relationship Id="` + id + `" Type="` + typ + `" Target="` + EscapeText(Relative(rs.source, part)) + `"/>`)})
	return id
}

// Remove drops the relationships with the given id.
func (rs *Rels) Remove(id string) {
	for _, r := range rs.List {
		if r.ID == id && r.end > 0 {
			rs.sp = append(rs.sp, Splice{Start: r.start, End: r.end, Text: nil})
		}
	}
}

// Bytes returns the part with the edits made.
func (rs *Rels) Bytes() []byte {
	PrefixAll(rs.sp, rs.prefix)
	return ApplySplices(rs.data, rs.sp)
}

// RelsOf returns the .rels part name of a part.
func RelsOf(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// Resolve turns a relationship target into a part name.
func Resolve(source, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(source), target), "/")
}

// Relative returns the Relative target that names part from source
// (some readers find a VML drawing only by a relative target).
func Relative(source, part string) string {
	from := strings.Split(path.Dir(source), "/")
	to := strings.Split(part, "/")
	if path.Dir(source) == "." {
		from = nil
	}
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}
