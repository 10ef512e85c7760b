package workbook_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
)

// TestSaveDuringScoreWins races a person's save of the file against a score
// of it, 50 times, at moments spread over the score's duration, saving as
// spreadsheet programs do (a temp file renamed over it, or the file
// rewritten in place): the save is never lost. Either the score finished
// first and the save replaced its output, or the score found the file
// changed and wrote nothing (ErrChanged).
func TestSaveDuringScoreWins(t *testing.T) {
	src, err := os.ReadFile("../samples/mof2020-liaison.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile("../samples/mof2020-services.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "自评表.xlsx")
	// score scores the file and tells the input hash of what it read. A
	// save that rewrites the file in place may be caught halfway (an empty
	// or cut file): that read fails, and the score writes nothing.
	score := func() (string, error) {
		wb, err := workbook.Load(p)
		if err != nil {
			return "", err
		}
		fm, err := wb.Read()
		if err != nil {
			return "", err
		}
		prof := validate.DefaultProfile()
		out := validate.Check(fm, prof, validate.Chinese).Outcome(prof, "test", fm.InputHash())
		return fm.InputHash(), wb.WriteBack("", fm, out, workbook.WriteOptions{})
	}
	inputOf := func(b []byte) string {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, fm, _ := outcomeOf(t, p, false)
		return fm.InputHash()
	}
	savedInput := inputOf(saved)
	// How long a score takes here.
	var took time.Duration
	for i := 0; i < 2; i++ {
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := score(); err != nil {
			t.Fatal(err)
		}
		took = time.Since(start)
	}
	rng := rand.New(rand.NewPCG(17, 50))
	changed, early := 0, 0
	for i := 0; i < 50; i++ {
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(took) + 1))
		var wg sync.WaitGroup
		var scoreErr, saveErr error
		var read string
		wg.Add(2)
		go func() {
			defer wg.Done()
			read, scoreErr = score()
		}()
		go func() {
			defer wg.Done()
			time.Sleep(delay)
			if i%2 == 0 {
				tmp := filepath.Join(dir, "~save.tmp")
				if saveErr = os.WriteFile(tmp, saved, 0o644); saveErr == nil {
					saveErr = os.Rename(tmp, p)
				}
			} else {
				saveErr = os.WriteFile(p, saved, 0o644)
			}
		}()
		wg.Wait()
		if saveErr != nil {
			t.Fatal(saveErr)
		}
		if scoreErr != nil {
			if !errors.Is(scoreErr, workbook.ErrChanged) {
				// The score may also have read the saved file halfway.
				if !strings.Contains(scoreErr.Error(), "自评表.xlsx") {
					t.Errorf("round %d: %v, want ErrChanged naming the file", i, scoreErr)
				}
			}
			changed++
		}
		got, _ := os.ReadFile(p)
		switch {
		case read == savedInput && scoreErr == nil:
			// The save came before the score read the file: the saved
			// form was scored.
			if now := inputOf(got); now != savedInput {
				t.Fatalf("round %d: the saved form was scored into another form", i)
			}
			early++
		case !bytes.Equal(got, saved):
			t.Fatalf("round %d (save after %v, score %v): the person's save is lost", i, delay, scoreErr)
		}
		left, _ := filepath.Glob(filepath.Join(dir, ".selfeval-*"))
		if len(left) > 0 {
			t.Fatalf("round %d: temp files left: %v", i, left)
		}
	}
	t.Logf("a score takes %v; of 50 saves %d came before the score read the file, %d during the score (nothing written)", took, early, changed)
}

