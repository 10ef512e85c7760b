package workbook

import (
	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
)

// Workbook is a workbook file read into memory once. The reader works on its
// bytes directly, reading only the parts a form needs; the write-back edits
// the same bytes, so the file is read from disk once however much is done
// with it.
type Workbook struct {
	Path   string // the file as named by the caller
	data   []byte
	pkg    *pkg
	legacy bool // converted from an .xls: written back as NAME.xlsx
	seen   *seenFile
}

// Load reads the workbook at path (an .xlsx or .xlsm) and checks it before
// any part is read: what the file is (sniff) and its open-time budgets. It
// fails with a message naming the file, wrapping fs.ErrNotExist, ErrEmpty,
// ErrLegacyXLS (an old .xls that cannot be converted), ErrEncrypted (an OLE2
// container holding an encrypted package), ErrNotXLSX (not a zip, a
// truncated zip, or a zip that is not a workbook), ErrNotRegular or
// ErrTooLarge (over the size limits, zip bombs). A legacy .xls is converted
// by LibreOffice when it is installed (xls.go).
func Load(path string) (*Workbook, error) {
	b, seen, err := readFileSeen(path)
	if err != nil {
		return nil, err
	}
	w, err := loadBytes(path, b)
	if err != nil {
		return nil, err
	}
	w.seen = seen
	return w, nil
}

// loadBytes is Load on the file's bytes b.
func loadBytes(path string, b []byte) (*Workbook, error) {
	legacy := isLegacy(b)
	var err error
	if b, err = fromLegacy(path, b); err != nil {
		return nil, err
	}
	zr, err := sniffZip(path, b)
	if err != nil {
		return nil, err
	}
	p, err := indexPkg(path, ooxml.IndexZip(zr, b))
	if err != nil {
		return nil, err
	}
	return &Workbook{Path: path, data: b, pkg: p, legacy: legacy}, nil
}

// Cost is the memory reading, checking and writing back the loaded workbook
// takes, in units that callers sharing one memory budget add up: the file's
// bytes, which stay loaded, and the unpacked size of its XML parts as its
// zip directory declares them (the parts the reader and the write-back
// unpack, and about what the reader keeps of them), at least 64 KB and at
// most MaxCost. It is counted from the package already open: the file is
// not opened again.
func (w *Workbook) Cost() int64 {
	const least = 64 << 10
	n := uint64(len(w.data))
	for _, zf := range w.pkg.Files {
		if ooxml.IsXMLPart(ooxml.PartName(zf.Name)) {
			n += zf.UncompressedSize64
		}
	}
	return int64(min(max(n, least), MaxCost))
}

// Read finds the form in the workbook and reads it into a form.Form. The kind
// comes from the stamp (hidden sheet stamp.Sheet or custom properties), else
// from a kind's title (or a title alias) in the top rows of a sheet that
// also holds the kind's indicator table, else from the best-matching
// indicator table header. Values are found by label anchors, so inserted
// rows, offsets and label variants are tolerated. A stamped workbook's
// locked content is compared with the stamp (see stamp.Check):
// "template.tampered" for each changed cell, "template.row_deleted" /
// "template.row_inserted", "template.stamp_deleted",
// "template.signature_invalid" with a key (WithStampKey),
// "template.unknown_version". Read fails with ErrUnknownForm (naming the
// known kinds) when no form is found. A workbook holding several forms gives
// the first; ReadAll gives them all.
// A sheet that cannot be read fails with a *CellError naming the cell (a bad
// cell reference or shared-string index) or with ErrTooLarge naming the
// limit (rows, columns, cells or merged ranges).
func (w *Workbook) Read(opts ...ReadOption) (*form.Form, error) {
	fms, err := readPkg(w.pkg, w.Path, false, opts)
	if err != nil {
		return nil, err
	}
	return fms[0], nil
}

// ReadAll is Read for a workbook that may hold several forms, one per sheet
// (for example two projects): it returns every form found, in sheet order,
// each with its sheet in Form.Sheet. A stamped workbook gives its one form.
func (w *Workbook) ReadAll(opts ...ReadOption) ([]*form.Form, error) {
	return readPkg(w.pkg, w.Path, true, opts)
}

// WriteBack is the function WriteBack on the bytes already loaded: dst == ""
// means in place, or NAME.xlsx beside a legacy .xls.
func (w *Workbook) WriteBack(dst string, fm *form.Form, out form.Outcome, opts WriteOptions) error {
	_, err := w.WriteBackAll(dst, []FormOutcome{{Form: fm, Outcome: out}}, opts)
	return err
}

// WriteBackAll is WriteBack of every form of the workbook at once (the forms
// ReadAll returned, each with its outcome), in one write of the file: each
// form's sheet gets its own Writes, highlights and notes, and the one
// result sheet lists every form's summary and findings, by sheet. Sheets
// that are not forms get nothing (an earlier run's marks on them are
// removed). With one form it is WriteBack. unchanged reports that dst is
// the file read and already held what the write-back made (a file scored
// again with nothing new): it was left as it was, not written again.
func (w *Workbook) WriteBackAll(dst string, forms []FormOutcome, opts WriteOptions) (unchanged bool, err error) {
	if dst == "" {
		dst = XLSXBeside(w.Path)
	}
	if err := checkExt(w.Path, dst); err != nil {
		return false, err
	}
	if w.legacy {
		if err := legacyTarget(w.Path, dst); err != nil {
			return false, err
		}
	}
	return writeBack(w.Path, w.data, w.pkg, dst, forms, opts, w.seen)
}
