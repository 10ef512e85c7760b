// Command gen writes one hostile workbook built from a sample form, for
// measuring time and memory by hand:
//
//	go run ./internal/hostile/gen -o big.xlsx -pad 150   # 150 MB of rows under the form
//	go run ./internal/hostile/gen -o many.xlsx -sheets 5000
//	go run ./internal/hostile/gen -o merges.xlsx -merges 60000
//
// With -corpus DIR it writes the small broken variants (hostile.Small) as
// seed corpus files of FuzzRead into DIR (workbook/testdata/fuzz/FuzzRead).
package main
