//go:build integration

package main

// The mof2020 seed projects typed into our template through LibreOffice's own
// input path (UNO: .uno:EnterString on each cell, as a person types and
// presses Enter), so that the spreadsheet program decides what the typing
// makes — including =100%, ≥90(%), 100% and amounts with thousands
// separators — then saved and checked: each scores to the seed's total with
// the seed's findings. The same again on a copy whose text cells are General
// (the old template, many foreign forms), where =100% becomes a formula worth
// 1 and 100% a percent-formatted 1.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// typedText is how a person types a seed value: targets =100(%) as =100%,
// actuals 100.00(%) as 100.00%, amounts in 元 with thousands separators
// (the rate and scores stay those of 万元); anything else as the seed has it.
func typedText(key string, typ form.Type, v string) string {
	switch typ {
	case form.Target:
		if m := regexp.MustCompile(`^=([0-9.]+)\(%\)$`).FindStringSubmatch(v); m != nil {
			return "=" + m[1] + "%"
		}
	case form.Actual:
		if m := regexp.MustCompile(`^([0-9.]+)\(%\)$`).FindStringSubmatch(v); m != nil {
			return m[1] + "%"
		}
	case form.Amount:
		d := decimal.RequireFromString(v).Mul(decimal.NewFromInt(10000))
		return thousands(d.StringFixed(2))
	}
	return v
}

// thousands groups the integer digits of a fixed-point number: 1610500.00 →
// 1,610,500.00.
func thousands(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String() + "." + frac
}

