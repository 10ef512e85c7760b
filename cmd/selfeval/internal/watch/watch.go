package watch

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/selfeval/selfeval/internal/i18n"
)

// Outcome is what a Processor reports about a file it processed.
type Outcome struct {
	Kind             string // form kind, e.g. "mof2020"
	Total            string // total score as written, e.g. "97.78"
	Grade            string // e.g. "优"
	Status           string // "ok", or "invalid": the form did not pass and goes to returned/
	Errors, Warnings int
	// Output is the file the result went to when it is not path itself (an
	// .xls scored to NAME.xlsx beside it); it goes to done/ with the input.
	Output string
	// FormKey, Project and Unit say which form it is (see LedgerEntry.FormKey).
	FormKey, Project, Unit string
	// Forms lists every form of a file that holds more than one (the
	// fields above are the first form's, Errors and Warnings their sums).
	Forms []FormOutcome
}

// FormOutcome is one form of a file of several forms, in the ledger's
// forms list.
type FormOutcome struct {
	Sheet   string `json:"sheet"`
	Kind    string `json:"kind"`
	Total   string `json:"total"`
	Grade   string `json:"grade"`
	Status  string `json:"status"` // "ok" or "invalid"
	FormKey string `json:"form_key"`
	Project string `json:"project"`
	Unit    string `json:"unit"`
}

// LegacyProcessor is a Processor that can score legacy .xls files (writing
// Outcome.Output); without it, or when it says no, an .xls fails with
// "save as .xlsx".
type LegacyProcessor interface {
	Legacy() bool
}

// Processor processes one claimed file.
type Processor interface {
	// Process scores the file at path in place (atomically) and reports the
	// result. An error means the file could not be processed (unreadable,
	// corrupt, not a form …): the file, which Process must have left
	// unchanged, goes to failed/. If the error has a method Hint() string,
	// the hint is what NAME.error.txt tells the person to do. If it has a
	// method Incomplete() bool that returns true, the file reads as cut
	// short (a copy that stalled halfway may look so): it goes back to the
	// inbox to be looked at again later (see Config.IncompleteTries).
	Process(ctx context.Context, path string) (Outcome, error)
}

// isIncomplete reports whether a Processor error says the file reads as
// cut short.
func isIncomplete(err error) bool {
	var ie interface{ Incomplete() bool }
	return errors.As(err, &ie) && ie.Incomplete()
}

// Config says where and how to watch. Zero fields take the defaults below.
type Config struct {
	Dir                             string // the watched folder; must exist
	Inbox, Processing, Done, Failed string // folder names under Dir: inbox, processing, done, failed
	Returned                        string // folder name under Dir for forms that did not pass: returned
	Ledger                          string // file name under Dir: ledger.jsonl

	Interval time.Duration // full listing of the inbox this often: 2s
	MinAge   time.Duration // a file's size and mtime unchanged this long before it is taken: 2s
	Workers  int           // files processed at once: 2
	Once     bool          // process what is ready and return
	// ZeroMinAge takes a MinAge of 0 as no minimum age (a file unchanged
	// over two listings is taken) rather than as the default.
	ZeroMinAge bool

	// OnceWait bounds how long Once waits for files in the inbox to become
	// ready (still being copied): 1m. Files an editor holds open are skipped.
	OnceWait time.Duration
	// StaleAfter is how old the heartbeat of an instance on another host
	// must be before its unfinished files are put back: 10m.
	StaleAfter time.Duration
	// A file that reads as incomplete (the Processor's error says
	// Incomplete(): cut short, perhaps a copy that stalled) goes back to
	// the inbox up to IncompleteTries times (3), and is taken again only
	// once unchanged for IncompleteWait (10s, at least MinAge), doubled for
	// each return after the first; then it fails like any other file.
	IncompleteTries int
	IncompleteWait  time.Duration

	Logger  *slog.Logger // nil discards logs
	English bool         // log lines and error files in English rather than Chinese
}

