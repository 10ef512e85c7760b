package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/pipeline"
	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
	"github.com/urfave/cli/v2"
)

// evaluation is what is kept of one form of a processed file (see
// pipeline.Record).
type evaluation struct {
	*pipeline.Record
	output  string // where the scored form was written, when not over the input
	inPlace bool   // the scored form was written over the input
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
	review  bool    // report the reviewer's checks too (check/score --review)
	key     []byte  // the templates' signing key, from the environment; nil when none
	budget  *budget // memory shared by the files in flight
	// syncs, when set, takes the folder syncs of score's saves until the
	// batch is done (workbook.FolderSyncs).
	syncs *workbook.FolderSyncs
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
	key, err := stampKey("")
	if err != nil {
		return nil, err
	}
	return &engine{profile: p, lang: lang, strict: o.Strict, review: o.Review, key: key, budget: newBudget(workbook.MaxCost)}, nil
}

// evaluate opens, reads and checks one file: one evaluation per form it
// holds, in sheet order.
func (g *engine) evaluate(path string) []*evaluation {
	return g.process(path, pipeline.Options{})
}

// score checks one file and writes the outcome of every form it holds into
// dst ("" for in place), in one write; a failed write-back is each form's
// WriteErr, the file unchanged and its findings still reported.
func (g *engine) score(path, dst string, dry bool) []*evaluation {
	evs := g.process(path, pipeline.Options{Write: true, Dst: dst, DryRun: dry, Syncs: g.syncs})
	if dst == "" {
		dst = workbook.XLSXBeside(path) // an .xls is scored to NAME.xlsx
	}
	for _, ev := range evs {
		if !dry && ev.Err == nil && ev.WriteErr == nil {
			if dst != path {
				ev.output = dst
			} else {
				ev.inPlace = true
			}
		}
	}
	return evs
}

// errTimeLimit means a file took longer than fileTimeLimit.
var errTimeLimit = i18n.New("处理超时", "time limit exceeded")

// process runs the pipeline on one file within the memory budget (taken
// once the file is loaded, for what it costs) and
// fileTimeLimit. A file over the time limit before its write-back began is
// unreadable and is not written; its reading goes on in the background,
// holding its share of the budget, until it ends. A write-back that has
// begun is waited for.
func (g *engine) process(path string, o pipeline.Options) []*evaluation {
	if _, err := os.Stat(path); err != nil {
		return []*evaluation{{Record: &pipeline.Record{Path: path, Err: notFound(path, err, g.lang)}}}
	}
	o.Profile, o.Lang, o.Version, o.StampKey, o.Strict = g.profile, g.lang, toolVersion(), g.key, g.strict
	var (
		mu                sync.Mutex
		timedOut, writing bool
	)
	o.BeforeWrite = func() bool {
		mu.Lock()
		defer mu.Unlock()
		writing = !timedOut
		return writing
	}
	o.Admit = g.budget.acquire // what the loaded file costs, counted from its open package
	done := make(chan []*pipeline.Record, 1)
	go func() {
		done <- pipeline.Run(path, o)
	}()
	t := time.NewTimer(fileTimeLimit)
	defer t.Stop()
	var recs []*pipeline.Record
	select {
	case recs = <-done:
	case <-t.C:
		mu.Lock()
		timedOut = !writing
		mu.Unlock()
		if !timedOut {
			recs = <-done
			break
		}
		recs = []*pipeline.Record{{Path: path, Err: i18n.Errorf("%s：%w：读取和校验超过 %g 秒的时间限制", "%s: %w: reading and checking took longer than the limit of %g seconds", path, errTimeLimit, fileTimeLimit.Seconds())}}
	}
	evs := make([]*evaluation, len(recs))
	for i, rec := range recs {
		evs[i] = &evaluation{Record: rec}
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

// each runs fn over the paths with bounded parallelism and returns the
// results in the order of paths.
func each[T any](ctx context.Context, paths []string, progress func(), fn func(string) T) []T {
	out := make([]T, 0, len(paths))
	stream(ctx, paths, progress, fn, func(v T) { out = append(out, v) })
	return out
}

// stream runs fn over the paths with bounded parallelism and hands each
// result to emit, on the calling goroutine, in the order of paths, as soon
// as it and all before it are done. At most a few results per worker wait
// for an earlier slow file, so memory does not grow with the batch. When ctx
// is cancelled no new file is started and the results after the first
// missing one are dropped.
func stream[T any](ctx context.Context, paths []string, progress func(), fn func(string) T, emit func(T)) {
	type result struct {
		i int
		v T
	}
	workers := min(runtime.NumCPU(), len(paths))
	jobs, results := make(chan int), make(chan result)
	window := make(chan struct{}, 4*max(workers, 1)) // started but not yet emitted
	go func() {
		defer close(jobs)
		for i := range paths {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- result{i, fn(paths[i])}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	pending, next := map[int]T{}, 0
	for r := range results {
		if progress != nil {
			progress()
		}
		pending[r.i] = r.v
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			emit(v)
			<-window
		}
	}
}

func notFound(path string, err error, l validate.Lang) error {
	if errors.Is(err, os.ErrNotExist) {
		return errors.New(path + tr(l, "：文件不存在", ": no such file"))
	}
	return fmt.Errorf("%s%s%w", path, tr(l, "：无法打开：", ": cannot open: "), err)
}
