package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
)

// Foreign workbooks are the seed projects laid out the way a budget system
// exports them or a person types them (testdata/foreign, made by
// make_fixtures.py). Same data, so the same results as the samples — with
// every finding pointing at the fixture's own cells.

const foreignDir = "testdata/foreign"

// fixture is one entry of testdata/foreign/fixtures.json: where the
// fixture's generator put every value.
type fixture struct {
	File   string                       `json:"file"`
	Sample string                       `json:"sample"`
	Sheet  string                       `json:"sheet"`
	Fields map[string]string            `json:"fields"` // field key → cell
	Grid   map[string]map[string]string `json:"grid"`   // grid row → column → cell
	Rows   []struct {
		Line  int               `json:"line"`
		Group string            `json:"group"`
		Cells map[string]string `json:"cells"` // column key → cell
	} `json:"rows"`
}

func loadFixtures(t *testing.T) map[string]fixture {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(foreignDir, "fixtures.json"))
	if err != nil {
		t.Fatalf("%v (regenerate with /usr/bin/python3 %s/make_fixtures.py)", err, foreignDir)
	}
	var list []fixture
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	out := map[string]fixture{}
	for _, fx := range list {
		out[strings.TrimSuffix(fx.File, ".xlsx")] = fx
	}
	return out
}

// loadSample returns a seed project's entry and expected result.
func loadSample(t *testing.T, name string) (*form.Entry, expected) {
	t.Helper()
	var e form.Entry
	var want expected
	for path, v := range map[string]any{
		filepath.Join("../../samples/data", name+".json"):     &e,
		filepath.Join("../../samples", name+".expected.json"): &want,
	} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return &e, want
}

// templateToFixture maps the cells of our template (where the samples'
// expected findings point) to the same values' cells in a fixture: table
// cells by entry row and column, field and grid cells by key.
func templateToFixture(t *testing.T, e *form.Entry, fx fixture) map[string]string {
	t.Helper()
	k := form.Lookup(e.Kind)
	l := template.LayoutOf(k, template.Options{Year: e.Year})
	if l == nil {
		t.Fatalf("no template layout for %s", e.Kind)
	}
	if len(fx.Rows) != len(e.Rows) {
		t.Fatalf("%s has %d indicator rows, the sample %d", fx.File, len(fx.Rows), len(e.Rows))
	}
	out := map[string]string{}
	used := map[string]int{}
	for i, r := range e.Rows {
		line := l.First + i
		if r.Group != "" {
			g := l.Group(r.Group)
			if g == nil || fx.Rows[i].Group != r.Group {
				t.Fatalf("row %d: group %q not in the template or out of order in %s", i, r.Group, fx.File)
			}
			line = g.First + used[r.Group]
			used[r.Group]++
		}
		for _, c := range k.Table.Columns {
			out[l.Cell(c.Key, line)] = fx.Rows[i].Cells[c.Key]
		}
	}
	for key, p := range l.Fields {
		if ref, ok := fx.Fields[key]; ok {
			out[p.Ref] = ref
		}
	}
	for rk, cols := range l.Grid {
		for ck, ref := range cols {
			if fref, ok := fx.Grid[rk][ck]; ok {
				out[ref] = fref
			}
		}
	}
	return out
}

// fixtureCells returns every cell the fixture's generator wrote a value
// into, with what it holds.
func fixtureCells(fx fixture) map[string]string {
	out := map[string]string{}
	for k, ref := range fx.Fields {
		out[ref] = "field " + k
	}
	for rk, cols := range fx.Grid {
		for ck, ref := range cols {
			out[ref] = "grid " + rk + "." + ck
		}
	}
	for i, r := range fx.Rows {
		for ck, ref := range r.Cells {
			out[ref] = fmt.Sprintf("row %d %s", i, ck)
		}
	}
	return out
}

