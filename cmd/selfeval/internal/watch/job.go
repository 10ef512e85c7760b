package watch

import (
	"context"
	"crypto/sha256"
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

// result tells the loop a worker is free again.
type result struct {
	name  string
	retry bool // the file went back to the inbox
	// back is the name it went back as ("" when it could not), and
	// incomplete how many times it has gone back as incomplete.
	back       string
	incomplete int
}

// claimed is a file just claimed, as the loop last saw it in the inbox.
type claimed struct {
	name       string
	size       int64
	mtime      time.Time
	incomplete int  // times it went back to the inbox as incomplete
	lastTry    bool // reading as incomplete now fails it
}

// Error file suffixes written beside a failed file.
const (
	errorTxt  = ".error.txt"
	errorJSON = ".error.json"
)

// legacyError is the failure of an .xls (or .et) file, or of an .ods one,
// when nothing here can convert it.
type legacyError struct{ ods bool }

func (e legacyError) Error() string { return e.Localized(false) }

// Localized says the failure in English or Chinese.
func (e legacyError) Localized(english bool) string {
	if e.ods {
		return pick(english, "文件是 OpenDocument 表格（.ods），无法处理，请另存为 .xlsx",
			"the file is an OpenDocument spreadsheet (.ods) and cannot be processed; save it as .xlsx")
	}
	return pick(english, "文件是旧版 Excel 97-2003 格式（.xls），无法处理，请另存为 .xlsx",
		"the file is an old Excel 97-2003 workbook (.xls) and cannot be processed; save it as .xlsx")
}

func (e legacyError) Hint() string { return e.HintIn(false) }

// HintIn says what to do in English or Chinese.
func (e legacyError) HintIn(english bool) string {
	if e.ods {
		return pick(english, "请在 LibreOffice、WPS 或 Excel 中打开该文件，选择“文件 → 另存为”，文件类型选“Excel 2007-365 (.xlsx)”或“Excel 工作簿 (*.xlsx)”，再把新的 .xlsx 文件放入 inbox 文件夹。",
			"Open the file in LibreOffice, WPS or Excel, choose File → Save As, type \"Excel 2007-365 (.xlsx)\" or \"Excel Workbook (*.xlsx)\", and put the new .xlsx file into the inbox folder.")
	}
	return pick(english, "请在 Excel 或 WPS 中打开该文件，选择“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”，再把新的 .xlsx 文件放入 inbox 文件夹。",
		"Open the file in Excel or WPS, choose File → Save As, type \"Excel Workbook (*.xlsx)\", and put the new .xlsx file into the inbox folder.")
}

const (
	defaultHint = "请确认这是按自评表模板填写、能在 Excel 或 WPS 中正常打开的 .xlsx 文件；改好后重新放入 inbox 文件夹。" +
		"如仍无法处理，请把本说明和同名的 .error.json 文件发给管理员。"
	defaultHintEn = "Make sure this is an .xlsx file filled in from the self-evaluation template that opens in Excel or WPS; " +
		"put the corrected file into the inbox folder again. If it still fails, send this note and the .error.json file of the same name to the administrator."
)

// hintOf is what the error file tells the person to do: the error's own
// hint when it has one in the language, else the general advice.
func hintOf(err error, english bool) string {
	var hl interface{ HintIn(bool) string }
	if errors.As(err, &hl) {
		return hl.HintIn(english)
	}
	var h interface{ Hint() string }
	if !english && errors.As(err, &h) && h.Hint() != "" {
		return h.Hint()
	}
	return pick(english, defaultHint, defaultHintEn)
}

// hashFile returns the hex SHA-256 of the file at path.
func hashFile(path string) (string, error) {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return "", i18n.Errorf("不是普通文件（%s）", "not a regular file (%s)", fi.Mode().Type())
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// handle runs one claimed file from this instance's folder to done/,
// returned/, failed/ or back to the inbox.
func (w *Watcher) handle(ctx context.Context, c claimed) result {
	name := c.name
	path := filepath.Join(w.inst.dir, name)
	log := w.log.With("file", name)
	if w.changedSince(path, c) {
		// Written to between the listing that found it ready and the claim:
		// still being copied.
		log.Info(w.tr("文件在领取前后仍有变化，放回 inbox 稍后再看", "the file was still changing when it was claimed; it goes back to the inbox to be looked at later"))
		return w.retry(log, path, c, c.incomplete)
	}
	e := LedgerEntry{File: name, Instance: w.inst.id}
	hash, err := hashFile(path)
	if err != nil {
		w.fail(log, path, e, i18n.Errorf("无法读取文件：%w", "cannot read the file: %w", err))
		return result{name: name}
	}
	e.Hash = hash
	log = log.With("hash", hash[:12])
	if lp, ok := w.proc.(LegacyProcessor); classify(name) == classLegacy && (!ok || !lp.Legacy()) {
		w.fail(log, path, e, legacyError{ods: strings.HasSuffix(strings.ToLower(name), ".ods")})
		return result{name: name}
	}
	res, err := w.reserve(hash)
	if err != nil {
		log.Error(w.tr("无法读写台账，文件放回 inbox 稍后重试", "cannot read or write the ledger; the file goes back to the inbox for a later try"), "ledger", w.led.path, "err", err)
		return w.retry(log, path, c, c.incomplete)
	}
	dup := false
	switch res {
	case resBusy:
		log.Info(w.tr("相同内容的文件正在处理中，稍后再看", "a file with the same content is being processed; looking again later"))
		return w.retry(log, path, c, c.incomplete)
	case resDuplicate:
		if w.scoredOutput(hash) {
			// The scored file itself, dropped again: it goes to done/ as it is.
			e.Outcome = OutcomeDuplicate
			w.copyResult(&e)
			w.record(log, e)
			w.nDup.Add(1)
			dst := w.moveTo(log, path, w.done)
			log.Info(w.tr("内容与已处理的文件相同，记为重复，不再评分", "same content as a file already processed: recorded as a duplicate, not scored again"), "outcome", e.Outcome, "to", dst)
			return result{name: name}
		}
		// The same content as a file already scored, before its scoring: it
		// is scored too, so that what lands in done/ carries its scores,
		// and recorded as a duplicate, so that it counts once.
		dup = true
	}
	if !dup {
		defer w.unreserve(hash)
	}
	out, err := w.process(ctx, path)
	if err != nil && isIncomplete(err) && (!c.lastTry || w.changedSince(path, c)) {
		// Perhaps a copy that stalled halfway: look again once it has been
		// left alone for a while, longer each time. A file still being
		// written to (changed since it was seen ready) goes back even on
		// its last try.
		n := c.incomplete + 1
		log.Info(w.tr("文件不完整（可能仍在复制），放回 inbox，稍后再看", "the file is incomplete (perhaps still being copied); it goes back to the inbox to be looked at later"),
			"err", err, "tries", n, "of", w.cfg.IncompleteTries)
		return w.retry(log, path, c, n)
	}
	if err != nil {
		w.fail(log, path, e, err)
		return result{name: name}
	}
	e.Kind, e.Total, e.Grade, e.Status = out.Kind, out.Total, out.Grade, out.Status
	e.FormKey, e.Project, e.Unit, e.Forms = out.FormKey, out.Project, out.Unit, out.Forms
	to, count := w.done, &w.nDone
	e.Outcome = OutcomeDone
	if out.Status == StatusInvalid {
		// Scored, with the feedback written in, but not passed: it goes
		// back to the person to be corrected.
		to, count = w.returned, &w.nReturned
		e.Outcome = OutcomeReturned
	}
	if dup {
		count, e.Outcome = &w.nDup, OutcomeDuplicate
	}
	scored := path
	if out.Output != "" {
		scored = out.Output
	}
	if e.OutputHash, err = hashFile(scored); err != nil {
		log.Error(w.tr("处理后无法读取文件", "cannot read the file after processing"), "err", err)
	}
	w.record(log, e)
	count.Add(1)
	dst := w.moveTo(log, path, to)
	if out.Output != "" {
		dst = w.moveTo(log, out.Output, to)
	}
	log.Info(w.tr("已处理", "processed"), "outcome", e.Outcome, "kind", out.Kind, "total", out.Total, "grade", out.Grade,
		"status", out.Status, "errors", out.Errors, "warnings", out.Warnings, "to", dst)
	return result{name: name}
}

// process calls the Processor and turns a panic into an error.
func (w *Watcher) process(ctx context.Context, path string) (out Outcome, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = i18n.Errorf("处理时发生内部错误：%v", "internal error while processing: %v", r)
		}
	}()
	return w.proc.Process(ctx, path)
}

