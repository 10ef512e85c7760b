// Package batch generates varied, filled forms for benchmarks and
// regression tests: both kinds, 5–40 indicator rows, short and long texts,
// amounts in 万元 and 元, qualitative and quantitative indicators, some
// scores left blank and some forms with mistakes. The same seed always gives
// the same forms.
package batch
