package workbook

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/selfeval/selfeval/internal/i18n"
)

// testHookBeforeRename, when set by a test, runs after the temp file is
// written and synced and before it is renamed; an error aborts the save.
var testHookBeforeRename func(tmp string) error

// testHookSyncDir, when set by a test, is called with each folder synced.
var testHookSyncDir func(dir string)

// Temp files are named tempPrefix + the target's name (cut to fit) + "-" +
// random digits + tempSuffix, in the target's folder. The watcher recognises
// the prefix; the next write into a folder removes ours that are older than
// staleTemp (left by a killed run).
const (
	tempPrefix = ".selfeval-"
	tempSuffix = ".tmp"
	// maxTempBase keeps a temp name within the 255 bytes a file name may
	// have: prefix 10 + base + "-" + up to 10 random digits + suffix 4.
	maxTempBase = 255 - len(tempPrefix) - 1 - 10 - len(tempSuffix)
	staleTemp   = time.Hour
)

// atomicWrite replaces dst with data: a temp file in dst's folder is
// written, synced and closed, given dst's mode (0644 for a new file), owner
// and group, renamed over dst, and the folder is synced (by atomicReplace
// with FolderSyncs, at the end of a batch). A symlink is followed: its
// target is replaced and the link stays. A read-only dst is refused with
// ErrReadOnly, and so is one whose owner and group cannot be kept; a dst
// with several hard links is refused with ErrHardLink (replacing it would
// break them). On any failure the temp file is removed and dst is untouched.
func atomicWrite(dst string, data []byte) error {
	return atomicReplace(dst, data, "", nil, nil)
}

// seenFile is a file as it was read: where, its size and time, its bytes.
type seenFile struct {
	path string
	info fs.FileInfo
	data []byte
}

// errFileChanged is returned by replaceIfUnchanged.
var errFileChanged = errors.New("the file changed")

// same reports whether fi is, by its identity, size and time, the file read.
func (s *seenFile) same(fi fs.FileInfo) bool {
	return os.SameFile(fi, s.info) && fi.Size() == s.info.Size() && fi.ModTime().Equal(s.info.ModTime())
}

// changed reports whether the file at path is no longer the one read: another
// file, another size or time, or other bytes.
func (s *seenFile) changed(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true
	}
	defer f.Close()
	return s.changedFile(f)
}

// changedFile is changed of the open file f: one fstat, and its bytes
// compared with those read, a chunk at a time. (Reading the whole file into
// a buffer of its size, fresh memory for each file, cost more than the
// save's other checks together: the kernel faults in every page of it.)
func (s *seenFile) changedFile(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil || !s.same(fi) {
		return true
	}
	bp := chunks.Get().(*[]byte)
	defer chunks.Put(bp)
	rest := s.data
	for {
		n, err := io.ReadFull(f, *bp)
		if n > len(rest) || !bytes.Equal((*bp)[:n], rest[:n]) {
			return true // other bytes, or more of them: a file grown since
		}
		rest = rest[n:]
		switch err {
		case nil:
		case io.EOF, io.ErrUnexpectedEOF:
			return len(rest) > 0
		default:
			return true
		}
	}
}

// chunks holds the buffers changedFile reads into.
var chunks = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// of returns s when dst, which the caller named shown, is the file read,
// nil otherwise. The same name as read is the same file (a save made
// meanwhile is found by the checks that follow).
func (s *seenFile) of(shown, dst string) *seenFile {
	if s == nil || s.path == shown {
		return s
	}
	src, err := resolveLink(s.path)
	if err != nil {
		return nil
	}
	a, err1 := filepath.Abs(src)
	b, err2 := filepath.Abs(dst)
	if err1 != nil || err2 != nil || a != b {
		return nil
	}
	return s
}

// alreadyHolds reports whether dst is the file read (seen), still as read,
// and holds data: then there is nothing to write. A file changed since it
// was read fails as atomicReplace fails (ErrChanged): the person's save
// stands and is not reported as scored.
func alreadyHolds(dst string, data []byte, seen *seenFile) (bool, error) {
	shown := dst
	dst, err := resolveLink(dst)
	if err != nil || seen.of(shown, dst) == nil || !bytes.Equal(data, seen.data) {
		return false, nil
	}
	if seen.changed(dst) {
		return false, fileError(shown, ErrChanged, i18n.New("大小、修改时间或内容与读取时不同", "its size, time or content differ from when it was read"))
	}
	return true, nil
}

