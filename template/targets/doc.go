// Package targets reads the approved targets of a batch of projects — a
// CSV, XLSX or JSON file with one row per indicator, as a budget system
// exports it — checks every value (go-playground/validator rules per
// column) and turns each project into the form.Entry its template is
// prefilled from (selfeval template --from). A file with any bad value
// gives an Error listing every problem, and nothing is issued from it.
package targets