// TestChangedAfterLoadNotWritten: a file changed between loading and the
// write-back is left as the person saved it, and the error says so.
func TestChangedAfterLoadNotWritten(t *testing.T) {
	dir := t.TempDir()
	p, src := liaisonCopy(t, dir)
	wb, fm, out := outcomeOf(t, p, false)
	// Same size, same time, other bytes: only the content tells.
	fi, _ := os.Stat(p)
	other := bytes.Clone(src)
	other[len(other)-30] ^= 0x01
	if err := os.WriteFile(p, other, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	err := wb.WriteBack("", fm, out, workbook.WriteOptions{})
	if !errors.Is(err, workbook.ErrChanged) || !strings.Contains(err.Error(), "表.xlsx") {
		t.Fatalf("err = %v, want ErrChanged naming the file", err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, other) {
		t.Error("the changed file was written")
	}
}

// TestHardLinkRefused: a file with a second hard link is not replaced (the
// link would then name the old file); both names keep the same bytes.
func TestHardLinkRefused(t *testing.T) {
	dir := t.TempDir()
	p, src := liaisonCopy(t, dir)
	if err := os.Link(p, filepath.Join(dir, "link.xlsx")); err != nil {
		t.Skip("no hard links here:", err)
	}
	wb, fm, out := outcomeOf(t, p, false)
	err := wb.WriteBack("", fm, out, workbook.WriteOptions{})
	if !errors.Is(err, workbook.ErrHardLink) || !strings.Contains(err.Error(), "表.xlsx") {
		t.Fatalf("err = %v, want ErrHardLink naming the file", err)
	}
	for _, n := range []string{p, filepath.Join(dir, "link.xlsx")} {
		if got, _ := os.ReadFile(n); !bytes.Equal(got, src) {
			t.Errorf("%s changed", n)
		}
	}
}

// TestRescoreSameFile: scoring a scored form again with nothing new gives
// the same file, byte for byte — parts and zip headers alike (a part
// written again keeps its entry's date as read).
func TestRescoreSameFile(t *testing.T) {
	for _, name := range []string{"mof2020-liaison", "mof2020-cooperation", "sh2019-kunming"} {
		src, err := os.ReadFile("../samples/" + name + ".xlsx")
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), name+".xlsx")
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		var got [3][]byte
		for i := range got {
			scoreWith(t, p, true, false)
			if got[i], err = os.ReadFile(p); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(got[0], got[1]) || !bytes.Equal(got[1], got[2]) {
			t.Errorf("%s: a second or third score changed the file", name)
		}
	}
}

// TestScoredAgainLeftAsIs: a file scored again with nothing new already
// holds what the write-back makes: it is not written again (same inode,
// time and bytes) and WriteBackAll says so; a save made meanwhile still
// wins over that (ErrChanged, the save kept).
func TestScoredAgainLeftAsIs(t *testing.T) {
	dir := t.TempDir()
	p, _ := liaisonCopy(t, dir)
	score := func() (bool, error) {
		t.Helper()
		wb, fm, out := outcomeOf(t, p, false)
		return wb.WriteBackAll("", []workbook.FormOutcome{{Form: fm, Outcome: out}}, workbook.WriteOptions{})
	}
	if unchanged, err := score(); err != nil || unchanged {
		t.Fatalf("first score: unchanged %v, err %v", unchanged, err)
	}
	before, _ := os.Stat(p)
	scored, _ := os.ReadFile(p)
	old := before.ModTime().Add(-time.Hour)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	if unchanged, err := score(); err != nil || !unchanged {
		t.Fatalf("second score: unchanged %v, err %v", unchanged, err)
	}
	after, _ := os.Stat(p)
	if !os.SameFile(before, after) || !after.ModTime().Equal(old) {
		t.Errorf("the file was written again (same file %v, time %v, want %v)", os.SameFile(before, after), after.ModTime(), old)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, scored) {
		t.Error("the bytes changed")
	}

	// Read, then saved by the person before the write-back looks.
	wb, fm, out := outcomeOf(t, p, false)
	other := bytes.Clone(scored)
	other[len(other)-30] ^= 0x01
	if err := os.WriteFile(p, other, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := wb.WriteBackAll("", []workbook.FormOutcome{{Form: fm, Outcome: out}}, workbook.WriteOptions{}); !errors.Is(err, workbook.ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, other) {
		t.Error("the person's save was not kept")
	}
}

// liaisonCopy copies the liaison sample to dir/表.xlsx and returns its path
// and bytes.
func liaisonCopy(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	p := filepath.Join(dir, "表.xlsx")
	src, err := os.ReadFile("../samples/mof2020-liaison.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, src
}
