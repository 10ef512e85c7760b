package watch

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/selfeval/selfeval/internal/i18n"
)

// instance is one running watcher's claim on processing/: the folder
// processing/ID/ and the lock on processing/ID.lock.
type instance struct {
	id       string
	host     string
	dir      string
	lockPath string
	lock     *os.File
	locked   bool // false when the filesystem refused locks
}

// lockInfo is written into the lock file so that others can tell which host
// holds it.
type lockInfo struct {
	Host    string `json:"host"`
	PID     int    `json:"pid"`
	Started string `json:"started"`
}

func hostName() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "unknown"
	}
	return h
}

// newInstanceID returns HOST-PID-RANDOM with the host reduced to characters
// safe in a file name on any share.
func newInstanceID(host string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	safe := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, host)
	return fmt.Sprintf("%s-%d-%s", safe, os.Getpid(), hex.EncodeToString(b[:]))
}

// samePath reports whether path still names the open file f.
func samePath(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// acquireInstance creates and locks processing/ID.lock, then creates
// processing/ID/. The lock exists before the folder, so anyone who sees the
// folder finds it locked. If a recoverer removes a fresh lock file before it
// is locked, a new ID is tried.
func acquireInstance(processing string, log *slog.Logger, english bool) (*instance, error) {
	host := hostName()
	var last error
	for try := 0; try < 8; try++ {
		id := newInstanceID(host)
		lockPath := filepath.Join(processing, id+".lock")
		f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			last = err
			if errors.Is(err, fs.ErrExist) {
				continue
			}
			return nil, i18n.Errorf("创建实例锁文件失败：%w", "creating the instance lock file failed: %w", err)
		}
		ok, lerr := tryLockFile(f)
		if lerr != nil {
			// Some shares refuse locks; the heartbeat still protects this
			// instance from other hosts, and same-host peers see the error too.
			log.Warn(pick(english, "文件系统不支持文件锁，崩溃恢复改用心跳判断", "the file system does not support file locks; crash recovery relies on the heartbeat"), "lock", lockPath, "err", lerr)
		} else if !ok || !samePath(f, lockPath) {
			_ = f.Close()
			last = errors.New("lock file taken while starting")
			continue
		}
		info, _ := json.Marshal(lockInfo{Host: host, PID: os.Getpid(), Started: time.Now().Format(time.RFC3339)})
		if _, err := f.Write(info); err == nil {
			_ = f.Sync()
		}
		in := &instance{id: id, host: host, dir: filepath.Join(processing, id), lockPath: lockPath, lock: f, locked: lerr == nil}
		if err := os.Mkdir(in.dir, 0o755); err != nil {
			_ = f.Close()
			_ = os.Remove(lockPath)
			return nil, i18n.Errorf("创建实例文件夹失败：%w", "creating the instance folder failed: %w", err)
		}
		return in, nil
	}
	return nil, i18n.Errorf("无法取得实例锁：%w", "cannot take the instance lock: %w", last)
}

// heartbeat refreshes the lock file's mtime, which other hosts read.
func (in *instance) heartbeat(now time.Time) error {
	return os.Chtimes(in.lockPath, now, now)
}

// release removes the instance folder if it is empty, then drops the lock and
// removes the lock file. A folder that still holds files stays, unlocked, for
// the next recovery to put back.
func (in *instance) release() error {
	err := os.Remove(in.dir)
	if in.locked {
		_ = unlockFile(in.lock)
	}
	_ = in.lock.Close()
	if err == nil {
		if rerr := os.Remove(in.lockPath); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			return rerr
		}
	}
	return err
}

// recoverOrphans puts back the files of dead instances and removes lock
// files that have no folder. It never touches the caller's own instance.
func (w *Watcher) recoverOrphans(now time.Time) {
	entries, err := os.ReadDir(w.processing)
	if err != nil {
		w.log.Warn(w.tr("读取 processing 文件夹失败", "cannot read the processing folder"), "dir", w.processing, "err", err)
		return
	}
	dirs := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() {
			dirs[e.Name()] = true
		}
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == w.inst.id || name == w.inst.id+".lock":
		case e.IsDir():
			w.recoverDir(name, now)
		case strings.HasSuffix(name, ".lock") && !dirs[strings.TrimSuffix(name, ".lock")]:
			w.removeLoneLock(name)
		}
	}
}

// recoverDir recovers processing/name if its owner is dead: the lock is free
// and, for another host (or a share without locks), the heartbeat is stale.
func (w *Watcher) recoverDir(name string, now time.Time) {
	lockPath := filepath.Join(w.processing, name+".lock")
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		w.log.Debug(w.tr("无法打开实例锁文件", "cannot open the instance lock file"), "lock", lockPath, "err", err)
		return
	}
	closed := false
	closeLock := func() {
		if !closed {
			_ = f.Close() // also drops the flock
			closed = true
		}
	}
	defer closeLock()
	ok, lerr := tryLockFile(f)
	if lerr == nil && (!ok || !samePath(f, lockPath)) {
		return // live, or being recovered by someone else
	}
	var info lockInfo
	data, _ := io.ReadAll(io.LimitReader(f, 4096))
	_ = json.Unmarshal(data, &info)
	if lerr != nil || info.Host != w.inst.host {
		st, err := f.Stat()
		if err != nil || now.Sub(st.ModTime()) < w.cfg.StaleAfter {
			w.log.Debug(w.tr("实例可能仍在运行（锁无法确认或在另一台机器上），暂不接管", "the instance may still be running (lock not confirmed, or on another host); not taking over yet"), "dead_instance", name, "host", info.Host)
			return
		}
	}
	dir := filepath.Join(w.processing, name)
	w.putBack(dir, name)
	if err := os.Remove(dir); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.log.Warn(w.tr("清理已退出实例的文件夹失败", "cannot clean up the folder of an exited instance"), "dir", dir, "err", err)
		}
		return
	}
	closeLock()
	_ = os.Remove(lockPath)
	w.log.Info(w.tr("已清理已退出实例", "cleaned up an exited instance"), "dead_instance", name)
}

