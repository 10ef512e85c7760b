package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/samples/batch"
)

// goldenBatch is the generated batch whose check report is kept as a golden
// file: seed and size must not change without regenerating it.
const (
	goldenSeed  = 20241
	goldenForms = 40
)

// TestCheckReportGolden keeps the check report byte-identical (JSON and
// text) on the samples, the foreign fixtures and a generated batch, so that
// a change in how files are read or reported cannot shift a single byte
// unnoticed. Regenerate with -update only for an intended change.
func TestCheckReportGolden(t *testing.T) {
	samples, _ := filepath.Glob("../../samples/*.xlsx")
	foreign, _ := filepath.Glob("testdata/foreign/*.xlsx")
	if len(samples) != 5 || len(foreign) == 0 {
		t.Fatalf("inputs missing: %d samples, %d foreign", len(samples), len(foreign))
	}
	dir := t.TempDir()
	generated, err := batch.Write(dir, goldenSeed, 0, goldenForms)
	if err != nil {
		t.Fatal(err)
	}
	version := regexp.MustCompile(`"version": "[^"]*"`)
	for _, c := range []struct {
		name  string
		paths []string
	}{
		{"samples", samples},
		{"foreign", foreign},
		{"batch", generated},
	} {
		for _, format := range []string{"json", "text"} {
			t.Run(c.name+"-"+format, func(t *testing.T) {
				var out, errb bytes.Buffer
				args := append([]string{"selfeval", "check", "--format", format}, c.paths...)
				exitStatus(&errb, run(context.Background(), args, &out, &errb))
				got := strings.ReplaceAll(out.String(), dir+string(filepath.Separator), "BATCH/")
				got = version.ReplaceAllString(got, `"version": "V"`)
				golden := filepath.Join("testdata", "golden", "check-"+c.name+"."+format)
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if got != string(want) {
					t.Errorf("check --format %s differs from %s (stderr %s)", format, golden, errb.String())
				}
			})
		}
	}
}
