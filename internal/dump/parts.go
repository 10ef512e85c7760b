package dump

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// maxPart caps how much of one package part is read, so that a hostile
// workbook cannot exhaust memory.
const maxPart = 256 << 20

// pkg is the saved package: its parts by name.
type pkg struct {
	zr *zip.Reader
}

func openPkg(b []byte) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	return &pkg{zr: zr}, nil
}

// part returns the content of the named part, or nil when it is absent.
func (p *pkg) part(name string) ([]byte, error) {
	name = strings.TrimPrefix(name, "/")
	for _, f := range p.zr.File {
		if strings.EqualFold(f.Name, name) {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(io.LimitReader(rc, maxPart))
		}
	}
	return nil, nil
}

// element is one XML element with its attributes by local name and the path
// of local names that leads to it.
type element struct {
	Path  string // e.g. "worksheet/sheetData/row/c"
	Name  string // the local name
	Attrs map[string]string
	Text  string // character data directly inside; complete only at the end
}

// walk calls start and end (either may be nil) for every element of doc, in
// document order.
func walk(doc []byte, start, end func(e *element)) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	var stack []*element
	var names []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			names = append(names, t.Name.Local)
			e := &element{Path: strings.Join(names, "/"), Name: t.Name.Local, Attrs: map[string]string{}}
			for _, a := range t.Attr {
				e.Attrs[a.Name.Local] = a.Value
			}
			stack = append(stack, e)
			if start != nil {
				start(e)
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(t)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			e := stack[len(stack)-1]
			stack, names = stack[:len(stack)-1], names[:len(names)-1]
			if end != nil {
				end(e)
			}
		}
	}
}

// rels returns the relationship targets of a part's .rels file by Id,
// resolved against the part's folder.
func (p *pkg) rels(partName string) (map[string]string, error) {
	dir, file := path.Split(strings.TrimPrefix(partName, "/"))
	doc, err := p.part(dir + "_rels/" + file + ".rels")
	if err != nil || doc == nil {
		return map[string]string{}, err
	}
	out := map[string]string{}
	err = walk(doc, func(e *element) {
		if e.Name != "Relationship" {
			return
		}
		target := e.Attrs["Target"]
		switch {
		case e.Attrs["TargetMode"] == "External":
		case strings.HasPrefix(target, "/"):
			target = strings.TrimPrefix(target, "/")
		default:
			target = path.Clean(dir + target)
		}
		out[e.Attrs["Id"]] = target
	}, nil)
	return out, err
}

// attrs renders attributes sorted by name as name=value, leaving out the
// names in skip and showing the names in secret only as "set".
func attrs(a map[string]string, skip, secret []string) string {
	var keys []string
	for k := range a {
		if !contains(skip, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		v := a[k]
		if contains(secret, k) {
			v = "set"
		}
		parts = append(parts, fmt.Sprintf("%s=%s", k, v))
	}
	return strings.Join(parts, " ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
