package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/urfave/cli/v2"
)

// evaluation is what the rule book made of one file, or of one form of a
// workbook that holds several.
type evaluation struct {
	Path      string
	Forms     int // how many forms the file holds (several: one evaluation each)
	Form      *form.Form
	Result    *validate.Result
	InputHash string
	Err       error // the file could not be read at all
	WriteErr  error // the file was checked but its results could not be written
}

// status is the file's status in the JSON contract.
func (e *evaluation) status(strict bool) string {
	switch {
	case e.Err != nil:
		return "unreadable"
	case e.WriteErr != nil:
		return "unwritable"
	case e.failed(strict):
		return "invalid"
	}
	return "ok"
}

func (e *evaluation) failed(strict bool) bool {
	if e.Result == nil {
		return false
	}
	errs, warns, _ := e.Result.Counts()
	return errs > 0 || (strict && warns > 0)
}

// engine runs the rule book with one profile.
type engine struct {
	profile *validate.Profile
	lang    validate.Lang
	strict  bool
}

// newEngine loads the rules profile o names, to speak the language the
// command line asked for.
func newEngine(c *cli.Context, o rulesOptions) (*engine, error) {
	lang := langOfContext(c)
	p := validate.DefaultProfile()
	if o.Rules != "" {
		if _, err := os.Stat(o.Rules); errors.Is(err, os.ErrNotExist) {
			return nil, usageError("规则文件 %s 不存在", "the rules file %s does not exist", o.Rules)
		}
		var err error
		if p, err = validate.LoadProfile(o.Rules); err != nil {
			return nil, &exitError{code: exitUsage, err: err}
		}
	}
	return &engine{profile: p, lang: lang, strict: o.Strict}, nil
}

// evaluate opens, reads and checks one file: its first form.
func (g *engine) evaluate(path string) *evaluation {
	return g.evaluateAll(path)[0]
}

// evaluateAll opens, reads and checks one file: one evaluation per form it
// holds, in sheet order. It never panics on bad input: a panic inside a codec
// is turned into an unreadable file.
func (g *engine) evaluateAll(path string) (evs []*evaluation) {
	fail := func(err error) []*evaluation { return []*evaluation{{Path: path, Err: err}} }
	defer func() {
		if r := recover(); r != nil {
			evs = fail(fmt.Errorf("%s：无法读取（内部错误：%v）", path, r))
		}
	}()
	if _, err := os.Stat(path); err != nil {
		return fail(notFound(path, err, g.lang))
	}
	f, err := workbook.Open(path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	fms, err := workbook.ReadAll(f, path)
	if err != nil {
		return fail(err)
	}
	for _, fm := range fms {
		ev := &evaluation{Path: path, Forms: len(fms), Form: fm, InputHash: fm.InputHash()}
		ev.Result = validate.Check(fm, g.profile, g.lang)
		for i := range ev.Result.Findings {
			if ev.Result.Findings[i].Sheet == "" {
				ev.Result.Findings[i].Sheet = fm.Sheet // a finding about the form as a whole
			}
		}
		evs = append(evs, ev)
	}
	return evs
}

// flatten joins the evaluations of many files, in order.
func flatten(all [][]*evaluation) []*evaluation {
	var out []*evaluation
	for _, evs := range all {
		out = append(out, evs...)
	}
	return out
}

// writeBack writes an evaluation's results into dst (dst == path for in place).
func (g *engine) writeBack(ev *evaluation, dst string, dry bool) error {
	out := ev.Result.Outcome(g.profile, toolVersion(), ev.InputHash)
	return workbook.WriteBack(ev.Path, dst, ev.Form, out, workbook.WriteOptions{DryRun: dry})
}

// each runs fn over the paths with bounded parallelism and returns the
// results in the order of paths.
func each[T any](ctx context.Context, paths []string, progress func(), fn func(string) T) []T {
	out := make([]T, len(paths))
	workers := min(runtime.NumCPU(), len(paths))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] = fn(paths[i])
				if progress != nil {
					progress()
				}
			}
		}()
	}
loop:
	for i := range paths {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break loop
		}
	}
	close(jobs)
	wg.Wait()
	return out
}

func notFound(path string, err error, l validate.Lang) error {
	if errors.Is(err, os.ErrNotExist) {
		return errors.New(path + tr(l, "：文件不存在", ": no such file"))
	}
	return fmt.Errorf("%s%s%w", path, tr(l, "：无法打开：", ": cannot open: "), err)
}
