package ooxml

import (
	"archive/zip"
	"bytes"
	"testing"
)

// TestZip: parts are found by name with or without case, read once asked
// for, and copied raw into a new package byte for byte.
func TestZip(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := map[string]string{"[Content_Types].xml": "<Types/>", "xl/Workbook.xml": "<workbook/>", "xl/big.xml": string(bytes.Repeat([]byte("<a/>"), 5000))}
	for _, name := range []string{"[Content_Types].xml", "xl/Workbook.xml", "xl/big.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	z, err := OpenZip(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"xl/Workbook.xml", "xl/workbook.xml", "XL/BIG.XML"} {
		zf := z.Part(name)
		if zf == nil {
			t.Fatalf("part %s not found", name)
		}
		data, err := ReadZipFile(zf)
		if err != nil || string(data) != parts[zf.Name] {
			t.Errorf("%s: %d bytes, %v", name, len(data), err)
		}
	}
	if z.Part("xl/none.xml") != nil {
		t.Error("a missing part is found")
	}
	var out bytes.Buffer
	zw = zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, FastDeflate)
	for _, zf := range z.Files {
		if err := CopyRaw(zw, zf, z.Data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := OpenZip(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i, zf := range again.Files {
		old := z.Files[i]
		a, _ := ReadZipFile(zf)
		if zf.Name != old.Name || zf.CRC32 != old.CRC32 || zf.CompressedSize64 != old.CompressedSize64 || string(a) != parts[zf.Name] {
			t.Errorf("%s copied as %s, %d bytes packed (was %d)", old.Name, zf.Name, zf.CompressedSize64, old.CompressedSize64)
		}
	}
	if _, err := OpenZip([]byte("PK not a zip")); err == nil {
		t.Error("a damaged zip opens")
	}
}
