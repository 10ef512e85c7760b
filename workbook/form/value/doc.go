// Package value reads the values people type into a self-evaluation form:
// numbers (full-width digits, thousands separators, percent signs, numbers
// stored as text, percent-formatted cells), quantities with a unit
// (12.00(个)), annual targets (≥6.00(个), =100(%), 好), qualitative outcomes
// (达成指标 / 部分达成指标 / 未达成指标) and dates.
//
// Every function is pure and safe for concurrent use. Parsing never panics:
// what cannot be read comes back as a *ParseError whose Err is one of the
// sentinel errors below, so callers can report it in a sentence such as
// “约100”不是确切数值.
package value
