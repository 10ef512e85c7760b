//go:build linux

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/watch"
	"github.com/selfeval/selfeval/internal/hostile"
	"github.com/selfeval/selfeval/workbook"
)

// crashRounds bounds the kill tests; each round costs well under a second.
const crashRounds = 40

// killAfter starts cmd and kills it with SIGKILL after d (or lets it finish
// first), and waits for it.
func killAfter(t *testing.T, cmd *exec.Cmd, d time.Duration) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Error(err) // may run on another goroutine: no Fatal
		return
	}
	timer := time.AfterFunc(d, func() { _ = cmd.Process.Signal(syscall.SIGKILL) })
	_ = cmd.Wait()
	timer.Stop()
}

// scored reports whether the workbook at path is a complete scored form: it
// opens, reads, and has the result sheet.
func scored(path string) bool {
	wb, err := workbook.Load(path)
	if err != nil {
		return false
	}
	fm, err := wb.Read()
	return err == nil && fm.Scored
}

// TestScoreKilledAtRandom kills `score` at random points: the file is always
// either the original or the complete scored file, byte for byte.
func TestScoreKilledAtRandom(t *testing.T) {
	if raceDetector {
		// It runs the binary many times; under -race that takes minutes.
		// make unit runs it again without -race.
		t.Skip("run without -race (make unit does)")
	}
	if testing.Short() {
		t.Skip("runs the binary many times")
	}
	bin := selfevalBinary(t)
	dir := t.TempDir()
	orig, err := os.ReadFile("../../samples/mof2020-liaison.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "自评表.xlsx")
	// The complete result, and how long a whole run takes.
	if err := os.WriteFile(p, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if out, err := exec.Command(bin, "score", p).CombinedOutput(); err != nil && !strings.Contains(string(out), "未通过") {
		t.Fatalf("score: %v\n%s", err, out)
	}
	whole := time.Since(start)
	want, err := os.ReadFile(p)
	if err != nil || bytes.Equal(want, orig) {
		t.Fatalf("score did not write the file (err %v)", err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	counts := map[string]int{}
	for i := range crashRounds {
		if err := os.WriteFile(p, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		d := time.Duration(rng.Int64N(int64(whole) * 3 / 2))
		killAfter(t, exec.Command(bin, "score", p), d)
		counts[originalOrScored(t, p, orig, want, fmt.Sprintf("round %d (kill after %v)", i, d))]++
	}
	t.Logf("%d kills over a %v run: %v", crashRounds, whole.Round(time.Millisecond), counts)
}

// originalOrScored says whether the file at p is the original or the scored
// file, byte for byte, and fails the test when it is neither; when names the
// round in the message.
func originalOrScored(t *testing.T, p string, orig, want []byte, when string) string {
	t.Helper()
	got, err := os.ReadFile(p)
	switch {
	case err != nil:
		t.Fatalf("%s: %v", when, err)
	case bytes.Equal(got, orig):
		return "original"
	case !bytes.Equal(got, want):
		t.Fatalf("%s: %s is neither the original nor the scored file (%d bytes)", when, filepath.Base(p), len(got))
	}
	return "scored"
}

// TestBatchScoreStoppedAtRandom stops a `score` of a folder with SIGTERM or
// SIGINT at random points: the saves under way end, no other begins, and
// no temp file is left; every file is either the original or the complete
// scored file, byte for byte.
func TestBatchScoreStoppedAtRandom(t *testing.T) {
	if raceDetector {
		t.Skip("run without -race (make unit does)")
	}
	if testing.Short() {
		t.Skip("runs the binary many times")
	}
	bin := selfevalBinary(t)
	orig, err := os.ReadFile("../../samples/mof2020-liaison.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	const files = 24
	fill := func(dir string) {
		for i := range files {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("表%02d.xlsx", i)), orig, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The complete result, and how long a whole batch takes.
	dir := t.TempDir()
	fill(dir)
	start := time.Now()
	if out, err := exec.Command(bin, "score", dir).CombinedOutput(); err != nil && !strings.Contains(string(out), "未通过") {
		t.Fatalf("score: %v\n%s", err, out)
	}
	whole := time.Since(start)
	want, err := os.ReadFile(filepath.Join(dir, "表00.xlsx"))
	if err != nil || bytes.Equal(want, orig) {
		t.Fatalf("score did not write the file (err %v)", err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	counts := map[string]int{}
	for round := range crashRounds / 4 {
		dir := t.TempDir()
		fill(dir)
		cmd := exec.Command(bin, "score", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sig := []syscall.Signal{syscall.SIGTERM, syscall.SIGINT}[round%2]
		d := time.Duration(rng.Int64N(int64(whole)))
		timer := time.AfterFunc(d, func() { _ = cmd.Process.Signal(sig) })
		_ = cmd.Wait()
		timer.Stop()
		es, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if strings.HasPrefix(e.Name(), ".selfeval-") {
				t.Errorf("round %d (%v after %v): %s left", round, sig, d, e.Name())
				continue
			}
			counts[originalOrScored(t, filepath.Join(dir, e.Name()), orig, want, fmt.Sprintf("round %d (%v after %v)", round, sig, d))]++
		}
	}
	t.Logf("%d stops over a %v batch of %d: %v", crashRounds/4, whole.Round(time.Millisecond), files, counts)
}

// TestWatchersKilledAtRandom runs two watcher processes on one folder and
// kills them at random points, round after round, then lets one finish:
// every file ends in done/ or failed/ exactly once and whole, and the ledger
// has one line per file: done, failed, or a true duplicate of a done file.
func TestWatchersKilledAtRandom(t *testing.T) {
	if raceDetector {
		// It runs the binary many times; under -race that takes minutes.
		// make unit runs it again without -race.
		t.Skip("run without -race (make unit does)")
	}
	if testing.Short() {
		t.Skip("runs the binary many times")
	}
	bin := selfevalBinary(t)
	dir := t.TempDir()
	for _, d := range []string{"inbox", "processing", "done", "failed"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	src, err := os.ReadFile("../../samples/mof2020-cooperation.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	// Each round drops four files (three new forms, one copy of an earlier
	// one or a broken file), so that the kills find work in flight.
	content := map[string][]byte{}
	drop := func(round int) {
		for k := range 4 {
			name := fmt.Sprintf("表%02d-%d.xlsx", round, k)
			var b []byte
			switch {
			case k < 3:
				var err error
				b, err = hostile.Rewrite(src, nil, map[string][]byte{"docProps/extra.xml": fmt.Appendf(nil, "<x>%d-%d</x>", round, k)})
				if err != nil {
					t.Fatal(err)
				}
			case round%2 == 1:
				b = content[fmt.Sprintf("表%02d-0.xlsx", round-1)] // a true duplicate
			default:
				b = src[:len(src)/(2+round%3)] // broken
			}
			content[name] = b
			if err := os.WriteFile(filepath.Join(dir, "inbox", name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	watcher := func(once bool) *exec.Cmd {
		args := []string{"watch", "--interval", "20ms", "--min-age", "10ms", "--incomplete-wait", "20ms", "--workers", "2"}
		if once {
			args = append(args, "--once")
		}
		return exec.Command(bin, append(args, dir)...)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	inFlight := 0
	for round := range crashRounds / 4 {
		drop(round)
		a, b := watcher(false), watcher(false)
		done := make(chan bool)
		da, db := time.Duration(50+rng.Int64N(250))*time.Millisecond, time.Duration(50+rng.Int64N(250))*time.Millisecond
		go func() { killAfter(t, a, da); done <- true }()
		killAfter(t, b, db)
		<-done
		left, _ := filepath.Glob(filepath.Join(dir, "processing", "*", "*.xlsx"))
		inFlight += len(left)
	}
	t.Logf("%d rounds of two kills: %d files were in processing/ at a kill", crashRounds/4, inFlight)
	final := watcher(true)
	// Exit 3 says a file of this last run failed (the broken ones do);
	// checkWatchedFolder checks that each failure is a broken file.
	if out, err := final.CombinedOutput(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitUnreadable {
			t.Fatalf("final watch --once: %v\n%s", err, out)
		}
	}
	checkWatchedFolder(t, dir, content)
}

// checkWatchedFolder checks where every file of content ended up and what
// the ledger says about it.
func checkWatchedFolder(t *testing.T, dir string, content map[string][]byte) {
	t.Helper()
	ls := func(d string) []string {
		es, err := os.ReadDir(filepath.Join(dir, d))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out
	}
	if got := ls("inbox"); len(got) != 0 {
		t.Errorf("inbox/ = %q", got)
	}
	for _, e := range ls("processing") {
		if fi, err := os.Stat(filepath.Join(dir, "processing", e)); err == nil && fi.IsDir() {
			t.Errorf("processing/%s left", e)
		}
	}
	sum := func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }
	lines, err := watch.ReadLedger(filepath.Join(dir, "ledger.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]watch.LedgerEntry{}
	doneHash := map[string]string{} // input or output hash → file recorded done
	for _, e := range lines {
		byFile[e.File] = append(byFile[e.File], e)
		if e.Outcome == watch.OutcomeDone {
			doneHash[e.Hash], doneHash[e.OutputHash] = e.File, e.File
		}
	}
	done, failed := ls("done"), ls("failed")
	for name, b := range content {
		es := byFile[name]
		if len(es) != 1 {
			t.Errorf("%s: %d ledger lines %+v, want 1", name, len(es), es)
			continue
		}
		e := es[0]
		inDone, inFailed := slices.Contains(done, name), slices.Contains(failed, name)
		switch e.Outcome {
		case watch.OutcomeDone:
			if !inDone || inFailed || !scored(filepath.Join(dir, "done", name)) || e.Total == "" {
				t.Errorf("%s: done in the ledger (total %q) but not a scored file in done/ alone", name, e.Total)
			}
		case watch.OutcomeFailed:
			got, _ := os.ReadFile(filepath.Join(dir, "failed", name))
			if txt := slices.Contains(failed, name+".error.txt"); !inFailed || inDone || !bytes.Equal(got, b) || !txt {
				t.Errorf("%s: failed in the ledger, but in failed/ %v, in done/ %v, unchanged %v, error file %v",
					name, inFailed, inDone, bytes.Equal(got, b), txt)
			}
		case watch.OutcomeDuplicate:
			// Of the same content; the file itself may have been scored
			// before a kill, then recognised by its scored content.
			got, _ := os.ReadFile(filepath.Join(dir, "done", name))
			orig, ok := doneHash[e.Hash]
			// A copy of an unscored input is scored too: done/ holds no
			// unscored file.
			if !ok || orig == name || !bytes.Equal(content[orig], b) || e.Total == "" ||
				e.Hash != sum(got) && e.OutputHash != sum(got) || !scored(filepath.Join(dir, "done", name)) {
				t.Errorf("%s: duplicate of %q (total %q), not a true duplicate in done/", name, orig, e.Total)
			}
		default:
			t.Errorf("%s: outcome %q", name, e.Outcome)
		}
	}
	if len(lines) != len(content) {
		t.Errorf("ledger has %d lines for %d files", len(lines), len(content))
	}
	if t.Failed() {
		t.Logf("done/: %q", done)
		t.Logf("failed/: %q", failed)
		for _, e := range lines {
			t.Logf("ledger: %s %s %s %.12s", e.File, e.Outcome, e.Instance, e.Hash)
		}
	}
}
