package main

import (
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// fileTimeLimit bounds reading and checking one file; a file that takes
// longer is reported unreadable, naming the limit. Writing back is not cut
// short: a write-back stopped half-way could not keep the original intact.
var fileTimeLimit = 2 * time.Minute

// budget is a weighted semaphore over workbook.Workbook.Cost (taken once a
// file is loaded, so that it is not opened twice): files run side by side
// while their costs fit, and a large file runs alone, so that parallel
// workers (the watcher's, or several files on the command line) stay within
// one file's memory budget.
type budget struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int64
	max  int64
}

func newBudget(n int64) *budget {
	b := &budget{free: n, max: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// largeFile is the cost from which a file makes the collector keep the
// heap nearer what is live for the rest of the run (gcPercentLarge instead
// of gcPercent): a batch of ordinary forms, a few MB live, runs faster with
// room to grow, but a form of thousands of rows would grow by megabytes
// between collections (a 10 000-row form, about 2.9 MB of cost, peaks near
// 52 MB at gcPercent and 47 MB at gcPercentLarge).
const largeFile = 1 << 20

// gcPercentLarge is the collector's GOGC once a large file is loaded.
const gcPercentLarge = 100

var largeSeen sync.Once

// acquire waits until n (at most the whole budget) is free, takes it, and
// returns the function that gives it back.
func (b *budget) acquire(n int64) (release func()) {
	if n >= largeFile {
		largeSeen.Do(func() {
			if os.Getenv("GOGC") == "" {
				debug.SetGCPercent(gcPercentLarge)
			}
		})
	}
	n = min(n, b.max)
	b.mu.Lock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			b.mu.Lock()
			b.free += n
			b.mu.Unlock()
			b.cond.Broadcast()
		})
	}
}
