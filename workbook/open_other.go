//go:build !unix

package workbook

const openNonBlock = 0
