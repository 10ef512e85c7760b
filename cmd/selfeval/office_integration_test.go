//go:build integration

package main

// One LibreOffice for the whole integration suite: testdata/uno/office.py
// starts one headless soffice with a private profile on the first test
// that needs it, and every conversion, UNO typing and UNO view goes to that
// process, one request at a time, instead of a soffice started (and its
// profile created) per conversion. The tests run in parallel around it:
// while one waits for LibreOffice, the others score and read with openpyxl.
// The process ends when the test binary's tests are done (afterTests), or,
// should the binary die, when office.py sees its stdin close.

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	soTimeout    = 180 * time.Second // one conversion
	unoTimeout   = 5 * time.Minute   // one typing or view request
	startTimeout = 3 * time.Minute   // soffice up and connected
)

// office is the shared LibreOffice: office.py and the soffice it started.
type office struct {
	mu      sync.Mutex // one request at a time
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	lines   chan string
	stderr  *lockedBuffer
	profile string
	broken  error // set when a request timed out or the process died
}

var shared struct {
	once sync.Once
	lo   *office
	err  error
}

func init() {
	afterTests = append(afterTests, func() {
		if shared.lo != nil {
			shared.lo.stop()
		}
	})
}

// needTools returns the shared LibreOffice, started on first use. Without
// soffice or the system python's uno and openpyxl modules the test is
// skipped, except under CI, where it fails.
func needTools(t *testing.T) *office {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		missingTool(t, "soffice (LibreOffice) is not installed: apt-get install libreoffice-calc")
	}
	if out, err := exec.Command(python, "-c", "import uno, openpyxl").CombinedOutput(); err != nil {
		missingTool(t, fmt.Sprintf("%s cannot import uno and openpyxl (%v: %s): apt-get install python3-uno python3-openpyxl", python, err, out))
	}
	shared.once.Do(func() { shared.lo, shared.err = startOffice() })
	if shared.err != nil {
		t.Fatalf("LibreOffice: %v", shared.err)
	}
	return shared.lo
}

// missingTool fails the test under CI (CI set), where the real clients must
// run, and skips it elsewhere.
func missingTool(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal("CI: " + why)
	}
	t.Skip("SKIP: " + why)
}

func startOffice() (*office, error) {
	profile, err := os.MkdirTemp("", "selfeval-office-")
	if err != nil {
		return nil, err
	}
	script, err := filepath.Abs(filepath.Join("testdata", "uno", "office.py"))
	if err != nil {
		return nil, err
	}
	o := &office{profile: profile, stderr: &lockedBuffer{}, lines: make(chan string, 1)}
	o.cmd = exec.Command(python, script, profile)
	// Its own process group: soffice is killed with it if it hangs.
	o.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	o.cmd.Stderr = o.stderr
	if o.stdin, err = o.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := o.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := o.cmd.Start(); err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 256<<20)
		for sc.Scan() {
			o.lines <- sc.Text()
		}
		close(o.lines)
	}()
	var ready struct{ Ready bool }
	if line, err := o.answer(startTimeout); err != nil || json.Unmarshal([]byte(line), &ready) != nil || !ready.Ready {
		o.stop()
		return nil, fmt.Errorf("office.py did not start soffice in %s: %v %q\n%s", startTimeout, err, line, o.stderr)
	}
	fmt.Fprintf(os.Stderr, "integration: one LibreOffice started in %s\n", time.Since(start).Round(time.Millisecond))
	return o, nil
}

// answer waits for office.py's next line.
func (o *office) answer(timeout time.Duration) (string, error) {
	select {
	case line, ok := <-o.lines:
		if !ok {
			return "", errors.New("office.py exited")
		}
		return line, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("no answer from LibreOffice in %s", timeout)
	}
}

// request sends one request and returns the answer's out. A request that
// times out ends the process: the next ones fail at once.
func (o *office) request(req map[string]any, timeout time.Duration) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.broken != nil {
		return "", o.broken
	}
	b, err := json.Marshal(req)
	if err != nil {
		return "", err
	}
	if _, err := o.stdin.Write(append(b, '\n')); err != nil {
		o.broken = fmt.Errorf("office.py: %v\n%s", err, o.stderr)
		return "", o.broken
	}
	line, err := o.answer(timeout)
	if err != nil {
		o.broken = fmt.Errorf("%s %v: %v\n%s", req["op"], req["in"], err, o.stderr)
		o.kill()
		return "", o.broken
	}
	var ans struct {
		Out   string `json:"out"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal([]byte(line), &ans); err != nil {
		return "", fmt.Errorf("office.py answered %q: %v", line, err)
	}
	if ans.Error != "" {
		return "", errors.New(ans.Error)
	}
	return ans.Out, nil
}

// convert converts in to format ("xlsx", "pdf", "xls", "fods") into outDir,
// as soffice --convert-to does, and returns the new file's path.
func (o *office) convert(t *testing.T, in, format, outDir string) string {
	t.Helper()
	start := time.Now()
	abs, err := filepath.Abs(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := o.request(map[string]any{"op": "convert", "in": abs, "format": format, "outdir": outDir}, soTimeout)
	if err != nil {
		t.Fatalf("LibreOffice: convert %s to %s: %v", in, format, err)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("LibreOffice: convert %s to %s: no file (%v)", in, format, err)
	}
	t.Logf("LibreOffice convert to %s %s: %s", format, filepath.Base(in), time.Since(start).Round(time.Millisecond))
	return out
}

// convertAll converts files to format into outDir.
func (o *office) convertAll(t *testing.T, format, outDir string, files []string) {
	t.Helper()
	for _, f := range files {
		o.convert(t, f, format, outDir)
	}
}

// uno runs a typing ("type") or view ("view") request with the jobs and
// returns its output.
func (o *office) uno(t *testing.T, op string, jobs any) string {
	t.Helper()
	out, err := o.request(map[string]any{"op": op, "jobs": jobs}, unoTimeout)
	if err != nil {
		t.Fatalf("LibreOffice %s: %v", op, err)
	}
	return out
}

// kill ends office.py and soffice (their process group).
func (o *office) kill() {
	if o.cmd.Process != nil {
		_ = syscall.Kill(-o.cmd.Process.Pid, syscall.SIGKILL) // the group this suite started
	}
}

// stop closes office.py's stdin (it asks soffice to quit), waits for it and
// removes the profile.
func (o *office) stop() {
	_ = o.stdin.Close()
	done := make(chan struct{})
	go func() {
		_ = o.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		o.kill()
		<-done
	}
	os.RemoveAll(o.profile)
}

// lockedBuffer keeps what the process writes to stderr (the first MB), safe
// for its writes and our reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 1<<20 {
		return len(p), nil // enough to say what went wrong
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
