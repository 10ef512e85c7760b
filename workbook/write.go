package workbook

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/workbook/form"
)

// WriteOptions tune WriteBack.
type WriteOptions struct {
	DryRun bool // do everything in memory, write nothing
	// Syncs, when set, takes the folder sync of the save, to be done by
	// Syncs.Sync when the batch is done (see FolderSyncs).
	Syncs *FolderSyncs
}

// WriteBack writes the outcome of the rule book into the workbook at path
// and saves it atomically to dst (dst == path, or "", for in place): the
// Writes (numbers with 2 decimals shown, replacing a computed cell's
// formula), a note on each cell with findings, a highlight by severity, and
// the sheet ResultSheet. The previous write-back's notes, highlights and
// result sheet are replaced, so re-running gives the same file; a person's
// notes, typed values, locked state and sheet protection are kept. It
// refuses (with a *CellError) a Write into a non-blank cell that is not a
// computed cell of fm. On any failure the files at path and dst are
// unchanged and no temp file is left behind.
func WriteBack(path, dst string, fm *form.Form, out form.Outcome, opts WriteOptions) (err error) {
	if dst == "" {
		dst = path
	}
	if err := checkExt(path, dst); err != nil {
		return err
	}
	b, seen, err := readFileSeen(path)
	if err != nil {
		return err
	}
	if isLegacy(b) {
		if err := legacyTarget(path, dst); err != nil {
			return err
		}
		if b, err = fromLegacy(path, b); err != nil {
			return err
		}
	}
	if err := sniff(path, b); err != nil {
		return err
	}
	_, err = writeBack(path, b, nil, dst, []FormOutcome{{Form: fm, Outcome: out}}, opts, seen)
	return err
}

// FormOutcome is one form of a workbook and the outcome to write into it.
type FormOutcome struct {
	Form    *form.Form
	Outcome form.Outcome
}

// writeBack is WriteBack of the forms of one workbook, in one write, on the
// file's bytes b; p is the package of b when already opened, or nil. The
// parts that change are edited as text and the others copied as they are
// (directWriteAll); a part that cannot be edited so fails the write with a
// message naming it (ErrUnwritable) and nothing is written. A file scored
// again with nothing new already holds what would be written: it is left
// as it is (no new file, time or owner) and unchanged is true.
func writeBack(path string, b []byte, p *pkg, dst string, forms []FormOutcome, opts WriteOptions, seen *seenFile) (unchanged bool, err error) {
	if p == nil {
		if p, err = openPkg(path, b); err != nil {
			return false, err
		}
	}
	data, err := safeWrite(p, forms...)
	if err != nil {
		var ce *CellError
		if errors.As(err, &ce) {
			return false, err
		}
		return false, fileError(path, ErrUnwritable, err)
	}
	defer releaseOutput(data)
	if opts.DryRun {
		return false, nil
	}
	if holds, err := alreadyHolds(dst, data, seen); holds || err != nil {
		return holds, err
	}
	return false, atomicReplace(dst, data, path, seen, opts.Syncs)
}

// safeWrite is directWriteAll, with a panic in it turned into an error.
func safeWrite(p *pkg, forms ...FormOutcome) (data []byte, err error) {
	defer func() {
		if !recoverPanics {
			return
		}
		if r := recover(); r != nil {
			data, err = nil, i18n.Errorf("写回失败（%v）", "the write-back failed (%v)", r)
		}
	}()
	return directWriteAll(p, forms)
}

// checkExt refuses to turn a macro workbook into a plain one or back: the
// package keeps the source's content type, which must match the extension.
func checkExt(path, dst string) error {
	a, b := strings.ToLower(filepath.Ext(path)), strings.ToLower(filepath.Ext(dst))
	if a != b && (a == ".xlsm" || b == ".xlsm") {
		return i18n.Errorf("%s：输出文件 %s 的扩展名须与原文件一致（%s）", "%s: the output file %s must have the same extension as the input (%s)", path, dst, a)
	}
	return nil
}
