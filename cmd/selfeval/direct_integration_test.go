//go:build integration

package main

// Scored files opened by the real clients: a form written by openpyxl (with
// and without a picture, an extra sheet made active, a name scoped to a
// sheet after the form sheet and a very long text) and a form re-saved by
// LibreOffice are scored; LibreOffice prints the result to PDF and re-saves
// it, openpyxl reads it and saves it again; each re-save is scored again.
// The notes, dropdowns, protection, values, highlights, the result sheet
// (frozen header, links to the cells, landscape one page wide) and the
// person's additions must be there each time, once.

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
)

const directScripts = "testdata/direct" // variants.py and inspect_result.py

// resultInspection is what inspect_result.py prints.
type resultInspection struct {
	Sheets []string `json:"sheets"`
	Active string   `json:"active"`
	Result *struct {
		Freeze      string `json:"freeze"`
		Orientation string `json:"orientation"`
		FitToWidth  int    `json:"fitToWidth"`
		FitToPage   bool   `json:"fitToPage"`
		Links       []struct {
			Ref      string `json:"ref"`
			Location string `json:"location"`
			Text     string `json:"text"`
		} `json:"links"`
	} `json:"result"`
	Images     int      `json:"images"`
	Highlights []string `json:"highlights"`
	Scoped     []struct {
		Name  string `json:"name"`
		Sheet string `json:"sheet"`
	} `json:"scoped"`
}

func inspectResult(t *testing.T, path, sheet string) resultInspection {
	t.Helper()
	out, err := exec.Command(python, filepath.Join(directScripts, "inspect_result.py"), path, sheet, resultSheet).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("openpyxl cannot read %s: %v\n%s", path, err, stderr)
	}
	var in resultInspection
	if err := json.Unmarshal(out, &in); err != nil {
		t.Fatalf("inspect_result.py: %v\n%s", err, out)
	}
	return in
}

func TestIntegrationDirectClients(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	var (
		views   []unoView // scored files for LibreOffice's own view
		viewsMu sync.Mutex
	)
	tc := integrationCases()[0] // mof2020-liaison: 93.52 优
	e, _ := loadSample(t, tc.sample)
	l := template.LayoutOf(form.Lookup(e.Kind), template.Options{Year: e.Year})
	top := t.TempDir()
	dir := top
	src := filepath.Join("..", "..", "samples", tc.sample+".xlsx")
	if out, err := exec.Command(python, filepath.Join(directScripts, "variants.py"), src, l.Sheet, dir).CombinedOutput(); err != nil {
		t.Fatalf("variants.py: %v\n%s", err, out)
	}
	inputs := map[string]string{
		"openpyxl":        filepath.Join(dir, "openpyxl.xlsx"),
		"openpyxl-extras": filepath.Join(dir, "openpyxl-extras.xlsx"),
		"libreoffice":     lo.convert(t, src, "xlsx", filepath.Join(dir, "lo")),
	}
	// The three clients side by side; LibreOffice's view of all their
	// scored files once they are done.
	t.Run("clients", func(t *testing.T) {
		for _, name := range []string{"openpyxl", "openpyxl-extras", "libreoffice"} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				directClient(t, lo, l, tc, name, inputs[name], top, func(v unoView) {
					viewsMu.Lock()
					defer viewsMu.Unlock()
					views = append(views, v)
				})
			})
		}
	})
	if t.Failed() {
		return
	}
	first := views[0]
	for _, v := range views {
		if v.what == "openpyxl: scored" {
			first = v
		}
	}
	assertUNOViews(t, lo, l, views)
	assertTypedAndScored(t, lo, l, first.path)
}