// record appends e to the ledger with the current time.
func (w *Watcher) record(log *slog.Logger, e LedgerEntry) {
	e.Time = time.Now().Format(time.RFC3339)
	err := w.led.locked(func(f *os.File) error { return w.led.appendEntry(f, e) })
	if err != nil {
		log.Error(w.tr("写入台账失败", "writing the ledger failed"), "ledger", w.led.path, "err", err)
	}
}

// moveTo moves path into dir without overwriting and returns the new name,
// or "" when the move failed (the file then stays in processing/ and is put
// back on the next start).
func (w *Watcher) moveTo(log *slog.Logger, path, dir string, siblings ...string) string {
	dst, err := moveNoClobber(path, dir, filepath.Base(path), siblings...)
	if err != nil {
		log.Error(w.tr("移动文件失败", "moving the file failed"), "to", dir, "err", err)
		return ""
	}
	return filepath.Base(dst)
}

// retry puts a claimed file back into the inbox; incomplete is how many
// times it has now gone back as incomplete.
func (w *Watcher) retry(log *slog.Logger, path string, c claimed, incomplete int) result {
	r := result{name: c.name, retry: true, incomplete: incomplete}
	dst, err := moveNoClobber(path, w.inbox, c.name)
	if err != nil {
		log.Error(w.tr("无法放回 inbox", "cannot put it back into the inbox"), "err", err)
		return r
	}
	r.back = filepath.Base(dst)
	return r
}

