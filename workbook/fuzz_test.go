package workbook

import (
	"os"
	"testing"

	"github.com/selfeval/selfeval/validate"
)

// FuzzRead feeds arbitrary bytes through Load, ReadAll and the rule book: any
// input must give a form or an error, never a panic. The committed corpus
// (testdata/fuzz/FuzzRead, written by go run ./internal/hostile/gen -corpus)
// holds broken variants of a real form. Panic recovery is switched off so that
// a panic inside excelize fails the fuzz run instead of being reported as a
// corrupt file.
func FuzzRead(f *testing.F) {
	dir := f.TempDir()
	for i, build := range []func(testing.TB) *fx{mof2020Fixture, sh2019Fixture} {
		b, err := os.ReadFile(build(f).save(dir, string(rune('a'+i))+".xlsx"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/3])
	}
	f.Add([]byte{})
	f.Add(append(append([]byte{}, oleMagic...), utf16le("EncryptionInfo")...))
	f.Add([]byte("PK\x03\x04 not really"))
	recoverPanics = false
	f.Cleanup(func() { recoverPanics = true })
	f.Fuzz(func(t *testing.T, b []byte) {
		// The path check and score take: the bytes are read once (Load),
		// every form is read from them, and the rule book runs on each.
		w, err := loadBytes("fuzz.xlsx", b)
		if err != nil {
			return
		}
		fms, err := w.ReadAll()
		if err == nil && len(fms) == 0 {
			t.Fatal("no error and no form")
		}
		for i, fm := range fms {
			if fm == nil || fm.Kind == nil {
				t.Fatal("no error and no form")
			}
			res := validate.Check(fm, nil, validate.Chinese) // the rule book takes whatever was read
			if i > 0 {
				continue
			}
			// The write-back, in memory: it writes the file or refuses it
			// with an error (no panic), and what it writes reads back as the
			// same number of forms.
			out, err := directWrite(w.pkg, fm, res.Outcome(validate.DefaultProfile(), "fuzz", fm.InputHash()))
			if err != nil {
				continue
			}
			again, err := loadBytes("again.xlsx", out)
			if err != nil {
				t.Fatalf("the direct write-back's output does not load: %v", err)
			}
			if fms2, err := again.ReadAll(); err != nil || len(fms2) != len(fms) {
				t.Fatalf("the direct write-back's output reads as %d forms (%v), want %d", len(fms2), err, len(fms))
			}
		}
	})
}