// directClient scores the form a client wrote (input), checks it as the
// clients see it, re-saves it with LibreOffice and openpyxl and scores each
// re-save twice; each scored file is copied into top and handed to view.
func directClient(t *testing.T, lo *office, l *template.Layout, tc integrationCase, name, input, top string, view func(unoView)) {
	extras := name == "openpyxl-extras"
	dir := t.TempDir()
	path := filepath.Join(dir, "form.xlsx")
	copyFile(t, input, path)

	code, stdout, stderr := runCLI(t, "score", "--format", "json", path)
	got := decodeReport(t, code, stdout, stderr)
	assertResult(t, "score", code, got, tc)
	notes := noteCellsOf(got, l.Sheet)
	first := assertClientView(t, "scored", path, l, tc, notes, extras, nil)
	text := assertResultPrint(t, lo, path, filepath.Join(dir, "pdf"))
	if extras && !strings.Contains(text, "【完】") {
		t.Errorf("the PDF does not show the end of the long 实际完成情况 text: the row did not grow")
	}
	n := 0
	snapshot := func(what, from string, notes map[string]bool) {
		n++
		to := filepath.Join(top, fmt.Sprintf("view-%s-%d.xlsx", name, n))
		copyFile(t, from, to)
		view(unoView{name + ": " + what, to, notes})
	}
	snapshot("scored", path, notes)

	resaves := []struct{ what, path string }{
		{"LibreOffice re-save", lo.convert(t, path, "xlsx", filepath.Join(dir, "lo"))},
		{"openpyxl re-save", filepath.Join(dir, "openpyxl-resave.xlsx")},
	}
	if out, err := exec.Command(python, "-c", "import openpyxl, sys; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])",
		path, resaves[1].path).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl load+save: %v\n%s", err, out)
	}
	for _, r := range resaves {
		assertClientView(t, r.what, r.path, l, tc, notes, extras, &first)
		for round := 1; round <= 2; round++ {
			what := fmt.Sprintf("%s scored again (%d)", r.what, round)
			code, stdout, stderr := runCLI(t, "score", "--format", "json", r.path)
			again := decodeReport(t, code, stdout, stderr)
			assertResult(t, what, code, again, tc)
			assertClientView(t, what, r.path, l, tc, noteCellsOf(again, l.Sheet), extras, &first)
			part(t, what+": styles once", func(t *testing.T) { assertOnce(t, what, r.path) })
			snapshot(what, r.path, noteCellsOf(again, l.Sheet))
		}
	}
}

// assertTypedAndScored types, through LibreOffice's view, the full score
// into the cell of a scored file whose finding was a deduction, saves it
// and scores it again: the finding and our note on that cell are gone, the
// other notes stay one per cell.
func assertTypedAndScored(t *testing.T, lo *office, l *template.Layout, scored string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, "check", "--format", "json", scored)
	before := decodeReport(t, code, stdout, stderr)
	cell, full := "", ""
	for _, f := range before.Findings {
		if f.Code == "score.deduction_explained" {
			cell = strings.ReplaceAll(f.Cell, "$", "")
		}
	}
	for _, in := range before.Indicators {
		if strings.ReplaceAll(in.Cell, "$", "") == cell || cell == "" {
			full = strconv.FormatFloat(in.Weight, 'f', -1, 64)
		}
	}
	if cell == "" || full == "" {
		t.Fatalf("no explained deduction to undo in %s: %+v", scored, before.Findings)
	}
	typed := filepath.Join(t.TempDir(), "typed.xlsx")
	runUNO(t, lo, []unoJob{{Src: scored, Dst: typed, Cells: [][]string{{l.Sheet, cell, full}}}})
	code, stdout, stderr = runCLI(t, "score", "--format", "json", typed)
	got := decodeReport(t, code, stdout, stderr)
	if code != exitOK || got.Total == nil || *got.Total <= *before.Total {
		t.Errorf("typed %s=%s: exit %d, total %v, want more than %v", cell, full, code, deref(got.Total), *before.Total)
	}
	notes := noteCellsOf(got, l.Sheet)
	if notes[cell] {
		t.Errorf("typed %s=%s: still a finding at %s: %+v", cell, full, cell, got.Findings)
	}
	ours := map[string]int{}
	for _, n := range inspectXLSX(t, typed, l.Sheet, nil).Notes {
		if c := strings.Count(n.Text, noteMarker); c > 0 {
			ours[n.Sheet+"!"+n.Ref] += c
		}
	}
	for ref := range notes {
		if ours[l.Sheet+"!"+ref] != 1 {
			t.Errorf("typed and scored: %d notes of ours at %s, want 1", ours[l.Sheet+"!"+ref], ref)
		}
	}
	for at, c := range ours {
		if ref := strings.TrimPrefix(at, l.Sheet+"!"); !notes[ref] || c != 1 {
			t.Errorf("typed and scored: %d notes of ours at %s, want one only on a cell with findings (findings there: %v)", c, at, notes[ref])
		}
	}
	t.Logf("typed %s=%s through LibreOffice and scored: total %v, notes of ours at %v", cell, full, deref(got.Total), ours)
}

