// Package pipeline is the one way a form file is processed, whatever the
// command: load the file once, read its forms, check each by the rule book
// and, when asked, write all their outcomes back into the same loaded
// workbook in one write and save it atomically. It keeps of each file only a compact Record (the
// rule book's result and a few header fields), never the form, so that a
// batch of any size runs in flat memory.
//
// It joins the codec (package workbook) and the rule book (package
// validate), so it sits above both, inside the command that uses it:
// neither of them imports it, and workbook does not import the rule book.
package pipeline
