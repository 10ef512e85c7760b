package workbook

import "github.com/selfeval/selfeval/workbook/form"

// WriteInMemory runs the write-back of w in memory: the package it would
// write, or the error.
func (w *Workbook) WriteInMemory(fm *form.Form, out form.Outcome) ([]byte, error) {
	return safeWrite(w.pkg, FormOutcome{Form: fm, Outcome: out})
}

// Update is the -update flag, for the golden files of the external tests.
var Update = update