// part runs one named check as a subtest.
func part(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	t.Run(name, f)
}

// assertClientView checks what openpyxl reads in a scored file: the
// template's protection, dropdowns, values and notes (assertScoredFile),
// and the result sheet, highlights and the person's additions. With
// first, the highlights must be the same as in the first scored file.
func assertClientView(t *testing.T, what, path string, l *template.Layout, tc integrationCase, notes map[string]bool, extras bool, first *resultInspection) resultInspection {
	t.Helper()
	assertScoredFile(t, what, inspectXLSX(t, path, l.Sheet, probeRefs(l, tc)), l, tc, notes)
	in := inspectResult(t, path, l.Sheet)
	n := 0
	for i, s := range in.Sheets {
		if s == resultSheet {
			n++
			if i == 0 || in.Sheets[i-1] != l.Sheet {
				t.Errorf("%s: %s is not right after %s: %v", what, resultSheet, l.Sheet, in.Sheets)
			}
		}
	}
	if n != 1 || in.Result == nil {
		t.Fatalf("%s: %d %s sheets in %v", what, n, resultSheet, in.Sheets)
	}
	r := in.Result
	// LibreOffice's headless conversion drops the frozen panes of every
	// sheet (of openpyxl's own files too); assertUNOViews checks them in
	// LibreOffice's view instead.
	if what != "LibreOffice re-save" && !regexp.MustCompile(`^A[0-9]+$`).MatchString(r.Freeze) {
		t.Errorf("%s: %s frozen at %q, want the header rows frozen", what, resultSheet, r.Freeze)
	}
	if r.Orientation != "landscape" || r.FitToWidth != 1 || !r.FitToPage {
		t.Errorf("%s: %s prints %q, fitToWidth %d, fitToPage %v; want landscape one page wide", what, resultSheet, r.Orientation, r.FitToWidth, r.FitToPage)
	}
	linked := map[string]bool{}
	for _, k := range r.Links {
		cell := strings.TrimPrefix(k.Location, "'"+l.Sheet+"'!")
		cell = strings.TrimPrefix(cell, l.Sheet+"!")
		if !notes[cell] {
			t.Errorf("%s: link %s in %s goes to %q, not a cell with findings", what, k.Ref, resultSheet, k.Location)
		}
		linked[cell] = true
	}
	for cell := range notes {
		if !linked[cell] {
			t.Errorf("%s: no link in %s to %s (links %+v)", what, resultSheet, cell, r.Links)
		}
	}
	seen := map[string]bool{}
	for _, h := range in.Highlights {
		if seen[h] {
			t.Errorf("%s: highlight %q twice in %v", what, h, in.Highlights)
		}
		seen[h] = true
	}
	if len(in.Highlights) == 0 {
		t.Errorf("%s: no highlights on %s", what, l.Sheet)
	}
	if first != nil && strings.Join(in.Highlights, "|") != strings.Join(first.Highlights, "|") {
		t.Errorf("%s: highlights %v, want those of the first score %v", what, in.Highlights, first.Highlights)
	}
	if extras {
		if in.Images != 1 {
			t.Errorf("%s: %d pictures on %s, want the person's one", what, in.Images, l.Sheet)
		}
		if in.Active != "附注" {
			t.Errorf("%s: active sheet %q, want the person's 附注", what, in.Active)
		}
		part(t, what+": scoped name", func(t *testing.T) {
			ok := false
			for _, s := range in.Scoped {
				if s.Name == "ListsLocal" {
					ok = s.Sheet == "_lists"
					if !ok {
						t.Errorf("%s: name ListsLocal scoped to %s, want _lists", what, s.Sheet)
					}
				}
			}
			if !ok {
				t.Errorf("%s: the name ListsLocal scoped to _lists is gone: %+v", what, in.Scoped)
			}
		})
	}
	return in
}

