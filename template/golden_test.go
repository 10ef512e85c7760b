package template

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/selfeval/selfeval/internal/dump"
	"github.com/selfeval/selfeval/workbook/form"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		kind *form.Kind
		opts Options
	}{
		{"mof2020", form.MOF2020, Options{Year: "2024", Rows: 20}},
		{"sh2019", form.SH2019, Options{Year: "2019"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Build(c.kind, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := dump.Text(f)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", c.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (run go test -update after checking the change):\n%s", path, firstDiff(string(want), got))
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := splitLines(want), splitLines(got)
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + w + "\n  got: " + g
		}
	}
	return "(no line differs)"
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
