package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
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

// notesLayout returns the renames that put every worksheet's notes parts
// where excelize expects them: for the k-th worksheet (by part name) that has
// a VML drawing, xl/drawings/vmlDrawingk.vml and xl/commentsk.xml. It is
// empty when every worksheet already has that layout.
func notesLayout(parts map[string][]byte) map[string]string {
	var sheets []string
	for name := range parts {
		if strings.HasPrefix(name, "xl/worksheets/_rels/") && strings.HasSuffix(name, ".xml.rels") {
			sheets = append(sheets, name)
		}
	}
	sort.Strings(sheets)
	m := map[string]string{}
	n := 0
	for _, rn := range sheets {
		var vml, comments string
		for _, r := range parseRels(sourceOf(rn), parts[rn]) {
			switch {
			case strings.HasSuffix(r.typ, relVML) && vml == "":
				vml = r.target
			case strings.HasSuffix(r.typ, relComments) && comments == "":
				comments = r.target
			}
		}
		if vml == "" {
			continue
		}
		n++
		m[vml] = fmt.Sprintf("xl/drawings/vmlDrawing%d.vml", n)
		if comments != "" {
			m[comments] = fmt.Sprintf("xl/comments%d.xml", n)
		}
	}
	same := true
	for k, v := range m {
		same = same && k == v
	}
	// A rename onto a part that stays where it is would clobber it.
	taken := map[string]bool{}
	for name := range parts {
		if _, moved := m[name]; !moved {
			taken[name] = true
		}
	}
	for _, v := range m {
		if taken[v] {
			return nil
		}
	}
	if same {
		return nil
	}
	return m
}

