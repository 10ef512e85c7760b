//go:build integration

package main

// Issued templates in real clients: prefilled from the seed targets, filled
// by openpyxl (which, like a spreadsheet, refuses locked cells), re-saved by
// LibreOffice, checked and scored without any tamper alarm; row heights are
// checked against the heights LibreOffice itself lays the text out in, and
// the PDFs against split labels.

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/samples"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/template/targets"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

func TestIntegrationIssued(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	all, err := samples.All()
	if err != nil {
		t.Fatal(err)
	}
	seeds := map[string]*form.Entry{}
	for _, s := range all {
		seeds[s.Entry.Fields["project"]] = s.Entry
	}
	want := map[string]float64{"合作交流工作业务经费": 97.78, "机关服务费": 100, "驻外办驻外工作经费": 93.52, "合作交流工作业务费": 89}
	for _, kind := range []string{"mof2020", "sh2019"} {
		k := form.Lookup(kind)
		src := filepath.Join("..", "..", "samples", "targets", kind+"-targets.csv")
		projects, err := targets.Read(src, k, nil)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		issuedDir := filepath.Join(dir, "issued")
		if code, out, errs := runCLI(t, "template", "--kind", kind, "--from", src, "--out-dir", issuedDir); code != exitOK {
			t.Fatalf("template --from: exit %d\n%s%s", code, out, errs)
		}
		for _, p := range projects {
			t.Run(p.Name, func(t *testing.T) {
				t.Parallel()
				seed := seeds[p.Name]
				issued := filepath.Join(issuedDir, p.Name+".xlsx")
				sheet, plan := actualsPlan(t, k, p.Entry, seed)
				planPath := filepath.Join(dir, p.Name+".plan.json")
				b, _ := json.Marshal(map[string]any{"sheet": sheet, "cells": plan})
				if err := os.WriteFile(planPath, b, 0o644); err != nil {
					t.Fatal(err)
				}
				filled := filepath.Join(dir, p.Name+".xlsx")
				if out, err := exec.Command(python, filepath.Join(scriptDir, "fill.py"), issued, planPath, filled).CombinedOutput(); err != nil {
					t.Fatalf("fill.py (typing only into open cells): %v\n%s", err, out)
				}
				resaved := lo.convert(t, filled, "xlsx", filepath.Join(dir, "lo1"))
				for _, step := range []string{"check", "score"} {
					code, stdout, stderr := runCLI(t, step, "--format", "json", resaved)
					assertIssued(t, step+" of the LibreOffice re-save", code, decodeReport(t, code, stdout, stderr), want[p.Name])
				}
				again := lo.convert(t, resaved, "xlsx", filepath.Join(dir, "lo2"))
				code, stdout, stderr := runCLI(t, "check", "--format", "json", again)
				assertIssued(t, "check of the scored file re-saved by LibreOffice", code, decodeReport(t, code, stdout, stderr), want[p.Name])
				// The issued template, and the scored form a reviewer prints.
				checkHeights(t, lo, issued, sheet)
				checkHeights(t, lo, again, sheet)
				checkPrint(t, lo, again, k)
			})
		}
	}
	t.Run("sh2019 sample", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join("..", "..", "samples", "sh2019-kunming.xlsx")
		checkHeights(t, lo, path, form.SH2019.Sheet)
		checkPrint(t, lo, path, form.SH2019)
	})
}

// assertIssued checks a report of an issued, filled form: its total, no
// error and no template finding.
func assertIssued(t *testing.T, what string, code int, got reportFile, total float64) {
	t.Helper()
	if code != exitOK || got.Total == nil || *got.Total != total {
		t.Errorf("%s: exit %d, total %v, want exit 0 and %v\nfindings: %+v", what, code, got.Total, total, got.Findings)
	}
	for _, f := range got.Findings {
		if strings.HasPrefix(f.Code, "template.") || f.Severity == "error" {
			t.Errorf("%s: unexpected %s %s at %s: %s", what, f.Severity, f.Code, f.Cell, f.Message)
		}
	}
}

