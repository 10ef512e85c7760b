package workbook

import (
	"bytes"
	"sync"
	"testing"

	"github.com/selfeval/selfeval/validate"
)

// The buffers kept from one write-back to the next are never shared: write-backs
// of two files at once, each many times over, give the bytes of one alone.
func TestDirectWriteBuffersNotShared(t *testing.T) {
	type job struct {
		w    *Workbook
		out  FormOutcome
		want []byte
	}
	var jobs []*job
	for _, name := range []string{"../samples/mof2020-cooperation.xlsx", "../samples/mof2020-liaison.xlsx"} {
		w, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		fm, err := w.Read()
		if err != nil {
			t.Fatal(err)
		}
		p := validate.DefaultProfile()
		out := validate.Check(fm, p, validate.Chinese).Outcome(p, "test", fm.InputHash())
		data, err := directWrite(w.pkg, fm, out)
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, &job{w: w, out: FormOutcome{Form: fm, Outcome: out}, want: bytes.Clone(data)})
		releaseOutput(data)
	}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 30 {
				data, err := directWriteAll(j.w.pkg, []FormOutcome{j.out})
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(data, j.want) {
					t.Errorf("%s: a write-back differs from the first", j.w.Path)
					return
				}
				releaseOutput(data)
			}
		}()
	}
	wg.Wait()
}

// cleanRef gives the reference as Ref writes it, whatever way it came.
func TestCleanRefCanonical(t *testing.T) {
	for in, want := range map[string]string{"E20": "E20", "$e$20": "E20", " E020 ": "E20", "E20:F21": "E20", "aa7": "AA7", "XFD1048576": "XFD1048576"} {
		if got, ok := cleanRef(in); !ok || got != want {
			t.Errorf("cleanRef(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "A0", "20", "E", "E2X", "XFE1"} {
		if got, ok := cleanRef(in); ok {
			t.Errorf("cleanRef(%q) = %q, want none", in, got)
		}
	}
}
