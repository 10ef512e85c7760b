// Package template builds the official self-evaluation templates as Excel
// workbooks from the form-kind definitions of package form.
//
// The builder is data-driven: it interprets a *form.Kind generically — the
// heading lines, the fixed labels (Statics), the single-valued Fields with
// their LabelAt/ValueAt/Below/InColumn placement, the funds Grid, the
// indicator Table with optional fixed Groups, and the Footer — so a new form
// kind needs only a new definition, never a new code path here.
//
// Conventions of a built template:
//   - the form sheet (Kind.Sheet) is the first and active sheet; labels and
//     computed cells are locked, input cells are unlocked, tinted light yellow
//     and carry an input message; the sheet and the workbook structure are
//     protected (SHA-512 when a password is given);
//   - computed cells carry live formulas (placeholders expanded by
//     Layout.Expand) so people see their numbers while typing;
//   - dropdown lists live on the hidden sheet "_lists" behind defined names
//     (see lists.go); 二级指标 depends on 一级指标 through INDIRECT;
//   - a stamp (kind, version, year, rules profile and its hash, the locked
//     content as issued, a keyed signature with Options.Key) is kept both on the
//     very-hidden sheet "_selfeval" and in custom document properties named
//     "selfeval.<key>".
//
// LayoutOf tells every other package where a kind's cells sit in a template
// built with given Options; Fill writes a form.Entry into such a template as a
// person would type it.
package template
