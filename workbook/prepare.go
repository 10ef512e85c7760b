package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// prepare rewrites a workbook package before the write-back opens it: it
// removes the highlights of a previous write-back from every worksheet
// (returning the dxf ids they used), and gives the note shapes of VML
// drawings the ids excelize expects, since LibreOffice writes "shape_0" for
// every note and excelize cannot then add or delete a note. Parts that need
// no change are copied as they are; b itself is returned when none does.
func prepare(b []byte) ([]byte, []int, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, nil, err
	}
	changed := map[string][]byte{}
	var ids []int
	for _, zf := range zr.File {
		name := strings.ToLower(zf.Name)
		sheetPart := strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml")
		vmlPart := strings.HasSuffix(name, ".vml")
		if !sheetPart && !vmlPart {
			continue
		}
		data, err := readZipFile(zf)
		if err != nil {
			return nil, nil, err
		}
		switch {
		case sheetPart && bytes.Contains(data, []byte("selfeval")):
			if out, found := stripSheetHighlights(data); len(found) > 0 || !bytes.Equal(out, data) {
				changed[zf.Name] = out
				ids = append(ids, found...)
			}
		case vmlPart:
			if out, ok := fixShapeIDs(data); ok {
				changed[zf.Name] = out
			}
		}
	}
	if len(changed) == 0 {
		return b, nil, nil
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		data, ok := changed[zf.Name]
		if !ok {
			if err := zw.Copy(zf); err != nil {
				return nil, nil, err
			}
			continue
		}
		hdr := zf.FileHeader
		hdr.Method = zip.Deflate
		w, err := zw.CreateHeader(&hdr)
		if err != nil {
			return nil, nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	sort.Ints(ids)
	return buf.Bytes(), ids, nil
}

func readZipFile(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// Sized from the header (bounded: a header can lie) to read in one go.
	buf := bytes.NewBuffer(make([]byte, 0, min(zf.UncompressedSize64, maxPrealloc)+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(rc, maxUnzipSize))
	return buf.Bytes(), err
}

// maxPrealloc bounds the memory reserved for a part before it is read.
const maxPrealloc = 16 << 20

var (
	shapeTag   = regexp.MustCompile(`<v:shape\s[^>]*>`)
	shapeID    = regexp.MustCompile(`\sid="([^"]*)"`)
	excelizeID = regexp.MustCompile(`^_x0000_s(\d+)$`)
)

// fixShapeIDs renumbers the v:shape elements of a VML drawing whose id is
// not of the form _x0000_sNNNN, after the highest such id (at least 1024).
// It reports whether anything changed.
func fixShapeIDs(data []byte) ([]byte, bool) {
	tags := shapeTag.FindAllIndex(data, -1)
	next := 1024
	bad := false
	for _, t := range tags {
		m := shapeID.FindSubmatch(data[t[0]:t[1]])
		if m == nil {
			continue
		}
		if n := excelizeID.FindSubmatch(m[1]); n != nil {
			if v, err := strconv.Atoi(string(n[1])); err == nil {
				next = max(next, v)
			}
		} else {
			bad = true
		}
	}
	if !bad {
		return data, false
	}
	out := shapeTag.ReplaceAllFunc(data, func(tag []byte) []byte {
		m := shapeID.FindSubmatchIndex(tag)
		if m == nil || excelizeID.Match(tag[m[2]:m[3]]) {
			return tag
		}
		next++
		return append(append(append([]byte{}, tag[:m[2]]...), fmt.Sprintf("_x0000_s%d", next)...), tag[m[3]:]...)
	})
	return out, true
}