// actualsPlan returns what a unit types into a template prefilled with pre:
// every value of the seed that the prefill does not hold.
func actualsPlan(t *testing.T, k *form.Kind, pre, seed *form.Entry) (string, []planCell) {
	t.Helper()
	l := template.LayoutOf(k, template.Options{Year: pre.Year, Prefill: pre})
	var out []planCell
	add := func(ref string, typ form.Type, v string) {
		as := "text"
		switch typ {
		case form.Amount, form.Score, form.Percent:
			as = "number"
		case form.Date:
			as = "date"
		}
		if v != "" {
			out = append(out, planCell{Ref: ref, Value: v, As: as})
		}
	}
	for key, v := range seed.Fields {
		if _, ok := pre.Fields[key]; !ok {
			add(l.Fields[key].Ref, k.Field(key).Type, v)
		}
	}
	if g := k.Grid; g != nil {
		for _, gr := range g.Rows {
			for _, gc := range g.Cols {
				if _, ok := pre.Grid[gr.Key][gc.Key]; !ok && !gc.Computed {
					add(l.Grid[gr.Key][gc.Key], gc.Type, seed.Grid[gr.Key][gc.Key])
				}
			}
		}
	}
	used := map[string]int{}
	for i, r := range seed.Rows {
		line := l.First + i
		if r.Group != "" {
			line = l.Group(r.Group).First + used[r.Group]
			used[r.Group]++
		}
		for _, c := range k.Table.Columns {
			if _, ok := pre.Rows[i].Cells[c.Key]; !ok && c.Input {
				add(l.Cell(c.Key, line), c.Type, r.Cells[c.Key])
			}
		}
	}
	return l.Sheet, out
}

// textItem is a cell with text and the room the form gives it.
type textItem struct {
	ref    string
	text   string
	width  float64 // points, as LibreOffice lays the columns out
	height float64 // points: the rows of the cell (or merged range)
	size   float64
	bold   bool
}