// atomicReplace is atomicWrite that, when dst is the file read (seen),
// replaces it only if it is still as read: a person's save made meanwhile
// wins, nothing is written and the error wraps ErrChanged. A new dst gets
// src's mode (0644 when src is "" or gone). With later, the folder is
// synced by later.Sync instead of at once (see FolderSyncs).
func atomicReplace(dst string, data []byte, src string, seen *seenFile, later *FolderSyncs) (err error) {
	shown := dst
	dst, err = resolveLink(dst)
	if err != nil {
		return i18n.Errorf("%s：%w", "%s: %w", shown, err)
	}
	seen = seen.of(shown, dst)
	mode := fs.FileMode(0o644)
	var old fs.FileInfo
	if fi, err := os.Stat(dst); err == nil {
		if err := writable(dst, fi); err != nil {
			return fileError(shown, ErrReadOnly, err)
		}
		if n := linkCount(fi); n > 1 {
			return fileError(shown, ErrHardLink, i18n.Errorf("共 %d 个链接", "%d links", n))
		}
		old, mode = fi, fi.Mode().Perm()
	} else if src != "" {
		if fi, err := os.Stat(src); err == nil {
			mode = fi.Mode().Perm()
		}
	}
	// A save seen already (by the file's identity, size and time) spares
	// writing the temp file; one made from here on is found by
	// replaceIfUnchanged, which compares the bytes.
	if seen != nil && (old == nil || !seen.same(old)) {
		return fileError(shown, ErrChanged, i18n.New("大小、修改时间或内容与读取时不同", "its size, time or content differ from when it was read"))
	}
	if err := later.begin(); err != nil {
		return i18n.Errorf("%s：批处理已中断，未写入", "%s: the batch was stopped; not written", shown)
	}
	defer later.end()
	dir := filepath.Dir(dst)
	removeStaleTemps(dir)
	tmp, err := os.CreateTemp(dir, tempPrefix+tempBase(filepath.Base(dst))+"-*"+tempSuffix)
	if err != nil {
		return i18n.Errorf("%s：无法创建临时文件：%w", "%s: cannot create a temporary file: %w", shown, err)
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(name)
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return i18n.Errorf("%s：写入临时文件失败：%w", "%s: writing the temporary file failed: %w", shown, err)
	}
	if err = tmp.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return i18n.Errorf("%s：设置文件权限失败：%w", "%s: setting the file permissions failed: %w", shown, err)
	}
	if old != nil {
		if err = keepOwner(tmp, old); err != nil {
			return fileError(shown, ErrReadOnly, i18n.Errorf("无法保留文件的所有者和组：%w", "cannot keep the file's owner and group: %w", err))
		}
	}
	if err = tmp.Sync(); err != nil {
		return i18n.Errorf("%s：同步临时文件失败：%w", "%s: syncing the temporary file failed: %w", shown, err)
	}
	if err = tmp.Close(); err != nil {
		return i18n.Errorf("%s：关闭临时文件失败：%w", "%s: closing the temporary file failed: %w", shown, err)
	}
	if testHookBeforeRename != nil {
		if err = testHookBeforeRename(name); err != nil {
			return err
		}
	}
	if seen != nil {
		err = replaceIfUnchanged(name, dst, seen)
	} else {
		err = os.Rename(name, dst)
	}
	if errors.Is(err, errFileChanged) {
		return fileError(shown, ErrChanged, i18n.New("写回前文件已被替换或修改", "it was replaced or changed before the write"))
	}
	if err != nil {
		return i18n.Errorf("%s：替换文件失败：%w", "%s: replacing the file failed: %w", shown, err)
	}
	later.syncDir(dir)
	return nil
}

// FolderSyncs puts off the folder sync that ends each save until Sync: a
// batch that replaces many files in one folder syncs it once, when the
// batch is done, instead of once per file. It is safe for concurrent use;
// the zero value is ready, and a nil *FolderSyncs syncs at once.
//
// A file is still always either the old one or the whole new one: the temp
// file's data is synced before the rename, and the rename replaces the
// file in one step. What waits is the rename's durability: after a crash
// before Sync, a file may be found as it was before the batch. So Sync must
// run before the batch reports it is done and before the process exits, on
// error or signal too; a single file, and each file the watcher moves or
// records, is synced at once (no FolderSyncs).
//
// Stop, for a signal, ends the batch at once: saves not yet begun are
// refused, those under way are waited for, then Sync runs; so no temp file
// is left behind when the process ends.
type FolderSyncs struct {
	mu      sync.Mutex
	dirs    map[string]bool
	saving  int        // saves under way
	stopped bool       // Stop was called: no save begins
	idle    *sync.Cond // signalled when saving falls to 0, made by Stop
	done    bool       // Sync has run: later folders are synced at once
}

