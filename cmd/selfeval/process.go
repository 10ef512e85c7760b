package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/pipeline"
)

// evaluation is what is kept of one processed file (see pipeline.Record).
type evaluation struct {
	*pipeline.Record
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
	return &engine{profile: p, lang: lang, strict: o.Strict}, nil
}

// evaluate opens, reads and checks one file.
func (g *engine) evaluate(path string) *evaluation {
	return g.process(path, pipeline.Options{})
}

// score checks one file and writes the outcome into dst ("" for in place);
// a failed write-back makes the file's entry an error, the file unchanged.
func (g *engine) score(path, dst string, dry bool) *evaluation {
	ev := g.process(path, pipeline.Options{Write: true, Dst: dst, DryRun: dry})
	if ev.WriteErr != nil {
		ev.Err = fmt.Errorf("%s：写回失败，原文件未改动：%w", filepath.Clean(path), ev.WriteErr)
	}
	return ev
}

func (g *engine) process(path string, o pipeline.Options) *evaluation {
	if _, err := os.Stat(path); err != nil {
		return &evaluation{&pipeline.Record{Path: path, Err: notFound(path, err)}}
	}
	o.Profile, o.Lang, o.Version = g.profile, g.lang, toolVersion()
	return &evaluation{pipeline.Run(path, o)}
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