// assertResultPrint prints the scored file to PDF with LibreOffice: the
// pages of the result table are landscape and hold all its columns. It
// returns the PDF's text.
func assertResultPrint(t *testing.T, lo *office, path, outDir string) string {
	t.Helper()
	pdf := lo.convert(t, path, "pdf", outDir)
	info, err := exec.Command("pdfinfo", "-f", "1", "-l", "999", pdf).Output()
	if err != nil {
		missingTool(t, "pdfinfo (poppler-utils) failed: "+err.Error())
	}
	sizes := map[int][2]float64{}
	for _, m := range regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)`).FindAllStringSubmatch(string(info), -1) {
		p, _ := strconv.Atoi(m[1])
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		sizes[p] = [2]float64{w, h}
	}
	found := 0
	var all strings.Builder
	for p := 1; p <= len(sizes); p++ {
		text, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %d: %v", p, err)
		}
		s := string(text)
		all.WriteString(s)
		if !strings.Contains(s, "序号") || !strings.Contains(s, "单元格") {
			continue
		}
		found++
		if sz := sizes[p]; sz[0] <= sz[1] {
			t.Errorf("PDF page %d (%s) is %vx%v pt, want landscape", p, resultSheet, sz[0], sz[1])
		}
		for _, col := range []string{"级别", "代码", "说明", "建议"} {
			if !strings.Contains(s, col) {
				t.Errorf("PDF page %d (%s) lacks the column %s: not one page wide\n%s", p, resultSheet, col, s)
			}
		}
	}
	if found == 0 {
		t.Errorf("no page of %s in the PDF (%d pages)", resultSheet, len(sizes))
	}
	return all.String()
}

// assertOnce reads the package itself: one result sheet, and a score of the
// file again adds no cell formats or highlight formats.
func assertOnce(t *testing.T, what, path string) {
	t.Helper()
	before := styleCounts(t, path)
	code, stdout, stderr := runCLI(t, "score", "--format", "json", path)
	decodeReport(t, code, stdout, stderr)
	if after := styleCounts(t, path); after != before {
		t.Errorf("%s: another score changed the style lists %s → %s", what, before, after)
	}
}

var xfCounts = regexp.MustCompile(`<(cellXfs|dxfs|fonts|fills|borders)\b[^>]*>(?s:.*?)</(?:cellXfs|dxfs|fonts|fills|borders)>`)

// styleCounts returns the number of entries of styles.xml's lists.
func styleCounts(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name != "xl/styles.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range xfCounts.FindAllStringSubmatch(string(b), -1) {
			elem := map[string]string{"cellXfs": "<xf", "dxfs": "<dxf", "fonts": "<font", "fills": "<fill", "borders": "<border"}[m[1]]
			n := len(regexp.MustCompile(elem+`[\s>/]`).FindAllString(m[0], -1))
			out = append(out, fmt.Sprintf("%s=%d", m[1], n))
		}
		return strings.Join(out, " ")
	}
	t.Fatalf("%s has no styles.xml", path)
	return ""
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// unoView is a scored file LibreOffice opens, with the cells that must
// carry one note of ours.
type unoView struct {
	what, path string
	notes      map[string]bool
}

// assertUNOViews opens the files in LibreOffice (uno_view.py) and checks
// what it shows: the form sheet protected, with its dropdowns, number
// checks and highlights; one note of ours on each cell with findings and
// none elsewhere; the result sheet's header frozen in the view and its
// links going to the cells.
func assertUNOViews(t *testing.T, lo *office, l *template.Layout, views []unoView) {
	t.Helper()
	if len(views) == 0 {
		t.Fatal("no scored files to open")
	}
	refs := map[string]string{ // cell → validation type LibreOffice shows
		l.Cell("level1", l.First): "LIST", l.Cell("actual", l.First): "LIST",
		l.Cell("weight", l.First): "DECIMAL", l.Grid["total"]["budget"]: "DECIMAL",
	}
	var list []string
	for ref := range refs {
		list = append(list, ref)
	}
	type job struct {
		Path   string   `json:"path"`
		Form   string   `json:"form"`
		Result string   `json:"result"`
		Refs   []string `json:"refs"`
	}
	var jobs []job
	for _, v := range views {
		jobs = append(jobs, job{v.path, l.Sheet, resultSheet, list})
	}
	out := lo.uno(t, "view", jobs)
	type seen struct {
		Path   string `json:"path"`
		Sheets []struct {
			Name      string `json:"name"`
			Visible   bool   `json:"visible"`
			Protected bool   `json:"protected"`
		} `json:"sheets"`
		Notes []struct {
			Sheet, Ref, Text string
		} `json:"notes"`
		Frozen      bool                        `json:"frozen"`
		SplitRow    int                         `json:"splitRow"`
		Links       []struct{ Ref, URL string } `json:"links"`
		Validations map[string]string           `json:"validations"`
		Highlights  int                         `json:"highlights"`
	}
	got := map[string]seen{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var s seen
		if err := json.Unmarshal([]byte(line), &s); err == nil && s.Path != "" {
			got[s.Path] = s
		}
	}
	for _, v := range views {
		s, ok := got[v.path]
		if !ok {
			t.Errorf("%s: LibreOffice did not open it\n%s", v.what, out)
			continue
		}
		results := 0
		for _, sh := range s.Sheets {
			if sh.Name == l.Sheet && !sh.Protected {
				t.Errorf("%s: LibreOffice shows %s unprotected", v.what, l.Sheet)
			}
			if sh.Name == resultSheet {
				results++
			}
		}
		if results != 1 {
			t.Errorf("%s: LibreOffice shows %d %s sheets: %+v", v.what, results, resultSheet, s.Sheets)
		}
		ours := map[string]int{}
		for _, n := range s.Notes {
			if c := strings.Count(n.Text, noteMarker); c > 0 {
				if n.Sheet != l.Sheet || !v.notes[n.Ref] {
					t.Errorf("%s: LibreOffice shows a note of ours at %s!%s, a cell without findings", v.what, n.Sheet, n.Ref)
				}
				ours[n.Ref] += c
			}
		}
		for ref := range v.notes {
			if ours[ref] != 1 {
				t.Errorf("%s: LibreOffice shows %d notes of ours at %s, want 1 (notes %+v)", v.what, ours[ref], ref, s.Notes)
			}
		}
		if !s.Frozen || s.SplitRow < 2 {
			t.Errorf("%s: LibreOffice shows %s with frozen=%v at row %d, want the header frozen", v.what, resultSheet, s.Frozen, s.SplitRow)
		}
		linked := map[string]bool{}
		for _, k := range s.Links {
			cell := strings.TrimPrefix(strings.TrimPrefix(k.URL, "#'"+l.Sheet+"'."), "#"+l.Sheet+".")
			if !v.notes[cell] {
				t.Errorf("%s: LibreOffice link %s goes to %q, not a cell with findings", v.what, k.Ref, k.URL)
			}
			linked[cell] = true
		}
		for ref := range v.notes {
			if !linked[ref] {
				t.Errorf("%s: LibreOffice shows no link to %s (links %+v)", v.what, ref, s.Links)
			}
		}
		for ref, want := range refs {
			if s.Validations[ref] != want {
				t.Errorf("%s: LibreOffice shows validation %q on %s, want %s", v.what, s.Validations[ref], ref, want)
			}
		}
		if s.Highlights < 1 {
			t.Errorf("%s: LibreOffice shows no highlights on %s", v.what, l.Sheet)
		}
	}
	t.Logf("LibreOffice opened %d scored files", len(views))
}