// changedSince reports whether the claimed file at path is no longer the
// size and mtime the loop saw when it found it ready.
func (w *Watcher) changedSince(path string, c claimed) bool {
	fi, err := os.Lstat(path)
	return err == nil && (fi.Size() != c.size || !fi.ModTime().Equal(c.mtime))
}

// errorReport is the content of NAME.error.json.
type errorReport struct {
	File     string `json:"file"`     // name as dropped into the inbox
	SavedAs  string `json:"saved_as"` // name in failed/
	Time     string `json:"time"`
	Hash     string `json:"hash"`
	Error    string `json:"error"`
	Hint     string `json:"hint"`
	Instance string `json:"instance"`
}

// scoredOutput reports whether hash is the content of a file as this
// watcher scored it (not the content it was dropped with).
func (w *Watcher) scoredOutput(hash string) bool {
	scored := false
	_ = w.led.locked(func(*os.File) error {
		o, ok := w.led.original(hash)
		scored = ok && o.OutputHash == hash
		return nil
	})
	return scored
}

// copyResult gives a duplicate's line the kind, total, grade and status of
// the processed file it duplicates, so that the ledger shows its result too.
func (w *Watcher) copyResult(e *LedgerEntry) {
	_ = w.led.locked(func(*os.File) error {
		if o, ok := w.led.original(e.Hash); ok {
			e.Kind, e.Total, e.Grade, e.Status = o.Kind, o.Total, o.Grade, o.Status
			e.FormKey, e.Project, e.Unit, e.Forms = o.FormKey, o.Project, o.Unit, o.Forms
		}
		return nil
	})
}

// fail records cause in the ledger and shelves the file in failed/ with its
// error files.
func (w *Watcher) fail(log *slog.Logger, path string, e LedgerEntry, cause error) {
	e.Outcome, e.Error = OutcomeFailed, i18n.Text(cause, w.cfg.English)
	w.record(log, e)
	w.nFailed.Add(1)
	w.shelve(log, path, e, cause)
}