// putBack moves the claimed files of a dead instance back into the inbox and
// removes the temp files and markers it left.
func (w *Watcher) putBack(dir, owner string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), tempPrefix):
			_ = os.Remove(p)
		case e.Type().IsRegular():
			if w.finishRecorded(p, e.Name(), owner) {
				continue
			}
			dst, err := moveNoClobber(p, w.inbox, e.Name())
			if err != nil {
				w.log.Error(w.tr("无法把文件放回 inbox", "cannot put the file back into the inbox"), "file", p, "err", err)
				continue
			}
			w.log.Warn(w.tr("已把中断处理的文件放回 inbox", "put an interrupted file back into the inbox"), "file", e.Name(), "to", filepath.Base(dst), "dead_instance", owner)
		}
	}
}

// finishRecorded completes the work of a dead instance that wrote a file's
// ledger line and died before moving the file on: the file goes where the
// line says (done/ or failed/), with no second line. It reports whether it
// did so; a file without such a line goes back to the inbox instead.
// Without this a scored file would come back as a duplicate of itself.
func (w *Watcher) finishRecorded(path, name, owner string) bool {
	var rec LedgerEntry
	found := false
	if err := w.led.locked(func(*os.File) error {
		rec, found = w.led.latest(owner, name)
		return nil
	}); err != nil || !found {
		return false
	}
	hash, err := hashFile(path)
	if err != nil || hash != rec.Hash && hash != rec.OutputHash {
		return false
	}
	log := w.log.With("file", name, "hash", hash[:12], "dead_instance", owner)
	switch rec.Outcome {
	case OutcomeDone, OutcomeDuplicate:
		if rec.Status == StatusInvalid { // a duplicate scored again that did not pass
			dst := w.moveTo(log, path, w.returned)
			log.Warn(w.tr("已记入台账但未移走的文件，已移到 returned", "moved a file already in the ledger but not moved to returned"), "outcome", rec.Outcome, "to", dst)
			return dst != ""
		}
		dst := w.moveTo(log, path, w.done)
		log.Warn(w.tr("已记入台账但未移走的文件，已移到 done", "moved a file already in the ledger but not moved to done"), "outcome", rec.Outcome, "to", dst)
		return dst != ""
	case OutcomeReturned:
		dst := w.moveTo(log, path, w.returned)
		log.Warn("已记入台账但未移走的文件，已移到 returned", "outcome", rec.Outcome, "to", dst)
		return dst != ""
	case OutcomeFailed:
		w.shelve(log, path, rec, errors.New(rec.Error))
		_, err := os.Lstat(path)
		return errors.Is(err, fs.ErrNotExist)
	}
	return false
}

// removeLoneLock deletes processing/name when no folder belongs to it and
// nobody holds it: debris of a start that died before creating its folder.
func (w *Watcher) removeLoneLock(name string) {
	lockPath := filepath.Join(w.processing, name)
	f, err := os.OpenFile(lockPath, os.O_RDWR, 0)
	if err != nil {
		return
	}
	ok, lerr := tryLockFile(f)
	gone := lerr == nil && ok && samePath(f, lockPath)
	if gone {
		_, err = os.Stat(strings.TrimSuffix(lockPath, ".lock"))
		gone = errors.Is(err, fs.ErrNotExist)
	}
	_ = f.Close()
	if gone {
		_ = os.Remove(lockPath)
	}
}

// claim moves inbox/name into this instance's folder. Exactly one of several
// racing watchers succeeds; the others get an error wrapping fs.ErrNotExist.
func (w *Watcher) claim(name string) error {
	return os.Rename(filepath.Join(w.inbox, name), filepath.Join(w.inst.dir, name))
}

// reservation is the answer of reserve.
type reservation int

const (
	resNew       reservation = iota // go on; a marker now says this content is in flight
	resDuplicate                    // the ledger has this content as processed
	resBusy                         // another file with this content is in flight
)

func markerName(hash string) string { return tempPrefix + "inflight-" + hash }

// reserve decides, under the ledger lock so that instances agree, whether
// content hash is new, a duplicate or in flight elsewhere.
func (w *Watcher) reserve(hash string) (reservation, error) {
	res := resNew
	err := w.led.locked(func(*os.File) error {
		if w.led.has(hash) {
			res = resDuplicate
			return nil
		}
		if w.inFlight(hash) {
			res = resBusy
			return nil
		}
		f, err := os.OpenFile(filepath.Join(w.inst.dir, markerName(hash)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			res = resBusy
			return nil
		}
		if err != nil {
			return err
		}
		return f.Close()
	})
	return res, err
}

// inFlight reports whether any instance folder holds a marker for hash.
func (w *Watcher) inFlight(hash string) bool {
	entries, err := os.ReadDir(w.processing)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Lstat(filepath.Join(w.processing, e.Name(), markerName(hash))); err == nil {
			return true
		}
	}
	return false
}

// unreserve removes the marker once the ledger has the outcome.
func (w *Watcher) unreserve(hash string) {
	_ = os.Remove(filepath.Join(w.inst.dir, markerName(hash)))
}
