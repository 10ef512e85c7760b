// Package validate is the rule book: from a form read out of a workbook
// (package workbook/form) it computes the findings, the scores and the cells
// to write back, following RULES.md.
//
// Conventions:
//   - All money and score arithmetic is decimal (shopspring/decimal). Rates
//     are in percent units (77.83 means 77.83%), cut to 2 decimals per the
//     profile; scores are rounded half-up to 2 decimals; the total is summed
//     from unrounded parts.
//   - Every finding has a stable dotted code from the catalogue (Catalogue),
//     a severity, the sheet and cell it is about, a message and a hint in
//     Chinese or English.
//   - Values are read the way people type them (package workbook/form/value).
//   - In our own stamped template the computed cells are always written. In
//     a foreign workbook a written computed value is compared with the
//     recomputed one; a mismatch is an error and the person's value is kept.
//     Input cells are written only when blank (得分 the rules can fill).
//   - The settings that differ by region live in a Profile (DefaultProfile
//     reproduces the seed forms; LoadProfile reads YAML overrides).
//
// The package knows nothing about excelize.
package validate
