package watch

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// loop is the state owned by the single goroutine that lists the inbox,
// claims files and hands them to workers.
type loop struct {
	w       *Watcher
	ctx     context.Context // cancelled: claim nothing new
	work    context.Context // given to Process; never cancelled
	tr      *tracker
	results chan result
	running int
	inHand  map[string]bool // names in this instance's folder
	ready   []string        // from the last listing, oldest first

	timer    *time.Timer
	nextAt   time.Time
	deadline time.Time // Once: stop waiting for files to settle
	dirty    bool      // a file went back to the inbox since the last listing

	lastRecover, lastBeat time.Time
	listFailed            bool
}

func newLoop(w *Watcher, ctx context.Context) *loop {
	now := time.Now()
	return &loop{
		w: w, ctx: ctx, work: context.WithoutCancel(ctx),
		tr:          newTracker(w.cfg.MinAge, w.cfg.IncompleteWait),
		results:     make(chan result, w.cfg.Workers),
		inHand:      map[string]bool{},
		deadline:    now.Add(w.cfg.OnceWait),
		lastRecover: now, lastBeat: now,
	}
}

func (l *loop) run() {
	hints, stop := l.w.notify()
	defer stop()
	l.timer = time.NewTimer(0)
	defer l.timer.Stop()
	l.nextAt = time.Now()
	for {
		select {
		case <-l.ctx.Done():
			l.drain()
			return
		case <-l.timer.C:
			l.list()
			l.dispatch()
			if l.finished() {
				return
			}
			l.schedule()
		case <-hints:
			l.hint()
		case r := <-l.results:
			l.finish(r)
			l.dispatch()
			if l.finished() {
				return
			}
		}
	}
}

// list takes one listing of the inbox and does the periodic chores.
func (l *loop) list() {
	now := time.Now()
	listing, err := scanInbox(l.w.inbox)
	switch {
	case err != nil && !l.listFailed:
		l.w.log.Warn(l.w.tr("无法读取 inbox，继续重试", "cannot read the inbox; retrying"), "dir", l.w.inbox, "err", err)
		l.listFailed = true
	case err != nil:
	default:
		if l.listFailed {
			l.w.log.Info(l.w.tr("inbox 已恢复可读", "the inbox can be read again"))
			l.listFailed = false
		}
		l.ready = l.tr.update(now, listing)
		l.dirty = false
	}
	l.w.scans.Add(1)
	if now.Sub(l.lastRecover) >= recoverEvery {
		l.w.recoverOrphans(now)
		l.lastRecover = now
	}
	if now.Sub(l.lastBeat) >= l.w.cfg.StaleAfter/5 {
		if err := l.w.inst.heartbeat(now); err != nil {
			l.w.log.Debug(l.w.tr("心跳更新失败", "heartbeat update failed"), "err", err)
		}
		l.lastBeat = now
	}
}

// dispatch claims ready files while a worker is free.
func (l *loop) dispatch() {
	for l.running < l.w.cfg.Workers && len(l.ready) > 0 && l.ctx.Err() == nil {
		name := l.ready[0]
		l.ready = l.ready[1:]
		if l.inHand[name] {
			continue // a file of that name is still being processed; next listing
		}
		s := l.tr.files[name]
		if s == nil {
			continue
		}
		if err := l.w.claim(name); err != nil {
			l.claimFailed(name, err)
			continue
		}
		c := claimed{name: name, size: s.size, mtime: s.mtime, incomplete: l.tr.incomplete[name]}
		// An incomplete reading fails the file on its last try, or when a
		// --once run would end before the next try.
		c.lastTry = c.incomplete >= l.w.cfg.IncompleteTries ||
			l.w.cfg.Once && time.Now().Add(max(l.w.cfg.MinAge, l.tr.waitAfter(c.incomplete+1))).After(l.deadline)
		l.tr.forget(name)
		l.running++
		l.inHand[name] = true
		l.w.log.Debug(l.w.tr("已领取", "claimed"), "file", name)
		go func() { l.results <- l.w.handle(l.work, c) }()
	}
}

