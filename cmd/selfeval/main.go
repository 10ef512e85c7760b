package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/selfeval/selfeval/validate"
)

// memoryLimit is the soft limit the garbage collector keeps the heap under
// (GOMEMLIMIT overrides it): with the open-time budgets of package workbook
// it holds one file's peak near 200 MB instead of twice the live heap.
const memoryLimit = 160 << 20

// gcPercent lets the heap grow to five times what is live before a
// collection (GOGC overrides it): a batch keeps only a few MB live, so this
// costs some 7 MB of a batch's peak (27 → 34 MB on 1000 forms) and saves a
// tenth to a sixth of check's CPU against 200; the memory limit still bounds
// a large file, a sheet part over 1 MiB is followed by a collection, and a
// large file turns the collector down to gcPercentLarge (budget.go), so a
// 10 000-row form stays under 50 MiB.
const gcPercent = 400

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	err := run(context.Background(), os.Args, os.Stdout, os.Stderr)
	os.Exit(exitStatus(os.Stderr, err))
}

// Exit codes: the contract with scripts (SPEC "Commands"). When several
// apply, the highest wins.
const (
	exitOK         = 0 // no file has an error finding
	exitInvalid    = 1 // some file has error findings
	exitUsage      = 2 // usage error
	exitUnreadable = 3 // some file could not be read at all
	exitUnwritable = 4 // some file was checked but could not be written back
)

// exitError carries an exit code through the command tree.
type exitError struct {
	code int
	err  error         // nil when the command already reported everything
	lang validate.Lang // the language the user asked for, set by run
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks an error in how the command was called, said in Chinese
// and in English.
func usageError(zh, en string, args ...any) error {
	return say(zh, en, args...).usage()
}

// run is main without the process: it parses the command line, runs the
// command and returns an *exitError saying what main should print and exit
// with (nil for success). Reports go to stdout, errors and hints to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	lang, err := langOf(args)
	if err != nil {
		return err
	}
	app := newApp(lang, stdout, stderr)
	if args, err = normalizeArgs(app, args); err == nil {
		err = app.RunContext(ctx, args)
	}
	if err == nil {
		return nil
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// anything urfave/cli returns by itself is about the command line
		ee = &exitError{code: exitUsage, err: err}
	}
	ee.lang = lang
	return ee
}

// exitStatus prints what err says on stderr and returns the exit code.
func exitStatus(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		printError(stderr, err, validate.Chinese)
		return exitUsage
	}
	if ee.err != nil {
		printError(stderr, ee.err, ee.lang)
	}
	return ee.code
}
