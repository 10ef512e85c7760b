// Package dump renders a workbook as readable, deterministic text for golden
// files: the sheets with their visibility, workbook protection, defined names
// and custom properties, then per sheet the column widths, row heights,
// merged ranges, every cell that holds something or is styled as an input
// (value, formula, lock, fill, number format, font, alignment), data
// validations, hyperlinks, notes, conditional formats, sheet protection and
// page setup.
//
// Text saves the workbook to memory and reads the saved parts back, so the
// dump shows what a spreadsheet program would open, not excelize's in-memory
// state. Password hashes and salts are never printed (only that one is set),
// so dumps of password-protected workbooks stay deterministic.
//
// It supports tests only (golden files of templates, samples and scored
// workbooks) and reads through excelize, an independent reader of what our
// own write-back produces; no command uses it.
package dump
