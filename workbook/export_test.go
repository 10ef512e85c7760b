package workbook

import "github.com/selfeval/selfeval/workbook/form"

// SetDirect turns the direct write-back on or off and returns a function
// that restores the setting.
func SetDirect(on bool) (restore func()) {
	old := directEnabled
	directEnabled = on
	return func() { directEnabled = old }
}

// DirectWrite runs the direct write-back of w in memory: nil when it takes
// the file, errIndirect when the file needs the general one.
func (w *Workbook) DirectWrite(fm *form.Form, out form.Outcome) error {
	_, err := tryDirect(w.pkg, fm, out)
	return err
}
