// Package stamp is the mark our templates carry, in one place: where it is
// kept in a workbook (a very hidden sheet, custom document properties and a
// defined name), what a template builder writes (Parts), how it is signed
// (Sign), how a stamp is read back from the values found (Read), and how a
// filled form's locked content is compared with the content the stamp says
// was issued (Content, Fingerprint, Check).
//
// It knows nothing of packages or XML: the template builder writes what
// Parts returns with excelize, and the reader (package workbook) hands it
// the stamp sheet's rows, the custom properties and the form sheet's locked
// cells as it reads them.
package stamp
