package watch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNewConfig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	writeFile(t, file, "")
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"no dir", Config{}, "watch: 未指定监视文件夹"},
		{"dir is a file", Config{Dir: file}, file + " 不是文件夹"},
		{"nested name", Config{Dir: dir, Inbox: "a/b"}, `名称 "a/b" 必须是单个文件夹或文件名`},
		{"dot name", Config{Dir: dir, Done: ".."}, `名称 ".." 必须是单个文件夹或文件名`},
		{"same names", Config{Dir: dir, Done: "out", Failed: "OUT"}, `名称 "OUT" 重复使用`},
		{"returned same as done", Config{Dir: dir, Returned: "done"}, `名称 "done" 重复使用`},
		{"negative interval", Config{Dir: dir, Interval: -time.Second}, "轮询间隔 Interval 不能为负数：-1s"},
		{"negative workers", Config{Dir: dir, Workers: -1}, "并发数 Workers 不能为负数：-1"},
		{"negative incomplete tries", Config{Dir: dir, IncompleteTries: -1}, "不完整文件重试次数 IncompleteTries 不能为负数：-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg, &fakeProc{})
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("New error = %v, want %q", err, tt.wantErr)
			}
		})
	}
	w, err := New(Config{Dir: dir}, &fakeProc{})
	if err != nil {
		t.Fatal(err)
	}
	got := w.cfg
	got.Logger = nil
	want := Config{Dir: dir, Inbox: "inbox", Processing: "processing", Done: "done", Failed: "failed", Returned: "returned",
		Ledger: "ledger.jsonl", Interval: 2 * time.Second, MinAge: 2 * time.Second, Workers: 2,
		OnceWait: time.Minute, StaleAfter: 10 * time.Minute, IncompleteTries: 3, IncompleteWait: 10 * time.Second}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("defaults = %+v, want %+v", got, want)
	}
	if got := names(t, dir); !reflect.DeepEqual(got, []string{"done", "failed", "file", "inbox", "processing", "returned"}) {
		t.Errorf("folders = %q", got)
	}
	if _, err := New(Config{Dir: dir}, nil); err == nil {
		t.Error("New without Processor succeeded")
	}
}

