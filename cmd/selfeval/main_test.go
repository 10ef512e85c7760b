package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/selfeval/selfeval/internal/dump"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// testCommands are more commands the test binary runs when invoked by
// their name, for tests that need a helper process.
var testCommands = map[string]func(){}

// afterTests run once the tests are done, before the binary exits (the
// integration suite stops its LibreOffice there).
var afterTests []func()

// runThenClean runs the tests, then afterTests.
type runThenClean struct{ m *testing.M }

func (r runThenClean) Run() int {
	code := r.m.Run()
	for _, f := range afterTests {
		f()
	}
	return code
}

func TestMain(m *testing.M) {
	cmds := map[string]func(){
		"selfeval": func() { os.Exit(exitStatus(os.Stderr, run(context.Background(), os.Args, os.Stdout, os.Stderr))) },
	}
	for name, f := range testCommands {
		cmds[name] = f
	}
	testscript.Main(runThenClean{m}, cmds)
}

// TestScripts runs the end-to-end CLI scripts in testdata/script over the
// real binary.
func TestScripts(t *testing.T) {
	samples, err := filepath.Abs("../../samples")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SAMPLES", samples)
			env.Setenv("LASTYEAR", strconv.Itoa(time.Now().Year()-1))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fill":    cmdFill,
			"json":    cmdJSON,
			"xlsx":    cmdXLSX,
			"count":   cmdCount,
			"corrupt": cmdCorrupt,
			"setcell": cmdSetCell,
			"status":  cmdStatus,
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			if cond == "integration" {
				return integrationTag, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// fill TEMPLATE ENTRY.json — types an Entry into a template, as a person would.
func cmdFill(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: fill TEMPLATE ENTRY.json")
	}
	var e form.Entry
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[1])), &e))
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	k := form.Lookup(e.Kind)
	if k == nil {
		ts.Fatalf("unknown kind %q", e.Kind)
	}
	err = template.Fill(f, k, template.Options{Year: e.Year}, &e)
	if neg {
		if err == nil {
			ts.Fatalf("fill succeeded unexpectedly")
		}
		return
	}
	ts.Check(err)
	ts.Check(f.Save())
}

// json FILE PATH WANT — the value at PATH (.files.0.total) of the JSON
// document in FILE (or stdout) printed as JSON equals WANT.
func cmdJSON(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: json FILE PATH WANT")
	}
	var doc any
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &doc))
	v := doc
	for _, part := range strings.Split(strings.TrimPrefix(args[1], "."), ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i >= len(x) {
				ts.Fatalf("%s: no element %s", args[1], part)
			}
			v = x[i]
		default:
			ts.Fatalf("%s: cannot index %T with %s", args[1], v, part)
		}
	}
	got, _ := json.Marshal(v)
	if (string(got) == args[2]) == neg {
		ts.Fatalf("%s = %s, want %s%s", args[1], got, map[bool]string{true: "not "}[neg], args[2])
	}
}

// xlsx FILE — prints the workbook's text dump to stdout.
func cmdXLSX(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: xlsx FILE")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	s, err := dump.Text(f)
	ts.Check(err)
	fmt.Fprint(ts.Stdout(), s)
}

// count FILE REGEXP N — FILE (or stdout) has exactly N matches of REGEXP.
func cmdCount(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: count FILE REGEXP N")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	n, err := strconv.Atoi(args[2])
	ts.Check(err)
	got := len(re.FindAllStringIndex(ts.ReadFile(args[0]), -1))
	if (got == n) == neg {
		ts.Fatalf("%d matches of %q, want %s%d", got, args[1], map[bool]string{true: "not "}[neg], n)
	}
}

// corrupt SRC DST — writes the first half of SRC to DST (a truncated copy).
func cmdCorrupt(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: corrupt SRC DST")
	}
	b := []byte(ts.ReadFile(args[0]))
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b[:len(b)/2], 0o644))
}

// setcell FILE SHEET CELL VALUE — removes the sheet's protection and types
// VALUE into CELL, as someone editing locked content would.
func cmdSetCell(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 4 {
		ts.Fatalf("usage: setcell FILE SHEET CELL VALUE")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	ts.Check(f.UnprotectSheet(args[1]))
	ts.Check(f.SetCellValue(args[1], args[2], args[3]))
	ts.Check(f.Save())
}

// status N PROG ARGS... — runs PROG like exec and checks it exits with N.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: status N PROG ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%v", err)
		}
		got = ee.ExitCode()
	}
	if (got == want) == neg {
		ts.Fatalf("exit status %d, want %s%d", got, map[bool]string{true: "not "}[neg], want)
	}
}
