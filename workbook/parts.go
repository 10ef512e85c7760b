package workbook

import (
	"archive/zip"
	"bytes"
	"path"
	"regexp"
	"strings"
)

// Notes live in two parts per worksheet: a comments part with the text and a
// VML drawing with the boxes. Excel, WPS, LibreOffice and openpyxl name and
// link them differently (xl/comments1.xml or xl/comments/comment1.xml,
// relative or absolute targets, vmlDrawing or commentsDrawing), but excelize
// only finds and extends them at xl/commentsN.xml and
// xl/drawings/vmlDrawingN.vml with the same N, linked relatively; anywhere
// else it writes a second, unlinked part and loses the notes. So the
// write-back renames the notes parts of every worksheet to those names
// before excelize opens the package (notesLayout) and renames them back
// afterwards (renameParts with the inverse map): the person's notes and ours
// end up in the part the file had.

// rel is one Relationship of a .rels part.
type rel struct {
	typ, target string // target resolved to a part name, without a leading "/"
}

var (
	relTag       = regexp.MustCompile(`<Relationship\s[^>]*>`)
	relTarget    = regexp.MustCompile(`\sTarget="([^"]*)"`)
	relType      = regexp.MustCompile(`\sType="([^"]*)"`)
	relExternal  = regexp.MustCompile(`\sTargetMode="External"`)
	partNameAttr = regexp.MustCompile(`\sPartName="([^"]*)"`)
)

const (
	relComments = "/comments"
	relVML      = "/vmlDrawing"
)

// sourceOf returns the part a .rels part belongs to: xl/worksheets/_rels/
// sheet1.xml.rels belongs to xl/worksheets/sheet1.xml; _rels/.rels to the
// package ("").
func sourceOf(relsName string) string {
	dir, file := path.Split(relsName)
	dir = strings.TrimSuffix(strings.TrimSuffix(dir, "/"), "_rels")
	return path.Join(dir, strings.TrimSuffix(file, ".rels"))
}

// relsOf returns the .rels part name of a part.
func relsOf(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// resolve turns a relationship target into a part name.
func resolve(source, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(source), target), "/")
}

// relative returns the relative target that names part from source
// (excelize finds a VML drawing only by a relative target).
func relative(source, part string) string {
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

// parseRels reads the internal relationships of a .rels part.
func parseRels(source string, data []byte) []rel {
	var out []rel
	for _, tag := range relTag.FindAll(data, -1) {
		t, ty := relTarget.FindSubmatch(tag), relType.FindSubmatch(tag)
		if t == nil || ty == nil || relExternal.Match(tag) {
			continue
		}
		out = append(out, rel{typ: string(ty[1]), target: resolve(source, string(t[1]))})
	}
	return out
}

// renameParts renames the parts of a package by m (part names without a
// leading "/"), together with their own .rels parts, and rewrites every
// relationship and content-type override that names a renamed part. Entries
// that need no change are copied as they are.
func renameParts(b []byte, m map[string]string) ([]byte, error) {
	if len(m) == 0 {
		return b, nil
	}
	names := map[string]string{} // entry renames, including .rels of renamed parts
	for k, v := range m {
		names[k] = v
		names[relsOf(k)] = relsOf(v)
	}
	return editZip(b, func(name string, read func() ([]byte, error)) (string, []byte, error) {
		newName, renamed := names[name]
		if !renamed {
			newName = name
		}
		if !strings.HasSuffix(name, ".rels") && name != "[Content_Types].xml" {
			if !renamed {
				return name, nil, nil
			}
			d, err := read()
			return newName, d, err
		}
		d, err := read()
		if err != nil {
			return "", nil, err
		}
		var out []byte
		if name == "[Content_Types].xml" {
			out = renameOverrides(d, m)
		} else {
			out = rewriteRels(d, sourceOf(name), sourceOf(newName), m)
		}
		if !renamed && bytes.Equal(out, d) {
			return name, nil, nil
		}
		return newName, out, nil
	})
}

// editZip rewrites a package entry by entry: edit gets each entry's name
// (without a leading "/") and a reader of its content, and returns the name
// to store it under and the new content, or nil content to copy the entry
// as it is under its old name.
func editZip(b []byte, edit func(name string, read func() ([]byte, error)) (string, []byte, error)) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		name := strings.TrimPrefix(zf.Name, "/")
		newName, data, err := edit(name, func() ([]byte, error) { return readZipFile(zf) })
		if err != nil {
			return nil, err
		}
		if data == nil {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		hdr := zf.FileHeader
		hdr.Name, hdr.Method = newName, zip.Deflate
		w, err := zw.CreateHeader(&hdr)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renameOverrides renames the content-type overrides of renamed parts.
func renameOverrides(data []byte, m map[string]string) []byte {
	return partNameAttr.ReplaceAllFunc(data, func(attr []byte) []byte {
		p := strings.TrimPrefix(string(partNameAttr.FindSubmatch(attr)[1]), "/")
		if v, ok := m[p]; ok {
			return []byte(` PartName="/` + v + `"`)
		}
		return attr
	})
}

// rewriteRels points the relationships of a .rels part (of part oldSrc, which
// becomes newSrc) at the renamed parts, with relative targets.
func rewriteRels(data []byte, oldSrc, newSrc string, m map[string]string) []byte {
	return relTag.ReplaceAllFunc(data, func(tag []byte) []byte {
		t := relTarget.FindSubmatchIndex(tag)
		if t == nil || relExternal.Match(tag) {
			return tag
		}
		old := string(tag[t[2]:t[3]])
		part := resolve(oldSrc, old)
		if v, ok := m[part]; ok {
			part = v
		} else if oldSrc == newSrc {
			return tag
		}
		out := append([]byte{}, tag[:t[2]]...)
		out = append(out, relative(newSrc, part)...)
		return append(out, tag[t[3]:]...)
	})
}

var (
	// protectionTag is a worksheet's <sheetProtection> element.
	protectionTag = regexp.MustCompile(`<sheetProtection(?:\s[^>]*)?(?:/>|>\s*</sheetProtection>)`)
	// viewsTag is a worksheet's <sheetViews> element.
	viewsTag = regexp.MustCompile(`(?s)<sheetViews(?:\s[^>]*)?(?:/>|>.*?</sheetViews>)`)
)