// TestSlowWriteIsNotTaken writes a file in chunks, slower than the poll
// interval but faster than MinAge: it must be processed once, whole.
func TestSlowWriteIsNotTaken(t *testing.T) {
	dir := t.TempDir()
	proc := &fakeProc{}
	cfg := testConfig(dir)
	cfg.MinAge = time.Second
	r := startWatcher(t, cfg, proc)
	path := filepath.Join(dir, "inbox", "slow.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "PK"
	if _, err := f.WriteString("PK"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 30; i++ {
		time.Sleep(15 * time.Millisecond)
		chunk := strings.Repeat(string(rune('a'+i%26)), 512)
		if _, err := f.WriteString(chunk); err != nil {
			t.Fatal(err)
		}
		want += chunk
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "done/slow.xlsx", func() bool { return exists(filepath.Join(dir, "done", "slow.xlsx")) })
	r.stop(t)
	if calls := proc.callsFor("slow.xlsx"); len(calls) != 1 || calls[0] != want {
		t.Fatalf("processor saw %d calls; first has %d bytes, want 1 call with %d bytes", len(calls), len(calls[0]), len(want))
	}
	if got := readFile(t, filepath.Join(dir, "done", "slow.xlsx")); got != want+scoredLine {
		t.Errorf("done content has %d bytes, want %d", len(got), len(want+scoredLine))
	}
}

func TestOwnerFileHoldsBack(t *testing.T) {
	tests := []struct{ name, owner string }{
		{"a.xlsx", "~$a.xlsx"},
		{"b.xlsx", ".~lock.b.xlsx#"},
		{"项目支出绩效自评表.xlsx", "~$支出绩效自评表.xlsx"},
		{"c.xlsx", "~$C.XLSX"},
	}
	for _, tt := range tests {
		t.Run(tt.owner, func(t *testing.T) {
			dir := t.TempDir()
			proc := &fakeProc{}
			r := startWatcher(t, testConfig(dir), proc)
			inbox := filepath.Join(dir, "inbox")
			writeFile(t, filepath.Join(inbox, tt.owner), "owner")
			writeFile(t, filepath.Join(inbox, tt.name), "PK-"+tt.name)
			s0 := r.w.scans.Load()
			waitFor(t, "ten listings", func() bool { return r.w.scans.Load() >= s0+10 })
			if !exists(filepath.Join(inbox, tt.name)) || proc.totalCalls() != 0 {
				t.Fatalf("file taken while %s exists: inbox %q, calls %d", tt.owner, names(t, inbox), proc.totalCalls())
			}
			if err := os.Remove(filepath.Join(inbox, tt.owner)); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "done/"+tt.name, func() bool { return exists(filepath.Join(dir, "done", tt.name)) })
			r.stop(t)
		})
	}
}

func TestFailuresGoToFailed(t *testing.T) {
	dir := t.TempDir()
	proc := &fakeProc{}
	r := startWatcher(t, testConfig(dir), proc)
	inbox, failed := filepath.Join(dir, "inbox"), filepath.Join(dir, "failed")
	files := map[string]string{
		"bad.xlsx":  "BAD content",
		"old.xls":   "\xd0\xcf\x11\xe0 legacy",
		"calc.ods":  "PK\x03\x04 mimetype",
		"hint.xlsx": "HINT me",
		"ok.xlsx":   "PK ok",
	}
	for n, c := range files {
		writeFile(t, filepath.Join(inbox, n), c)
	}
	want := []string{
		"bad.xlsx", "bad.xlsx.error.json", "bad.xlsx.error.txt",
		"calc.ods", "calc.ods.error.json", "calc.ods.error.txt",
		"hint.xlsx", "hint.xlsx.error.json", "hint.xlsx.error.txt",
		"old.xls", "old.xls.error.json", "old.xls.error.txt",
	}
	waitFor(t, "failed/ complete", func() bool {
		return reflect.DeepEqual(names(t, failed), want) && exists(filepath.Join(dir, "done", "ok.xlsx"))
	})
	r.stop(t)
	for _, n := range []string{"old.xls", "calc.ods"} {
		if got := proc.callsFor(n); len(got) != 0 {
			t.Errorf("processor called for %s", n)
		}
	}
	reports := []errorReport{
		{File: "bad.xlsx", SavedAs: "bad.xlsx", Hash: sha(files["bad.xlsx"]), Error: "不是自评表：内容损坏", Hint: defaultHint},
		{File: "hint.xlsx", SavedAs: "hint.xlsx", Hash: sha(files["hint.xlsx"]), Error: "缺少工作表“项目支出绩效自评表”", Hint: "请使用最新模板重新填写。"},
		{File: "old.xls", SavedAs: "old.xls", Hash: sha(files["old.xls"]), Error: legacyError{}.Error(), Hint: legacyError{}.Hint()},
		{File: "calc.ods", SavedAs: "calc.ods", Hash: sha(files["calc.ods"]), Error: legacyError{ods: true}.Error(), Hint: legacyError{ods: true}.Hint()},
	}
	for _, w := range reports {
		if got := readFile(t, filepath.Join(failed, w.File)); got != files[w.File] {
			t.Errorf("failed/%s changed: %q", w.File, got)
		}
		var got errorReport
		if err := json.Unmarshal([]byte(readFile(t, filepath.Join(failed, w.File+".error.json"))), &got); err != nil {
			t.Fatalf("%s.error.json: %v", w.File, err)
		}
		if got.Instance == "" || got.Time == "" {
			t.Errorf("%s.error.json lacks time or instance: %+v", w.File, got)
		}
		got.Time, got.Instance = "", ""
		if got != w {
			t.Errorf("%s.error.json =\n %+v\nwant\n %+v", w.File, got, w)
		}
		txt := readFile(t, filepath.Join(failed, w.File+".error.txt"))
		for _, s := range []string{"\ufeffselfeval 未能处理文件：" + w.File + "\r\n", "出了什么问题：\r\n    " + w.Error + "\r\n",
			"怎么办：\r\n    " + w.Hint + "\r\n", "原文件没有被改动"} {
			if !strings.Contains(txt, s) {
				t.Errorf("%s.error.txt lacks %q:\n%s", w.File, s, txt)
			}
		}
	}
	for _, e := range []legacyError{{}, {ods: true}} {
		if !strings.Contains(e.Error(), "请另存为 .xlsx") {
			t.Errorf("reason %q does not say 请另存为 .xlsx", e.Error())
		}
	}
	if !strings.Contains(legacyError{ods: true}.Error(), ".ods") {
		t.Errorf(".ods reason %q does not name .ods", legacyError{ods: true}.Error())
	}
	got := map[string]LedgerEntry{}
	for _, e := range ledgerEntries(t, dir) {
		got[e.File] = e
	}
	wantLedger := map[string]LedgerEntry{
		"ok.xlsx": doneEntry("ok.xlsx", files["ok.xlsx"]),
	}
	for _, w := range reports {
		wantLedger[w.File] = LedgerEntry{File: w.File, Hash: w.Hash, Outcome: OutcomeFailed, Error: w.Error}
	}
	if !reflect.DeepEqual(got, wantLedger) {
		t.Errorf("ledger =\n %+v\nwant\n %+v", got, wantLedger)
	}
	if st := r.w.Stats(); st != (Stats{Done: 1, Failed: 4}) {
		t.Errorf("stats = %+v", st)
	}
}

func TestDuplicateContent(t *testing.T) {
	dir := t.TempDir()
	proc := &fakeProc{}
	r := startWatcher(t, testConfig(dir), proc)
	inbox, done := filepath.Join(dir, "inbox"), filepath.Join(dir, "done")
	writeFile(t, filepath.Join(inbox, "a.xlsx"), "PK same")
	waitFor(t, "done/a.xlsx", func() bool { return exists(filepath.Join(done, "a.xlsx")) })
	// The same input under another name, and the scored output dropped back.
	writeFile(t, filepath.Join(inbox, "b.xlsx"), "PK same")
	writeFile(t, filepath.Join(inbox, "c.xlsx"), readFile(t, filepath.Join(done, "a.xlsx")))
	waitFor(t, "done/b.xlsx and done/c.xlsx", func() bool {
		return exists(filepath.Join(done, "b.xlsx")) && exists(filepath.Join(done, "c.xlsx"))
	})
	r.stop(t)
	// The same input is scored too, so that done/ holds it scored; the
	// scored file dropped back is not scored again.
	if n, nb, nc := proc.totalCalls(), len(proc.callsFor("b.xlsx")), len(proc.callsFor("c.xlsx")); n != 2 || nb != 1 || nc != 0 {
		t.Errorf("processor called %d times (b %d, c %d), want 2 (a and b once each)", n, nb, nc)
	}
	for _, n := range []string{"a.xlsx", "b.xlsx", "c.xlsx"} {
		if got := readFile(t, filepath.Join(done, n)); got != "PK same"+scoredLine {
			t.Errorf("done/%s = %q, want it scored", n, got)
		}
	}
	got := ledgerEntries(t, dir)
	// A duplicate's line carries its result; it counts as a duplicate.
	b := doneEntry("b.xlsx", "PK same")
	b.Outcome = OutcomeDuplicate
	c := doneEntry("a.xlsx", "PK same")
	c.File, c.Hash, c.OutputHash, c.Outcome = "c.xlsx", sha("PK same"+scoredLine), "", OutcomeDuplicate
	want := []LedgerEntry{doneEntry("a.xlsx", "PK same"), b, c}
	if len(got) == 3 && got[1].File == "c.xlsx" { // b and c may go in either order
		got[1], got[2] = got[2], got[1]
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ledger =\n %+v\nwant\n %+v", got, want)
	}
	if st := r.w.Stats(); st != (Stats{Done: 1, Duplicate: 2}) {
		t.Errorf("stats = %+v", st)
	}
}

func TestNameClashGetsSuffix(t *testing.T) {
	dir := t.TempDir()
	proc := &fakeProc{}
	cfg := testConfig(dir)
	w, err := New(cfg, proc) // creates the folders
	if err != nil {
		t.Fatal(err)
	}
	_ = w
	done, failed, inbox := filepath.Join(dir, "done"), filepath.Join(dir, "failed"), filepath.Join(dir, "inbox")
	writeFile(t, filepath.Join(done, "a.xlsx"), "older a")
	writeFile(t, filepath.Join(failed, "bad.xlsx.error.txt"), "stale")
	writeFile(t, filepath.Join(inbox, "a.xlsx"), "PK a")
	writeFile(t, filepath.Join(inbox, "bad.xlsx"), "BAD")
	runOnce(t, cfg, proc)
	if got, want := names(t, done), []string{"a (2).xlsx", "a.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Errorf("done = %q, want %q", got, want)
	}
	if got := readFile(t, filepath.Join(done, "a.xlsx")); got != "older a" {
		t.Errorf("done/a.xlsx overwritten: %q", got)
	}
	want := []string{"bad (2).xlsx", "bad (2).xlsx.error.json", "bad (2).xlsx.error.txt", "bad.xlsx.error.txt"}
	if got := names(t, failed); !reflect.DeepEqual(got, want) {
		t.Errorf("failed = %q, want %q", got, want)
	}
	if got := readFile(t, filepath.Join(failed, "bad.xlsx.error.txt")); got != "stale" {
		t.Errorf("stale error file overwritten: %q", got)
	}
	var rep errorReport
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(failed, "bad (2).xlsx.error.json"))), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.File != "bad.xlsx" || rep.SavedAs != "bad (2).xlsx" {
		t.Errorf("report names file %q saved as %q", rep.File, rep.SavedAs)
	}
}

