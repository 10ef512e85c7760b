package workbook

import (
	"fmt"
	"testing"

	"github.com/selfeval/selfeval/validate"
)

// BenchmarkRead10000 reads a mof2020 form with 10 000 indicator rows.
func BenchmarkRead10000(b *testing.B) {
	x := mof2020Fixture(b)
	x.must(x.f.InsertRows(x.sheet, 19, 10000))
	for r := 19; r < 19+10000; r++ {
		x.must(x.f.SetSheetRow(x.sheet, fmt.Sprintf("C%d", r), &[]any{fmt.Sprintf("指标%d", r), "≥1(个)", "1(个)", 1, 1}))
	}
	p := x.save(b.TempDir(), "big.xlsx")
	b.ResetTimer()
	for range b.N {
		wb, err := Load(p)
		if err != nil {
			b.Fatal(err)
		}
		fm, err := wb.Read()
		if err != nil {
			b.Fatal(err)
		}
		if len(fm.Rows) != 10006 {
			b.Fatalf("%d rows", len(fm.Rows))
		}
	}
}

// BenchmarkDirectWrite is the direct write-back of a scored sample in
// memory: everything score does after reading and checking, but saving.
func BenchmarkDirectWrite(b *testing.B) {
	w, err := Load("../samples/mof2020-cooperation.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	fm, err := w.Read()
	if err != nil {
		b.Fatal(err)
	}
	p := validate.DefaultProfile()
	out := validate.Check(fm, p, validate.Chinese).Outcome(p, "bench", fm.InputHash())
	b.ReportAllocs()
	for b.Loop() {
		data, err := directWrite(w.pkg, fm, out)
		if err != nil {
			b.Fatal(err)
		}
		releaseOutput(data) // as writeBack does once the file is saved
	}
}
