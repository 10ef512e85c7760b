// Package form holds the form-kind definitions and the typed model of a filled
// form. It knows nothing about excelize: the template builder (package
// template) lays a Kind out as a workbook, the reader (package workbook) finds
// a Kind's labels in a workbook and fills a Form, and the rule book (package
// validate) turns a Form into findings, scores and the cells to write back.
//
// Conventions: a Kind's layout uses A1 column letters and 1-based rows of the
// template; the reader never relies on them alone but on the labels, so rows a
// person inserts are tolerated. Every value in a Form keeps its sheet and cell.
// Package form/value reads the values people type into those cells (numbers,
// quantities, targets, dates), for the reader, the template and the rule book
// alike.
package form
