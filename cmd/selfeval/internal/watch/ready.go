package watch

import (
	"sort"
	"time"
)

// fileState is what the loop remembers about one inbox file between listings.
type fileState struct {
	size  int64
	mtime time.Time
	since time.Time     // local time this size and mtime were first seen
	seen  int           // consecutive listings with this size and mtime
	held  bool          // an editor has it open
	stuck bool          // given up on (--once): ignored until it changes
	fails int           // failed claims in a row
	wait  time.Duration // unchanged this long (if above MinAge): it read as incomplete before
}

// ready reports whether the file may be claimed at now.
func (s *fileState) ready(now time.Time, minAge time.Duration) bool {
	return !s.held && !s.stuck && s.seen >= 2 && now.Sub(s.since) >= max(minAge, s.wait)
}

// tracker follows the inbox across listings. It is owned by the loop
// goroutine and not safe for concurrent use.
type tracker struct {
	minAge time.Duration
	files  map[string]*fileState
	// incomplete counts, by inbox name, the times a file read as incomplete
	// (cut short, perhaps still being copied) and went back to the inbox;
	// it outlives the claims, unlike files.
	incomplete map[string]int
	// incompleteWait is the quiet time asked of such a file after its first
	// return; it doubles with each return.
	incompleteWait time.Duration
}

func newTracker(minAge, incompleteWait time.Duration) *tracker {
	return &tracker{minAge: minAge, files: map[string]*fileState{}, incomplete: map[string]int{}, incompleteWait: incompleteWait}
}

// waitAfter is how long a file that went back to the inbox n times as
// incomplete must stay unchanged before it is taken again: incompleteWait,
// doubled for each return after the first; 0 for n == 0.
func (t *tracker) waitAfter(n int) time.Duration {
	if n <= 0 {
		return 0
	}
	return t.incompleteWait << min(n-1, 20)
}

// putBackIncomplete records that a file which read as incomplete went back
// to the inbox as name, for the n-th time.
func (t *tracker) putBackIncomplete(name string, n int) {
	t.incomplete[name] = n
	if s := t.files[name]; s != nil {
		s.wait = t.waitAfter(n)
	}
}

// update records one listing taken at now and returns the names that are
// ready, oldest first. Files missing from the listing are forgotten.
func (t *tracker) update(now time.Time, listing []seenFile) []string {
	present := make(map[string]bool, len(listing))
	for _, f := range listing {
		present[f.name] = true
		s := t.files[f.name]
		switch {
		case s == nil:
			s = &fileState{size: f.size, mtime: f.mtime, since: now, seen: 1, wait: t.waitAfter(t.incomplete[f.name])}
			t.files[f.name] = s
		case s.size != f.size || !s.mtime.Equal(f.mtime):
			*s = fileState{size: f.size, mtime: f.mtime, since: now, seen: 1, fails: s.fails, wait: s.wait}
		default:
			s.seen++
		}
		s.held = f.held
	}
	for name := range t.files {
		if !present[name] {
			delete(t.files, name)
			delete(t.incomplete, name)
		}
	}
	return t.ready(now)
}

// ready returns the names ready at now, oldest first, then by name.
func (t *tracker) ready(now time.Time) []string {
	var names []string
	for name, s := range t.files {
		if s.ready(now, t.minAge) {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := t.files[names[i]], t.files[names[j]]
		if !a.since.Equal(b.since) {
			return a.since.Before(b.since)
		}
		return names[i] < names[j]
	})
	return names
}

// forget drops name, after it was claimed or vanished.
func (t *tracker) forget(name string) { delete(t.files, name) }

// retryLater makes name wait MinAge again after a failed claim (a share may
// refuse to rename a file another program still has open). It returns how
// many claims in a row have failed.
func (t *tracker) retryLater(name string, now time.Time) int {
	s := t.files[name]
	if s == nil {
		return 0
	}
	s.since, s.seen = now, 1
	s.fails++
	return s.fails
}

// giveUp keeps name out of the ready and waiting lists until it changes.
func (t *tracker) giveUp(name string) {
	if s := t.files[name]; s != nil {
		s.stuck = true
	}
}

// waiting returns the files that are neither held by an editor nor stuck:
// the ones a listing later may make ready.
func (t *tracker) waiting() []string {
	var names []string
	for name, s := range t.files {
		if !s.held && !s.stuck {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// nextReady returns the earliest time a file that is not ready at now can
// become ready, and false when there is none. A file also needs one more
// listing, so the time may already have passed.
func (t *tracker) nextReady(now time.Time) (time.Time, bool) {
	var first time.Time
	ok := false
	for _, s := range t.files {
		if s.held || s.stuck || s.ready(now, t.minAge) {
			continue
		}
		at := s.since.Add(max(t.minAge, s.wait))
		if !ok || at.Before(first) {
			first, ok = at, true
		}
	}
	return first, ok
}
