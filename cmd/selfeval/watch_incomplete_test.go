package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/watch"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
)

// TestWatchProcessorIncomplete: the watcher's processor says Incomplete()
// of a file a stalled copy leaves (empty, or a zip cut before its
// directory), and not of a file that is broken in another way, so only the
// first kind goes back to the inbox to be looked at again.
func TestWatchProcessorIncomplete(t *testing.T) {
	src, err := os.ReadFile("../../samples/sh2019-kunming.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	g := &engine{profile: validate.DefaultProfile(), budget: newBudget(workbook.MaxCost)}
	for _, tt := range []struct {
		name       string
		content    []byte
		incomplete bool
	}{
		{"half.xlsx", src[:len(src)/2], true},
		{"most.xlsx", src[:len(src)-10], true},
		{"empty.xlsx", nil, true},
		{"text.xlsx", []byte("项目名称,金额\n"), false},
		{"zip-no-workbook.xlsx", zipOf(t, "a.txt", "x"), false},
	} {
		p := filepath.Join(dir, tt.name)
		if err := os.WriteFile(p, tt.content, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := processor{g}.Process(context.Background(), p)
		if err == nil {
			t.Errorf("%s: processed", tt.name)
			continue
		}
		var ie interface{ Incomplete() bool }
		if got := errors.As(err, &ie) && ie.Incomplete(); got != tt.incomplete {
			t.Errorf("%s: Incomplete() = %v, want %v (%v)", tt.name, got, tt.incomplete, err)
		}
		if strings.Contains(err.Error(), dir) {
			t.Errorf("%s: the error names the folder: %v", tt.name, err)
		}
	}
}

// TestWatchStalledCopyRealReader: with the real reader, a workbook whose
// copy stalls halfway is not failed: it goes back to the inbox and is
// scored once the copy completes; a workbook cut short for good fails
// with the reader's explanation after its tries.
func TestWatchStalledCopyRealReader(t *testing.T) {
	src, err := os.ReadFile("../../samples/sh2019-kunming.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	g := &engine{profile: validate.DefaultProfile(), budget: newBudget(workbook.MaxCost)}
	proc := &countingProc{p: processor{g}, calls: map[string]int{}}
	w, err := watch.New(watch.Config{Dir: dir, Interval: 20 * time.Millisecond, MinAge: 30 * time.Millisecond,
		IncompleteWait: 300 * time.Millisecond, IncompleteTries: 3}, proc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- w.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-ran; err != nil {
			t.Error(err)
		}
	}()
	f, err := os.Create(filepath.Join(inbox, "昆明.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(src[:len(src)/2]); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inbox, "cut.xlsx"), src[:len(src)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	// The copy stalls until the watcher has looked at the half file.
	waitUntil(t, "the half file looked at", func() bool { return proc.count("昆明.xlsx") >= 1 })
	if _, err := os.Stat(filepath.Join(dir, "failed", "昆明.xlsx")); err == nil || w.Stats().Done != 0 {
		t.Fatalf("the half file was failed or done before the copy completed (%+v)", w.Stats())
	}
	if _, err := f.Write(src[len(src)/2:]); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "done/昆明.xlsx", func() bool { return w.Stats().Done == 1 })
	if _, err := os.Stat(filepath.Join(dir, "done", "昆明.xlsx")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "failed", "昆明.xlsx")); err == nil {
		t.Error("the stalled copy is in failed/")
	}
	waitUntil(t, "failed/cut.xlsx", func() bool {
		_, err := os.Stat(filepath.Join(dir, "failed", "cut.xlsx"))
		return err == nil
	})
	txt, err := os.ReadFile(filepath.Join(dir, "failed", "cut.xlsx.error.txt"))
	if err != nil || !strings.Contains(string(txt), "文件不完整或已损坏（可能只复制了一部分）") || !strings.Contains(string(txt), "请把完整的文件重新放入 inbox 文件夹") {
		t.Errorf("failed/cut.xlsx.error.txt: %v\n%s", err, txt)
	}
	waitUntil(t, "failed/cut.xlsx", func() bool { return w.Stats().Failed == 1 })
	if st := w.Stats(); st != (watch.Stats{Done: 1, Failed: 1}) {
		t.Errorf("stats %+v", st)
	}
	if n := proc.count("cut.xlsx"); n != 4 {
		t.Errorf("cut.xlsx looked at %d times, want 4 (3 tries back)", n)
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// countingProc counts the looks at each file.
type countingProc struct {
	p     watch.Processor
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingProc) Process(ctx context.Context, path string) (watch.Outcome, error) {
	c.mu.Lock()
	c.calls[filepath.Base(path)]++
	c.mu.Unlock()
	return c.p.Process(ctx, path)
}

func (c *countingProc) count(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[name]
}

func zipOf(t *testing.T, name, content string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