// TestLiveInstanceIsNotRobbed starts a second watcher while the first has a
// file in hand: the second's crash recovery must leave it alone.
func TestLiveInstanceIsNotRobbed(t *testing.T) {
	dir := t.TempDir()
	started := t.TempDir()
	release := filepath.Join(t.TempDir(), "release")
	procA := &fakeProc{startedDir: started, release: release}
	a := startWatcher(t, testConfig(dir), procA)
	writeFile(t, filepath.Join(dir, "inbox", "x.xlsx"), "PK x")
	waitFor(t, "A to start on x.xlsx", func() bool { return exists(filepath.Join(started, "x.xlsx")) })
	procB := &fakeProc{}
	b := startWatcher(t, testConfig(dir), procB)
	waitFor(t, "B to list five times", func() bool { return b.w.scans.Load() >= 5 })
	inHand := filepath.Join(dir, "processing", a.w.inst.id, "x.xlsx")
	if !exists(inHand) || procB.totalCalls() != 0 {
		t.Fatalf("B took A's file: %s exists %v, B calls %d", inHand, exists(inHand), procB.totalCalls())
	}
	// Recovery runs every recoverEvery; run it again now, explicitly.
	b.w.recoverOrphans(time.Now())
	if !exists(inHand) {
		t.Fatal("recoverOrphans took a live instance's file")
	}
	writeFile(t, release, "")
	waitFor(t, "done/x.xlsx", func() bool { return exists(filepath.Join(dir, "done", "x.xlsx")) })
	a.stop(t)
	b.stop(t)
	if got := names(t, filepath.Join(dir, "processing")); len(got) != 0 {
		t.Errorf("processing/ not empty after both stopped: %q", got)
	}
	if got := ledgerEntries(t, dir); !reflect.DeepEqual(got, []LedgerEntry{doneEntry("x.xlsx", "PK x")}) {
		t.Errorf("ledger = %+v", got)
	}
}

