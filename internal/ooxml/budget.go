package ooxml

import (
	"archive/zip"
	"strings"
)

// Budget bounds what one package may unpack to. It is checked on the zip
// directory when the package is opened, before any part is unpacked: the
// directory may lie about sizes, but it cannot make a part unpack to more,
// because archive/zip fails a part at its first byte past its declared
// size. So the declared sizes bound what is unpacked, without inflating
// twice.
type Budget struct {
	UnzipSize uint64 // the unpacked parts together
	XMLPart   uint64 // one unpacked XML part (.xml, .rels, .vml)
	XMLSize   uint64 // the unpacked XML parts together
	Sheets    int    // worksheet parts
	// A part, or the package, that unpacks to more than BombSize at a
	// ratio above BombRatio is a zip bomb even under UnzipSize.
	BombSize, BombRatio uint64
}

// Which bound of a Budget a package exceeds.
const (
	OverPartRatio = iota + 1 // one part's compression ratio (Part names it)
	OverRatio                // the package's compression ratio
	OverXMLPart              // one XML part's size (Part names it)
	OverXMLSize              // the XML parts' size together
	OverUnzipSize            // all parts' size together
	OverSheets               // the number of worksheets
)

// Over says which bound of a Budget a package exceeds first, in the order
// of its zip directory, and for a part's bound which part (its name as
// stored).
type Over struct {
	Bound int
	Part  string
}

// Check returns the first bound the package whose zip directory lists files
// exceeds, or nil.
func (b Budget) Check(files []*zip.File) *Over {
	var total, packed, xml uint64
	sheets := 0
	for _, zf := range files {
		size := zf.UncompressedSize64
		total += size
		packed += zf.CompressedSize64
		name := PartName(zf.Name)
		if size > b.BombSize && size/b.BombRatio > zf.CompressedSize64 {
			return &Over{OverPartRatio, zf.Name}
		}
		if total > b.BombSize && total/b.BombRatio > packed {
			return &Over{OverRatio, ""}
		}
		if IsXMLPart(name) {
			xml += size
			if size > b.XMLPart {
				return &Over{OverXMLPart, zf.Name}
			}
			if xml > b.XMLSize {
				return &Over{OverXMLSize, ""}
			}
		}
		if total > b.UnzipSize {
			return &Over{OverUnzipSize, ""}
		}
		if strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") {
			if sheets++; sheets > b.Sheets {
				return &Over{OverSheets, ""}
			}
		}
	}
	return nil
}

// PartName is a zip entry's name as compared: lower case, forward slashes.
func PartName(name string) string {
	return strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
}

// IsXMLPart reports whether a part (named as PartName gives it) is markup.
func IsXMLPart(name string) bool {
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") || strings.HasSuffix(name, ".vml")
}
