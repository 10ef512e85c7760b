//go:build unix

package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

func helperFor(dir string) helperArgs {
	return helperArgs{Dir: dir, IntervalMS: 20, MinAgeMS: 30, Workers: 2}
}

// assertEmpty fails unless inbox/ and processing/ hold nothing at all.
func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{"inbox", "processing"} {
		if got := names(t, filepath.Join(dir, d)); len(got) != 0 {
			t.Errorf("%s/ not empty: %q", d, got)
		}
	}
}

// TestTwoProcessesShareOneFolder drops 200 files and runs two watcher
// processes with Once on the folder: each file is processed exactly once.
func TestTwoProcessesShareOneFolder(t *testing.T) {
	dir := t.TempDir()
	if _, err := New(Config{Dir: dir}, &fakeProc{}); err != nil {
		t.Fatal(err)
	}
	const n = 200
	want := make([]string, n)
	for i := range n {
		want[i] = fmt.Sprintf("f%03d.xlsx", i)
		writeFile(t, filepath.Join(dir, "inbox", want[i]), fmt.Sprintf("PK-%d", i))
	}
	a := helperFor(dir)
	a.Once, a.SleepMS = true, 1
	p1, p2 := startHelper(t, "watch", a), startHelper(t, "watch", a)
	for _, p := range []*helperProc{p1, p2} {
		if code := p.wait(t); code != 0 {
			t.Fatalf("watcher exit %d; log:\n%s", code, p.log())
		}
	}
	assertEmpty(t, dir)
	if got := names(t, filepath.Join(dir, "done")); !reflect.DeepEqual(got, want) {
		t.Fatalf("done/ has %d files, want %d; first extra/missing: %q", len(got), n, diff(got, want))
	}
	if got := names(t, filepath.Join(dir, "failed")); len(got) != 0 {
		t.Errorf("failed/ = %q", got)
	}
	for i, name := range want {
		if got, w := readFile(t, filepath.Join(dir, "done", name)), fmt.Sprintf("PK-%d", i)+scoredLine; got != w {
			t.Errorf("done/%s = %q, want %q", name, got, w)
		}
	}
	es := ledgerEntries(t, dir)
	if len(es) != n {
		t.Fatalf("ledger has %d lines, want %d", len(es), n)
	}
	hashes, files := map[string]int{}, []string{}
	for _, e := range es {
		hashes[e.Hash]++
		files = append(files, e.File)
		if e.Outcome != OutcomeDone {
			t.Errorf("%s: outcome %s", e.File, e.Outcome)
		}
	}
	sort.Strings(files)
	if !reflect.DeepEqual(files, want) || len(hashes) != n {
		t.Errorf("ledger names %d distinct hashes, files %q…", len(hashes), diff(files, want))
	}
}