// checkHeights checks that every text of the form sheet of path fits its
// cell: LibreOffice lays each text out alone in a cell of the same width,
// font and wrapping, with the optimal row height, and that height must not
// exceed the height of the form's row (or rows, for a merged range).
func checkHeights(t *testing.T, lo *office, path, sheet string) {
	t.Helper()
	dir := t.TempDir()
	widths := loColumnWidths(t, lo.convert(t, path, "fods", dir))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	merges, _ := f.GetMergeCells(sheet)
	area := map[string][4]int{} // top-left → c1, r1, c2, r2
	inside := map[string]bool{}
	for _, m := range merges {
		c1, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		area[m.GetStartAxis()] = [4]int{c1, r1, c2, r2}
		for c := c1; c <= c2; c++ {
			for r := r1; r <= r2; r++ {
				if ref, _ := excelize.CoordinatesToCellName(c, r); ref != m.GetStartAxis() {
					inside[ref] = true
				}
			}
		}
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var items []textItem
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if strings.TrimSpace(v) == "" || inside[ref] {
				continue
			}
			a, ok := area[ref]
			if !ok {
				a = [4]int{c + 1, r + 1, c + 1, r + 1}
			}
			it := textItem{ref: ref, text: v, size: 11}
			for col := a[0]; col <= a[2] && col <= len(widths); col++ {
				it.width += widths[col-1]
			}
			for line := a[1]; line <= a[3]; line++ {
				h, _ := f.GetRowHeight(sheet, line)
				it.height += h
			}
			if id, err := f.GetCellStyle(sheet, ref); err == nil {
				if st, err := f.GetStyle(id); err == nil && st.Font != nil {
					if st.Font.Size > 0 {
						it.size = st.Font.Size
					}
					it.bold = st.Font.Bold
				}
			}
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		t.Fatal("no text on the form sheet")
	}
	scratch := filepath.Join(dir, "heights.fods")
	if err := os.WriteFile(scratch, []byte(heightsFODS(items)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := lo.convert(t, scratch, "xlsx", filepath.Join(dir, "out"))
	g, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	first := g.GetSheetList()[0]
	tallest := 0.0
	for i, it := range items {
		need, _ := g.GetRowHeight(first, i+1)
		tallest = max(tallest, need)
		if need > it.height+0.5 {
			t.Errorf("%s: %s: LibreOffice needs %.1f pt for %q in %.0f pt of width, the form gives %.1f",
				filepath.Base(path), it.ref, need, short(it.text), it.width, it.height)
		}
	}
	if tallest < 40 {
		t.Errorf("%s: the tallest text needs only %.1f pt: the measurement is not working", filepath.Base(path), tallest)
	}
	t.Logf("%s: %d texts fit their cells (tallest needs %.0f pt)", filepath.Base(path), len(items), tallest)
}

func short(s string) string {
	if r := []rune(s); len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return s
}

var (
	colStyle = regexp.MustCompile(`<style:style style:name="([^"]+)" style:family="table-column">\s*<style:table-column-properties[^>]*style:column-width="([0-9.]+)(in|cm|mm|pt)"`)
	colUse   = regexp.MustCompile(`<table:table-column table:style-name="([^"]+)"(?: table:number-columns-repeated="(\d+)")?`)
)

// loColumnWidths returns the widths in points of the columns of the first
// sheet of a flat ODS file LibreOffice wrote.
func loColumnWidths(t *testing.T, fods string) []float64 {
	t.Helper()
	data, err := os.ReadFile(fods)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	per := map[string]float64{"in": 72, "cm": 72 / 2.54, "mm": 72 / 25.4, "pt": 1}
	width := map[string]float64{}
	for _, m := range colStyle.FindAllStringSubmatch(s, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		width[m[1]] = v * per[m[3]]
	}
	table := s[strings.Index(s, "<table:table "):]
	table = table[:strings.Index(table, "</table:table>")]
	var out []float64
	for _, m := range colUse.FindAllStringSubmatch(table, -1) {
		n := 1
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		}
		for i := 0; i < n && len(out) < 64; i++ {
			out = append(out, width[m[1]])
		}
	}
	if len(out) == 0 || out[0] == 0 {
		t.Fatalf("no column widths in %s", fods)
	}
	return out
}

// heightsFODS lays each item out alone in its own row and column, with the
// row's height left to LibreOffice.
func heightsFODS(items []textItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<style:style style:name="ro" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style>
`)
	for i, it := range items {
		weight := "normal"
		if it.bold {
			weight = "bold"
		}
		fmt.Fprintf(&b, `<style:style style:name="co%d" style:family="table-column"><style:table-column-properties style:column-width="%.2fpt"/></style:style>
<style:style style:name="ce%d" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap"/><style:text-properties fo:font-family="宋体" style:font-family-asian="宋体" fo:font-size="%gpt" style:font-size-asian="%gpt" fo:font-weight="%s" style:font-weight-asian="%s"/></style:style>
`, i, it.width, i, it.size, it.size, weight, weight)
	}
	b.WriteString("</office:automatic-styles>\n<office:body><office:spreadsheet><table:table table:name=\"H\">\n")
	for i := range items {
		fmt.Fprintf(&b, "<table:table-column table:style-name=\"co%d\"/>\n", i)
	}
	for i, it := range items {
		b.WriteString(`<table:table-row table:style-name="ro">`)
		if i > 0 {
			fmt.Fprintf(&b, `<table:table-cell table:number-columns-repeated="%d"/>`, i)
		}
		fmt.Fprintf(&b, `<table:table-cell table:style-name="ce%d" office:value-type="string">`, i)
		for _, p := range strings.Split(it.text, "\n") {
			b.WriteString("<text:p>" + html.EscapeString(p) + "</text:p>")
		}
		b.WriteString("</table:table-cell></table:table-row>\n")
	}
	b.WriteString("</table:table></office:spreadsheet></office:body></office:document>\n")
	return b.String()
}

// checkPrint prints path to PDF with LibreOffice and checks that every
// vertically merged label (a sh2019 category, a merged 一级指标) is printed
// once, on one page, and that the table header repeats on each page. With
// SELFEVAL_PNG_DIR set, the pages are rendered there for a person to look at.
func checkPrint(t *testing.T, lo *office, path string, k *form.Kind) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("SKIP print check: pdftotext (poppler-utils) not installed")
		return
	}
	// Only the form sheet is printed (校验结果 would follow it).
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, s := range f.GetSheetList() {
		if s == k.Sheet {
			f.SetActiveSheet(i)
		} else if err := f.SetSheetVisible(s, false); err != nil {
			t.Fatal(err)
		}
	}
	only := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := f.SaveAs(only); err != nil {
		t.Fatal(err)
	}
	pdf := lo.convert(t, only, "pdf", t.TempDir())
	merges, _ := f.GetMergeCells(k.Sheet)
	var labels []string
	for _, m := range merges {
		_, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		if r2 > r1 && strings.TrimSpace(m.GetCellValue()) != "" && !strings.Contains(m.GetCellValue(), "\n") {
			labels = append(labels, m.GetCellValue())
		}
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	header := k.Table.Columns[1].Label
	for i, p := range pages {
		if i > 0 && !strings.Contains(p, header) {
			t.Errorf("%s: page %d does not repeat the table header", filepath.Base(path), i+1)
		}
	}
	for _, l := range labels {
		alone := regexp.MustCompile(`(?m)(^|\s)` + regexp.QuoteMeta(l) + `(\s|$)`)
		var on []int
		for i, p := range pages {
			for range alone.FindAllStringIndex(p, -1) {
				on = append(on, i+1)
			}
		}
		if len(on) != 1 {
			t.Errorf("%s: merged label %q printed %d times (pages %v), want once", filepath.Base(path), l, len(on), on)
		}
	}
	t.Logf("%s: %d pages, %d merged labels each printed once", filepath.Base(path), len(pages), len(labels))
	if dir := os.Getenv("SELFEVAL_PNG_DIR"); dir != "" {
		stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		if err := exec.Command("pdftoppm", "-png", "-r", "80", pdf, filepath.Join(dir, stem)).Run(); err != nil {
			t.Errorf("pdftoppm: %v", err)
		}
	}
}