// TestRecoverOrphans covers the decision for each kind of folder left in
// processing/.
func TestRecoverOrphans(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	tests := []struct {
		name      string
		host      string // in the lock file; "" for no lock file
		heartbeat time.Time
		recovered bool
	}{
		{"dead instance on this host", hostName(), time.Now(), true},
		{"other host, fresh heartbeat", "elsewhere", time.Now(), false},
		{"other host, stale heartbeat", "elsewhere", old, true},
		{"no lock file", "", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := testConfig(dir)
			cfg.StaleAfter = time.Minute
			if _, err := New(cfg, &fakeProc{}); err != nil {
				t.Fatal(err)
			}
			proc := filepath.Join(dir, "processing")
			dead := filepath.Join(proc, "dead-1-00")
			if err := os.Mkdir(dead, 0o755); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dead, "a.xlsx"), "PK a")
			writeFile(t, filepath.Join(dead, ".selfeval-123.tmp"), "half")
			writeFile(t, filepath.Join(dead, markerName(sha("PK a"))), "")
			writeFile(t, filepath.Join(proc, "ghost-2-00.lock"), `{"host":"x"}`)
			if tt.host != "" {
				lock := dead + ".lock"
				writeFile(t, lock, `{"host":"`+tt.host+`","pid":1}`)
				if err := os.Chtimes(lock, tt.heartbeat, tt.heartbeat); err != nil {
					t.Fatal(err)
				}
			}
			p := &fakeProc{}
			runOnce(t, cfg, p)
			var want []string
			if !tt.recovered {
				want = []string{".selfeval-123.tmp", markerName(sha("PK a")), "a.xlsx"}
			}
			got := []string(nil)
			if exists(dead) {
				got = names(t, dead)
				if len(got) == 0 {
					got = nil
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("left in dead folder: %q, want %q", got, want)
			}
			if exists(filepath.Join(proc, "ghost-2-00.lock")) {
				t.Error("lone lock file not removed")
			}
			if gotDone := exists(filepath.Join(dir, "done", "a.xlsx")); gotDone != tt.recovered {
				t.Errorf("done/a.xlsx exists = %v, want %v", gotDone, tt.recovered)
			}
			if tt.recovered && exists(dead+".lock") {
				t.Error("dead instance's lock file left")
			}
		})
	}
}