// inverse returns the map that undoes m.
func inverse(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[v] = k
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

// zipParts returns the entry names of a package with the content of the
// parts the write-back keeps an eye on: every .rels part and every
// worksheet. Other entries map to nil.
func zipParts(b []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, zf := range zr.File {
		name := strings.TrimPrefix(zf.Name, "/")
		out[name] = nil
		if strings.HasSuffix(name, ".rels") || isWorksheet(name) {
			if out[name], err = readZipFile(zf); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func isWorksheet(name string) bool {
	return strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") && !strings.Contains(name, "/_rels/")
}

var (
	// protectionTag is a worksheet's <sheetProtection> element.
	protectionTag = regexp.MustCompile(`<sheetProtection(?:\s[^>]*)?(?:/>|>\s*</sheetProtection>)`)
	// viewsTag is a worksheet's <sheetViews> element.
	viewsTag = regexp.MustCompile(`(?s)<sheetViews(?:\s[^>]*)?(?:/>|>.*?</sheetViews>)`)
	// mergesTag is a worksheet's <mergeCells> element, and mergeRef the
	// reference of one of its ranges.
	mergesTag = regexp.MustCompile(`(?s)<mergeCells(?:\s[^>]*)?(?:/>|>.*?</mergeCells>)`)
	mergeRef  = regexp.MustCompile(`<mergeCell\s[^>]*?\bref="([^"]*)"`)
	// sheetDataEnd ends a worksheet's cells; afterMerges starts the first
	// element that follows <mergeCells> in a worksheet (ECMA-376 order).
	sheetDataEnd = regexp.MustCompile(`</sheetData>|<sheetData\s*/>`)
	afterMerges  = regexp.MustCompile(`<(?:phoneticPr|conditionalFormatting|dataValidations|hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|</worksheet>`)
)

// sheetKeep is what the write-back puts back into a worksheet as the file
// had it, where excelize would change it.
type sheetKeep struct {
	// protection is the <sheetProtection> element as written. excelize
	// writes every flag back explicitly and reads an omitted one as false,
	// so the short form LibreOffice writes (defaults omitted) would come back
	// with insert/delete rows and columns, format cells and the rest allowed.
	protection []byte
	// noViews: the sheet has no <sheetViews> (it is optional). excelize
	// fails on such a sheet when it moves sheets, so one is added while the
	// workbook is open and removed again.
	noViews bool
	// merges is the <mergeCells> element as written. excelize merges
	// overlapping ranges pairwise, over and over, each time it reads merges
	// or writes the sheet (60 000 ranges: over a minute), so the element is
	// taken out before excelize opens the package and put back after; the
	// write-back never merges cells on these sheets. (excelize v2.11.1
	// mergeOverlapCells, called from GetMergeCells and the sheet writer;
	// upstream qax-os/excelize#1382 and #1448 sped up the cell values of
	// GetMergeCells, not this pairwise pass.)
	merges []byte
}

// sheetKeeps returns what to put back, by worksheet part name.
func sheetKeeps(parts map[string][]byte) map[string]sheetKeep {
	out := map[string]sheetKeep{}
	for name, data := range parts {
		if !isWorksheet(name) {
			continue
		}
		k := sheetKeep{protection: protectionTag.Find(data), noViews: !viewsTag.Match(data), merges: mergesTag.Find(data)}
		if k.protection != nil || k.noViews || k.merges != nil {
			out[name] = k
		}
	}
	return out
}

// withoutMerges returns the package b with the <mergeCells> element taken out
// of each worksheet that keep holds one for.
func withoutMerges(b []byte, keep map[string]sheetKeep) ([]byte, error) {
	return editZip(b, func(name string, read func() ([]byte, error)) (string, []byte, error) {
		if keep[name].merges == nil {
			return name, nil, nil
		}
		d, err := read()
		if err != nil {
			return "", nil, err
		}
		loc := mergesTag.FindIndex(d)
		if loc == nil {
			return name, nil, nil
		}
		return name, append(append([]byte{}, d[:loc[0]]...), d[loc[1]:]...), nil
	})
}

// mergeRefs returns the range references of a <mergeCells> element.
func mergeRefs(el []byte) []string {
	var out []string
	for _, m := range mergeRef.FindAllSubmatch(el, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// mergesAt returns where a <mergeCells> element goes in worksheet XML d:
// after the cells, before the first element that follows it; -1 when d has
// no cells.
func mergesAt(d []byte) int {
	end := sheetDataEnd.FindIndex(d)
	if end == nil {
		return -1
	}
	next := afterMerges.FindIndex(d[end[1]:])
	if next == nil {
		return -1
	}
	return end[1] + next[0]
}

// withoutLostCalcChain removes the relationships to a calculation chain no
// longer in the package: excelize deletes the part when it replaces a
// formula by a value, but keeps the workbook's relationship to it.
func withoutLostCalcChain(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, zf := range zr.File {
		have[partName(zf.Name)] = true
	}
	fixed := map[string][]byte{}
	for _, zf := range zr.File {
		name := partName(zf.Name)
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		d, err := readZipFile(zf)
		if err != nil || !bytes.Contains(d, []byte("/calcChain")) {
			continue
		}
		re, err := editRels(sourceOf(name), d)
		if err != nil {
			continue
		}
		for _, r := range re.rels {
			if strings.HasSuffix(r.typ, "/calcChain") && r.target != "" && !have[r.target] {
				re.remove(r.id)
				fixed[name] = re.bytes()
			}
		}
	}
	if len(fixed) == 0 {
		return b, nil
	}
	return editZip(b, func(name string, _ func() ([]byte, error)) (string, []byte, error) {
		return name, fixed[name], nil
	})
}

// keepSheets puts back into each worksheet of the written package what
// sheetKeeps recorded.
func keepSheets(b []byte, keep map[string]sheetKeep) ([]byte, error) {
	if len(keep) == 0 {
		return b, nil
	}
	return editZip(b, func(name string, read func() ([]byte, error)) (string, []byte, error) {
		k, ok := keep[name]
		if !ok {
			return name, nil, nil
		}
		d, err := read()
		if err != nil {
			return "", nil, err
		}
		out := d
		if loc := protectionTag.FindIndex(out); k.protection != nil && loc != nil {
			out = append(append(append([]byte{}, out[:loc[0]]...), k.protection...), out[loc[1]:]...)
		}
		if loc := viewsTag.FindIndex(out); k.noViews && loc != nil {
			out = append(append([]byte{}, out[:loc[0]]...), out[loc[1]:]...)
		}
		if k.merges != nil && !mergesTag.Match(out) {
			if at := mergesAt(out); at >= 0 {
				out = append(append(append([]byte{}, out[:at]...), k.merges...), out[at:]...)
			}
		}
		if bytes.Equal(out, d) {
			return name, nil, nil
		}
		return name, out, nil
	})
}
