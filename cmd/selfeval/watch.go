package main

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/pipeline"
	"github.com/selfeval/selfeval/cmd/selfeval/internal/watch"
	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
	"github.com/urfave/cli/v2"
)

type watchOptions struct {
	rulesOptions
	Interval  time.Duration
	MinAge    time.Duration
	IncWait   time.Duration
	Once      bool
	Workers   int
	LogFormat string
	Names     [5]string // inbox, processing, done, failed, returned
}

// watchExamples are the examples `selfeval watch --help` prints; a test runs
// each with --once.
var watchExamples = []string{
	"selfeval watch /mnt/share/自评表",
	"selfeval watch /srv/drop --once --log-format json",
}

func watchCommand() *cli.Command {
	o := &watchOptions{}
	return &cli.Command{
		Name:      "watch",
		Usage:     "监视共享文件夹：对放入 inbox/ 的每个工作簿评分、写回并归档",
		ArgsUsage: "DIR",
		Description: "DIR 下的文件夹：inbox/（放入）、processing/、done/（已评分并通过）、returned/（有错误须更正，反馈已写入文件）、\n" +
			"failed/（无法处理，附 .error.txt 说明），\n" +
			"以及只追加的台账 ledger.jsonl。以轮询为主（适用于 SMB/NFS 共享盘），本地磁盘上用文件事件加速。\n" +
			"第一次 Ctrl-C / SIGTERM：处理完手上的文件后退出；第二次：立即退出。\n\n" +
			"--once 处理完现有文件后退出；退出码：有表退回 returned/（有错误，--strict 时警告也算）时为 1，有文件失败时为 3。\n\n" +
			"示例：\n  " + joinLines(watchExamples),
		Flags: append([]cli.Flag{
			&cli.DurationFlag{Name: "interval", Value: 2 * time.Second, Usage: "轮询间隔", Destination: &o.Interval},
			&cli.DurationFlag{Name: "min-age", Value: 2 * time.Second, Usage: "文件最后修改后至少等待多久才处理", Destination: &o.MinAge},
			&cli.DurationFlag{Name: "incomplete-wait", Value: watch.DefaultIncompleteWait, Usage: "读来不完整（可能仍在复制）的文件放回 inbox 后至少静置多久再看，每次加倍，3 次后判为失败", Destination: &o.IncWait},
			&cli.BoolFlag{Name: "once", Usage: "处理现有文件后退出", Destination: &o.Once},
			&cli.IntFlag{Name: "workers", Value: 2, Usage: "同时处理的文件数", Destination: &o.Workers},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "日志格式：text 或 json", Destination: &o.LogFormat},
			&cli.StringFlag{Name: "inbox", Value: "inbox", Usage: "放入文件夹名", Destination: &o.Names[0]},
			&cli.StringFlag{Name: "processing", Value: "processing", Usage: "处理中文件夹名", Destination: &o.Names[1]},
			&cli.StringFlag{Name: "done", Value: "done", Usage: "完成文件夹名", Destination: &o.Names[2]},
			&cli.StringFlag{Name: "failed", Value: "failed", Usage: "失败文件夹名", Destination: &o.Names[3]},
			&cli.StringFlag{Name: "returned", Value: "returned", Usage: "退回文件夹名（有错误、须更正的表）", Destination: &o.Names[4]},
		}, o.flags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("请给出一个要监视的文件夹，例如：selfeval watch /mnt/share/自评表",
					"name one folder to watch, e.g. selfeval watch /mnt/share/forms")
			}
			var h slog.Handler
			lang := langOfContext(c)
			logOpts := &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
				if err, ok := a.Value.Any().(error); ok {
					a.Value = slog.StringValue(errText(err, lang))
				}
				return a
			}}
			switch o.LogFormat {
			case "text":
				h = slog.NewTextHandler(c.App.ErrWriter, logOpts)
			case "json":
				h = slog.NewJSONHandler(c.App.ErrWriter, logOpts)
			default:
				return usageError("--log-format 只能是 text 或 json，而不是“%s”", "--log-format takes text or json, not %q", o.LogFormat)
			}
			// A zero or negative duration is refused or honoured as given,
			// never replaced by the default behind the user's back.
			if o.Interval <= 0 {
				return usageError("--interval 必须大于 0，而不是 %v（例如 --interval 2s）", "--interval must be above 0, not %v (e.g. --interval 2s)", o.Interval)
			}
			if o.MinAge < 0 {
				return usageError("--min-age 不能为负数：%v（0 表示不等待，文件在两次轮询间未变化即处理）",
					"--min-age must not be negative: %v (0 means no wait: a file unchanged between two listings is taken)", o.MinAge)
			}
			if o.IncWait <= 0 {
				return usageError("--incomplete-wait 必须大于 0，而不是 %v", "--incomplete-wait must be above 0, not %v", o.IncWait)
			}
			if o.Workers < 1 {
				return usageError("--workers 至少为 1，而不是 %d", "--workers must be at least 1, not %d", o.Workers)
			}
			if fi, err := os.Stat(c.Args().First()); err != nil || !fi.IsDir() {
				return watchDirError(c.Args().First(), fi, err)
			}
			g, err := newEngine(c, o.rulesOptions)
			if err != nil {
				return err
			}
			w, err := watch.New(watch.Config{
				Dir: c.Args().First(), Inbox: o.Names[0], Processing: o.Names[1], Done: o.Names[2], Failed: o.Names[3], Returned: o.Names[4],
				Interval: o.Interval, MinAge: o.MinAge, ZeroMinAge: true, IncompleteWait: o.IncWait, Workers: o.Workers, Once: o.Once, Logger: slog.New(h), English: lang == validate.English,
			}, processor{g})
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			drain, abort, stop := stopSignals(c.Context)
			defer stop()
			ran := make(chan error, 1)
			go func() { ran <- w.Run(drain) }()
			select {
			case err := <-ran:
				if err != nil {
					return err
				}
			case <-abort.Done():
				// the second signal: main exits with the file in hand unfinished
				return &exitError{code: exitInterrupted, err: say("再次收到停止信号，立即退出", "a second stop signal: stopping at once")}
			}
			if n := w.Stats().Failed; o.Once && n > 0 {
				return &exitError{code: exitUnreadable, err: say("有 %d 个文件处理失败，已移到 %s/（附 .error.txt 说明）",
					"%d file(s) failed; moved to %s/ with a .error.txt each", n, o.Names[3])}
			}
			if n := w.Stats().Returned; o.Once && n > 0 {
				return &exitError{code: exitInvalid, err: say("有 %d 份表未通过校验，已退回 %s/（反馈已写入文件）",
					"%d form(s) did not pass; returned to %s/ with the feedback written in", n, o.Names[4])}
			}
			return nil
		},
	}
}

