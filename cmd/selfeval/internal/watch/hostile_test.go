package watch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestFitName keeps short names, and cuts long ones deterministically at a
// character boundary, keeping the extension and telling names apart.
func TestFitName(t *testing.T) {
	long := strings.Repeat("自", 83) + "a.xlsx" // 255 bytes
	if got := fitName("a.xlsx", len(errorJSON)); got != "a.xlsx" {
		t.Errorf("short name changed: %q", got)
	}
	if got := fitName(long, 0); got != long {
		t.Errorf("name of 255 bytes changed with no suffix: %q", got)
	}
	a, b := fitName(long, len(errorJSON)), fitName(strings.Repeat("自", 83)+"b.xlsx", len(errorJSON))
	if len(a)+len(errorJSON) > maxName || !strings.HasSuffix(a, ".xlsx") || !strings.Contains(a, "~") {
		t.Errorf("fitName = %q (%d bytes)", a, len(a))
	}
	if a == b || a != fitName(long, len(errorJSON)) {
		t.Errorf("fitName not distinct or not deterministic: %q %q", a, b)
	}
	if !strings.HasPrefix(a, strings.Repeat("自", 10)) || !strings.HasPrefix(long, strings.Split(a, "~")[0]) {
		t.Errorf("fitName cut badly: %q", a)
	}
}

// TestLongNames drops files whose names use all 255 bytes: they are scored or
// failed like any other, the failed/ pair fits, nothing stays in
// processing/, and a second run adds no ledger line.
func TestLongNames(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(dir)
	if _, err := New(cfg, &fakeProc{}); err != nil {
		t.Fatal(err)
	}
	stem := strings.Repeat("项目支出绩效自评表", 9) // 243 bytes
	good, bad := stem+"好的1.xlsx", stem+"坏的1.xlsx"
	if len(good) != 255 || len(bad) != 255 {
		t.Fatalf("names of %d and %d bytes", len(good), len(bad))
	}
	writeFile(t, filepath.Join(dir, "inbox", good), "PK long")
	writeFile(t, filepath.Join(dir, "inbox", bad), "BAD long")
	runOnce(t, cfg, &fakeProc{})
	// The same bad name again: its failed/ copy needs a suffix as well.
	writeFile(t, filepath.Join(dir, "inbox", bad), "BAD long again")
	runOnce(t, cfg, &fakeProc{})
	runOnce(t, cfg, &fakeProc{})
	assertEmpty(t, dir)
	if got := names(t, filepath.Join(dir, "done")); !reflect.DeepEqual(got, []string{good}) {
		t.Errorf("done/ = %q", got)
	}
	failed := names(t, filepath.Join(dir, "failed"))
	if len(failed) != 6 {
		t.Fatalf("failed/ = %q, want two files with their .error.json and .error.txt", failed)
	}
	saved := map[string]string{}
	for _, n := range failed {
		if len(n) > maxName {
			t.Errorf("failed/%s: %d bytes", n, len(n))
		}
		if !strings.HasSuffix(n, ".json") {
			continue
		}
		var r errorReport
		if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "failed", n))), &r); err != nil {
			t.Fatal(err)
		}
		if r.File != bad || !exists(filepath.Join(dir, "failed", r.SavedAs)) || !exists(filepath.Join(dir, "failed", r.SavedAs+errorTxt)) {
			t.Errorf("%s: report %+v does not name the dropped file and its saved copy", n, r)
		}
		saved[readFile(t, filepath.Join(dir, "failed", r.SavedAs))] = r.SavedAs
	}
	if len(saved) != 2 || saved["BAD long"] == "" || saved["BAD long again"] == "" {
		t.Errorf("failed copies: %q", saved)
	}
	var outcomes []string
	for _, e := range ledgerEntries(t, dir) {
		outcomes = append(outcomes, e.Outcome)
	}
	if want := []string{OutcomeDone, OutcomeFailed, OutcomeFailed}; len(outcomes) != 3 || strings.Count(strings.Join(outcomes, ","), OutcomeFailed) != 2 {
		t.Errorf("ledger outcomes %q, want %q in some order", outcomes, want)
	}
}

// TestRecoveryFinishesRecordedFiles: a dead instance wrote the ledger lines
// of two files (and the error files of one) and died before moving them. Recovery moves them where their
// lines say, adding no line: the scored file is not a duplicate of itself.
func TestRecoveryFinishesRecordedFiles(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(dir)
	if _, err := New(cfg, &fakeProc{}); err != nil {
		t.Fatal(err)
	}
	const id = "dead-1-00"
	dead := filepath.Join(dir, "processing", id)
	if err := os.Mkdir(dead, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dead+".lock", `{"host":"`+hostName()+`","pid":1}`)
	writeFile(t, filepath.Join(dead, "scored.xlsx"), "PK s"+scoredLine)
	writeFile(t, filepath.Join(dead, "bad.xlsx"), "BAD b")
	writeFile(t, filepath.Join(dead, "new.xlsx"), "PK n")
	writeFile(t, filepath.Join(dead, "wrong.xlsx"), "PK w"+scoredLine)
	returned := doneEntry("wrong.xlsx", "PK w")
	returned.Grade, returned.Status, returned.Outcome = "", StatusInvalid, OutcomeReturned
	lines := []LedgerEntry{doneEntry("scored.xlsx", "PK s"),
		{File: "bad.xlsx", Hash: sha("BAD b"), Outcome: OutcomeFailed, Error: "不是自评表：内容损坏"}, returned}
	var data []byte
	for _, e := range lines {
		e.Instance, e.Time = id, "2026-01-01T00:00:00Z"
		js, _ := json.Marshal(e)
		data = append(append(data, js...), '\n')
	}
	if err := os.WriteFile(filepath.Join(dir, "ledger.jsonl"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The dead instance had written bad.xlsx's .error.json, not moved it.
	rep, _ := json.Marshal(errorReport{File: "bad.xlsx", SavedAs: "bad.xlsx", Hash: sha("BAD b"), Error: "不是自评表：内容损坏"})
	writeFile(t, filepath.Join(dir, "failed", "bad.xlsx"+errorJSON), string(rep))
	// (the .error.txt not yet)
	p := &fakeProc{}
	runOnce(t, cfg, p)
	assertEmpty(t, dir)
	if n := p.totalCalls(); n != 1 {
		t.Errorf("processor called %d times, want once (new.xlsx)", n)
	}
	if got := names(t, filepath.Join(dir, "done")); !reflect.DeepEqual(got, []string{"new.xlsx", "scored.xlsx"}) {
		t.Errorf("done/ = %q", got)
	}
	if got := names(t, filepath.Join(dir, "failed")); !reflect.DeepEqual(got, []string{"bad.xlsx", "bad.xlsx.error.json", "bad.xlsx.error.txt"}) {
		t.Errorf("failed/ = %q", got)
	}
	if got := names(t, filepath.Join(dir, "returned")); !reflect.DeepEqual(got, []string{"wrong.xlsx"}) {
		t.Errorf("returned/ = %q", got)
	}
	if txt := readFile(t, filepath.Join(dir, "failed", "bad.xlsx"+errorTxt)); !strings.Contains(txt, "不是自评表：内容损坏") {
		t.Errorf("bad.xlsx.error.txt:\n%s", txt)
	}
	got := ledgerEntries(t, dir)
	want := append(lines, doneEntry("new.xlsx", "PK n"))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ledger =\n %+v\nwant\n %+v", got, want)
	}
}
