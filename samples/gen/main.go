package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/samples"
)

func main() {
	dir := flag.String("dir", "samples", "folder to write the workbooks into")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	all, err := samples.All()
	if err != nil {
		return err
	}
	for _, s := range all {
		f, err := s.Workbook()
		if err != nil {
			return err
		}
		out := filepath.Join(dir, s.Name+".xlsx")
		if err := newfile.Save(f, out); err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		f.Close()
		fmt.Println("wrote", out)
	}
	return writeTargets(filepath.Join(dir, "targets"))
}
