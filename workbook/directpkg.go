package workbook

import (
	"archive/zip"
	"bytes"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/selfeval/selfeval/internal/ooxml"
)

// relsEdit edits a .rels part as text.
type relsEdit struct {
	source string
	data   []byte
	rels   []relEntry
	close  int
	sp     []ooxml.Splice
	ids    map[string]bool
	prefix string
}

type relEntry struct {
	id, typ, target string // target resolved to a part name
	start, end      int
}

func editRels(source string, data []byte) (*relsEdit, error) {
	if data == nil {
		data = []byte(xmlHead + `<Relationships xmlns="` + relsNS + `"></Relationships>`)
	}
	re := &relsEdit{source: source, data: data, close: -1, ids: map[string]bool{}}
	rooted := false
	err := ooxml.ScanTags(data, func(t ooxml.Tag) bool {
		if !rooted {
			rooted = true
			var ok bool
			if re.prefix, ok = rootPrefix(data, t, "Relationships", relsNS); !ok {
				re.close = -3
				return false
			}
		}
		switch {
		case ooxml.Local(t.Name) == "Relationship" && t.Kind != ooxml.TagEnd:
			tag := data[t.Start:t.End]
			e := relEntry{id: attrOr(tag, "Id"), typ: attrOr(tag, "Type"), start: t.Start, end: t.End}
			if attrOr(tag, "TargetMode") != "External" {
				e.target = ooxml.Resolve(source, attrOr(tag, "Target"))
			}
			if t.Kind == ooxml.TagStart {
				e.end = -1 // ends at its end tag
			}
			re.rels = append(re.rels, e)
			re.ids[e.id] = true
		case ooxml.Local(t.Name) == "Relationship" && t.Kind == ooxml.TagEnd:
			if n := len(re.rels); n > 0 && re.rels[n-1].end < 0 {
				re.rels[n-1].end = t.End
			}
		case ooxml.Local(t.Name) == "Relationships" && t.Kind == ooxml.TagEnd:
			re.close = t.Start
		case ooxml.Local(t.Name) == "Relationships" && t.Kind == ooxml.TagEmpty:
			re.close = -2
		}
		return true
	})
	if err != nil || re.close == -1 || re.close == -3 {
		return nil, ooxml.ErrMarkup
	}
	if re.close == -2 { // <Relationships …/>
		re.data = []byte(xmlHead + `<Relationships xmlns="` + relsNS + `"></Relationships>`)
		re.rels, re.ids, re.prefix = nil, map[string]bool{}, ""
		re.close = bytes.LastIndex(re.data, []byte("</Relationships>"))
	}
	return re, nil
}

// add links a part and returns the new relationship's id.
func (re *relsEdit) add(typ, part string) string {
	n := len(re.ids) + 1
	for re.ids["rId"+strconv.Itoa(n)] {
		n++
	}
	id := "rId" + strconv.Itoa(n)
	re.ids[id] = true
	re.sp = append(re.sp, ooxml.Splice{Start: re.close, End: re.close, Text: []byte(`<Relationship Id="` + id + `" Type="` + typ + `" Target="` + ooxml.EscapeText(ooxml.Relative(re.source, part)) + `"/>`)})
	return id
}

func (re *relsEdit) remove(id string) {
	for _, r := range re.rels {
		if r.id == id && r.end > 0 {
			re.sp = append(re.sp, ooxml.Splice{Start: r.start, End: r.end, Text: nil})
		}
	}
}

func (re *relsEdit) bytes() []byte {
	prefixAll(re.sp, re.prefix)
	return ooxml.ApplySplices(re.data, re.sp)
}

// typesEdit edits [Content_Types].xml as text.
type typesEdit struct {
	data      []byte
	overrides map[string][2]int // lower-case part name → span
	defaults  map[string]bool   // lower-case extensions
	close     int
	sp        []ooxml.Splice
	prefix    string
}

