package watch

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func incompleteConfig(dir string) Config {
	cfg := testConfig(dir)
	cfg.MinAge = 30 * time.Millisecond
	cfg.IncompleteWait = 400 * time.Millisecond
	cfg.IncompleteTries = 3
	return cfg
}

// TestStalledCopyIsLookedAtAgain: a copy that stalls longer than MinAge
// is claimed while cut short; it goes back to the inbox, and once the
// writer has finished it (through the descriptor it kept open, which
// follows the file wherever it is, or by opening it again to append) it is
// scored once, whole. Nothing goes to failed/.
func TestStalledCopyIsLookedAtAgain(t *testing.T) {
	for _, reopen := range []bool{false, true} {
		name := map[bool]string{false: "one descriptor", true: "reopen and append"}[reopen]
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			proc := &fakeProc{}
			r := startWatcher(t, incompleteConfig(dir), proc)
			inbox := filepath.Join(dir, "inbox")
			p := filepath.Join(inbox, "昆明.xlsx")
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteString(partialMark + " first half"); err != nil {
				t.Fatal(err)
			}
			// The writer stalls until the watcher has taken the half file.
			waitFor(t, "the half file to be read", func() bool { return len(proc.callsFor("昆明.xlsx")) >= 1 })
			if reopen {
				f.Close()
				// Open it again by its name in the inbox, once it is back.
				waitFor(t, "the half file back in the inbox", func() bool {
					f, err = os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
					return err == nil
				})
			}
			if _, err := f.WriteString(" second half" + partialEnd); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			whole := partialMark + " first half second half" + partialEnd
			done := filepath.Join(dir, "done", "昆明.xlsx")
			waitFor(t, "done/昆明.xlsx", func() bool { return exists(done) })
			r.stop(t)
			if got := readFile(t, done); got != whole+scoredLine {
				t.Errorf("done/昆明.xlsx = %q, want the whole file scored", got)
			}
			calls := proc.callsFor("昆明.xlsx")
			if calls[0] != partialMark+" first half" {
				t.Errorf("first look = %q, want the half file", calls[0])
			}
			if last := calls[len(calls)-1]; last != whole {
				t.Errorf("last look = %q, want the whole file", last)
			}
			for _, sub := range []string{"inbox", "failed", "returned"} {
				if got := names(t, filepath.Join(dir, sub)); len(got) != 0 {
					t.Errorf("%s/ holds %q", sub, got)
				}
			}
			if got, want := ledgerEntries(t, dir), []LedgerEntry{doneEntry("昆明.xlsx", whole)}; !reflect.DeepEqual(got, want) {
				t.Errorf("ledger =\n %+v\nwant\n %+v", got, want)
			}
			if st := r.w.Stats(); st != (Stats{Done: 1}) {
				t.Errorf("stats = %+v", st)
			}
		})
	}
}

// TestTruncatedFileFailsInTheEnd: a file cut short that never grows goes
// back to the inbox IncompleteTries times, then fails with its
// explanation, once; nothing is lost or left behind.
func TestTruncatedFileFailsInTheEnd(t *testing.T) {
	const content = partialMark + " cut short for good"
	check := func(t *testing.T, dir string, proc *fakeProc, looks int) {
		t.Helper()
		failed := filepath.Join(dir, "failed")
		if got := names(t, failed); !reflect.DeepEqual(got, []string{"cut.xlsx", "cut.xlsx.error.json", "cut.xlsx.error.txt"}) {
			t.Fatalf("failed/ = %q", got)
		}
		if got := readFile(t, filepath.Join(failed, "cut.xlsx")); got != content {
			t.Errorf("failed/cut.xlsx changed: %q", got)
		}
		if txt := readFile(t, filepath.Join(failed, "cut.xlsx.error.txt")); !strings.Contains(txt, incompleteError{}.Error()) {
			t.Errorf("error.txt does not say why:\n%s", txt)
		}
		if n := len(proc.callsFor("cut.xlsx")); n != looks {
			t.Errorf("looked at %d times, want %d", n, looks)
		}
		for _, sub := range []string{"inbox", "done", "returned"} {
			if got := names(t, filepath.Join(dir, sub)); len(got) != 0 {
				t.Errorf("%s/ holds %q", sub, got)
			}
		}
		want := []LedgerEntry{{File: "cut.xlsx", Hash: sha(content), Outcome: OutcomeFailed, Error: incompleteError{}.Error()}}
		if got := ledgerEntries(t, dir); !reflect.DeepEqual(got, want) {
			t.Errorf("ledger =\n %+v\nwant\n %+v", got, want)
		}
	}
	t.Run("running", func(t *testing.T) {
		dir := t.TempDir()
		cfg := incompleteConfig(dir)
		cfg.IncompleteWait = 20 * time.Millisecond
		proc := &fakeProc{}
		r := startWatcher(t, cfg, proc)
		writeFile(t, filepath.Join(dir, "inbox", "cut.xlsx"), content)
		waitFor(t, "failed/cut.xlsx", func() bool { return exists(filepath.Join(dir, "failed", "cut.xlsx")) })
		r.stop(t)
		check(t, dir, proc, cfg.IncompleteTries+1)
		if st := r.w.Stats(); st != (Stats{Failed: 1}) {
			t.Errorf("stats = %+v", st)
		}
	})
	t.Run("once", func(t *testing.T) {
		dir := t.TempDir()
		cfg := incompleteConfig(dir)
		cfg.IncompleteWait = 20 * time.Millisecond
		cfg.IncompleteTries = 2
		mkInbox(t, dir)
		writeFile(t, filepath.Join(dir, "inbox", "cut.xlsx"), content)
		proc := &fakeProc{}
		w := runOnce(t, cfg, proc)
		check(t, dir, proc, cfg.IncompleteTries+1)
		if st := w.Stats(); st != (Stats{Failed: 1}) {
			t.Errorf("stats = %+v", st)
		}
	})
	t.Run("once, no time for another look", func(t *testing.T) {
		// A --once run whose wait would end before the next look fails the
		// file now rather than leave it behind.
		dir := t.TempDir()
		cfg := incompleteConfig(dir)
		cfg.IncompleteWait = time.Hour
		cfg.OnceWait = time.Minute
		mkInbox(t, dir)
		writeFile(t, filepath.Join(dir, "inbox", "cut.xlsx"), content)
		proc := &fakeProc{}
		runOnce(t, cfg, proc)
		check(t, dir, proc, 1)
	})
}

