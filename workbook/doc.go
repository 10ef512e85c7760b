// Package workbook is the codec of the self-evaluation forms: it loads a
// workbook safely (Load), reads a filled form into the model of package form
// (Workbook.Read, Workbook.ReadAll), and writes the rule book's outcome back
// into the file atomically (Workbook.WriteBack, WriteBack). It does not
// import excelize: people's files are read and edited on the OOXML layer of
// internal/ooxml (the zip index and budgets, the XML tokenizer, the tag
// splicer, relationships, content types, styles, comments and VML
// drawings, namespaces, the A1 parser); excelize only creates new files
// (templates, roll-ups, samples), in the packages that make them.
//
// Reading reads the sheet XML itself, in one pass of the byte tokenizer
// (ooxml.ScanXML) per sheet, and unpacks only the parts a form needs (sheet
// list, shared strings, number formats and protection of the cell formats,
// custom properties). A cell's shown text is its value rendered by its
// number format as Excel and LibreOffice show it (numfmt.go, numfmtother.go).
// A sheet's cells are kept in one flat slice with a row index (sheet.go),
// not as objects per row. Writing starts from the bytes the reader used: the
// write-back (direct*.go) edits only the parts that change, as text, and
// copies every other part still compressed (ooxml.CopyRaw). What it edits
// generically (relationships, content types, styles, the comments part,
// VML drawings) is ooxml's; what stays here is what is ours: which cells
// get which values, formats, highlights and notes, the marker and wording
// of our notes (notes.go, directnotes.go), the result sheet
// (directresult.go), the lap record (directlap.go), and the worksheet and
// workbook plumbing (directsheet.go, directresult.go). A strict package
// (ISO 29500) is edited as a transitional one, and what is added takes its
// namespaces (flavour.go). A part it cannot
// edit is refused with a message naming it (ErrUnwritable) and the
// file is left as it was. The command's pipeline
// (cmd/selfeval/internal/pipeline) joins this package and the rule book
// into the one way a file is processed.
//
// Reading works from a form.Kind definition, never from fixed coordinates
// alone: labels are matched after normalisation (full-width folded to
// half-width, whitespace and line breaks removed, a trailing colon dropped,
// and for group labels a trailing "(NN分)" and a leading "一、"), values are
// found next to, below, or in the table column of their label, and a merged
// range's value belongs to its top-left cell. Rows a person inserted, extra blank rows and
// columns, an offset layout and the label variants listed in the kind are
// tolerated. Every value keeps its sheet and cell. What the reader cannot make
// sense of goes to Form.Problems for the rule book to report.
//
// Our templates carry a stamp that keeps the locked content as issued.
// Package workbook/stamp is all of it in one place: where it is kept, what
// a template builder writes (stamp.Parts, which package template writes
// with excelize), its signature (stamp.Sign), how it is read back and how a
// form's locked content is compared with it cell by cell (rows aligned by
// content, so input rows a unit inserts never count; with a key, given by
// WithStampKey, the keyed signature too). This package only hands it what
// it reads (stamp.go): the stamp sheet's rows, the custom properties and
// the form sheet's locked cells; Locked gives the fingerprint and the
// record of the locked content of a built template.
//
// Write-back never changes what a person typed. Its own marks are
// recognisable so that re-running replaces them: notes start with a marker
// line, highlights are conditional formats with a fixed formula, and the
// results go to ResultSheet. A workbook of several forms is written in one
// go (Workbook.WriteBackAll): each form's sheet gets its own marks and the
// one ResultSheet lists every form's results by sheet.
//
// Errors name the file; those that mean the file cannot be read at all wrap
// one of the sentinels ErrEmpty, ErrNotXLSX, ErrLegacyXLS, ErrEncrypted,
// ErrTooLarge, ErrNotRegular and ErrUnknownForm.
//
// Open-time budgets bound what one file may cost: its size on disk, what its
// parts unpack to (each XML part, the XML parts together, all parts), and
// its number of worksheets, checked from the zip directory and again while
// the XML parts are unpacked. Reading never unpacks the parts a form does
// not need (pictures, charts, drawings); write-back copies them into the
// output unchanged. Workbook.Cost says what a loaded file costs, for callers
// that share one memory budget.
package workbook
