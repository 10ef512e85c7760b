package memo

import (
	"sync"
	"testing"
)

func TestCache(t *testing.T) {
	c := New[int, string](3)
	made := 0
	get := func(k int) string {
		return c.Get(k, func() string { made++; return string(rune('a' + k)) })
	}
	first := get(1)
	if again := get(1); first != "b" || again != "b" || made != 1 {
		t.Fatalf("made %d values for one key, want 1", made)
	}
	get(2)
	get(3)
	get(4) // past the limit: the cache starts again with 4
	if get(4) != "e" || made != 4 {
		t.Errorf("made %d, want 4", made)
	}
	if get(1) != "b" || made != 5 {
		t.Errorf("after the limit the old key was still kept (made %d, want 5)", made)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v := c.Get(i%5, func() string { return string(rune('a' + i%5)) }); v != string(rune('a'+i%5)) {
				t.Errorf("key %d: %q", i%5, v)
			}
		}()
	}
	wg.Wait()
}