// TestSameContentAtOnce drops copies of one file together: one is scored,
// the others wait while it is in flight and are then recorded as duplicates.
func TestSameContentAtOnce(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(dir)
	if _, err := New(cfg, &fakeProc{}); err != nil {
		t.Fatal(err)
	}
	want := []string{"c1.xlsx", "c2.xlsx", "c3.xlsx", "c4.xlsx"}
	for _, n := range want {
		writeFile(t, filepath.Join(dir, "inbox", n), "PK copy")
	}
	proc := &fakeProc{sleep: 30 * time.Millisecond}
	w := runOnce(t, cfg, proc)
	assertFolders(t, dir, want)
	// Each copy is scored once, so that done/ holds every one scored; the
	// first is done, the others duplicates (counted once).
	for _, n := range want {
		if c := proc.callsFor(n); len(c) != 1 {
			t.Errorf("%s scored %d times, want 1", n, len(c))
		}
		if got := readFile(t, filepath.Join(dir, "done", n)); got != "PK copy"+scoredLine {
			t.Errorf("done/%s = %q, want it scored", n, got)
		}
	}
	outcomes := map[string]int{}
	for _, e := range ledgerEntries(t, dir) {
		outcomes[e.Outcome]++
	}
	if want := map[string]int{OutcomeDone: 1, OutcomeDuplicate: 3}; !reflect.DeepEqual(outcomes, want) {
		t.Errorf("ledger outcomes %v, want %v", outcomes, want)
	}
	if st := w.Stats(); st != (Stats{Done: 1, Duplicate: 3}) {
		t.Errorf("stats = %+v", st)
	}
}

// assertFolders checks that done/ holds exactly want and inbox/,
// processing/ and failed/ are empty.
func assertFolders(t *testing.T, dir string, want []string) {
	t.Helper()
	for _, d := range []string{"inbox", "processing", "failed"} {
		if got := names(t, filepath.Join(dir, d)); len(got) != 0 {
			t.Errorf("%s/ = %q, want empty", d, got)
		}
	}
	if got := names(t, filepath.Join(dir, "done")); !reflect.DeepEqual(got, want) {
		t.Errorf("done/ = %q, want %q", got, want)
	}
}