func editTypes(data []byte) (*typesEdit, error) {
	te := &typesEdit{data: data, overrides: map[string][2]int{}, defaults: map[string]bool{}, close: -1}
	rooted, plain := false, false
	err := ooxml.ScanTags(data, func(t ooxml.Tag) bool {
		if !rooted {
			rooted = true
			te.prefix, plain = rootPrefix(data, t, "Types", nsTypes)
			if !plain {
				return false
			}
		}
		tag := data[t.Start:t.End]
		switch ooxml.Local(t.Name) {
		case "Override":
			if t.Kind != ooxml.TagEnd {
				te.overrides[strings.ToLower(strings.TrimPrefix(attrOr(tag, "PartName"), "/"))] = [2]int{t.Start, t.End}
			}
		case "Default":
			if t.Kind != ooxml.TagEnd {
				te.defaults[strings.ToLower(attrOr(tag, "Extension"))] = true
			}
		case "Types":
			if t.Kind == ooxml.TagEnd {
				te.close = t.Start
			}
		}
		return true
	})
	if err != nil || !plain || te.close < 0 {
		return nil, ooxml.ErrMarkup
	}
	return te, nil
}

func (te *typesEdit) addOverride(part, typ string) {
	if _, ok := te.overrides[strings.ToLower(part)]; ok {
		return
	}
	te.overrides[strings.ToLower(part)] = [2]int{-1, -1}
	te.sp = append(te.sp, ooxml.Splice{Start: te.close, End: te.close, Text: []byte(`<Override PartName="/` + ooxml.EscapeText(part) + `" ContentType="` + typ + `"/>`)})
}

func (te *typesEdit) addDefault(ext, typ string) {
	if te.defaults[ext] {
		return
	}
	te.defaults[ext] = true
	te.sp = append(te.sp, ooxml.Splice{Start: te.close, End: te.close, Text: []byte(`<Default Extension="` + ext + `" ContentType="` + typ + `"/>`)})
}

func (te *typesEdit) removeOverride(part string) {
	if s, ok := te.overrides[strings.ToLower(part)]; ok && s[0] >= 0 && !bytes.HasSuffix(te.data[s[0]:s[1]], []byte("/>")) {
		return // an Override with content: leave it
	} else if ok && s[0] >= 0 {
		te.sp = append(te.sp, ooxml.Splice{Start: s[0], End: s[1], Text: nil})
		delete(te.overrides, strings.ToLower(part))
	}
}

func (te *typesEdit) bytes() []byte {
	prefixAll(te.sp, te.prefix)
	return ooxml.ApplySplices(te.data, te.sp)
}

// dropCalcChain removes the calculation chain, which lists the formula
// cells and would name the ones replaced by values: spreadsheets rebuild
// it.
func (d *directPkg) dropCalcChain() error {
	dir := path.Dir(d.p.wbPart)
	relsName := path.Join(dir, "_rels", path.Base(d.p.wbPart)+".rels")
	data, err := d.read(relsName)
	if err != nil {
		return err
	}
	re, err := editRels(d.p.wbPart, data)
	if err != nil {
		return partError(relsName, errCannotEdit)
	}
	for _, r := range re.rels {
		if strings.HasSuffix(r.typ, "/calcChain") {
			re.remove(r.id)
			d.remove(r.target)
			d.put(relsName, re.bytes())
		}
	}
	return nil
}

// zip writes the package: parts not changed are copied still compressed.
func (d *directPkg) zip() ([]byte, error) {
	var buf bytes.Buffer
	size := 0
	for _, zf := range d.p.Files {
		size += int(zf.CompressedSize64) + len(zf.Name) + 100
	}
	for _, data := range d.set {
		if len(data) < ooxml.StoreBelow {
			size += len(data) // stored: no regrowing the buffer
		}
	}
	buf.Grow(size + 16<<10)
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, ooxml.FastDeflate)
	write := func(hdr *zip.FileHeader, data []byte) error {
		hdr.Method = zip.Deflate
		if len(data) < ooxml.StoreBelow {
			hdr.Method = zip.Store
		}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	for _, zf := range d.p.Files {
		switch data, set := d.set[zf.Name]; {
		case d.del[zf.Name]:
		case set:
			// A zero DOS date reads as 1979-11-30, which archive/zip
			// writes back as 2107: such an entry keeps no date, so a part
			// written again has the same header on every score.
			mod := zf.Modified
			if mod.Year() < 1980 {
				mod = time.Time{}
			}
			hdr := &zip.FileHeader{Name: zf.Name, Modified: mod}
			if err := write(hdr, data); err != nil {
				return nil, err
			}
		default:
			if err := ooxml.CopyRaw(zw, zf, d.p.Data); err != nil {
				return nil, err
			}
		}
	}
	for _, name := range d.added {
		if d.del[name] {
			continue
		}
		if err := write(&zip.FileHeader{Name: name}, d.set[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
