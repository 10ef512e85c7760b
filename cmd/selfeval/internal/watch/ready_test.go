package watch

import (
	"reflect"
	"testing"
	"time"
)

func TestTrackerReadiness(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	m1 := t0.Add(-time.Hour)
	m2 := t0.Add(-time.Minute)
	f := func(name string, size int64, mtime time.Time, held bool) seenFile {
		return seenFile{name: name, size: size, mtime: mtime, held: held}
	}
	type step struct {
		at      time.Duration // since t0
		listing []seenFile
		want    []string
	}
	tests := []struct {
		name   string
		minAge time.Duration
		steps  []step
	}{
		{"one listing is never enough", 0, []step{
			{0, []seenFile{f("a.xlsx", 10, m1, false)}, nil},
			{time.Second, []seenFile{f("a.xlsx", 10, m1, false)}, []string{"a.xlsx"}},
		}},
		{"min age counts from first sight, not from an old mtime", 2 * time.Second, []step{
			{0, []seenFile{f("a.xlsx", 10, m1, false)}, nil},
			{time.Second, []seenFile{f("a.xlsx", 10, m1, false)}, nil},
			{2 * time.Second, []seenFile{f("a.xlsx", 10, m1, false)}, []string{"a.xlsx"}},
		}},
		{"growing file restarts the clock", 2 * time.Second, []step{
			{0, []seenFile{f("a.xlsx", 10, m1, false)}, nil},
			{time.Second, []seenFile{f("a.xlsx", 20, m1, false)}, nil},
			{2500 * time.Millisecond, []seenFile{f("a.xlsx", 30, m1, false)}, nil},
			{4 * time.Second, []seenFile{f("a.xlsx", 30, m1, false)}, nil},
			{4500 * time.Millisecond, []seenFile{f("a.xlsx", 30, m1, false)}, []string{"a.xlsx"}},
		}},
		{"mtime change alone restarts the clock", 0, []step{
			{0, []seenFile{f("a.xlsx", 10, m1, false)}, nil},
			{time.Second, []seenFile{f("a.xlsx", 10, m2, false)}, nil},
			{2 * time.Second, []seenFile{f("a.xlsx", 10, m2, false)}, []string{"a.xlsx"}},
		}},
		{"owner file holds it back until gone", 0, []step{
			{0, []seenFile{f("a.xlsx", 10, m1, true)}, nil},
			{time.Second, []seenFile{f("a.xlsx", 10, m1, true)}, nil},
			{2 * time.Second, []seenFile{f("a.xlsx", 10, m1, false)}, []string{"a.xlsx"}},
		}},
		{"vanished file is forgotten", 0, []step{
			{0, []seenFile{f("a.xlsx", 10, m1, false)}, nil},
			{time.Second, nil, nil},
			{2 * time.Second, []seenFile{f("a.xlsx", 10, m1, false)}, nil},
		}},
		{"oldest first, then by name", 0, []step{
			{0, []seenFile{f("c.xlsx", 1, m1, false)}, nil},
			{time.Second, []seenFile{f("c.xlsx", 1, m1, false), f("b.xlsx", 1, m1, false), f("a.xlsx", 1, m1, false)}, []string{"c.xlsx"}},
			{2 * time.Second, []seenFile{f("c.xlsx", 1, m1, false), f("b.xlsx", 1, m1, false), f("a.xlsx", 1, m1, false)}, []string{"c.xlsx", "a.xlsx", "b.xlsx"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTracker(tt.minAge, 0)
			for i, s := range tt.steps {
				got := tr.update(t0.Add(s.at), s.listing)
				if !reflect.DeepEqual(got, s.want) {
					t.Fatalf("step %d: ready = %q, want %q", i, got, s.want)
				}
			}
		})
	}
}

func TestTrackerRetryAndGiveUp(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	a := []seenFile{{name: "a.xlsx", size: 1, mtime: t0}}
	tr := newTracker(time.Second, 0)
	tr.update(t0, a)
	if got := tr.update(t0.Add(time.Second), a); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Fatalf("ready = %q", got)
	}
	if n := tr.retryLater("a.xlsx", t0.Add(time.Second)); n != 1 {
		t.Errorf("retryLater = %d, want 1", n)
	}
	if at, ok := tr.nextReady(t0.Add(time.Second)); !ok || !at.Equal(t0.Add(2*time.Second)) {
		t.Errorf("nextReady = %v %v, want %v", at, ok, t0.Add(2*time.Second))
	}
	if got := tr.update(t0.Add(1500*time.Millisecond), a); got != nil {
		t.Errorf("ready during retry wait = %q", got)
	}
	if got := tr.update(t0.Add(2*time.Second), a); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Errorf("ready after retry wait = %q", got)
	}
	tr.giveUp("a.xlsx")
	if got, w := tr.update(t0.Add(3*time.Second), a), tr.waiting(); got != nil || w != nil {
		t.Errorf("after giveUp: ready %q waiting %q", got, w)
	}
	if _, ok := tr.nextReady(t0.Add(3 * time.Second)); ok {
		t.Error("nextReady after giveUp")
	}
	changed := []seenFile{{name: "a.xlsx", size: 2, mtime: t0}}
	tr.update(t0.Add(4*time.Second), changed)
	if w := tr.waiting(); !reflect.DeepEqual(w, []string{"a.xlsx"}) {
		t.Errorf("a changed file is waited for again: waiting = %q", w)
	}
}
