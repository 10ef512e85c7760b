//go:build !race

package workbook

// slowdown is how much slower the race detector makes timed tests.
const slowdown = 1
