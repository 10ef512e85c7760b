package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/selfeval/selfeval/internal/dump"
	"github.com/xuri/excelize/v2"
)

// TestScoredGolden compares the text dump of each scored sample with its
// golden file: computed values, the 校验结果 sheet, notes, highlights, and the
// protection that must survive. Regenerate with -update.
func TestScoredGolden(t *testing.T) {
	for _, name := range []string{"mof2020-cooperation", "sh2019-kunming"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("../../samples", name+".xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), name+".xlsx")
			if err := os.WriteFile(p, src, 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			if code := exitStatus(&errb, run(context.Background(), []string{"selfeval", "score", p}, &out, &errb)); code != exitOK {
				t.Fatalf("score: exit %d: %s", code, errb.String())
			}
			f, err := excelize.OpenFile(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := dump.Text(f)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", "scored-"+name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s; run go test ./cmd/selfeval -run Golden -update and review the diff", golden)
			}
		})
	}
}
