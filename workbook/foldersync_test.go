package workbook

import (
	"path/filepath"
	"sync"
	"testing"
)

// countSyncs counts the folder syncs made while the test runs.
func countSyncs(t *testing.T) func() map[string]int {
	t.Helper()
	var mu sync.Mutex
	n := map[string]int{}
	testHookSyncDir = func(dir string) {
		mu.Lock()
		n[dir]++
		mu.Unlock()
	}
	t.Cleanup(func() { testHookSyncDir = nil })
	return func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		out := map[string]int{}
		for k, v := range n {
			out[k] = v
		}
		return out
	}
}

func TestSaveSyncsFolderAtOnce(t *testing.T) {
	dir := t.TempDir()
	syncs := countSyncs(t)
	for _, name := range []string{"a.xlsx", "b.xlsx", "c.xlsx"} {
		p := copyTo(t, dir, name)
		if err := scoredInto(t, p); err != nil {
			t.Fatal(err)
		}
	}
	if got := syncs()[dir]; got != 3 {
		t.Errorf("folder synced %d times for 3 saves, want 3 (one each, before the save returns)", got)
	}
}

func TestBatchSyncsEachFolderOnceAtTheEnd(t *testing.T) {
	dirs := []string{t.TempDir(), t.TempDir()}
	syncs := countSyncs(t)
	later := &FolderSyncs{}
	var paths []string
	for i, name := range []string{"a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"} {
		paths = append(paths, copyTo(t, dirs[i%2], name))
	}
	var wg sync.WaitGroup
	errs := make([]error, len(paths))
	for i, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = WriteBack(p, "", readPath(t, p), outcome(), WriteOptions{Syncs: later})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatal(paths[i], err)
		}
		if !hasResults(t, paths[i]) {
			t.Errorf("%s was not written", paths[i])
		}
	}
	if got := syncs(); len(got) != 0 {
		t.Errorf("folders synced before Sync: %v", got)
	}
	later.Sync()
	got := syncs()
	for _, d := range dirs {
		if got[d] != 1 {
			t.Errorf("folder %s synced %d times, want once", filepath.Base(d), got[d])
		}
	}
	if len(got) != len(dirs) {
		t.Errorf("synced %v, want only the two folders", got)
	}
	// After Sync a save syncs its folder at once.
	p := copyTo(t, dirs[0], "e.xlsx")
	if err := WriteBack(p, "", readPath(t, p), outcome(), WriteOptions{Syncs: later}); err != nil {
		t.Fatal(err)
	}
	if n := syncs()[dirs[0]]; n != 2 {
		t.Errorf("a save after Sync: folder synced %d times in all, want 2", n)
	}
	later.Sync() // nothing left
	if n := syncs()[dirs[0]]; n != 2 {
		t.Errorf("a second Sync synced again: %d", n)
	}
}

func TestDryRunAndFailedSaveNoteNoFolder(t *testing.T) {
	dir := t.TempDir()
	syncs := countSyncs(t)
	later := &FolderSyncs{}
	p := copyTo(t, dir, "a.xlsx")
	if err := WriteBack(p, "", readPath(t, p), outcome(), WriteOptions{DryRun: true, Syncs: later}); err != nil {
		t.Fatal(err)
	}
	later.Sync()
	if got := syncs(); len(got) != 0 {
		t.Errorf("a dry run synced %v", got)
	}
}
