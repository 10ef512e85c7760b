package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
)

// TestLargePartsPacked scores a form of thousands of rows, each with a
// finding: its large parts (the form sheet, notes, their drawing, the
// result sheet) are made piece by piece and kept deflated, and the package
// must be byte for byte the one written from the parts made whole; it must
// open with archive/zip (the CRCs and sizes right); and scoring it again
// with nothing new must change no byte.
func TestLargePartsPacked(t *testing.T) {
	const n = 1500
	x := mof2020Fixture(t)
	x.must(x.f.InsertRows(x.sheet, 19, n))
	for r := 19; r < 19+n; r++ {
		// No 实际值: a finding on every row.
		x.must(x.f.SetSheetRow(x.sheet, fmt.Sprintf("C%d", r), &[]any{fmt.Sprintf("指标%d", r), "≥1(个)", "", 1, 1}))
	}
	dir := t.TempDir()
	path := x.save(dir, "big.xlsx")
	score := func(path string) ([]byte, *Workbook) {
		t.Helper()
		w, fm, out := checked(t, path)
		if len(out.Findings) < n {
			t.Fatalf("%d findings, want at least %d", len(out.Findings), n)
		}
		data, err := directWrite(w.pkg, fm, out)
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Clone(data), w
	}
	packed, _ := score(path)

	// The same package from the parts made whole, in one piece each.
	chunk := packChunk
	packChunk, wholeParts = 1<<30, true
	whole, _ := score(path)
	packChunk, wholeParts = chunk, false
	if !bytes.Equal(packed, whole) {
		t.Fatalf("the package of packed parts (%d bytes) differs from the one of whole parts (%d bytes)", len(packed), len(whole))
	}

	zr, err := zip.NewReader(bytes.NewReader(packed), int64(len(packed)))
	if err != nil {
		t.Fatal(err)
	}
	large := 0
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc) // checks the CRC-32 and size
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		if len(data) >= ooxml.StoreBelow {
			large++
			if zf.Method != zip.Deflate {
				t.Errorf("%s: %d bytes stored, not deflated", zf.Name, len(data))
			}
		}
	}
	// The form sheet, notes, the VML drawing, the result sheet.
	if large < 4 {
		t.Errorf("%d large parts, want the form sheet, notes, drawing and result sheet", large)
	}

	scored := filepath.Join(dir, "scored.xlsx")
	if err := os.WriteFile(scored, packed, 0o644); err != nil {
		t.Fatal(err)
	}
	again, _ := score(scored)
	if !bytes.Equal(again, packed) {
		t.Errorf("scoring the scored file again changed it (%d bytes, was %d)", len(again), len(packed))
	}
	// Again, the notes and drawing edited rather than new: the same from
	// whole parts.
	packChunk, wholeParts = 1<<30, true
	againWhole, _ := score(scored)
	packChunk, wholeParts = chunk, false
	if !bytes.Equal(again, againWhole) {
		t.Errorf("scoring the scored file again: the package of packed parts (%d bytes) differs from the one of whole parts (%d bytes)", len(again), len(againWhole))
	}
}

// TestPacker: a part written in pieces is kept as it is under
// ooxml.StoreBelow and deflated from there on, with the CRC-32 and size of
// the whole; same tells a part written again unchanged.
func TestPacker(t *testing.T) {
	whole := bytes.Repeat([]byte(`<row r="1"><c r="A1" t="inlineStr"><is><t>指标</t></is></c></row>`), 2000)
	for _, n := range []int{10, ooxml.StoreBelow - 1, ooxml.StoreBelow, len(whole)} {
		part := whole[:n]
		pk := &packer{was: part}
		for at := 0; at < len(part); at += 777 {
			if _, err := pk.Write(part[at:min(at+777, len(part))]); err != nil {
				t.Fatal(err)
			}
		}
		if !pk.same() {
			t.Errorf("%d bytes: written as they were, not same", n)
		}
		d := &directPkg{p: &pkg{Zip: &ooxml.Zip{}}, set: map[string][]byte{}, packed: map[string]*packedPart{}, del: map[string]bool{}}
		if err := d.putPacked("xl/a.xml", pk); err != nil {
			t.Fatal(err)
		}
		pp := d.packed["xl/a.xml"]
		if (pp != nil) != (n >= ooxml.StoreBelow) {
			t.Errorf("%d bytes: packed %v", n, pp != nil)
		}
		got, err := d.read("xl/a.xml")
		if err != nil || !bytes.Equal(got, part) {
			t.Errorf("%d bytes: read back %d bytes, %v", n, len(got), err)
		}
		if pp != nil && (pp.crc != crc32.ChecksumIEEE(part) || pp.size != int64(n)) {
			t.Errorf("%d bytes: CRC %x size %d, want %x %d", n, pp.crc, pp.size, crc32.ChecksumIEEE(part), n)
		}
	}
	pk := &packer{was: whole}
	pk.Write(whole[:100])
	pk.Write([]byte("x"))
	if pk.same() {
		t.Error("a changed part is the same")
	}
}

// TestResultRowsStreamed: the result sheet written with its findings' rows
// handed on a few at a time (its <dimension> counted beforehand) is the
// one written at once, for one form, several forms, and none found.
func TestResultRowsStreamed(t *testing.T) {
	path, fms := twoFormsFx(t)
	wb, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]FormOutcome{
		"one":        {{Form: fms[0], Outcome: onSheet("自评表")}},
		"two":        {{Form: fms[0], Outcome: onSheet("自评表")}, {Form: fms[1], Outcome: onSheet("自评表2")}},
		"two, clean": {{Form: fms[0], Outcome: form.Outcome{}}, {Form: fms[1], Outcome: onSheet("自评表2")}},
		"none found": {{Form: fms[0], Outcome: form.Outcome{}}},
	}
	chunk := packChunk
	defer func() { packChunk = chunk }()
	for name, forms := range cases {
		packChunk = 1 << 30
		whole, err := directWriteAll(wb.pkg, forms)
		if err != nil {
			t.Fatal(err)
		}
		whole = bytes.Clone(whole)
		packChunk = 1 // a flush after every finding
		streamed, err := directWriteAll(wb.pkg, forms)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(whole, streamed) {
			t.Errorf("%s: the result sheet written row by row differs from the one written at once", name)
		}
	}
}
