// Command selfeval issues, reads, validates, scores and writes back the
// project-expenditure performance self-evaluation form (财政项目支出绩效自评表).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// memoryLimit is the soft limit the garbage collector keeps the heap under
// (GOMEMLIMIT overrides it): with the open-time budgets of package workbook
// it holds one file's peak near 200 MB instead of twice the live heap.
const memoryLimit = 160 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(context.Background(), os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes: the contract with scripts (SPEC "Commands").
const (
	exitOK         = 0 // no file has an error finding
	exitInvalid    = 1 // some file has error findings
	exitUsage      = 2 // usage error
	exitUnreadable = 3 // some file could not be read at all
)

// exitError carries an exit code through the command tree.
type exitError struct {
	code int
	err  error // nil when the command already reported everything
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks an error in how the command was called.
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// run is main without the process: it maps every error to an exit code in
// one place and speaks with one voice on stderr.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, args)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			reportError(stderr, ee.err)
		}
		return ee.code
	}
	// Anything urfave/cli returns by itself is about the command line.
	reportError(stderr, err)
	return exitUsage
}

// reportError prints "selfeval: error: …" and, where the error carries one,
// "selfeval: hint: …".
func reportError(w io.Writer, err error) {
	fmt.Fprintf(w, "selfeval: error: %v\n", err)
	var h interface{ Hint() string }
	if errors.As(err, &h) && h.Hint() != "" {
		fmt.Fprintf(w, "selfeval: hint: %s\n", h.Hint())
	}
}
