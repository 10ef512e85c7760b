package workbook

import (
	"archive/zip"
	"bytes"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/selfeval/selfeval/internal/ooxml"
)

// Test helpers that rewrite packages the way other programs lay them out.

var (
	partNameAttr = regexp.MustCompile(`\sPartName="([^"]*)"`)
	// protectionTag is a worksheet's <sheetProtection> element.
	protectionTag = regexp.MustCompile(`<sheetProtection(?:\s[^>]*)?(?:/>|>\s*</sheetProtection>)`)
	// viewsTag is a worksheet's <sheetViews> element.
	viewsTag = regexp.MustCompile(`(?s)<sheetViews(?:\s[^>]*)?(?:/>|>.*?</sheetViews>)`)
)

// sourceOf returns the part a .rels part belongs to: xl/worksheets/_rels/
// sheet1.xml.rels belongs to xl/worksheets/sheet1.xml; _rels/.rels to the
// package ("").
func sourceOf(relsName string) string {
	dir, file := path.Split(relsName)
	dir = strings.TrimSuffix(strings.TrimSuffix(dir, "/"), "_rels")
	return path.Join(dir, strings.TrimSuffix(file, ".rels"))
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
		names[ooxml.RelsOf(k)] = ooxml.RelsOf(v)
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
		newName, data, err := edit(name, func() ([]byte, error) { return ooxml.ReadZipFile(zf) })
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
		part := ooxml.Resolve(oldSrc, old)
		if v, ok := m[part]; ok {
			part = v
		} else if oldSrc == newSrc {
			return tag
		}
		out := append([]byte{}, tag[:t[2]]...)
		out = append(out, ooxml.Relative(newSrc, part)...)
		return append(out, tag[t[3]:]...)
	})
}

var (
	relTag      = regexp.MustCompile(`<Relationship\s[^>]*>`)
	relTarget   = regexp.MustCompile(`\sTarget="([^"]*)"`)
	relExternal = regexp.MustCompile(`\sTargetMode="External"`)
)

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
