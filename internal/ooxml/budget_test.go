package ooxml

import (
	"archive/zip"
	"testing"
)

func TestBudget(t *testing.T) {
	b := Budget{UnzipSize: 1000, XMLPart: 300, XMLSize: 500, Sheets: 2, BombSize: 100, BombRatio: 10}
	f := func(name string, size, packed uint64) *zip.File {
		return &zip.File{FileHeader: zip.FileHeader{Name: name, UncompressedSize64: size, CompressedSize64: packed}}
	}
	for _, tc := range []struct {
		name  string
		files []*zip.File
		want  *Over
	}{
		{"within", []*zip.File{f("xl/workbook.xml", 200, 50), f("xl/media/a.png", 400, 400)}, nil},
		{"part ratio", []*zip.File{f("xl/a.xml", 200, 10)}, &Over{OverPartRatio, "xl/a.xml"}},
		{"ratio", []*zip.File{f("a.bin", 90, 8), f("b.bin", 90, 8)}, &Over{OverRatio, ""}},
		{"xml part", []*zip.File{f("XL\\Big.XML", 301, 301)}, &Over{OverXMLPart, "XL\\Big.XML"}},
		{"xml size", []*zip.File{f("a.rels", 300, 300), f("b.vml", 201, 201)}, &Over{OverXMLSize, ""}},
		{"unzip size", []*zip.File{f("a.bin", 600, 600), f("b.bin", 401, 401)}, &Over{OverUnzipSize, ""}},
		{"sheets", []*zip.File{f("xl/worksheets/sheet1.xml", 1, 1), f("xl/worksheets/sheet2.xml", 1, 1), f("xl/worksheets/sheet3.xml", 1, 1)}, &Over{OverSheets, ""}},
	} {
		got := b.Check(tc.files)
		if (got == nil) != (tc.want == nil) || got != nil && *got != *tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
