//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/selfeval/selfeval/internal/hostile"
)

// Budgets the bad-input corpus is held to, per file, measured on the built
// binary in a child process. The time bound is generous: it catches a hang
// or a quadratic path, not a slow machine.
const (
	maxRSS  = 256 << 20
	maxTime = 90 * time.Second
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// selfevalBinary builds the command once (without the race detector, so that
// its memory is what users see).
func selfevalBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "selfeval-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "selfeval")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &exec.ExitError{Stderr: out}
		}
	})
	if binErr != nil {
		t.Fatalf("go build: %v", binErr)
	}
	return binPath
}

// result is one run of the binary.
type result struct {
	code   int
	output string // stdout then stderr
	rss    int64  // peak resident memory, bytes
	took   time.Duration
}

// rusageName is the name under which the test binary runs a command and
// writes its peak memory to the file named by $SELFEVAL_RUSAGE_OUT. The
// measure must come from a small parent: on Linux a child's ru_maxrss starts
// from its parent's high-water mark, and this test process holds the corpus.
const rusageName = "selfeval-rusage"

func init() {
	testCommands[rusageName] = func() {
		cmd := exec.Command(os.Args[1], os.Args[2:]...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		err := cmd.Run()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			fmt.Fprintln(os.Stderr, rusageName+":", err)
			os.Exit(125)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			_ = os.WriteFile(os.Getenv("SELFEVAL_RUSAGE_OUT"), []byte(strconv.FormatInt(ru.Maxrss, 10)), 0o644)
		}
		os.Exit(cmd.ProcessState.ExitCode())
	}
}

func runBinary(t *testing.T, dir string, args ...string) result {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	rusage := filepath.Join(t.TempDir(), "maxrss")
	cmd := exec.Command(self, append([]string{selfevalBinary(t)}, args...)...)
	cmd.Args[0] = rusageName
	cmd.Env = append(os.Environ(), "SELFEVAL_RUSAGE_OUT="+rusage)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(3*maxTime, func() { _ = cmd.Process.Kill() })
	err = cmd.Wait()
	timer.Stop()
	r := result{took: time.Since(start), output: out.String() + errb.String()}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	r.code = cmd.ProcessState.ExitCode()
	kb, err := os.ReadFile(rusage)
	if err != nil {
		t.Fatalf("no memory measure: %v\n%s", err, r.output)
	}
	if r.rss, err = strconv.ParseInt(string(kb), 10, 64); err != nil {
		t.Fatal(err)
	}
	r.rss <<= 10 // kilobytes on Linux
	return r
}

// TestBadInputCorpus scores each file of the bad-input corpus with the built
// binary: the exit code, a message naming the file and the problem, the file
// byte-identical when it could not be scored, and time and peak memory
// within the budgets. The large files are built by internal/hostile.
func TestBadInputCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and 100 MB of files")
	}
	if raceDetector {
		// Building 100 MB of zip under -race takes minutes; make unit runs
		// this test again without it.
		t.Skip("run without -race (make unit does)")
	}
	src, err := os.ReadFile("../../samples/mof2020-cooperation.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	const sheet = "xl/worksheets/sheet1.xml"
	same := func(b []byte) func() ([]byte, error) { return func() ([]byte, error) { return b, nil } }
	type tcase struct {
		name  string
		build func() ([]byte, error)
		code  int
		want  []string // in the output, after the file name
		not   []string // never in the output
	}
	cases := []tcase{
		{"empty.xlsx", same(nil), exitUnreadable, []string{"文件为空"}, nil},
		{"text.xlsx", same([]byte("项目名称,金额\n")), exitUnreadable, []string{"不是 zip 压缩包"}, nil},
		{"truncated.xlsx", same(src[:len(src)/2]), exitUnreadable, []string{"文件不完整或已损坏"}, nil},
		{"rows-43MB.xlsx", func() ([]byte, error) { return hostile.PadRows(src, sheet, 150<<20, 1) },
			exitUnreadable, []string{"部件 xl/worksheets/sheet1.xml 解压后超过 12 MB 的上限"}, nil},
		{"rows-14MB.xlsx", func() ([]byte, error) { return hostile.PadRows(src, sheet, 50<<20, 2) },
			exitUnreadable, []string{"部件 xl/worksheets/sheet1.xml 解压后超过 12 MB 的上限"}, nil},
		{"sheets-300.xlsx", func() ([]byte, error) { return hostile.Sheets(src, 300) },
			exitUnreadable, []string{"工作表超过 255 个的上限"}, nil},
		{"bomb.xlsx", func() ([]byte, error) { return hostile.Part(src, "xl/worksheets/sheet9.xml", 200<<20, '0') },
			exitUnreadable, []string{"压缩比异常"}, nil},
		{"xml-total.xlsx", func() ([]byte, error) {
			b, err := hostile.RandomPart(src, "xl/extra1.xml", 21<<19, 1)
			if err != nil {
				return nil, err
			}
			return hostile.RandomPart(b, "xl/extra2.xml", 21<<19, 2)
		}, exitUnreadable, []string{"XML 部件解压后的总大小超过 20 MB 的上限"}, nil},
	}
	small, err := hostile.Small(src)
	if err != nil {
		t.Fatal(err)
	}
	smallWant := map[string]tcase{
		"nan-weight.xlsx":     {code: exitInvalid, want: []string{"F13", "分值的值“NaN”不是有限的数值（NaN 或无穷大）"}, not: []string{",NaN"}},
		"inf-score.xlsx":      {code: exitInvalid, want: []string{"G13", "“-Inf”不是有限的数值"}},
		"subcent-weight.xlsx": {code: exitInvalid, want: []string{"F13", "分值 0.009 小于 0.01"}, not: []string{"0.01 低于"}},
		"merges-2000.xlsx":    {code: exitOK},
		"lying-size.xlsx":     {code: exitUnreadable, want: []string{"部件 xl/worksheets/sheet1.xml"}},
	}
	for _, c := range small {
		w, ok := smallWant[c.Name]
		if !ok {
			// Bad cell references and shared-string indexes: unreadable or
			// invalid, but always a clear answer naming the file.
			w.code = -1
		}
		w.name, w.build = c.Name, same(c.Data)
		cases = append(cases, w)
	}
	dir := t.TempDir()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, tc.name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			r := runBinary(t, dir, "score", tc.name)
			t.Logf("%s (%d bytes): exit %d in %v, peak %d MB", tc.name, len(data), r.code, r.took.Round(time.Millisecond), r.rss>>20)
			checkRun(t, r, tc.name, tc.code, tc.want, tc.not)
			if r.code == exitUnreadable {
				if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, data) {
					t.Errorf("%s changed by a failed score", tc.name)
				}
			}
		})
	}
}

