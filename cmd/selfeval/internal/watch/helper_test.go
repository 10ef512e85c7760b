package watch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The test binary doubles as a watcher process: with helperEnv set, TestMain
// runs a watcher (or ledger writer) described by argsEnv instead of the tests.
const (
	helperEnv = "SELFEVAL_WATCH_TEST_HELPER"
	argsEnv   = "SELFEVAL_WATCH_TEST_ARGS"
)

// helperArgs configures a helper process.
type helperArgs struct {
	Dir        string `json:"dir"`
	IntervalMS int    `json:"interval_ms"`
	MinAgeMS   int    `json:"min_age_ms"`
	Workers    int    `json:"workers"`
	Once       bool   `json:"once"`
	SleepMS    int    `json:"sleep_ms"`
	StartedDir string `json:"started_dir"`
	Release    string `json:"release"`
	// ledger mode
	Ledger string `json:"ledger"`
	Tag    string `json:"tag"`
	Count  int    `json:"count"`
}

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "watch":
		os.Exit(helperWatch())
	case "ledger":
		os.Exit(helperLedger())
	}
	os.Exit(m.Run())
}

func readHelperArgs() helperArgs {
	var a helperArgs
	if err := json.Unmarshal([]byte(os.Getenv(argsEnv)), &a); err != nil {
		fmt.Fprintln(os.Stderr, "helper args:", err)
		os.Exit(2)
	}
	return a
}

func helperWatch() int {
	a := readHelperArgs()
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	proc := &fakeProc{sleep: time.Duration(a.SleepMS) * time.Millisecond, startedDir: a.StartedDir, release: a.Release}
	w, err := New(Config{
		Dir: a.Dir, Interval: time.Duration(a.IntervalMS) * time.Millisecond,
		MinAge: time.Duration(a.MinAgeMS) * time.Millisecond, Workers: a.Workers, Once: a.Once, Logger: log,
	}, proc)
	if err != nil {
		fmt.Fprintln(os.Stderr, "new:", err)
		return 1
	}
	ctx, stop := Signals(context.Background())
	defer stop()
	if err := w.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "run:", err)
		return 1
	}
	return 0
}

func helperLedger() int {
	a := readHelperArgs()
	l := newLedger(a.Ledger)
	for i := 0; i < a.Count; i++ {
		e := LedgerEntry{File: fmt.Sprintf("%s-%d.xlsx", a.Tag, i), Hash: fmt.Sprintf("%s-%d", a.Tag, i), Outcome: OutcomeDone}
		if err := l.locked(func(f *os.File) error { return l.appendEntry(f, e) }); err != nil {
			fmt.Fprintln(os.Stderr, "append:", err)
			return 1
		}
	}
	return 0
}

// scoredLine is what the fake processor appends; a file scored twice would
// carry it twice.
const scoredLine = "\nscored-by-fake\n"

// hintError is a Processor error that says what to do.
type hintError struct{ msg, hint string }

func (e hintError) Error() string { return e.msg }
func (e hintError) Hint() string  { return e.hint }

// fakeProc stands in for the workbook scorer. Content starting with "PK" is
// "scored" by appending scoredLine atomically (once: re-scoring is a no-op, as
// for the real one); "BAD" fails; "HINT" fails with a hint; anything else is
// "not an xlsx".
type fakeProc struct {
	sleep      time.Duration
	startedDir string // create STARTEDDIR/NAME on start
	release    string // wait for this path to exist before finishing

	mu    sync.Mutex
	calls map[string][]string // name → contents seen
}

func (p *fakeProc) Process(ctx context.Context, path string) (Outcome, error) {
	data, err := os.ReadFile(path)
	name := filepath.Base(path)
	p.mu.Lock()
	if p.calls == nil {
		p.calls = map[string][]string{}
	}
	p.calls[name] = append(p.calls[name], string(data))
	p.mu.Unlock()
	if err != nil {
		return Outcome{}, err
	}
	if p.startedDir != "" {
		_ = os.WriteFile(filepath.Join(p.startedDir, name), nil, 0o644)
	}
	if p.release != "" {
		for end := time.Now().Add(2 * time.Minute); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
			if _, err := os.Stat(p.release); err == nil {
				break
			}
		}
	}
	time.Sleep(p.sleep)
	switch {
	case bytes.HasPrefix(data, []byte(partialMark)) && !bytes.HasSuffix(bytes.TrimSuffix(data, []byte(scoredLine)), []byte(partialEnd)):
		return Outcome{}, incompleteError{}
	case bytes.HasPrefix(data, []byte("BAD")):
		return Outcome{}, errors.New("不是自评表：内容损坏")
	case bytes.HasPrefix(data, []byte("HINT")):
		return Outcome{}, hintError{"缺少工作表“项目支出绩效自评表”", "请使用最新模板重新填写。"}
	case !bytes.HasPrefix(data, []byte("PK")):
		return Outcome{}, errors.New("不是 xlsx 文件")
	}
	if !bytes.HasSuffix(data, []byte(scoredLine)) {
		if err := writeAtomic(path, append(data, scoredLine...)); err != nil {
			return Outcome{}, err
		}
	}
	if bytes.Contains(data, []byte(invalidMark)) {
		return Outcome{Kind: "mof2020", Total: "179.00", Status: StatusInvalid, Errors: 2}, nil
	}
	return Outcome{Kind: "mof2020", Total: "97.78", Grade: "优", Status: "ok", Warnings: 1}, nil
}

