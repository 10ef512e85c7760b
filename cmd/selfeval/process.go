package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
)

// evaluation is what the rule book made of one file.
type evaluation struct {
	Path      string
	Form      *form.Form
	Result    *validate.Result
	InputHash string
	Err       error // the file could not be read at all
}

// status is the file's status in the JSON contract.
func (e *evaluation) status(strict bool) string {
	switch {
	case e.Err != nil:
		return "unreadable"
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
	budget  *budget // memory shared by the files in flight
}

func newEngine(o rulesOptions) (*engine, error) {
	lang := validate.Lang(o.Lang)
	if lang != "zh" && lang != "en" {
		return nil, usageError("--lang 只能是 zh 或 en，而不是 %q", o.Lang)
	}
	p := validate.DefaultProfile()
	if o.Rules != "" {
		var err error
		if p, err = validate.LoadProfile(o.Rules); err != nil {
			return nil, &exitError{code: exitUsage, err: err}
		}
	}
	return &engine{profile: p, lang: lang, strict: o.Strict, budget: newBudget(workbook.MaxCost)}, nil
}

// evaluate opens, reads and checks one file within the memory budget and
// fileTimeLimit. A file over the time limit is unreadable; its reading goes
// on in the background, holding its share of the budget, until it ends.
func (g *engine) evaluate(path string) *evaluation {
	release := g.budget.acquire(workbook.Cost(path))
	done := make(chan *evaluation, 1)
	go func() {
		defer release()
		done <- g.evaluateNow(path)
	}()
	t := time.NewTimer(fileTimeLimit)
	defer t.Stop()
	select {
	case ev := <-done:
		return ev
	case <-t.C:
		return &evaluation{Path: path, Err: fmt.Errorf("%s：%w：读取和校验超过 %g 秒的时间限制", path, errTimeLimit, fileTimeLimit.Seconds())}
	}
}

// errTimeLimit means a file took longer than fileTimeLimit.
var errTimeLimit = errors.New("处理超时")

// evaluateNow opens, reads and checks one file. It never panics on bad input:
// a panic inside a codec is turned into an unreadable file.
func (g *engine) evaluateNow(path string) (ev *evaluation) {
	ev = &evaluation{Path: path}
	defer func() {
		if r := recover(); r != nil {
			ev.Err = fmt.Errorf("%s：无法读取（内部错误：%v）", path, r)
		}
	}()
	if _, err := os.Stat(path); err != nil {
		ev.Err = notFound(path, err)
		return ev
	}
	f, err := workbook.Open(path)
	if err != nil {
		ev.Err = err
		return ev
	}
	defer f.Close()
	fm, err := workbook.Read(f, path)
	if err != nil {
		ev.Err = err
		return ev
	}
	ev.Form = fm
	ev.InputHash = fm.InputHash()
	ev.Result = validate.Check(fm, g.profile, g.lang)
	for i := range ev.Result.Findings {
		if ev.Result.Findings[i].Sheet == "" {
			ev.Result.Findings[i].Sheet = fm.Sheet // a finding about the form as a whole
		}
	}
	return ev
}

// writeBack writes an evaluation's results into dst (dst == path for in place).
func (g *engine) writeBack(ev *evaluation, dst string, dry bool) error {
	out := ev.Result.Outcome(g.profile, toolVersion(), ev.InputHash)
	defer g.budget.acquire(workbook.Cost(ev.Path))()
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

func notFound(path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s：文件不存在", path)
	}
	return fmt.Errorf("%s：无法打开：%w", path, err)
}
