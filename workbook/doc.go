// Package workbook is the excelize codec of the self-evaluation forms: it
// opens a workbook safely (Open), reads a filled form into the model of
// package form (Read), and writes the rule book's outcome back into the file
// atomically (WriteBack).
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
// Our templates carry a stamp (StampSheet and custom properties PropPrefix+key);
// a stamped form's locked content is checked against the stamp's Fingerprint.
//
// Write-back never changes what a person typed. Its own marks are
// recognisable so that re-running replaces them: notes start with a marker
// line, highlights are conditional formats with a fixed formula, and the
// results go to ResultSheet.
//
// Errors name the file; those that mean the file cannot be read at all wrap
// one of the sentinels ErrEmpty, ErrNotXLSX, ErrLegacyXLS, ErrEncrypted,
// ErrTooLarge, ErrNotRegular and ErrUnknownForm.
//
// Open-time budgets bound what one file may cost: its size on disk, what its
// parts unpack to (each XML part, the XML parts together, all parts), and
// its number of worksheets, checked from the zip directory and again while
// the XML parts are unpacked. Reading drops the parts a form never needs
// (pictures, charts, drawings) before excelize sees the package; write-back
// sets pictures aside and copies them into the output unchanged.
package workbook
