package workbook_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/internal/dump"
	"github.com/selfeval/selfeval/samples/batch"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// TestWriteBackGolden: the write-back of our samples, generated forms (long
// texts that grow rows and move page breaks), forms of other systems and
// files re-saved by LibreOffice and openpyxl leaves a workbook that reads
// back (through excelize, cell by cell, with notes, highlights,
// validations, protection, merges, links, page setup and row breaks)
// exactly as its golden dump in testdata/golden says; and again when each
// result is scored a second time and a third time with nothing left to
// report. go test -run TestWriteBackGolden -update rewrites the dumps.
func TestWriteBackGolden(t *testing.T) {
	var inputs []string
	for _, s := range []string{"mof2020-cooperation", "mof2020-liaison", "mof2020-services", "sh2019-kunming"} {
		inputs = append(inputs, filepath.Join("..", "samples", s+".xlsx"))
	}
	gen, err := batch.Write(t.TempDir(), 7, 0, 12)
	if err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, gen...)
	for _, glob := range []string{"../cmd/selfeval/testdata/foreign/*.xlsx", "../cmd/selfeval/testdata/layouts/*.xlsx", "../cmd/selfeval/testdata/layouts3/*.xlsx", "testdata/corpus/*.xlsx"} {
		ps, _ := filepath.Glob(glob)
		inputs = append(inputs, ps...)
	}
	if len(inputs) < 52 {
		t.Fatalf("%d inputs, want the 52 of the corpus", len(inputs))
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".xlsx")
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "scored.xlsx")
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, src, 0o644); err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			prev := ""
			for round, clean := range []bool{false, false, true} {
				scoreWith(t, p, true, clean)
				dump := normalDump(t, p) + rowBreaks(t, p)
				if dump == prev {
					fmt.Fprintf(&got, "==== round %d: as round %d\n", round+1, round)
					continue
				}
				fmt.Fprintf(&got, "==== round %d\n%s\n", round+1, dump)
				prev = dump
			}
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *workbook.Update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got.String() != string(want) {
				t.Errorf("the scored workbook differs from %s:\n%s", golden, diffLines(string(want), got.String()))
			}
		})
	}
}

func outcomeOf(t *testing.T, path string, clean bool) (*workbook.Workbook, *form.Form, form.Outcome) {
	t.Helper()
	wb, err := workbook.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, err := wb.Read()
	if err != nil {
		t.Fatal(err)
	}
	p := validate.DefaultProfile()
	out := validate.Check(fm, p, validate.Chinese).Outcome(p, "test", fm.InputHash())
	if clean {
		out.Findings = nil
	}
	return wb, fm, out
}

func scoreWith(t *testing.T, path string, _, clean bool) {
	t.Helper()
	wb, fm, out := outcomeOf(t, path, clean)
	if err := wb.WriteBack("", fm, out, workbook.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
}

// normalDump is the dump of a workbook with the storage of texts and the
// spelling of booleans made uniform.
func normalDump(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := dump.Text(f)
	if err != nil {
		t.Fatal(err)
	}
	// Attributes spelled out at their defaults (LibreOffice writes them, the
	// write-back keeps them) mean the same as none.
	s = strings.NewReplacer(` is "`, ` s "`, `=true`, `=1`, ` outlineLevel=0`, ``).Replace(s)
	s = trailingSpace.ReplaceAllString(falseAttr.ReplaceAllString(s, ""), "")
	// excelize writes a <col> range as one element per column.
	var out []string
	inCols := false
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "    ") {
			inCols = line == "  columns:"
		}
		span, rest, ok := strings.Cut(strings.TrimSpace(line), " ")
		first, last, isRange := strings.Cut(span, "-")
		if !inCols || !ok || !isRange {
			out = append(out, line)
			continue
		}
		c1, err1 := excelize.ColumnNameToNumber(first)
		c2, err2 := excelize.ColumnNameToNumber(last)
		if err1 != nil || err2 != nil {
			out = append(out, line)
			continue
		}
		for c := c1; c <= c2; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			out = append(out, "    "+name+"-"+name+" "+rest)
		}
	}
	return strings.Join(out, "\n")
}

// rowBreaks lists the manual row breaks of each worksheet part (the dump
// leaves them out).
func rowBreaks(t *testing.T, path string) string {
	t.Helper()
	z := readZip(t, path)
	var out []string
	for _, name := range z.names {
		if !strings.HasPrefix(name, "xl/worksheets/") || !strings.HasSuffix(name, ".xml") {
			continue
		}
		_, rb, _ := strings.Cut(string(z.data[name]), "<rowBreaks")
		rb, _, _ = strings.Cut(rb, "</rowBreaks>")
		var ids []string
		for _, m := range brkID.FindAllStringSubmatch(rb, -1) {
			ids = append(ids, m[1])
		}
		if len(ids) > 0 {
			sort.Strings(ids)
			out = append(out, "row breaks "+name+": "+strings.Join(ids, " "))
		}
	}
	return "\n" + strings.Join(out, "\n")
}

var (
	falseAttr     = regexp.MustCompile(` [A-Za-z]+=false\b`)
	trailingSpace = regexp.MustCompile(`(?m) +$`)
)

var brkID = regexp.MustCompile(`<brk\s[^>]*\bid="(\d+)"`)

// diffLines lists the lines of want and got that differ, at most 40.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < max(len(w), len(g)) && len(out) < 40; i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, "- "+a, "+ "+b)
		}
	}
	return strings.Join(out, "\n")
}