// Content that starts with partialMark is whole only when it ends in
// partialEnd; before that fakeProc says it is incomplete, as the reader
// says of a zip cut short.
const (
	partialMark = "PKZ"
	partialEnd  = "#END"
)

// incompleteError is the error of a file cut short.
type incompleteError struct{}

func (incompleteError) Error() string {
	return "文件不完整或已损坏（可能只复制了一部分）"
}
func (incompleteError) Incomplete() bool { return true }

// invalidMark in a file's content makes fakeProc report a form that did not
// pass.
const invalidMark = "INVALID"

func (p *fakeProc) callsFor(name string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.calls[name]...)
}

func (p *fakeProc) totalCalls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.calls {
		n += len(c)
	}
	return n
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix+"*.tmp")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}

// --- in-process watchers ---

type running struct {
	w      *Watcher
	cancel context.CancelFunc
	done   chan struct{} // closed when Run returned
	err    error         // Run's result, set before done closes
}

// stop cancels and waits for Run; it fails the test if Run returned an error.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case <-r.done:
		if r.err != nil {
			t.Fatalf("Run: %v", r.err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("Run did not return within 60s after cancel")
	}
}

func testConfig(dir string) Config {
	return Config{Dir: dir, Interval: 20 * time.Millisecond, MinAge: 20 * time.Millisecond, Workers: 2}
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func startWatcher(t *testing.T, cfg Config, p Processor) *running {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = testLogger(t)
	}
	w, err := New(cfg, p)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{w: w, cancel: cancel, done: make(chan struct{})}
	go func() {
		r.err = w.Run(ctx)
		close(r.done)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(60 * time.Second):
		}
	})
	return r
}

// runOnce runs a watcher with Once and fails the test unless it returns nil.
func runOnce(t *testing.T, cfg Config, p Processor) *Watcher {
	t.Helper()
	cfg.Once = true
	if cfg.Logger == nil {
		cfg.Logger = testLogger(t)
	}
	w, err := New(cfg, p)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- w.Run(context.Background()) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(90 * time.Second):
		t.Fatal("Once run did not return within 90s")
	}
	return w
}

// --- folders ---

const waitLimit = 60 * time.Second

// waitFor polls cond until it holds or the limit passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(waitLimit); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out after %v waiting for %s", waitLimit, what)
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	out := []string{}
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// ledgerEntries reads the ledger with the volatile fields blanked.
func ledgerEntries(t *testing.T, dir string) []LedgerEntry {
	t.Helper()
	es, err := ReadLedger(filepath.Join(dir, "ledger.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range es {
		if _, err := time.Parse(time.RFC3339, es[i].Time); err != nil {
			t.Errorf("ledger line %d: time %q is not RFC 3339", i, es[i].Time)
		}
		if es[i].Instance == "" {
			t.Errorf("ledger line %d: no instance", i)
		}
		es[i].Time, es[i].Instance = "", ""
	}
	return es
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func doneEntry(name, content string) LedgerEntry {
	return LedgerEntry{File: name, Hash: sha(content), OutputHash: sha(content + scoredLine),
		Kind: "mof2020", Total: "97.78", Grade: "优", Status: "ok", Outcome: OutcomeDone}
}

// --- helper processes ---

type helperProc struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	logs bytes.Buffer
	done chan struct{}
	code int
}

func startHelper(t *testing.T, mode string, a helperArgs) *helperProc {
	t.Helper()
	js, _ := json.Marshal(a)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, argsEnv+"="+string(js))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &helperProc{cmd: cmd, done: make(chan struct{})}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for sc.Scan() {
			h.mu.Lock()
			h.logs.Write(sc.Bytes())
			h.logs.WriteByte('\n')
			h.mu.Unlock()
		}
		err := cmd.Wait()
		h.code = cmd.ProcessState.ExitCode()
		if err != nil && h.code == 0 {
			h.code = -1
		}
		close(h.done)
	}()
	t.Cleanup(func() {
		select {
		case <-h.done:
		default:
			_ = cmd.Process.Kill()
			<-h.done
		}
	})
	return h
}

func (h *helperProc) log() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.logs.String()
}

// wait returns the exit code, failing the test if the process runs on.
func (h *helperProc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-h.done:
		return h.code
	case <-time.After(90 * time.Second):
		_ = h.cmd.Process.Kill()
		<-h.done
		t.Fatalf("helper did not exit within 90s; log:\n%s", h.log())
		return 0
	}
}
