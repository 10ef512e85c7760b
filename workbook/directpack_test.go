package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/validate"
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
		w, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		fm, err := w.Read()
		if err != nil {
			t.Fatal(err)
		}
		p := validate.DefaultProfile()
		out := validate.Check(fm, p, validate.Chinese).Outcome(p, "test", fm.InputHash())
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
}