// namedError is an error about a claimed file that names it as the person
// who dropped it knows it, not by its place under processing/, in either
// language.
type namedError struct {
	err        error
	path       string
	incomplete bool // the file reads as cut short: see cutShort
}

func (e namedError) Error() string { return e.Localized(false) }
func (e namedError) Unwrap() error { return e.err }

// Incomplete tells the watcher that the file may be a copy still under way:
// it goes back to the inbox to be looked at again later.
func (e namedError) Incomplete() bool { return e.incomplete }

// cutShortError is the namedError of a file that reads as cut short; when
// it fails in the end, its error file says what to do about that.
type cutShortError struct{ namedError }

// HintIn says what to do, in English or Chinese.
func (e cutShortError) HintIn(english bool) string {
	if english {
		return "The file seems to be only partly copied: it stayed so for some time and was looked at several times. " +
			"Copy the whole file into the inbox folder again; if it does not open in Excel or WPS either, save it again from the original."
	}
	return "文件似乎只复制了一部分：等待多次后仍不完整。请把完整的文件重新放入 inbox 文件夹；如在 Excel 或 WPS 中也打不开，请从原件重新保存后再放入。"
}

// Localized is the error's text in English or Chinese.
func (e namedError) Localized(english bool) string {
	return strings.ReplaceAll(i18n.Text(e.err, english), e.path, filepath.Base(e.path))
}

func byName(err error, path string) error { return namedError{err: err, path: path} }

// cutShort reports whether the reader's error err about the file at path is
// what a copy that stopped halfway gives: an empty file, or one that starts
// as a zip but whose directory at the end is not there (yet).
func cutShort(err error, path string) bool {
	if errors.Is(err, workbook.ErrEmpty) {
		return true
	}
	if !errors.Is(err, workbook.ErrNotXLSX) {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	head := make([]byte, 4)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "PK\x03\x04" {
		return false
	}
	_, err = zip.NewReader(f, fi.Size())
	return err != nil
}

// watchDirError says why the folder to watch cannot be used.
func watchDirError(dir string, fi os.FileInfo, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usageError("监视文件夹 %s 不存在", "the folder to watch, %s, does not exist", dir)
	case errors.Is(err, fs.ErrPermission):
		return usageError("监视文件夹 %s 没有访问权限", "the folder to watch, %s, cannot be accessed (permission denied)", dir)
	case err == nil && !fi.IsDir():
		return usageError("%s 不是文件夹；请给出要监视的文件夹", "%s is not a folder; name the folder to watch", dir)
	}
	return &exitError{code: exitUsage, err: err}
}

// processor scores one claimed file in place for the watcher.
type processor struct{ g *engine }

// Legacy says whether .xls files can be scored: LibreOffice is installed.
func (p processor) Legacy() bool { return workbook.CanConvertLegacy() }

func (p processor) Process(_ context.Context, path string) (watch.Outcome, error) {
	// Every form of the file is scored, in one write; the ledger names the
	// first and lists them all, and the file goes back when any form did
	// not pass.
	evs := p.g.process(path, pipeline.Options{Write: true})
	ev := evs[0]
	if ev.Err != nil {
		if cutShort(ev.Err, path) {
			return watch.Outcome{}, cutShortError{namedError{err: ev.Err, path: path, incomplete: true}}
		}
		return watch.Outcome{}, byName(ev.Err, path)
	}
	if ev.WriteErr != nil {
		return watch.Outcome{}, byName(ev.WriteErr, path)
	}
	r := ev.Result
	status := "ok"
	var errs, warns int
	var forms []watch.FormOutcome
	for _, e := range evs {
		if e.Result == nil {
			continue
		}
		ne, nw, _ := e.Result.Counts()
		errs, warns = errs+ne, warns+nw
		st := "ok"
		if e.failed(p.g.strict) {
			status, st = watch.StatusInvalid, watch.StatusInvalid
		}
		forms = append(forms, watch.FormOutcome{Sheet: e.Sheet, Kind: e.Result.Kind, Total: e.Result.Total.StringFixed(2),
			Grade: e.Result.Grade, Status: st, FormKey: e.ID.Key(), Project: e.Result.Project, Unit: e.Unit})
	}
	if len(forms) < 2 {
		forms = nil
	}
	out := watch.Outcome{Kind: r.Kind, Total: r.Total.StringFixed(2), Grade: r.Grade, Status: status, Errors: errs, Warnings: warns,
		FormKey: ev.ID.Key(), Project: r.Project, Unit: ev.Unit, Forms: forms}
	if dst := workbook.XLSXBeside(path); dst != path {
		out.Output = dst // an .xls is scored to NAME.xlsx beside it
	}
	return out, nil
}