// Defaults for Config.
const (
	DefaultInterval   = 2 * time.Second
	DefaultMinAge     = 2 * time.Second
	DefaultWorkers    = 2
	DefaultOnceWait   = time.Minute
	DefaultStaleAfter = 10 * time.Minute

	DefaultIncompleteTries = 3
	DefaultIncompleteWait  = 10 * time.Second
)

// recoverEvery is how often a running instance looks for dead ones.
const recoverEvery = 30 * time.Second

// Stats counts the files this watcher handled.
type Stats struct {
	Done, Failed, Duplicate, Returned int
}

// Watcher runs one drop folder. Create it with New; call Run once.
type Watcher struct {
	cfg                             Config
	proc                            Processor
	log                             *slog.Logger
	inbox, processing, done, failed string
	returned                        string
	led                             *ledger
	inst                            *instance
	started                         atomic.Bool

	nDone, nFailed, nDup, nReturned atomic.Int64
	scans                           atomic.Int64 // listings taken; tests wait on it
}

// New checks cfg, fills in defaults and creates the folders under cfg.Dir. It
// fails when Dir does not exist, a name is not a plain file name, two names
// collide, a duration or count is negative, or a folder cannot be created.
func New(cfg Config, p Processor) (*Watcher, error) {
	if p == nil {
		return nil, i18n.New("watch: 缺少 Processor", "watch: no Processor")
	}
	if cfg.Dir == "" {
		return nil, i18n.New("watch: 未指定监视文件夹", "watch: no folder to watch")
	}
	if info, err := os.Stat(cfg.Dir); err != nil {
		return nil, i18n.Errorf("监视文件夹 %s 无法访问：%w", "the watched folder %s cannot be accessed: %w", cfg.Dir, err)
	} else if !info.IsDir() {
		return nil, i18n.Errorf("%s 不是文件夹", "%s is not a folder", cfg.Dir)
	}
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&cfg.Inbox, "inbox")
	def(&cfg.Processing, "processing")
	def(&cfg.Done, "done")
	def(&cfg.Failed, "failed")
	def(&cfg.Returned, "returned")
	def(&cfg.Ledger, "ledger.jsonl")
	seen := map[string]bool{}
	for _, n := range []string{cfg.Inbox, cfg.Processing, cfg.Done, cfg.Failed, cfg.Returned, cfg.Ledger} {
		if n == "." || n == ".." || strings.ContainsAny(n, `/\`) || filepath.Base(n) != n {
			return nil, i18n.Errorf("名称 %q 必须是单个文件夹或文件名", "the name %q must be a single folder or file name", n)
		}
		if seen[strings.ToLower(n)] {
			return nil, i18n.Errorf("名称 %q 重复使用", "the name %q is used twice", n)
		}
		seen[strings.ToLower(n)] = true
	}
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
		n   string
	}{
		{&cfg.Interval, DefaultInterval, "轮询间隔 Interval"}, {&cfg.MinAge, DefaultMinAge, "最短静置时间 MinAge"},
		{&cfg.OnceWait, DefaultOnceWait, "单次运行等待时间 OnceWait"}, {&cfg.StaleAfter, DefaultStaleAfter, "心跳过期时间 StaleAfter"},
		{&cfg.IncompleteWait, DefaultIncompleteWait, "不完整文件等待时间 IncompleteWait"},
	} {
		if *d.v < 0 {
			return nil, i18n.Errorf("%s 不能为负数：%v", "%s must not be negative: %v", d.n, *d.v)
		}
		if *d.v == 0 && !(d.v == &cfg.MinAge && cfg.ZeroMinAge) {
			*d.v = d.def
		}
	}
	if cfg.Workers < 0 {
		return nil, i18n.Errorf("并发数 Workers 不能为负数：%d", "Workers must not be negative: %d", cfg.Workers)
	}
	if cfg.Workers == 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.IncompleteTries < 0 {
		return nil, i18n.Errorf("不完整文件重试次数 IncompleteTries 不能为负数：%d", "IncompleteTries must not be negative: %d", cfg.IncompleteTries)
	}
	if cfg.IncompleteTries == 0 {
		cfg.IncompleteTries = DefaultIncompleteTries
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	w := &Watcher{
		cfg: cfg, proc: p, log: cfg.Logger,
		inbox:      filepath.Join(cfg.Dir, cfg.Inbox),
		processing: filepath.Join(cfg.Dir, cfg.Processing),
		done:       filepath.Join(cfg.Dir, cfg.Done),
		failed:     filepath.Join(cfg.Dir, cfg.Failed),
		returned:   filepath.Join(cfg.Dir, cfg.Returned),
		led:        newLedger(filepath.Join(cfg.Dir, cfg.Ledger)),
	}
	for _, d := range []string{w.inbox, w.processing, w.done, w.failed, w.returned} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, i18n.Errorf("创建文件夹失败：%w", "creating the folders failed: %w", err)
		}
	}
	return w, nil
}

// Stats returns the counts so far; safe to call while Run runs.
func (w *Watcher) Stats() Stats {
	return Stats{Done: int(w.nDone.Load()), Failed: int(w.nFailed.Load()), Duplicate: int(w.nDup.Load()),
		Returned: int(w.nReturned.Load())}
}

// Run watches until ctx is cancelled, or with Once until the inbox holds
// nothing more it can take. On cancellation it claims nothing new, finishes
// the files in hand and returns nil. It fails only when it cannot start: the
// instance lock or the ledger cannot be opened. Run may be called once.
func (w *Watcher) Run(ctx context.Context) error {
	if !w.started.CompareAndSwap(false, true) {
		return i18n.New("watch: Run 只能调用一次", "watch: Run may be called only once")
	}
	inst, err := acquireInstance(w.processing, w.log, w.cfg.English)
	if err != nil {
		return err
	}
	w.inst = inst
	w.log = w.log.With("instance", inst.id)
	defer func() {
		if err := inst.release(); err != nil {
			w.log.Warn(w.tr("实例文件夹未能清理，下次启动时恢复", "the instance folder could not be cleaned up; it is recovered at the next start"), "dir", inst.dir, "err", err)
		}
	}()
	if err := w.led.load(); err != nil {
		return i18n.Errorf("无法打开台账 %s：%w", "cannot open the ledger %s: %w", w.led.path, err)
	}
	w.log.Info(w.tr("开始监视", "watching"), "dir", w.cfg.Dir, "interval", w.cfg.Interval, "min_age", w.cfg.MinAge,
		"workers", w.cfg.Workers, "once", w.cfg.Once)
	w.recoverOrphans(time.Now())
	l := newLoop(w, ctx)
	l.run()
	st := w.Stats()
	w.log.Info(w.tr("已停止", "stopped"), "done", st.Done, "returned", st.Returned, "failed", st.Failed, "duplicate", st.Duplicate)
	return nil
}

// notify starts an fsnotify watch on the inbox. Its events only bring the
// next listing forward; where it fails (SMB, NFS, limits) polling carries on.
func (w *Watcher) notify() (events <-chan struct{}, stop func()) {
	fw, err := newNotifier(w.inbox)
	if err != nil {
		w.log.Debug(w.tr("fsnotify 不可用，仅靠轮询", "fsnotify unavailable; polling only"), "err", err)
		return nil, func() {}
	}
	return fw.hints, fw.close
}

// isGone reports whether err means the file is no longer there.
func isGone(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// tr picks the Chinese or the English text, by Config.English.
func (w *Watcher) tr(zh, en string) string { return pick(w.cfg.English, zh, en) }

func pick(english bool, zh, en string) string {
	if english {
		return en
	}
	return zh
}