func (l *loop) claimFailed(name string, err error) {
	if isGone(err) {
		if _, serr := os.Lstat(filepath.Join(l.w.inbox, name)); isGone(serr) {
			l.tr.forget(name)
			l.w.log.Debug(l.w.tr("文件已被其他实例取走或已移除", "the file was taken by another instance or removed"), "file", name)
			return
		}
	}
	n := l.tr.retryLater(name, time.Now())
	if l.w.cfg.Once {
		l.tr.giveUp(name)
	}
	if n == 1 {
		l.w.log.Warn(l.w.tr("无法领取文件，稍后重试", "cannot claim the file; retrying later"), "file", name, "err", err)
	} else {
		l.w.log.Debug(l.w.tr("无法领取文件，稍后重试", "cannot claim the file; retrying later"), "file", name, "err", err, "tries", n)
	}
}

func (l *loop) finish(r result) {
	l.running--
	delete(l.inHand, r.name)
	if r.retry {
		l.dirty = true
	}
	if !r.retry || r.back != r.name {
		delete(l.tr.incomplete, r.name)
	}
	if r.retry && r.incomplete > 0 && r.back != "" {
		l.tr.putBackIncomplete(r.back, r.incomplete)
	}
}

// finished reports whether a Once run is over: nothing in hand and nothing
// left that may still become ready (or no more time to wait for it).
func (l *loop) finished() bool {
	if !l.w.cfg.Once || l.running > 0 || len(l.ready) > 0 && l.ctx.Err() == nil {
		return false
	}
	waiting := l.tr.waiting()
	if len(waiting) == 0 && !l.dirty {
		l.reportSkipped()
		return true
	}
	if time.Now().Before(l.deadline) {
		return false
	}
	l.w.log.Warn(l.w.tr("等待超时，这些文件仍在变化，未处理", "gave up waiting: these files are still changing and were not processed"), "files", waiting)
	l.reportSkipped()
	return true
}

func (l *loop) reportSkipped() {
	var held []string
	for name, s := range l.tr.files {
		if s.held {
			held = append(held, name)
		}
	}
	if len(held) > 0 {
		l.w.log.Warn(l.w.tr("这些文件正被其他程序打开（有 ~$ 或 .~lock 文件），未处理", "these files are open in another program (a ~$ or .~lock file is there) and were not processed"), "files", held)
	}
}

// schedule sets the timer for the next listing: after Interval, or sooner
// when a waiting file can become ready sooner.
func (l *loop) schedule() {
	now := time.Now()
	next := now.Add(l.w.cfg.Interval)
	if at, ok := l.tr.nextReady(now); ok && at.Before(next) {
		next = at
	}
	if gap := min(l.w.cfg.Interval, 10*time.Millisecond); next.Before(now.Add(gap)) {
		next = now.Add(gap)
	}
	l.nextAt = next
	l.timer.Reset(next.Sub(now))
}

// hint brings the next listing forward after a change event.
func (l *loop) hint() {
	d := min(l.w.cfg.Interval, 50*time.Millisecond)
	if at := time.Now().Add(d); at.Before(l.nextAt) {
		l.nextAt = at
		l.timer.Reset(d)
	}
}

// drain waits for the files in hand after a stop request.
func (l *loop) drain() {
	if l.running > 0 {
		l.w.log.Info(l.w.tr("收到停止请求，处理完手上的文件后退出", "stop requested: finishing the files in hand, then exiting"), "in_hand", l.running)
	} else {
		l.w.log.Info(l.w.tr("收到停止请求", "stop requested"))
	}
	for l.running > 0 {
		l.finish(<-l.results)
	}
}

// notifier turns fsnotify events on one folder into coalesced hints.
type notifier struct {
	fw    *fsnotify.Watcher
	hints chan struct{}
	wg    sync.WaitGroup
}

func newNotifier(dir string) (*notifier, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := fw.Add(dir); err != nil {
		_ = fw.Close()
		return nil, err
	}
	n := &notifier{fw: fw, hints: make(chan struct{}, 1)}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		for {
			select {
			case _, ok := <-fw.Events:
				if !ok {
					return
				}
			case _, ok := <-fw.Errors:
				if !ok {
					return
				}
				// An overflow or error: a listing now is the safe answer.
			}
			select {
			case n.hints <- struct{}{}:
			default:
			}
		}
	}()
	return n, nil
}

func (n *notifier) close() {
	_ = n.fw.Close()
	n.wg.Wait()
}