// shelve moves a failed file to failed/ with its error files beside it; e
// is its ledger line. The error files are written first and the file moved
// after them, so that a file in failed/ always has its explanation; a kill
// between the two leaves the file in processing/, and the next try takes the
// pair it finds for the same file and content.
func (w *Watcher) shelve(log *slog.Logger, path string, e LedgerEntry, cause error) {
	rep := errorReport{
		File: e.File, Time: time.Now().Format(time.RFC3339), Hash: e.Hash,
		Error: i18n.Text(cause, w.cfg.English), Hint: hintOf(cause, w.cfg.English), Instance: e.Instance,
	}
	saved, err := w.placeFailed(path, rep)
	if err != nil {
		log.Error(w.tr("移动文件失败", "moving the file failed"), "to", w.failed, "err", err)
	}
	log.Warn(w.tr("处理失败，已移到 failed", "processing failed; moved to failed"), "outcome", e.Outcome, "err", cause, "to", saved)
}

// placeFailed writes the error files of rep under the first free name in
// failed/ (or finds its own pair from an interrupted try), then moves path
// beside them. It returns the name the file got.
func (w *Watcher) placeFailed(path string, rep errorReport) (string, error) {
	name := filepath.Base(path)
	perm := companionPerm(path)
	for n := 1; n <= maxSuffix; n++ {
		cand := fitName(suffixed(name, n), max(len(errorTxt), len(errorJSON)))
		base := filepath.Join(w.failed, cand)
		if _, err := os.Lstat(base); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if old, ok := ownReport(base, rep); ok {
			if _, err := os.Lstat(base + errorTxt); errors.Is(err, fs.ErrNotExist) {
				if err := writeFileExcl(base+errorTxt, w.errorText(old), perm); err != nil && !errors.Is(err, fs.ErrExist) {
					return "", err
				}
			}
		} else {
			if anyExists(w.failed, cand, []string{errorTxt, errorJSON}) {
				continue
			}
			rep.SavedAs = cand
			js, _ := json.MarshalIndent(rep, "", "  ")
			if err := writeFileExcl(base+errorJSON, append(js, '\n'), perm); err != nil {
				if errors.Is(err, fs.ErrExist) {
					continue
				}
				return "", err
			}
			if err := writeFileExcl(base+errorTxt, w.errorText(rep), perm); err != nil {
				_ = os.Remove(base + errorJSON)
				if errors.Is(err, fs.ErrExist) {
					continue
				}
				return "", err
			}
		}
		err := renameExcl(path, base)
		if err == nil {
			return cand, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("no free name for %s in %s", name, w.failed)
}

// ownReport returns the report at base+errorJSON if it describes the same
// file and content as rep: left by a try that died before moving the file
// (and perhaps before writing errorTxt).
func ownReport(base string, rep errorReport) (errorReport, bool) {
	var old errorReport
	data, err := os.ReadFile(base + errorJSON)
	if err != nil || json.Unmarshal(data, &old) != nil || old.File != rep.File || old.Hash != rep.Hash {
		return old, false
	}
	return old, true
}

// errorText renders the report for a person opening it in Notepad: UTF-8
// with a byte-order mark and CRLF line ends, which every Windows editor reads.
func (w *Watcher) errorText(r errorReport) []byte {
	lines := []string{
		w.tr("selfeval 未能处理文件：", "selfeval could not process the file: ") + r.File,
		w.tr("时间：", "Time: ") + r.Time,
		"",
		w.tr("出了什么问题：", "What went wrong:"),
		"    " + r.Error,
		"",
		w.tr("怎么办：", "What to do:"),
		"    " + r.Hint,
		"",
		w.tr("原文件没有被改动，已移到 failed 文件夹，文件名为：", "The file was not changed; it was moved to the failed folder as: ") + r.SavedAs,
		w.tr("内容指纹（SHA-256）：", "Content fingerprint (SHA-256): ") + r.Hash,
	}
	return []byte("\ufeff" + strings.Join(lines, "\r\n") + "\r\n")
}
