// Command gen writes one hostile workbook built from a sample form, for
// measuring time and memory by hand:
//
//	go run ./internal/hostile/gen -o big.xlsx -pad 150   # 150 MB of rows under the form
//	go run ./internal/hostile/gen -o many.xlsx -sheets 5000
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/selfeval/selfeval/internal/hostile"
)

func main() {
	src := flag.String("from", "samples/mof2020-cooperation.xlsx", "the form to start from")
	out := flag.String("o", "", "output file")
	pad := flag.Int("pad", 0, "MB of random-number rows to append to the form sheet")
	sheets := flag.Int("sheets", 0, "empty worksheets to add")
	media := flag.Int("media", 0, "MB of incompressible picture data to add")
	flag.Parse()
	if err := run(*src, *out, *pad, *sheets, *media); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string, pad, sheets, media int) error {
	if out == "" {
		return fmt.Errorf("-o is required")
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if pad > 0 {
		if b, err = hostile.PadRows(b, "xl/worksheets/sheet1.xml", pad<<20, 1); err != nil {
			return err
		}
	}
	if sheets > 0 {
		if b, err = hostile.Sheets(b, sheets); err != nil {
			return err
		}
	}
	if media > 0 {
		if b, err = hostile.RandomPart(b, "xl/media/image1.png", media<<20, 1); err != nil {
			return err
		}
	}
	return os.WriteFile(out, b, 0o644)
}
