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

// blobs are the parts of a package that the write-back sets aside: binary
// parts (pictures, embedded objects) that excelize would hold in memory only
// to write them out unchanged.
type blobs struct {
	src   *zip.Reader // the package they come from
	names map[string]bool
}

// isBlob reports whether a part is set aside.
func isBlob(name string) bool {
	name = partName(name)
	return strings.HasPrefix(name, "xl/media/") || strings.HasPrefix(name, "xl/embeddings/")
}

// setAside returns b without its blob parts, and the blobs; b itself (and no
// blobs) when it has none.
func setAside(b []byte) ([]byte, *blobs, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, nil, err
	}
	bl := &blobs{src: zr, names: map[string]bool{}}
	for _, zf := range zr.File {
		if isBlob(zf.Name) {
			bl.names[zf.Name] = true
		}
	}
	if len(bl.names) == 0 {
		return b, nil, nil
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if !bl.names[zf.Name] {
			if err := zw.Copy(zf); err != nil {
				return nil, nil, err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), bl, nil
}

// putBack returns the package out with the blobs copied in, compressed as
// they were; out itself when there are none. A part of the same name in out
// wins.
func (bl *blobs) putBack(out *bytes.Buffer) (*bytes.Buffer, error) {
	if bl == nil {
		return out, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		return nil, err
	}
	size := out.Len()
	have := map[string]bool{}
	for _, zf := range zr.File {
		have[zf.Name] = true
	}
	for _, zf := range bl.src.File {
		if bl.names[zf.Name] {
			size += int(zf.CompressedSize64) + 128 + len(zf.Name)
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+1024))
	zw := zip.NewWriter(buf)
	for _, zf := range zr.File {
		if err := zw.Copy(zf); err != nil {
			return nil, err
		}
	}
	for _, zf := range bl.src.File {
		if bl.names[zf.Name] && !have[zf.Name] {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf, nil
}
