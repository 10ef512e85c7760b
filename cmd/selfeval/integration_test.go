//go:build integration

package main

// The real-client suite: our template, filled by openpyxl as a person's
// script would, re-saved by LibreOffice, scored, and opened again by
// LibreOffice and openpyxl. Run with `make integration`:
//
//	go test -count=1 -tags integration -run Integration -v ./cmd/selfeval/
//
// The tests share one LibreOffice (office_integration_test.go) and run in
// parallel.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
)

const (
	python      = "/usr/bin/python3"
	noteMarker  = "【selfeval 校验】"
	resultSheet = "校验结果"
	stampSheet  = "_selfeval"
	scriptDir   = "testdata/foreign" // fill.py and inspect_xlsx.py
)

// runCLI runs the CLI in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), append([]string{"selfeval"}, args...), &stdout, &stderr))
	return code, stdout.String(), stderr.String()
}

// decodeReport decodes a JSON report with one file.
func decodeReport(t *testing.T, code int, stdout, stderr string) reportFile {
	t.Helper()
	var rep struct {
		Files []reportFile `json:"files"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || len(rep.Files) != 1 {
		t.Fatalf("exit %d, no JSON report with one file (%v)\nstdout: %s\nstderr: %s", code, err, stdout, stderr)
	}
	return rep.Files[0]
}

// planCell is one value fill.py types into a cell.
type planCell struct {
	Key   string `json:"key"` // where the value sits in the entry
	Ref   string `json:"ref"`
	Value string `json:"value"`
	As    string `json:"as"` // number, text or date
}

// fillPlan lays an entry out on our template, cell by cell, as a person
// types it: numbers as numbers except those in asText (keys such as
// "grid.total.initial", "fields.prior_budget"), which are typed as text the
// way they often arrive. (A number typed as text in a cell the template's
// formulas read is an error, cell.text_number: see TestTypedByHand.)
func fillPlan(t *testing.T, e *form.Entry, asText map[string]bool) (string, []planCell) {
	t.Helper()
	k := form.Lookup(e.Kind)
	l := template.LayoutOf(k, template.Options{Year: e.Year})
	if l == nil {
		t.Fatalf("no layout for %s", e.Kind)
	}
	var out []planCell
	add := func(key, ref string, typ form.Type, v string) {
		if v == "" {
			return
		}
		as := "text"
		switch typ {
		case form.Amount, form.Score, form.Percent:
			if !asText[key] {
				as = "number"
			}
		case form.Date:
			as = "date"
		}
		out = append(out, planCell{Key: key, Ref: ref, Value: v, As: as})
	}
	for key, v := range e.Fields {
		fd := k.Field(key)
		if fd == nil || fd.Computed {
			t.Fatalf("entry field %s has no input cell", key)
		}
		add("fields."+key, l.Fields[key].Ref, fd.Type, v)
	}
	if g := k.Grid; g != nil {
		for _, gr := range g.Rows {
			for _, gc := range g.Cols {
				if v := e.Grid[gr.Key][gc.Key]; v != "" && !gc.Computed {
					add("grid."+gr.Key+"."+gc.Key, l.Grid[gr.Key][gc.Key], gc.Type, v)
				}
			}
		}
	}
	used := map[string]int{}
	for i, r := range e.Rows {
		line := l.First + i
		if r.Group != "" {
			line = l.Group(r.Group).First + used[r.Group]
			used[r.Group]++
		}
		for _, c := range k.Table.Columns {
			if v := r.Cells[c.Key]; v != "" && c.Input {
				add(fmt.Sprintf("rows.%d.%s", i, c.Key), l.Cell(c.Key, line), c.Type, v)
			}
		}
	}
	return l.Sheet, out
}

// inspection is what inspect_xlsx.py prints.
type inspection struct {
	Sheets []struct {
		Name  string `json:"name"`
		State string `json:"state"`
	} `json:"sheets"`
	Protected bool `json:"protected"`
	Structure bool `json:"structure"`
	Cells     map[string]struct {
		Locked      bool     `json:"locked"`
		Value       any      `json:"value"`
		Cached      any      `json:"cached"`
		Formula     bool     `json:"formula"`
		Validations []string `json:"validations"`
	} `json:"cells"`
	Notes []struct {
		Sheet string `json:"sheet"`
		Ref   string `json:"ref"`
		Text  string `json:"text"`
	} `json:"notes"`
}

func (in inspection) state(sheet string) (string, bool) {
	for _, s := range in.Sheets {
		if s.Name == sheet {
			return s.State, true
		}
	}
	return "", false
}

// inspectXLSX reads path with openpyxl.
func inspectXLSX(t *testing.T, path, sheet string, refs []string) inspection {
	t.Helper()
	args := append([]string{filepath.Join(scriptDir, "inspect_xlsx.py"), path, sheet}, refs...)
	cmd := exec.Command(python, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl cannot read %s: %v\n%s", path, err, stderr.String())
	}
	var in inspection
	if err := json.Unmarshal(out, &in); err != nil {
		t.Fatalf("inspect_xlsx.py: %v\n%s", err, out)
	}
	return in
}

// integrationCase is one seed project taken through the real clients.
type integrationCase struct {
	sample    string
	asText    map[string]bool
	wantExit  int
	wantTotal float64
	wantGrade string
	// cells of the template (by layout) to assert on
	labels   func(l *template.Layout) []string       // locked label cells
	inputs   func(l *template.Layout) []string       // unlocked input cells
	lists    func(l *template.Layout) []string       // cells with a dropdown
	computed func(l *template.Layout) map[string]any // computed cell → value after score
	decimals func(l *template.Layout) []string       // cells with decimal validation
}

func integrationCases() []integrationCase {
	return []integrationCase{
		{
			sample:    "mof2020-liaison",
			asText:    map[string]bool{"grid.total.initial": true},
			wantExit:  exitOK,
			wantTotal: 93.52,
			wantGrade: "优",
			labels: func(l *template.Layout) []string {
				return []string{firstCell(l.Fields["project"].Label), l.Cell("name", l.Header), l.Cell("actual", l.Header)}
			},
			inputs: func(l *template.Layout) []string {
				return []string{l.Fields["project"].Ref, l.Grid["total"]["spent"], l.Cell("actual", l.First), l.Cell("actual", l.First+1), l.Cell("reason", l.First+2)}
			},
			lists: func(l *template.Layout) []string {
				return []string{l.Cell("level1", l.First), l.Cell("level2", l.First), l.Cell("actual", l.First)}
			},
			decimals: func(l *template.Layout) []string {
				return []string{l.Grid["total"]["budget"], l.Cell("weight", l.First)}
			},
			computed: func(l *template.Layout) map[string]any {
				return map[string]any{
					l.Grid["total"]["rate"]:  75.21,
					l.Grid["total"]["score"]: 7.52,
					l.Fields["total"].Ref:    93.52,
					l.Fields["grade"].Ref:    "优",
				}
			},
		},
		{
			sample:    "sh2019-kunming",
			asText:    map[string]bool{"fields.prior_budget": true},
			wantExit:  exitOK,
			wantTotal: 89,
			wantGrade: "良",
			labels: func(l *template.Layout) []string {
				return []string{firstCell(l.Fields["project"].Label), l.Cell("name", l.Header), firstCell(l.Groups[0].Ref)}
			},
			inputs: func(l *template.Layout) []string {
				return []string{l.Fields["project"].Ref, l.Fields["spent"].Ref, l.Cell("score", l.First), l.Cell("remark", l.First)}
			},
			lists: func(l *template.Layout) []string {
				return []string{l.Fields["recurring"].Ref}
			},
			decimals: func(l *template.Layout) []string {
				return []string{l.Fields["budget"].Ref, l.Cell("score", l.First)}
			},
			computed: func(l *template.Layout) map[string]any {
				return map[string]any{
					l.Fields["rate"].Ref:  98.75,
					l.Fields["total"].Ref: 89.0,
					l.Fields["grade"].Ref: "良",
				}
			},
		},
	}
}

// firstCell returns the first cell of a range "A3:B3".
func firstCell(r string) string {
	first, _, _ := strings.Cut(r, ":")
	return first
}

func TestIntegrationLibreOffice(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	for _, tc := range integrationCases() {
		t.Run(tc.sample, func(t *testing.T) {
			t.Parallel()
			integrationFlow(t, lo, tc)
		})
	}
}

func integrationFlow(t *testing.T, lo *office, tc integrationCase) {
	e, _ := loadSample(t, tc.sample)
	k := form.Lookup(e.Kind)
	l := template.LayoutOf(k, template.Options{Year: e.Year})
	dir := t.TempDir()

	// 1. The template.
	blank := filepath.Join(dir, "blank.xlsx")
	if code, out, errs := runCLI(t, "template", "--kind", e.Kind, "--year", e.Year, "-o", blank); code != exitOK {
		t.Fatalf("template: exit %d\n%s%s", code, out, errs)
	}

	// 2. Filled by a script, as a person types.
	sheet, plan := fillPlan(t, e, tc.asText)
	planPath := filepath.Join(dir, "plan.json")
	b, err := json.Marshal(map[string]any{"sheet": sheet, "cells": plan})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(planPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	filled := filepath.Join(dir, tc.sample+".xlsx")
	if out, err := exec.Command(python, filepath.Join(scriptDir, "fill.py"), blank, planPath, filled).CombinedOutput(); err != nil {
		t.Fatalf("fill.py: %v\n%s", err, out)
	}

	var typed []string
	for _, c := range plan {
		if tc.asText[c.Key] {
			typed = append(typed, c.Ref)
		}
	}
	if len(typed) != len(tc.asText) {
		t.Fatalf("text-typed cells %v, want one for each of %v", typed, tc.asText)
	}
	for ref, c := range inspectXLSX(t, filled, sheet, typed).Cells {
		if _, ok := c.Value.(string); !ok {
			t.Errorf("filled %s = %v (%T), want the number typed as text", ref, c.Value, c.Value)
		}
	}

	// 3. Re-saved by LibreOffice; check reads it (the stamp sheet is now
	// hidden, not very hidden).
	resaved := lo.convert(t, filled, "xlsx", filepath.Join(dir, "lo1"))
	in := inspectXLSX(t, resaved, sheet, nil)
	st, ok := in.state(stampSheet)
	if !ok || st == "visible" {
		t.Errorf("LibreOffice re-save: stamp sheet %s state %q (present %v), want hidden", stampSheet, st, ok)
	}
	t.Logf("stamp sheet after LibreOffice re-save: %q", st)
	code, stdout, stderr := runCLI(t, "check", "--format", "json", resaved)
	got := decodeReport(t, code, stdout, stderr)
	assertResult(t, "check of the LibreOffice re-save", code, got, tc)

	// 4. Scored.
	code, stdout, stderr = runCLI(t, "score", "--format", "json", resaved)
	got = decodeReport(t, code, stdout, stderr)
	assertResult(t, "score", code, got, tc)
	noteCells := noteCellsOf(got, sheet)

	// 5. Opened again: LibreOffice converts it; openpyxl reads it and the
	// LibreOffice re-save of it.
	lo.convert(t, resaved, "pdf", filepath.Join(dir, "pdf"))
	scoredLO := lo.convert(t, resaved, "xlsx", filepath.Join(dir, "lo2"))
	for _, p := range []struct{ what, path string }{{"scored", resaved}, {"scored, re-saved by LibreOffice", scoredLO}} {
		assertScoredFile(t, p.what, inspectXLSX(t, p.path, sheet, probeRefs(l, tc)), l, tc, noteCells)
	}

	// 6. The LibreOffice re-save of the scored file scores the same, and
	// keeps one note per cell.
	code, stdout, stderr = runCLI(t, "score", "--format", "json", scoredLO)
	again := decodeReport(t, code, stdout, stderr)
	assertResult(t, "score of the re-saved scored file", code, again, tc)
	assertScoredFile(t, "scored twice", inspectXLSX(t, scoredLO, sheet, probeRefs(l, tc)), l, tc, noteCellsOf(again, sheet))
}

// assertResult checks exit code, total and grade of a report.
func assertResult(t *testing.T, what string, code int, got reportFile, tc integrationCase) {
	t.Helper()
	if code != tc.wantExit || got.Total == nil || *got.Total != tc.wantTotal || got.Grade != tc.wantGrade {
		total := "none"
		if got.Total != nil {
			total = fmt.Sprint(*got.Total)
		}
		t.Errorf("%s: exit %d, total %s, grade %q (%s); want exit %d, total %v, grade %q\nfindings: %+v",
			what, code, total, got.Grade, got.Error, tc.wantExit, tc.wantTotal, tc.wantGrade, got.Findings)
	}
	for _, f := range got.Findings {
		if strings.HasPrefix(f.Code, "template.") || f.Severity == "error" {
			t.Errorf("%s: unexpected %s %s at %s: %s", what, f.Severity, f.Code, f.Cell, f.Message)
		}
	}
}

// noteCellsOf returns the cells of the form sheet that carry findings:
// each should hold exactly one note of ours.
func noteCellsOf(got reportFile, sheet string) map[string]bool {
	out := map[string]bool{}
	for _, f := range got.Findings {
		if f.Cell != "" && (f.Sheet == "" || f.Sheet == sheet) {
			c, _, _ := strings.Cut(strings.ReplaceAll(f.Cell, "$", ""), ":")
			out[c] = true
		}
	}
	return out
}

func probeRefs(l *template.Layout, tc integrationCase) []string {
	var refs []string
	refs = append(refs, tc.labels(l)...)
	refs = append(refs, tc.inputs(l)...)
	refs = append(refs, tc.lists(l)...)
	refs = append(refs, tc.decimals(l)...)
	for ref := range tc.computed(l) {
		refs = append(refs, ref)
	}
	return refs
}

// assertScoredFile checks what a person's spreadsheet shows in a scored
// workbook.
func assertScoredFile(t *testing.T, what string, in inspection, l *template.Layout, tc integrationCase, noteCells map[string]bool) {
	t.Helper()
	if !in.Protected {
		t.Errorf("%s: sheet %s is not protected", what, l.Sheet)
	}
	if _, ok := in.state(resultSheet); !ok {
		t.Errorf("%s: no %s sheet (sheets %+v)", what, resultSheet, in.Sheets)
	}
	for _, ref := range tc.labels(l) {
		if !in.Cells[ref].Locked {
			t.Errorf("%s: label cell %s is unlocked", what, ref)
		}
	}
	for _, ref := range tc.inputs(l) {
		if in.Cells[ref].Locked {
			t.Errorf("%s: input cell %s is locked", what, ref)
		}
	}
	for _, ref := range tc.lists(l) {
		if !hasString(in.Cells[ref].Validations, "list") {
			t.Errorf("%s: no dropdown on %s (validations %v)", what, ref, in.Cells[ref].Validations)
		}
	}
	for _, ref := range tc.decimals(l) {
		if !hasString(in.Cells[ref].Validations, "decimal") {
			t.Errorf("%s: no decimal validation on %s (validations %v)", what, ref, in.Cells[ref].Validations)
		}
	}
	// The form stays live: a computed cell keeps its formula, with the
	// score's value as its cached result (openpyxl saves none).
	for ref, want := range tc.computed(l) {
		c := in.Cells[ref]
		if !c.Formula || !sameValue(c.Cached, want) && !(c.Cached == nil && strings.HasSuffix(what, "openpyxl re-save")) {
			t.Errorf("%s: computed cell %s = %v (formula %v) showing %v, want its formula showing %v", what, ref, c.Value, c.Formula, c.Cached, want)
		}
		if !c.Locked {
			t.Errorf("%s: computed cell %s is unlocked", what, ref)
		}
	}
	ours := map[string]int{}
	for _, n := range in.Notes {
		if m := strings.Count(n.Text, noteMarker); m > 0 {
			if n.Sheet != l.Sheet {
				t.Errorf("%s: note of ours on sheet %s!%s", what, n.Sheet, n.Ref)
				continue
			}
			ours[n.Ref] += m
		}
	}
	for ref, m := range ours {
		if m != 1 {
			t.Errorf("%s: note on %s has the marker %d times:\n%s", what, ref, m, noteText(in, ref))
		}
		if !noteCells[ref] {
			t.Errorf("%s: note of ours on %s, a cell without findings", what, ref)
		}
	}
	for ref := range noteCells {
		if ours[ref] == 0 {
			t.Errorf("%s: no note on %s, which has a finding", what, ref)
		}
	}
	t.Logf("%s: %d notes of ours, one per cell with findings (%d); sheets %v", what, len(ours), len(noteCells), in.Sheets)
}

func noteText(in inspection, ref string) string {
	for _, n := range in.Notes {
		if n.Ref == ref {
			return n.Text
		}
	}
	return ""
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sameValue compares a value read by openpyxl with the wanted one: numbers
// to 2 decimals, text exactly.
func sameValue(got, want any) bool {
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		return ok && math.Abs(g-w) < 0.005
	default:
		return got == want
	}
}
