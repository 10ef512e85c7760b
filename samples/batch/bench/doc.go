// Command bench measures selfeval on generated forms: forms per second, CPU
// per form and peak memory of check and score over batches of varied forms,
// next to the floor measured on the same files in the same run (unzip and
// tokenise the form sheet and shared strings with encoding/xml), excelize
// opening the file and reading the form sheet's rows, and optionally
// openpyxl's read-only load; score is measured also with --dry-run, which
// does all its work but saving the files (temp file, fsync, rename, fsync of
// the folder), and next to it the save's own floor: the files as score
// wrote them saved over fresh copies of the forms by a bare loop in a
// process of its own (temp file, write, mode, fsync, rename; each folder
// synced once), with as many at once as score's workers. Its lines say what score adds to a dry run in
// units of that floor, and what score ÷ check would be with the write-back as
// it is and a save that cost no more than the bare loop. It also measures check, score --dry-run and score on single
// forms of 100, 1 000 and 10 000 rows (CPU, CPU per row and peak memory), to
// show whether time grows linearly with rows and what a large form costs.
//
//	go build -o bin/selfeval ./cmd/selfeval
//	go run ./samples/batch/bench -bin bin/selfeval -n 1000,10000 -openpyxl
//
// Each batch is measured as excelize writes it and, for -resaved forms of
// it, as openpyxl and LibreOffice save the same forms again (generated
// once into the folder, next to the batch). Every figure is the median of
// -rounds interleaved rounds; with several -bin binaries (before,after)
// each round runs each of them in turn.
package main
