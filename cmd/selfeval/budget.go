package main

import (
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

// acquire waits until n (at most the whole budget) is free, takes it, and
// returns the function that gives it back.
func (b *budget) acquire(n int64) (release func()) {
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
