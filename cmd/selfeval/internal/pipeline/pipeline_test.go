package pipeline_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/pipeline"
	"github.com/selfeval/selfeval/workbook"
)

func copySample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../../../samples", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRun: check leaves the file alone; score writes into it once and a
// second check of the scored file gives the same total, read back from the
// file the write produced.
func TestRun(t *testing.T) {
	for _, c := range []struct {
		file, total, grade, unit, money string
	}{
		{"mof2020-cooperation.xlsx", "97.78", "优", "上海市人民政府合作交流办公室", "万元"},
		{"sh2019-kunming.xlsx", "89.00", "良", "上海市人民政府驻昆明办事处", "元"},
	} {
		t.Run(c.file, func(t *testing.T) {
			p := copySample(t, c.file)
			before, _ := os.ReadFile(p)
			rec := pipeline.Run(p, pipeline.Options{})[0]
			if rec.Err != nil || rec.WriteErr != nil {
				t.Fatal(rec.Err, rec.WriteErr)
			}
			if got := rec.Result.Total.StringFixed(2); got != c.total || rec.Result.Grade != c.grade {
				t.Errorf("check: total %s %s, want %s %s", got, rec.Result.Grade, c.total, c.grade)
			}
			if rec.Unit != c.unit || rec.MoneyUnit != c.money || rec.InputHash == "" {
				t.Errorf("record: unit %q money %q hash %q", rec.Unit, rec.MoneyUnit, rec.InputHash)
			}
			if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
				t.Fatal("check changed the file")
			}
			rec = pipeline.Run(p, pipeline.Options{Write: true, Version: "test"})[0]
			if rec.Err != nil || rec.WriteErr != nil {
				t.Fatal(rec.Err, rec.WriteErr)
			}
			if after, _ := os.ReadFile(p); bytes.Equal(before, after) {
				t.Fatal("score did not write")
			}
			again := pipeline.Run(p, pipeline.Options{})[0]
			if again.Err != nil || again.Result.Total.StringFixed(2) != c.total {
				t.Fatalf("scored file reads %v %v", again.Err, again.Result)
			}
		})
	}
}

// TestRunFailures: an unreadable file gives Err and nothing else; a failed
// write gives WriteErr and leaves the file as it was.
func TestRunFailures(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.xlsx")
	if err := os.WriteFile(bad, []byte("不是工作簿"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := pipeline.Run(bad, pipeline.Options{Write: true})[0]
	if !errors.Is(rec.Err, workbook.ErrNotXLSX) || rec.Result != nil || rec.WriteErr != nil {
		t.Fatalf("record %+v", rec)
	}
	p := copySample(t, "mof2020-liaison.xlsx")
	before, _ := os.ReadFile(p)
	rec = pipeline.Run(p, pipeline.Options{Write: true, Dst: filepath.Join(dir, "no-such-folder", "out.xlsx")})[0]
	if rec.Err != nil || rec.WriteErr == nil || rec.Result == nil {
		t.Fatalf("record %+v", rec)
	}
	if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
		t.Fatal("a failed write changed the file")
	}
}

// TestAdmit: a loaded file is admitted once, at what it costs (at least its
// size on disk), and released when Run is done; a file that cannot be
// loaded is not admitted.
func TestAdmit(t *testing.T) {
	p := copySample(t, "mof2020-cooperation.xlsx")
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	var costs []int64
	released := 0
	o := pipeline.Options{Write: true, Admit: func(n int64) func() {
		costs = append(costs, n)
		return func() { released++ }
	}}
	if rec := pipeline.Run(p, o)[0]; rec.Err != nil || rec.WriteErr != nil {
		t.Fatal(rec.Err, rec.WriteErr)
	}
	if len(costs) != 1 || released != 1 || costs[0] < st.Size() || costs[0] > workbook.MaxCost {
		t.Errorf("admitted %v, released %d times; want one cost between %d and %d, released once", costs, released, st.Size(), workbook.MaxCost)
	}
	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	if err := os.WriteFile(bad, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if rec := pipeline.Run(bad, o)[0]; rec.Err == nil || len(costs) != 1 {
		t.Errorf("unreadable file: err %v, admitted %v", rec.Err, costs)
	}
}
