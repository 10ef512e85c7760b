package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

// Rewrite copies the zip package src, passing each part's content through
// edit (nil content for a part edit should drop), and appends the parts of
// add in name order. Parts edit leaves unchanged are copied as they are.
func Rewrite(src []byte, edit func(name string, data []byte) []byte, add map[string][]byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if edit == nil {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		out := edit(zf.Name, data)
		if out == nil {
			continue
		}
		if err := writePart(zw, zf.Name, out); err != nil {
			return nil, err
		}
	}
	for _, name := range sortedKeys(add) {
		if err := writePart(zw, name, add[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writePart(zw *zip.Writer, name string, data []byte) error {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func sortedKeys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// PadRows appends rows of random numbers below the last row of the worksheet
// part sheet until the part has grown by about extra bytes: what a person
// who pasted a large data export under the form sends. Random digits keep
// the package from compressing much (about 3:1), so a package of a given size
// on disk is the worst case for memory.
func PadRows(src []byte, sheet string, extra int, seed uint64) ([]byte, error) {
	found := false
	out, err := Rewrite(src, func(name string, data []byte) []byte {
		if name != sheet {
			return data
		}
		found = true
		i := bytes.LastIndex(data, []byte("</sheetData>"))
		if i < 0 {
			return data
		}
		var b bytes.Buffer
		b.Grow(len(data) + extra + 1024)
		b.Write(data[:i])
		rng := rand.New(rand.NewPCG(seed, 1))
		out := b.Bytes()
		for r := 1000; len(out) < len(data)+extra; r++ {
			out = strconv.AppendInt(append(out, `<row r="`...), int64(r), 10)
			out = append(out, `">`...)
			for c := 0; c < 8; c++ {
				out = strconv.AppendInt(append(out, `<c r="`+string(rune('A'+c))...), int64(r), 10)
				out = strconv.AppendInt(append(out, `"><v>`...), int64(rng.IntN(1e9)), 10)
				out = strconv.AppendInt(append(out, '.', '1'), int64(rng.IntN(1e4)), 10)
				out = append(out, `</v></c>`...)
			}
			out = append(out, "</row>"...)
		}
		return append(out, data[i:]...)
	}, nil)
	if err == nil && !found {
		err = fmt.Errorf("hostile: no part %s", sheet)
	}
	return out, err
}

// Sheets adds n empty worksheets to the workbook: parts, relationships,
// content types and workbook entries.
func Sheets(src []byte, n int) ([]byte, error) {
	add := map[string][]byte{}
	var sheets, rels, types strings.Builder
	for i := 0; i < n; i++ {
		part := fmt.Sprintf("xl/worksheets/extra%d.xml", i)
		add[part] = []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`)
		fmt.Fprintf(&sheets, `<sheet name="extra%d" sheetId="%d" r:id="rIdExtra%d"/>`, i, 1000+i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rIdExtra%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/extra%d.xml"/>`, i, i)
		fmt.Fprintf(&types, `<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, part)
	}
	return Rewrite(src, func(name string, data []byte) []byte {
		switch name {
		case "xl/workbook.xml":
			return insertBefore(data, "</sheets>", sheets.String())
		case "xl/_rels/workbook.xml.rels":
			return insertBefore(data, "</Relationships>", rels.String())
		case "[Content_Types].xml":
			return insertBefore(data, "</Types>", types.String())
		}
		return data
	}, add)
}

// Part adds one part of n bytes of a repeated filler: a large picture-like
// part that the form does not need (xl/media/…), or, with a compressible
// filler, a bomb.
func Part(src []byte, name string, n int, filler byte) ([]byte, error) {
	return Rewrite(src, func(_ string, data []byte) []byte { return data },
		map[string][]byte{name: bytes.Repeat([]byte{filler}, n)})
}

// RandomPart adds one part of n random bytes (incompressible, like a photo).
func RandomPart(src []byte, name string, n int, seed uint64) ([]byte, error) {
	rng := rand.New(rand.NewPCG(seed, 2))
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(rng.UintN(256))
	}
	return Rewrite(src, func(_ string, d []byte) []byte { return d }, map[string][]byte{name: data})
}

// Replace substitutes old with new (once) in part name.
func Replace(src []byte, part, old, new string) ([]byte, error) {
	hit := false
	out, err := Rewrite(src, func(name string, data []byte) []byte {
		if name == part && bytes.Contains(data, []byte(old)) {
			hit = true
			return bytes.Replace(data, []byte(old), []byte(new), 1)
		}
		return data
	}, nil)
	if err == nil && !hit {
		err = fmt.Errorf("hostile: %q not in %s", old, part)
	}
	return out, err
}

// ReplaceValue replaces the stored value (<v>…</v>) of cell ref in part,
// whatever it is, with v.
func ReplaceValue(src []byte, part, ref, v string) ([]byte, error) {
	re := regexp.MustCompile(`(<c r="` + regexp.QuoteMeta(ref) + `"[^>]*><v>)[^<]*(</v>)`)
	hit := false
	out, err := Rewrite(src, func(name string, data []byte) []byte {
		if name == part && re.Match(data) {
			hit = true
			return re.ReplaceAll(data, []byte("${1}"+v+"${2}"))
		}
		return data
	}, nil)
	if err == nil && !hit {
		err = fmt.Errorf("hostile: no value of %s in %s", ref, part)
	}
	return out, err
}

// LieSize patches the central directory and local header of part so that
// it declares size bytes uncompressed, whatever it really holds: a package
// whose directory cannot be trusted.
func LieSize(src []byte, part string, size uint32) ([]byte, error) {
	out := append([]byte{}, src...)
	hits := 0
	for _, sig := range []struct {
		magic         string
		nameLen, name int
		size          int
	}{{"PK\x03\x04", 26, 30, 22}, {"PK\x01\x02", 28, 46, 24}} {
		for i := 0; ; {
			j := bytes.Index(out[i:], []byte(sig.magic))
			if j < 0 {
				break
			}
			at := i + j
			i = at + 4
			if at+sig.name > len(out) {
				break
			}
			n := int(out[at+sig.nameLen]) | int(out[at+sig.nameLen+1])<<8
			if at+sig.name+n > len(out) || string(out[at+sig.name:at+sig.name+n]) != part {
				continue
			}
			out[at+sig.size] = byte(size)
			out[at+sig.size+1] = byte(size >> 8)
			out[at+sig.size+2] = byte(size >> 16)
			out[at+sig.size+3] = byte(size >> 24)
			hits++
		}
	}
	if hits == 0 {
		return nil, fmt.Errorf("hostile: no part %s", part)
	}
	return out, nil
}

func insertBefore(data []byte, marker, s string) []byte {
	i := bytes.LastIndex(data, []byte(marker))
	if i < 0 {
		return data
	}
	return append(append(append([]byte{}, data[:i]...), s...), data[i:]...)
}