// TestInvalidGoesToReturned: a form that was scored but did not pass goes to
// returned/ (configurable) with its feedback written in, and the ledger says
// so; its content does not count as processed, so the same file dropped
// again is scored again rather than recorded as a duplicate.
func TestInvalidGoesToReturned(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(dir)
	cfg.Returned = "zurück"
	proc := &fakeProc{}
	r := startWatcher(t, cfg, proc)
	files := map[string]string{"bad-form.xlsx": "PK" + invalidMark + " 1", "good.xlsx": "PK good"}
	for n, c := range files {
		writeFile(t, filepath.Join(dir, "inbox", n), c)
	}
	back := filepath.Join(dir, "zurück", "bad-form.xlsx")
	waitFor(t, "files moved", func() bool { return exists(back) && exists(filepath.Join(dir, "done", "good.xlsx")) })
	writeFile(t, filepath.Join(dir, "inbox", "again.xlsx"), files["bad-form.xlsx"])
	waitFor(t, "second copy moved", func() bool { return exists(filepath.Join(dir, "zurück", "again.xlsx")) })
	r.stop(t)
	if got, want := readFile(t, back), files["bad-form.xlsx"]+scoredLine; got != want {
		t.Errorf("returned file = %q, want the feedback written in: %q", got, want)
	}
	if got := names(t, filepath.Join(dir, "done")); !reflect.DeepEqual(got, []string{"good.xlsx"}) {
		t.Errorf("done/ = %q", got)
	}
	got := map[string]LedgerEntry{}
	for _, e := range ledgerEntries(t, dir) {
		got[e.File] = e
	}
	want := LedgerEntry{File: "bad-form.xlsx", Hash: sha(files["bad-form.xlsx"]), OutputHash: sha(files["bad-form.xlsx"] + scoredLine),
		Kind: "mof2020", Total: "179.00", Status: StatusInvalid, Outcome: OutcomeReturned}
	if !reflect.DeepEqual(got["bad-form.xlsx"], want) {
		t.Errorf("ledger line =\n %+v\nwant\n %+v", got["bad-form.xlsx"], want)
	}
	if e := got["again.xlsx"]; e.Outcome != OutcomeReturned {
		t.Errorf("same content again: outcome %q, want %q", e.Outcome, OutcomeReturned)
	}
	if st := r.w.Stats(); st != (Stats{Done: 1, Returned: 2}) {
		t.Errorf("stats = %+v", st)
	}
}

// TestErrorFilesReadable: the error files beside a failed file can be read
// by whoever can read the file itself (not 0600, as a temp file is made).
func TestErrorFilesReadable(t *testing.T) {
	dir := t.TempDir()
	inbox, failed := filepath.Join(dir, "inbox"), filepath.Join(dir, "failed")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	modes := map[string]os.FileMode{"open.xlsx": 0o644, "group.xlsx": 0o640, "shared.xlsx": 0o664}
	for n, m := range modes {
		p := filepath.Join(inbox, n)
		writeFile(t, p, "BAD content "+n)
		if err := os.Chmod(p, m); err != nil {
			t.Fatal(err)
		}
	}
	w := runOnce(t, testConfig(dir), &fakeProc{})
	if st := w.Stats(); st.Failed != len(modes) {
		t.Fatalf("stats = %+v", st)
	}
	for n, m := range modes {
		for _, s := range []string{"", errorTxt, errorJSON} {
			fi, err := os.Stat(filepath.Join(failed, n+s))
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != m {
				t.Errorf("failed/%s: mode %o, want %o as the file it explains", n+s, got, m)
			}
		}
	}
}

// TestMinAgeZero: with ZeroMinAge a MinAge of 0 is kept, not replaced by
// the default.
func TestMinAgeZero(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		zero bool
		want time.Duration
	}{{true, 0}, {false, DefaultMinAge}} {
		w, err := New(Config{Dir: dir, ZeroMinAge: tt.zero}, &fakeProc{})
		if err != nil {
			t.Fatal(err)
		}
		if w.cfg.MinAge != tt.want {
			t.Errorf("ZeroMinAge %v: MinAge = %v, want %v", tt.zero, w.cfg.MinAge, tt.want)
		}
	}
	// and a file is still taken only when unchanged over two listings
	cfg := testConfig(dir)
	cfg.MinAge, cfg.ZeroMinAge = 0, true
	writeFile(t, filepath.Join(dir, "inbox", "a.xlsx"), "PK zero")
	w := runOnce(t, cfg, &fakeProc{})
	if st := w.Stats(); st.Done != 1 || !exists(filepath.Join(dir, "done", "a.xlsx")) {
		t.Errorf("stats = %+v", st)
	}
}
