package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/internal/hostile"
)

func main() {
	src := flag.String("from", "samples/mof2020-cooperation.xlsx", "the form to start from")
	out := flag.String("o", "", "output file")
	pad := flag.Int("pad", 0, "MB of random-number rows to append to the form sheet")
	sheets := flag.Int("sheets", 0, "empty worksheets to add")
	media := flag.Int("media", 0, "MB of incompressible picture data to add")
	merges := flag.Int("merges", 0, "merged ranges to put below the form")
	corpus := flag.String("corpus", "", "write the small broken variants as FuzzRead seeds into this folder")
	flag.Parse()
	if *corpus != "" {
		if err := writeCorpus(*src, *corpus); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*src, *out, *pad, *sheets, *media, *merges); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string, pad, sheets, media, merges int) error {
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
	if merges > 0 {
		if b, err = hostile.Merges(b, "xl/worksheets/sheet1.xml", merges); err != nil {
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

// writeCorpus writes each case of hostile.Small as a fuzz corpus file.
func writeCorpus(src, dir string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	cases, err := hostile.Small(b)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, c := range cases {
		data := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", c.Data)
		if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(c.Name, ".xlsx")), []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}