// TestLargeAcceptedFiles scores the largest files the budgets accept: a
// sheet just under the part limit, and 60 MB of pictures in a 64 MB file.
func TestLargeAcceptedFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and 60 MB of files")
	}
	if raceDetector {
		// Building 100 MB of zip under -race takes minutes; make unit runs
		// this test again without it.
		t.Skip("run without -race (make unit does)")
	}
	src, err := os.ReadFile("../../samples/mof2020-cooperation.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		build func() ([]byte, error)
		code  int
	}{
		{"rows-11MB.xlsx", func() ([]byte, error) { return hostile.PadRows(src, "xl/worksheets/sheet1.xml", 11<<20, 3) }, exitInvalid},
		{"pictures-60MB.xlsx", func() ([]byte, error) { return hostile.RandomPart(src, "xl/media/image1.png", 60<<20, 4) }, exitOK},
		// excelize merges overlapping ranges pairwise on every read and
		// write of merges: 60 000 ranges took 85 s to score before the
		// write-back took them out of its way.
		{"merges-60000.xlsx", func() ([]byte, error) { return hostile.Merges(src, "xl/worksheets/sheet1.xml", 60000) }, exitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, tc.name), data, 0o644); err != nil {
				t.Fatal(err)
			}
			r := runBinary(t, dir, "score", tc.name)
			t.Logf("%s (%d bytes): exit %d in %v, peak %d MB", tc.name, len(data), r.code, r.took.Round(time.Millisecond), r.rss>>20)
			checkRun(t, r, tc.name, tc.code, nil, nil)
		})
	}
}

// TestFIFOIsRefused: a named pipe called .xlsx is refused at once.
func TestFIFOIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.xlsx"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"check", "score"} {
		r := runBinary(t, dir, cmd, "pipe.xlsx")
		checkRun(t, r, "pipe.xlsx", exitUnreadable, []string{"不是普通文件：这是命名管道（FIFO）"}, nil)
		if r.took > 10*time.Second {
			t.Errorf("%s took %v", cmd, r.took)
		}
	}
}

// TestFIFOOptionFiles: a named pipe given as --rules or --from is refused,
// not waited on.
func TestFIFOOptionFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.xlsx"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", "--rules", "pipe", "a.xlsx"},
		{"template", "--kind", "mof2020", "--from", "pipe", "--out-dir", "out"},
	} {
		r := runBinary(t, dir, args...)
		if r.code != exitUsage && r.code != exitUnreadable || !strings.Contains(r.output, "pipe") || !strings.Contains(r.output, "不是普通文件") {
			t.Errorf("%q: exit %d\n%s", args, r.code, r.output)
		}
		if r.took > 10*time.Second {
			t.Errorf("%q took %v", args, r.took)
		}
	}
}

// checkRun checks a run against the budgets and its expected answer; code -1
// accepts invalid or unreadable.
func checkRun(t *testing.T, r result, name string, code int, want, not []string) {
	t.Helper()
	switch {
	case code == -1 && r.code != exitInvalid && r.code != exitUnreadable,
		code != -1 && r.code != code:
		t.Errorf("exit %d, want %d\n%s", r.code, code, r.output)
	}
	if !strings.Contains(r.output, name) {
		t.Errorf("output does not name %s:\n%s", name, r.output)
	}
	for _, w := range want {
		if !strings.Contains(r.output, w) {
			t.Errorf("output lacks %q:\n%s", w, r.output)
		}
	}
	for _, n := range not {
		if strings.Contains(r.output, n) {
			t.Errorf("output has %q:\n%s", n, r.output)
		}
	}
	if r.rss > maxRSS {
		t.Errorf("peak memory %d MB, budget %d MB", r.rss>>20, maxRSS>>20)
	}
	if r.took > maxTime {
		t.Errorf("took %v, budget %v", r.took, maxTime)
	}
}