// checkJSON runs `selfeval check --format json` on one file.
func checkJSON(t *testing.T, path string) (int, reportFile, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "check", "--format", "json", path}, &stdout, &stderr))
	var rep struct {
		Files []reportFile `json:"files"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || len(rep.Files) != 1 {
		t.Fatalf("check %s: exit %d, no JSON report with one file (%v)\nstdout: %s\nstderr: %s",
			path, code, err, stdout.String(), stderr.String())
	}
	return code, rep.Files[0], stdout.String()
}

// reportFile is one file of the JSON report, as scripts read it.
type reportFile struct {
	Path       string             `json:"path"`
	Kind       string             `json:"kind"`
	Status     string             `json:"status"`
	Error      string             `json:"error"`
	Project    string             `json:"project"`
	Execution  map[string]float64 `json:"execution"`
	MoneyUnit  string             `json:"money_unit"`
	Indicators []struct {
		Cell   string  `json:"cell"`
		Name   string  `json:"name"`
		Weight float64 `json:"weight"`
		Score  float64 `json:"score"`
	} `json:"indicators"`
	Total    *float64 `json:"total"`
	Grade    string   `json:"grade"`
	Findings []struct {
		Code     string `json:"code"`
		Severity string `json:"severity"`
		Sheet    string `json:"sheet"`
		Cell     string `json:"cell"`
		Message  string `json:"message"`
		Hint     string `json:"hint"`
	} `json:"findings"`
}

// extraFinding is a finding a fixture has beyond its sample's, at a field's
// cell of the fixture.
type extraFinding struct {
	code, severity, field, hint string
}

func TestForeignWorkbooks(t *testing.T) {
	fixtures := loadFixtures(t)
	tests := []struct {
		name       string // fixture file stem
		wantExit   int
		wantStatus string
		extra      []extraFinding
	}{
		{name: "mof2020-cooperation-export", wantExit: exitOK, wantStatus: "ok"},
		{name: "mof2020-services-handtyped", wantExit: exitOK, wantStatus: "ok"},
		{name: "mof2020-liaison-export", wantExit: exitOK, wantStatus: "ok"},
		{name: "mof2020-cooperation-wrong-total", wantExit: exitInvalid, wantStatus: "invalid",
			// The person's 优 stays, said to count for nothing until the total is right.
			extra: []extraFinding{{code: "total.mismatch", severity: "error", field: "total", hint: "97.78"},
				{code: "grade.ungraded", severity: "warning", field: "grade", hint: "重新评分"}}},
		{name: "sh2019-kunming-export", wantExit: exitOK, wantStatus: "ok"},
	}
	if len(tests) != len(fixtures) {
		t.Errorf("%d fixtures in fixtures.json, %d cases", len(fixtures), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx, ok := fixtures[tt.name]
			if !ok {
				t.Fatalf("%s not in fixtures.json", tt.name)
			}
			e, want := loadSample(t, fx.Sample)
			path := filepath.Join(foreignDir, fx.File)
			code, got, raw := checkJSON(t, path)
			defer func() {
				if t.Failed() {
					t.Logf("report:\n%s", raw)
				}
			}()
			if code != tt.wantExit || got.Status != tt.wantStatus {
				t.Errorf("exit %d, status %q (%s); want exit %d, status %q", code, got.Status, got.Error, tt.wantExit, tt.wantStatus)
			}
			if got.Total == nil {
				t.Fatalf("no total")
			}
			wantGrade := want.Grade
			if tt.wantStatus == "invalid" {
				wantGrade = "" // a form with errors is not graded
			}
			if got.Kind != want.Kind || got.Project != want.Project || *got.Total != want.Total || got.Grade != wantGrade {
				t.Errorf("got %s %s total %v %s, want %s %s total %v %s", got.Kind, got.Project, *got.Total, got.Grade,
					want.Kind, want.Project, want.Total, wantGrade)
			}
			for k, v := range want.Execution {
				if got.Execution[k] != v {
					t.Errorf("execution.%s = %v, want %v", k, got.Execution[k], v)
				}
			}

			// The indicators are the fixture's rows, in order, at its cells.
			if len(got.Indicators) != len(e.Rows) {
				t.Fatalf("%d indicators, want %d", len(got.Indicators), len(e.Rows))
			}
			for i, in := range got.Indicators {
				row := fx.Rows[i]
				if in.Name != e.Rows[i].Cells["name"] {
					t.Errorf("indicator %d: name %q, want %q", i, in.Name, e.Rows[i].Cells["name"])
				}
				if !cellInRow(row.Cells, in.Cell) {
					t.Errorf("indicator %d (%s): cell %q, not on the fixture's row %d %v", i, in.Name, in.Cell, row.Line, row.Cells)
				}
			}

			// Errors and warnings equal the sample's, moved to the
			// fixture's cells; the sample's info findings are present.
			move := templateToFixture(t, e, fx)
			cells := fixtureCells(fx)
			var gotF, wantF []string
			have := map[string]bool{}
			for _, f := range got.Findings {
				have[f.Code] = true
				have[f.Code+"@"+f.Cell] = true
				if f.Severity != "info" {
					gotF = append(gotF, f.Severity+" "+f.Code+"@"+f.Cell)
				}
				if f.Cell == "" {
					continue
				}
				if f.Sheet != "" && f.Sheet != fx.Sheet {
					t.Errorf("%s: sheet %q, want the fixture's sheet %q", f.Code, f.Sheet, fx.Sheet)
				}
				if _, ok := cells[f.Cell]; !ok {
					t.Errorf("%s (%s) points at %s, a cell that holds no value of the fixture", f.Code, f.Severity, f.Cell)
				}
			}
			for _, w := range want.Findings {
				key := w.Code
				if w.Cell != nil {
					ref, ok := move[*w.Cell]
					if !ok {
						t.Errorf("expected finding %s at template cell %s: no such cell in the fixture", w.Code, *w.Cell)
						continue
					}
					key += "@" + ref
				}
				if w.Severity != "info" {
					wantF = append(wantF, w.Severity+" "+key)
				} else if !have[key] {
					t.Errorf("missing info finding %s", key)
				}
			}
			for _, x := range tt.extra {
				ref := fx.Fields[x.field]
				wantF = append(wantF, x.severity+" "+x.code+"@"+ref)
				found := false
				for _, f := range got.Findings {
					if f.Code == x.code && f.Cell == ref {
						found = true
						if !strings.Contains(f.Hint, x.hint) {
							t.Errorf("%s@%s: hint %q does not contain %q", x.code, ref, f.Hint, x.hint)
						}
						if f.Message == "" {
							t.Errorf("%s@%s: empty message", x.code, ref)
						}
					}
				}
				if !found {
					t.Errorf("no %s finding at %s (field %s)", x.code, ref, x.field)
				}
			}
			sort.Strings(gotF)
			sort.Strings(wantF)
			if strings.Join(gotF, "\n") != strings.Join(wantF, "\n") {
				t.Errorf("errors and warnings:\n got  %q\n want %q", gotF, wantF)
			}
		})
	}
}

// cellInRow reports whether ref is on the same sheet row as the row's cells.
func cellInRow(row map[string]string, ref string) bool {
	digits := strings.TrimLeft(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	if digits == "" || digits == ref {
		return false
	}
	for _, c := range row {
		if strings.TrimLeft(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == digits {
			return true
		}
	}
	return false
}

// TestForeignFixturesHaveNoStamp guards the premise: the fixtures are
// foreign workbooks, without custom properties or sheets other than the form.
func TestForeignFixturesHaveNoStamp(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(foreignDir, "*.xlsx"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures (%v)", err)
	}
	for _, p := range paths {
		zr, err := zip.OpenReader(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			switch zf.Name {
			case "docProps/custom.xml":
				t.Errorf("%s has custom document properties", p)
			case "xl/workbook.xml":
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatal(err)
				}
				if n := bytes.Count(b, []byte("<sheet ")); n != 1 || bytes.Contains(b, []byte("hidden")) || bytes.Contains(b, []byte("_selfeval")) {
					t.Errorf("%s: want exactly one visible sheet, workbook.xml: %s", p, b)
				}
			}
		}
		zr.Close()
	}
}
