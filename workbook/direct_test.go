package workbook_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/samples/batch"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/dump"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// TestDirectMatchesGeneral: the direct write-back, which edits the changed
// parts as text, leaves a workbook that reads back (through excelize, cell
// by cell, with notes, highlights, validations, protection, merges, links
// and page setup) exactly like the one the general write-back through
// excelize leaves — on our samples, generated forms (long texts that grow
// rows and move page breaks), forms of other systems and files re-saved by
// LibreOffice and openpyxl; and again when each result is scored a second
// time and a third time with nothing left to report. Only the way a text is
// stored (inline or shared) and how true is spelled may differ.
func TestDirectMatchesGeneral(t *testing.T) {
	type input struct {
		path   string
		direct bool // our own form: the direct write-back must take it
	}
	var inputs []input
	for _, s := range []string{"mof2020-cooperation", "mof2020-liaison", "mof2020-services", "sh2019-kunming"} {
		inputs = append(inputs, input{filepath.Join("..", "samples", s+".xlsx"), true})
	}
	gen, err := batch.Write(t.TempDir(), 7, 0, 12)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range gen {
		inputs = append(inputs, input{p, true})
	}
	for _, glob := range []string{"../cmd/selfeval/testdata/foreign/*.xlsx", "../cmd/selfeval/testdata/layouts/*.xlsx", "testdata/corpus/*.xlsx"} {
		ps, _ := filepath.Glob(glob)
		for _, p := range ps {
			inputs = append(inputs, input{p, false})
		}
	}
	taken := 0
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in.path), ".xlsx")
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			a, b := filepath.Join(dir, "direct.xlsx"), filepath.Join(dir, "general.xlsx")
			src, err := os.ReadFile(in.path)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{a, b} {
				if err := os.WriteFile(p, src, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for round, clean := range []bool{false, false, true} {
				if round > 0 && filledRecord(t, a) {
					// Only the direct write-back records the scores it
					// filled; a later score reads them as the tool's there
					// and as typed by the general one: they part here.
					break
				}
				if round == 0 {
					wb, fm, out := outcomeOf(t, a, clean)
					err := wb.DirectWrite(fm, out)
					if err == nil {
						taken++
					} else if in.direct {
						t.Fatalf("the direct write-back refused our own form: %v", err)
					}
				}
				scoreWith(t, a, true, clean)
				scoreWith(t, b, false, clean)
				if da, db := normalDump(t, a)+rowBreaks(t, a), normalDump(t, b)+rowBreaks(t, b); da != db {
					t.Fatalf("round %d: the direct write-back differs from the general one:\n%s", round+1, diffLines(db, da))
				}
			}
		})
	}
	if taken < 16 {
		t.Errorf("the direct write-back took %d of %d inputs, want at least our 16 forms", taken, len(inputs))
	}
	t.Logf("the direct write-back took %d of %d inputs", taken, len(inputs))
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

func scoreWith(t *testing.T, path string, direct, clean bool) {
	t.Helper()
	defer workbook.SetDirect(direct)()
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
	s = strings.NewReplacer(` is "`, ` s "`, `=true`, `=1`).Replace(s)
	// excelize writes a <col> range as one element per column.
	var out []string
	inCols := false
	for _, line := range strings.Split(s, "\n") {
		if line = lapNeutral(line); line == "" {
			continue
		}
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

var (
	dumpFormula = regexp.MustCompile(`^(\s+[A-Z]+[0-9]+ )(?:str|s|n)?( "(?:[^"\\]|\\.)*")? =.*?( (?:un)?locked)`)
	dumpType    = regexp.MustCompile(`^(\s+[A-Z]+[0-9]+ )str( ")`)
	dumpLap     = regexp.MustCompile(`^\s+[AB][0-9]+ \w+ "(status|filled|待更正|[A-Z]+[0-9]+=[^"]*|[0-9a-f]{16})"`)
)

// lapNeutral makes a line of a dump blind to what only the direct
// write-back does since the lap record: formulas kept or added (and the
// cached string type), the tool's italics, and the stamp sheet's lap rows
// ("" drops the line), and the input fingerprint of a second score (the
// inputs differ by them). The general write-back, which turns them into
// constants, is compared with it on everything else.
func lapNeutral(line string) string {
	if dumpLap.MatchString(line) {
		return ""
	}
	line = dumpFormula.ReplaceAllString(line, "${1}n${2}${3}")
	line = dumpType.ReplaceAllString(line, "${1}n$2")
	line = regexp.MustCompile(`^(\s+[A-Z]+[0-9]+ )s( ")`).ReplaceAllString(line, "${1}n$2")
	return strings.Replace(line, "/i ", " ", 1)
}

// filledRecord reports whether a scored workbook records scores the tool
// filled (the stamp sheet's row FilledKey).
func filledRecord(t *testing.T, path string) bool {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(workbook.StampSheet)
	for _, r := range rows {
		if len(r) > 1 && r[0] == workbook.FilledKey && r[1] != "" {
			return true
		}
	}
	return false
}