func TestTrackerIncompleteWait(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	a := []seenFile{{name: "a.xlsx", size: 1, mtime: t0}}
	tr := newTracker(time.Second, 10*time.Second)
	for n, want := range []time.Duration{0, 10 * time.Second, 20 * time.Second, 40 * time.Second} {
		if got := tr.waitAfter(n); got != want {
			t.Errorf("waitAfter(%d) = %v, want %v", n, got, want)
		}
	}
	tr.putBackIncomplete("a.xlsx", 2) // before its first listing
	tr.update(t0, a)
	if got := tr.update(t0.Add(19*time.Second), a); got != nil {
		t.Errorf("ready before 20s unchanged: %q", got)
	}
	if at, ok := tr.nextReady(t0.Add(19 * time.Second)); !ok || !at.Equal(t0.Add(20*time.Second)) {
		t.Errorf("nextReady = %v %v, want %v", at, ok, t0.Add(20*time.Second))
	}
	if got := tr.update(t0.Add(20*time.Second), a); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Errorf("ready after 20s unchanged = %q", got)
	}
	// a change restarts the clock, with the same wait
	grown := []seenFile{{name: "a.xlsx", size: 2, mtime: t0}}
	tr.update(t0.Add(21*time.Second), grown)
	if got := tr.update(t0.Add(30*time.Second), grown); got != nil {
		t.Errorf("ready 9s after a change: %q", got)
	}
	// a file that leaves the inbox (not claimed) is forgotten, count too
	tr.update(t0.Add(31*time.Second), nil)
	if n := tr.incomplete["a.xlsx"]; n != 0 {
		t.Errorf("count kept for a vanished file: %d", n)
	}
}

func mkInbox(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "inbox"), 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestChangedAfterClaimGoesBack: a claimed file whose size or mtime is not
// what the listing saw (written to since) goes back to the inbox under its
// name without being processed or recorded.
func TestChangedAfterClaimGoesBack(t *testing.T) {
	dir := t.TempDir()
	proc := &fakeProc{}
	w, err := New(testConfig(dir), proc)
	if err != nil {
		t.Fatal(err)
	}
	if w.inst, err = acquireInstance(w.processing, w.log, false); err != nil {
		t.Fatal(err)
	}
	defer w.inst.release()
	if err := w.led.load(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(w.inst.dir, "a.xlsx")
	writeFile(t, p, "PK grown since the listing")
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	c := claimed{name: "a.xlsx", size: fi.Size() - 5, mtime: fi.ModTime(), incomplete: 1}
	r := w.handle(context.Background(), c)
	if !r.retry || r.back != "a.xlsx" || r.incomplete != 1 {
		t.Errorf("result %+v, want back in the inbox as a.xlsx, its count kept", r)
	}
	if got := readFile(t, filepath.Join(dir, "inbox", "a.xlsx")); got != "PK grown since the listing" {
		t.Errorf("inbox/a.xlsx = %q", got)
	}
	if n := proc.totalCalls(); n != 0 {
		t.Errorf("processed %d times", n)
	}
	if es, err := ReadLedger(filepath.Join(dir, "ledger.jsonl")); err != nil || len(es) != 0 {
		t.Errorf("ledger %+v (%v), want empty", es, err)
	}
	// the same file as listed is processed
	if err := os.Rename(filepath.Join(dir, "inbox", "a.xlsx"), p); err != nil {
		t.Fatal(err)
	}
	c.size = fi.Size()
	if r := w.handle(context.Background(), c); r.retry || !exists(filepath.Join(dir, "done", "a.xlsx")) {
		t.Errorf("result %+v, done/ %q", r, names(t, filepath.Join(dir, "done")))
	}
}