// diff returns up to five names in one list and not the other.
func diff(a, b []string) []string {
	in := func(s []string) map[string]int {
		m := map[string]int{}
		for _, x := range s {
			m[x]++
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for k, v := range ma {
		if mb[k] != v {
			out = append(out, fmt.Sprintf("%s×%d/%d", k, v, mb[k]))
		}
	}
	for k, v := range mb {
		if ma[k] == 0 {
			out = append(out, fmt.Sprintf("%s×0/%d", k, v))
		}
	}
	sort.Strings(out)
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// TestKilledWatcherLosesNothing kills a watcher process with SIGKILL in the
// middle of its work and restarts: every file ends up in done/ or failed/
// exactly once and whole.
func TestKilledWatcherLosesNothing(t *testing.T) {
	dir := t.TempDir()
	if _, err := New(Config{Dir: dir}, &fakeProc{}); err != nil {
		t.Fatal(err)
	}
	const n = 40
	var good, bad []string
	content := map[string]string{}
	for i := range n {
		name := fmt.Sprintf("f%02d.xlsx", i)
		c := fmt.Sprintf("PK-%d", i)
		if i%10 == 3 {
			c = fmt.Sprintf("BAD-%d", i)
			bad = append(bad, name)
		} else {
			good = append(good, name)
		}
		content[name] = c
		writeFile(t, filepath.Join(dir, "inbox", name), c)
	}
	a := helperFor(dir)
	a.SleepMS = 25
	p := startHelper(t, "watch", a)
	waitFor(t, "ten files finished", func() bool {
		return len(names(t, filepath.Join(dir, "done")))+len(names(t, filepath.Join(dir, "failed")))/3 >= 10
	})
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.wait(t)
	left := 0
	for _, d := range names(t, filepath.Join(dir, "processing")) {
		if fi, err := os.Stat(filepath.Join(dir, "processing", d)); err == nil && fi.IsDir() {
			left += len(names(t, filepath.Join(dir, "processing", d)))
		}
	}
	t.Logf("killed with %d entries in processing/", left)

	runOnce(t, testConfig(dir), &fakeProc{})
	assertEmpty(t, dir)
	if got := names(t, filepath.Join(dir, "done")); !reflect.DeepEqual(got, good) {
		t.Errorf("done/ = %q, differs from want by %q", got, diff(got, good))
	}
	var wantFailed []string
	for _, b := range bad {
		wantFailed = append(wantFailed, b, b+errorJSON, b+errorTxt)
	}
	if got := names(t, filepath.Join(dir, "failed")); !reflect.DeepEqual(got, wantFailed) {
		t.Errorf("failed/ = %q, want %q", got, wantFailed)
	}
	for _, name := range good {
		if got := readFile(t, filepath.Join(dir, "done", name)); got != content[name]+scoredLine {
			t.Errorf("done/%s = %q, want %q", name, got, content[name]+scoredLine)
		}
	}
	for _, name := range bad {
		if got := readFile(t, filepath.Join(dir, "failed", name)); got != content[name] {
			t.Errorf("failed/%s = %q, want %q", name, got, content[name])
		}
	}
	outcomes := map[string][]string{}
	for _, e := range ledgerEntries(t, dir) {
		outcomes[e.File] = append(outcomes[e.File], e.Outcome)
	}
	// A kill after the ledger line and before the move leaves the file in
	// processing/; recovery finishes the move without a second line.
	for _, name := range good {
		if o := outcomes[name]; !reflect.DeepEqual(o, []string{OutcomeDone}) {
			t.Errorf("%s: ledger outcomes %q, want one done", name, o)
		}
	}
	for _, name := range bad {
		if o := outcomes[name]; !reflect.DeepEqual(o, []string{OutcomeFailed}) {
			t.Errorf("%s: ledger outcomes %q, want one failed", name, o)
		}
	}
}

// TestSIGTERMFinishesFileInHand stops a watcher process with SIGTERM while it
// processes a file: it finishes that file, claims nothing new and exits 0.
// A second signal then makes a watcher exit at once with 130, and a restart
// puts its file back.
func TestSIGTERMFinishesFileInHand(t *testing.T) {
	dir := t.TempDir()
	started := t.TempDir()
	release := filepath.Join(t.TempDir(), "release")
	a := helperFor(dir)
	a.Workers, a.StartedDir, a.Release = 1, started, release
	p := startHelper(t, "watch", a)
	inbox := filepath.Join(dir, "inbox")
	waitFor(t, "inbox/", func() bool { return exists(inbox) })
	writeFile(t, filepath.Join(inbox, "a.xlsx"), "PK a")
	waitFor(t, "a.xlsx in hand", func() bool { return exists(filepath.Join(started, "a.xlsx")) })
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	p.waitLog(t, "收到停止请求")
	writeFile(t, filepath.Join(inbox, "b.xlsx"), "PK b")
	writeFile(t, release, "")
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit %d after SIGTERM, want 0; log:\n%s", code, p.log())
	}
	if got := readFile(t, filepath.Join(dir, "done", "a.xlsx")); got != "PK a"+scoredLine {
		t.Errorf("done/a.xlsx = %q", got)
	}
	if got := names(t, inbox); !reflect.DeepEqual(got, []string{"b.xlsx"}) {
		t.Errorf("inbox = %q, want b.xlsx untouched", got)
	}
	if got := ledgerEntries(t, dir); !reflect.DeepEqual(got, []LedgerEntry{doneEntry("a.xlsx", "PK a")}) {
		t.Errorf("ledger = %+v", got)
	}

	// Second signal: exit at once.
	if err := os.Remove(release); err != nil {
		t.Fatal(err)
	}
	p = startHelper(t, "watch", a)
	waitFor(t, "b.xlsx in hand", func() bool { return exists(filepath.Join(started, "b.xlsx")) })
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	p.waitLog(t, "收到停止请求")
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t); code != ExitInterrupted {
		t.Fatalf("exit %d after second SIGTERM, want %d; log:\n%s", code, ExitInterrupted, p.log())
	}
	runOnce(t, testConfig(dir), &fakeProc{})
	assertEmpty(t, dir)
	if got := names(t, filepath.Join(dir, "done")); !reflect.DeepEqual(got, []string{"a.xlsx", "b.xlsx"}) {
		t.Errorf("done = %q", got)
	}
}

func TestSignalsSecondExits(t *testing.T) {
	exited := make(chan struct{})
	ctx, stop := notifySignals(context.Background(), func() { close(exited) }, syscall.SIGUSR1)
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(waitLimit):
		t.Fatal("first signal did not cancel")
	}
	select {
	case <-exited:
		t.Fatal("exit after the first signal")
	default:
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
	case <-time.After(waitLimit):
		t.Fatal("second signal did not exit")
	}
}

func (h *helperProc) waitLog(t *testing.T, substr string) {
	t.Helper()
	waitFor(t, fmt.Sprintf("helper log %q", substr), func() bool { return strings.Contains(h.log(), substr) })
}
