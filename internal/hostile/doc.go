// Package hostile builds broken and oversized workbooks for the bad-input
// tests: zip edits of a real form that no spreadsheet program would write but
// that arrive anyway. Every builder is deterministic for a given seed, so a
// failure can be reproduced from the test name alone.
package hostile
