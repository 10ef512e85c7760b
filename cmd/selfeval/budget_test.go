package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/selfeval/selfeval/samples"
)

// TestFileTimeLimit reports a file that takes longer than the limit as
// unreadable, naming the limit, and does not wait for it.
func TestFileTimeLimit(t *testing.T) {
	all, err := samples.All()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "slow.xlsx")
	saveSample(t, all[0], p)
	defer func(d time.Duration) { fileTimeLimit = d }(fileTimeLimit)
	fileTimeLimit = time.Microsecond
	var out, errb bytes.Buffer
	code := exitStatus(&errb, run(context.Background(), []string{"selfeval", "check", p}, &out, &errb))
	if code != exitUnreadable {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitUnreadable, out.String(), errb.String())
	}
	if want := p + "：处理超时：读取和校验超过 1e-06 秒的时间限制"; !strings.Contains(out.String(), want) {
		t.Errorf("output does not say %q:\n%s", want, out.String())
	}
}

// TestBudget lets small costs run side by side and a cost of the whole
// budget run alone.
func TestBudget(t *testing.T) {
	b := newBudget(10)
	var running, most atomic.Int64
	var wg sync.WaitGroup
	for _, n := range []int64{3, 3, 3, 10, 50, 3} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer b.acquire(n)()
			now := running.Add(min(n, 10))
			for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
			}
			time.Sleep(20 * time.Millisecond)
			running.Add(-min(n, 10))
		}()
	}
	wg.Wait()
	if got := most.Load(); got > 10 || got < 6 {
		t.Errorf("at most %d in flight, want 6..10 (small files together, large alone)", got)
	}
	if b.free != 10 {
		t.Errorf("free = %d after all released, want 10", b.free)
	}
}

// TestLargeFileGC: loading a file of largeFile's cost or more makes the
// collector keep the heap nearer what is live (gcPercentLarge) from then
// on; smaller files leave it at gcPercent.
func TestLargeFileGC(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: the collector is left as the user set it")
	}
	old := debug.SetGCPercent(gcPercent)
	defer debug.SetGCPercent(old)
	largeSeen = sync.Once{}
	b := newBudget(4 * largeFile)
	b.acquire(largeFile - 1)()
	if got := debug.SetGCPercent(gcPercent); got != gcPercent {
		t.Errorf("after a small file GOGC is %d, want %d", got, gcPercent)
	}
	b.acquire(largeFile)()
	if got := debug.SetGCPercent(gcPercent); got != gcPercentLarge {
		t.Errorf("after a large file GOGC is %d, want %d", got, gcPercentLarge)
	}
}
