// Command gen regenerates the sample workbooks from the seed data: each one is
// our own template, filled with the seed's values as a person would type them.
//
//	go run ./samples/gen [-dir samples]
package main
