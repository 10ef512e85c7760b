package main

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// TestStreamOrder: results come out in input order even when later files
// finish first, each once, and no more files are in flight than the window.
func TestStreamOrder(t *testing.T) {
	paths := make([]string, 200)
	for i := range paths {
		paths[i] = strconv.Itoa(i)
	}
	var inFlight, most atomic.Int32
	var got []string
	stream(context.Background(), paths, nil, func(p string) string {
		n := inFlight.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		i, _ := strconv.Atoi(p)
		time.Sleep(time.Duration((7*i)%5) * time.Millisecond) // finish out of order
		inFlight.Add(-1)
		return p
	}, func(v string) { got = append(got, v) })
	if len(got) != len(paths) {
		t.Fatalf("%d results for %d paths", len(got), len(paths))
	}
	for i, v := range got {
		if v != paths[i] {
			t.Fatalf("result %d is %s", i, v)
		}
	}
	if m := most.Load(); m < 1 || m > 8 {
		t.Errorf("at most %d files in flight", m)
	}
}

// TestStreamCancel: a cancelled run emits a prefix of the input, in order.
func TestStreamCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	paths := make([]string, 100)
	for i := range paths {
		paths[i] = fmt.Sprint(i)
	}
	var got []string
	stream(ctx, paths, nil, func(p string) string {
		if p == "10" {
			cancel()
		}
		return p
	}, func(v string) { got = append(got, v) })
	if len(got) == len(paths) {
		t.Fatal("cancel did not stop the run")
	}
	for i, v := range got {
		if v != paths[i] {
			t.Fatalf("result %d is %s", i, v)
		}
	}
}
