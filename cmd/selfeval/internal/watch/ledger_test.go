package watch

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

func appendTo(t *testing.T, l *ledger, e LedgerEntry) {
	t.Helper()
	if err := l.locked(func(f *os.File) error { return l.appendEntry(f, e) }); err != nil {
		t.Fatal(err)
	}
}

// TestLedgerConcurrentAppend has goroutines with their own handles (separate
// locks, as separate processes have) and two real processes append at once;
// every line must come out whole.
func TestLedgerConcurrentAppend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.jsonl")
	const perWriter = 150
	var procs []*helperProc
	for i := 0; i < 2; i++ {
		procs = append(procs, startHelper(t, "ledger", helperArgs{Ledger: path, Tag: fmt.Sprintf("proc%d", i), Count: perWriter}))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := newLedger(path)
			for i := 0; i < perWriter; i++ {
				e := LedgerEntry{File: fmt.Sprintf("g%d-%d.xlsx", g, i), Hash: fmt.Sprintf("g%d-%d", g, i), Outcome: OutcomeDone}
				if err := l.locked(func(f *os.File) error { return l.appendEntry(f, e) }); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, p := range procs {
		if code := p.wait(t); code != 0 {
			t.Fatalf("ledger helper exit %d:\n%s", code, p.log())
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Count(raw, []byte("\n"))
	es, err := ReadLedger(path)
	if err != nil {
		t.Fatal(err)
	}
	const want = 5 * perWriter
	if lines != want || len(es) != want {
		t.Fatalf("%d lines, %d parse, want %d", lines, len(es), want)
	}
	seen := map[string]bool{}
	for _, e := range es {
		if seen[e.Hash] {
			t.Errorf("hash %s twice", e.Hash)
		}
		seen[e.Hash] = true
	}
	l := newLedger(path)
	if err := l.load(); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"proc0-0", "proc1-149", "g0-0", "g2-149"} {
		if !l.has(h) {
			t.Errorf("loaded ledger lacks %s", h)
		}
	}
}

func TestLedgerSeesOthersAndSurvivesTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.jsonl")
	a, b := newLedger(path), newLedger(path)
	if err := a.load(); err != nil {
		t.Fatal(err)
	}
	appendTo(t, b, LedgerEntry{File: "x.xlsx", Hash: "in1", OutputHash: "out1", Outcome: OutcomeDone})
	appendTo(t, b, LedgerEntry{File: "y.xlsx", Hash: "in2", Outcome: OutcomeFailed, Error: "坏了"})
	appendTo(t, b, LedgerEntry{File: "z.xlsx", Hash: "in3", Outcome: OutcomeDuplicate})
	// A writer killed mid-line.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"time":"2024-`); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := a.locked(nil); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, h := range []string{"in1", "out1", "in2", "in3"} {
		got[h] = a.has(h)
	}
	want := map[string]bool{"in1": true, "out1": true, "in2": false, "in3": false}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("has = %v, want %v (only processed files count)", got, want)
	}
	appendTo(t, a, LedgerEntry{File: "w.xlsx", Hash: "in4", Outcome: OutcomeDone})
	if err := b.locked(nil); err != nil {
		t.Fatal(err)
	}
	if !b.has("in4") || b.bad != 1 {
		t.Errorf("after torn line: has(in4) = %v, bad lines = %d, want true, 1", b.has("in4"), b.bad)
	}
	es, err := ReadLedger(path)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range es {
		files = append(files, e.File)
	}
	if want := []string{"x.xlsx", "y.xlsx", "z.xlsx", "w.xlsx"}; !reflect.DeepEqual(files, want) {
		t.Errorf("ledger files = %q, want %q", files, want)
	}
}

func TestLedgerLineKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.jsonl")
	l := newLedger(path)
	appendTo(t, l, LedgerEntry{Time: "2024-05-01T09:00:00+08:00", File: "a.xlsx", Hash: "h", Outcome: OutcomeFailed, Error: "e", Instance: "i"})
	want := `{"time":"2024-05-01T09:00:00+08:00","file":"a.xlsx","hash":"h","output_hash":"","kind":"","total":"","grade":"","status":"","outcome":"failed","error":"e","instance":"i","form_key":"","project":"","unit":""}` + "\n"
	if got := readFile(t, path); got != want {
		t.Errorf("line\n got %s\nwant %s", got, want)
	}
}