// errStopped refuses a save begun after Stop.
var errStopped = errors.New("stopped")

// begin notes a save under way, or refuses it after Stop.
func (f *FolderSyncs) begin() error {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stopped {
		return errStopped
	}
	f.saving++
	return nil
}

// end notes the end of a save begun.
func (f *FolderSyncs) end() {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saving--
	if f.saving == 0 && f.idle != nil {
		f.idle.Broadcast()
	}
}

// Stop refuses the saves not yet begun, waits for those under way, and
// runs Sync: what a stop signal does before the process ends.
func (f *FolderSyncs) Stop() {
	if f == nil {
		return
	}
	f.mu.Lock()
	f.stopped = true
	if f.idle == nil {
		f.idle = sync.NewCond(&f.mu)
	}
	for f.saving > 0 {
		f.idle.Wait()
	}
	f.mu.Unlock()
	f.Sync()
}

// syncDir syncs dir now, or notes it for Sync.
func (f *FolderSyncs) syncDir(dir string) {
	if f != nil {
		f.mu.Lock()
		if !f.done {
			if f.dirs == nil {
				f.dirs = map[string]bool{}
			}
			f.dirs[dir] = true
			f.mu.Unlock()
			return
		}
		f.mu.Unlock()
	}
	syncDir(dir)
}

// Sync syncs each folder noted since, once; from then on every save's
// folder is synced at once.
func (f *FolderSyncs) Sync() {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	dirs := make([]string, 0, len(f.dirs))
	for dir := range f.dirs {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		syncDir(dir)
	}
	f.dirs, f.done = nil, true
}

// resolveLink returns the file a symlink points to (through every link), or
// path itself when it is no link or does not exist yet.
func resolveLink(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", i18n.Errorf("符号链接指向的文件不存在：%w", "the symbolic link points to no file: %w", err)
	}
	return target, nil
}

// writable refuses a file nobody may write (mode without write bits, as a
// read-only file on Windows too) or that this process may not open for
// writing (canWrite). Root may write anything, so the mode is checked, not
// only access.
func writable(path string, fi fs.FileInfo) error {
	if fi.Mode().Perm()&0o222 == 0 {
		return i18n.Errorf("文件权限为 %v", "the file permissions are %v", fi.Mode().Perm())
	}
	return canWrite(path)
}

// tempBase cuts a file name to maxTempBase bytes at a character boundary.
func tempBase(base string) string {
	if len(base) <= maxTempBase {
		return base
	}
	cut := maxTempBase
	for cut > 0 && !utf8.RuneStart(base[cut]) {
		cut--
	}
	return base[:cut]
}

// cleaned holds the folders whose stale temp files this process removed.
var cleaned sync.Map

// removeStaleTemps removes, once per folder and process, our temp files in
// dir that are older than staleTemp: a run killed between writing and
// renaming leaves one behind. Younger ones may belong to a run in progress.
func removeStaleTemps(dir string) {
	if _, done := cleaned.LoadOrStore(dir, true); done {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(n, tempPrefix) || !strings.HasSuffix(n, tempSuffix) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > staleTemp {
			_ = os.Remove(filepath.Join(dir, n))
		}
	}
}

// syncDir flushes a folder's entry list so that a rename survives a crash.
// Some systems (Windows, some network file systems) cannot sync a folder; the
// rename has happened either way, so errors are ignored.
func syncDir(dir string) {
	if testHookSyncDir != nil {
		testHookSyncDir(dir)
	}
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// WriteFileAtomic replaces dst with data the same way as the write-back:
// through a temp file in dst's folder, synced and renamed, so that dst is
// either the old file or the whole new one. An existing dst keeps its mode.
// The tool's other outputs (new workbooks, CSV, JSON) are saved by it.
func WriteFileAtomic(dst string, data []byte) error {
	return atomicWrite(dst, data)
}