// generalCopy saves a copy of the template whose text-like input cells have
// the General number format, as in the template before they were Text.
func generalCopy(t *testing.T, src, dst, sheet string, refs []string) {
	t.Helper()
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, ref := range refs {
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.NumFmt != 49 {
			t.Fatalf("%s!%s has number format %d, want the template's Text (49)", sheet, ref, st.NumFmt)
		}
		st.NumFmt = 0
		nid, err := f.NewStyle(st)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(sheet, ref, ref, nid); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(dst); err != nil {
		t.Fatal(err)
	}
}

type unoJob struct {
	Src   string     `json:"src"`
	Dst   string     `json:"dst"`
	Cells [][]string `json:"cells"`
}

// runUNO types the jobs through the shared LibreOffice.
func runUNO(t *testing.T, lo *office, jobs []unoJob) {
	t.Helper()
	start := time.Now()
	out := lo.uno(t, "type", jobs)
	t.Logf("typed through UNO in %s:\n%s", time.Since(start).Round(time.Millisecond), out)
}

func TestIntegrationUNOTyping(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	dir := t.TempDir()
	seeds := []string{"mof2020-cooperation", "mof2020-liaison", "mof2020-services"}
	type variant struct{ name, template string }
	var jobs []unoJob
	wants := map[string]expected{}
	for _, seed := range seeds {
		e, want := loadSample(t, seed)
		blank := filepath.Join(dir, seed+"-template.xlsx")
		if code, out, errs := runCLI(t, "template", "--kind", e.Kind, "--year", e.Year, "-o", blank); code != exitOK {
			t.Fatalf("template: exit %d\n%s%s", code, out, errs)
		}
		k := form.Lookup(e.Kind)
		l := template.LayoutOf(k, template.Options{Year: e.Year})
		sheet, plan := fillPlan(t, e, nil)
		var cells, unscored [][]string
		var textRefs []string
		seen := map[string]bool{}
		for _, c := range plan {
			typ := keyType(k, c.Key)
			cell := []string{sheet, c.Ref, typedText(c.Key, typ, c.Value)}
			cells = append(cells, cell)
			if !leftForTheRules(e, c.Key) {
				if typ == form.Target {
					// As the seed writes it and the old hint said: =100(%),
					// in a General cell a formula that fails to evaluate.
					cell = []string{sheet, c.Ref, c.Value}
				}
				unscored = append(unscored, cell)
			}
		}
		if len(unscored) == len(cells) {
			t.Fatalf("%s: no =X(%%) row with a full score to leave blank", seed)
		}
		for _, c := range k.Table.Columns {
			if c.Input && (c.Type == form.Target || c.Type == form.Actual || c.Type == form.Text) {
				for line := l.First; line < l.First+len(e.Rows); line++ {
					if ref := l.Cell(c.Key, line); !seen[ref] {
						seen[ref] = true
						textRefs = append(textRefs, ref)
					}
				}
			}
		}
		general := filepath.Join(dir, seed+"-general.xlsx")
		generalCopy(t, blank, general, sheet, textRefs)
		for _, v := range []variant{{"template", blank}, {"general", general}} {
			jobs = append(jobs, unoJob{Src: v.template, Dst: filepath.Join(dir, seed+"-typed-"+v.name+".xlsx"), Cells: cells})
		}
		// Targets typed =100(%) and the scores of those rows left for the
		// rules to fill: a target read as the formula's error value made the
		// row's outcome unknown and its score demanded.
		jobs = append(jobs, unoJob{Src: general, Dst: filepath.Join(dir, seed+"-typed-general-unscored.xlsx"), Cells: unscored})
		wants[seed] = want
	}
	var typedSome = map[string]bool{}
	for _, j := range jobs {
		for _, c := range j.Cells {
			switch {
			case strings.HasPrefix(c[2], "=") && strings.HasSuffix(c[2], "%"):
				typedSome["=100%"] = true
			case strings.HasPrefix(c[2], "≥") && strings.HasSuffix(c[2], "(%)"):
				typedSome["≥90(%)"] = true
			case regexp.MustCompile(`^[0-9.]+%$`).MatchString(c[2]):
				typedSome["100%"] = true
			case strings.Contains(c[2], ","):
				typedSome["1,234.00"] = true
			}
		}
	}
	if len(typedSome) != 4 {
		t.Fatalf("the typing covers %v, want =100%%, ≥90(%%), 100%% and thousands separators", typedSome)
	}
	runUNO(t, lo, jobs)

	for _, j := range jobs {
		name := strings.TrimSuffix(filepath.Base(j.Dst), ".xlsx")
		seed, variantName, _ := strings.Cut(name, "-typed-")
		t.Run(name, func(t *testing.T) {
			want := wants[seed]
			code, stdout, stderr := runCLI(t, "check", "--format", "json", j.Dst)
			got := decodeReport(t, code, stdout, stderr)
			if code != exitOK || got.Status != "ok" || got.Total == nil || *got.Total != want.Total || got.Grade != want.Grade {
				t.Errorf("exit %d, status %s, total %v, grade %q; want the seed's %v %s\nfindings: %+v",
					code, got.Status, deref(got.Total), got.Grade, want.Total, want.Grade, got.Findings)
			}
			for _, k := range []string{"rate", "score"} {
				if got.Execution[k] != want.Execution[k] {
					t.Errorf("execution.%s = %v, want %v", k, got.Execution[k], want.Execution[k])
				}
			}
			// Errors and warnings exactly the seed's; its info findings
			// present; beyond them only the formula read as typed text, and
			// only where the cells are General.
			var gotStrong, wantStrong []string
			gotInfo := map[string]bool{}
			for _, f := range got.Findings {
				switch {
				case f.Severity != "info":
					gotStrong = append(gotStrong, f.Severity+" "+f.Code+" "+f.Cell)
				case f.Code == "cell.formula_text" && variantName == "template":
					t.Errorf("Text-formatted cell %s was made a formula: %s", f.Cell, f.Message)
				default:
					gotInfo[f.Code+" "+f.Cell] = true
					gotInfo[f.Code+" *"] = true
				}
			}
			for _, f := range want.Findings {
				cell := "*"
				if f.Cell != nil {
					cell = *f.Cell
				}
				if f.Severity != "info" {
					wantStrong = append(wantStrong, f.Severity+" "+f.Code+" "+cell)
				} else if !gotInfo[f.Code+" "+cell] {
					t.Errorf("missing info %s at %s", f.Code, cell)
				}
			}
			sort.Strings(gotStrong)
			sort.Strings(wantStrong)
			if strings.Join(gotStrong, "\n") != strings.Join(wantStrong, "\n") {
				t.Errorf("errors and warnings:\n got %q\nwant %q", gotStrong, wantStrong)
			}
			if strings.HasPrefix(variantName, "general") && !gotInfo["cell.formula_text *"] {
				t.Errorf("no cell.formula_text: =100%% typed into a General cell should have been a formula")
			}
		})
	}
}

// leftForTheRules reports whether a plan key is the score of a row whose
// target is =X(%) and whose score is its full weight: the rules fill it in.
func leftForTheRules(e *form.Entry, key string) bool {
	var i int
	if _, err := fmt.Sscanf(key, "rows.%d.score", &i); err != nil || !strings.HasSuffix(key, ".score") {
		return false
	}
	c := e.Rows[i].Cells
	return regexp.MustCompile(`^=[0-9.]+\(%\)$`).MatchString(c["target"]) &&
		decimal.RequireFromString(c["score"]).Equal(decimal.RequireFromString(c["weight"]))
}

// keyType returns the value type of a fillPlan key.
func keyType(k *form.Kind, key string) form.Type {
	parts := strings.Split(key, ".")
	switch parts[0] {
	case "fields":
		if fd := k.Field(parts[1]); fd != nil {
			return fd.Type
		}
	case "grid":
		for _, gc := range k.Grid.Cols {
			if gc.Key == parts[2] {
				return gc.Type
			}
		}
	case "rows":
		if c := k.Table.Column(parts[2]); c != nil {
			return c.Type
		}
	}
	return form.Text
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestIntegrationNotesVisible scores workbooks whose notes openpyxl and
// LibreOffice wrote (each in its own part layout) and opens the result with
// openpyxl and, re-saved, with LibreOffice: the person's notes are there,
// and so are ours, one per cell with findings; a second score keeps it so.
func TestIntegrationNotesVisible(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	corpus := filepath.Join("..", "..", "workbook", "testdata", "corpus")
	for _, tc := range []struct{ file, sheet string }{
		{"openpyxl-mof2020-cooperation.xlsx", "自评表"},
		{"libreoffice-mof2020-cooperation.xlsx", "自评表"},
		{"libreoffice-sh2019-kunming.xlsx", "自评价"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			b, err := os.ReadFile(filepath.Join(corpus, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			person := map[string]string{}
			for _, n := range inspectXLSX(t, path, tc.sheet, nil).Notes {
				person[n.Sheet+"!"+n.Ref] = n.Text
			}
			if len(person) < 2 {
				t.Fatalf("corpus file has %d notes, want the person's", len(person))
			}
			for round := 1; round <= 2; round++ {
				code, stdout, stderr := runCLI(t, "score", "--format", "json", path)
				got := decodeReport(t, code, stdout, stderr)
				ours := noteCellsOf(got, tc.sheet)
				if len(ours) == 0 {
					t.Fatalf("round %d: no findings with cells (exit %d)", round, code)
				}
				resaved := lo.convert(t, path, "xlsx", filepath.Join(dir, fmt.Sprint("lo", round)))
				for _, f := range []struct{ what, path string }{{"openpyxl", path}, {"LibreOffice re-save", resaved}} {
					notes := map[string]string{}
					for _, n := range inspectXLSX(t, f.path, tc.sheet, nil).Notes {
						notes[n.Sheet+"!"+n.Ref] = n.Text
					}
					for at, text := range person {
						if !strings.HasPrefix(notes[at], text) {
							t.Errorf("round %d, %s: the person's note at %s is %q, want it to start with %q", round, f.what, at, notes[at], text)
						}
					}
					for at := range ours {
						if n := notes[tc.sheet+"!"+at]; strings.Count(n, noteMarker) != 1 {
							t.Errorf("round %d, %s: note at %s = %q, want one of ours", round, f.what, at, n)
						}
					}
				}
			}
		})
	}
}
