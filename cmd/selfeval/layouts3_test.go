package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// layout3Dir holds the third set of layouts (make_layouts3.py), written
// apart from the reader and first measured as a held-out set: see its
// README.
const layout3Dir = "testdata/layouts3"

// layout3 is a file of the set as its manifest lists it.
type layout3 struct {
	File  string  `json:"file"`
	Seed  string  `json:"seed"`
	Kind  string  `json:"kind"`
	Total float64 `json:"total"`
	Grade string  `json:"grade"`
}

// deptByRules are the errors a 部门整体 form without a 得分系数 column may
// have on its indicator rows: the rules then score by target and actual
// (RULES §3a), and the published form gives neither for its 三公 rows.
var deptByRules = map[string]bool{"target.required": true, "actual.required": true, "score.above_max": true}

// layouts3 are the files of the set, as its manifest lists them.
func layouts3(t *testing.T) []layout3 {
	return layoutManifest[layout3](t, layout3Dir, "make_layouts3.py", 38)
}

// layoutManifest reads the manifest.json of the set of layouts in dir,
// which its generator writes with at least want files.
func layoutManifest[T any](t *testing.T, dir, generator string, want int) []T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var files []T
	if err := json.Unmarshal(data, &files); err != nil {
		t.Fatal(err)
	}
	if len(files) < want {
		t.Fatalf("%d files in the manifest, want %d (regenerate with /usr/bin/python3 %s/%s)", len(files), want, dir, generator)
	}
	return files
}

// TestLayouts3: every file of the set reads right (assertLayout3).
func TestLayouts3(t *testing.T) {
	for _, lf := range layouts3(t) {
		t.Run(lf.File, func(t *testing.T) {
			assertLayout3(t, filepath.Join(layout3Dir, lf.File), lf)
		})
	}
}

// assertLayout3 checks that the file at path reads as its kind with our
// sample's total, with no error our sample has not (but deptByRules on the
// indicator rows of a 部门整体 form without 得分系数), and, with no error,
// with its grade.
func assertLayout3(t *testing.T, path string, lf layout3) {
	t.Helper()
	_, forms, out := checkForms(t, path)
	if len(forms) != 1 {
		t.Fatalf("%d forms, want 1\n%s", len(forms), out)
	}
	assertLayoutForm(t, forms[0], lf, out)
}

// assertLayoutForm is assertLayout3 for one form of a report: got is the
// form of the seed, out the report.
func assertLayoutForm(t *testing.T, got layoutFile, lf layout3, out string) {
	t.Helper()
	want := sampleReport(t, lf.Seed)
	if got.Kind != lf.Kind || got.Total == nil || *got.Total != lf.Total || *got.Total != *want.Total {
		t.Fatalf("%s total %v, want %s %v\n%s", got.Kind, got.Total, lf.Kind, lf.Total, out)
	}
	wantErrs := 0
	for _, x := range want.Findings {
		if x.Severity == "error" {
			wantErrs++
		}
	}
	rows := map[int]bool{}
	for _, in := range got.Indicators {
		rows[rowOf(in.Cell)] = true
	}
	errs, all := 0, 0
	for _, x := range got.Findings {
		if x.Severity != "error" {
			continue
		}
		all++
		if lf.Kind == "dept" && deptByRules[x.Code] && rows[rowOf(x.Cell)] {
			continue
		}
		errs++
		if errs > wantErrs {
			t.Errorf("error %s at %s: %s", x.Code, x.Cell, x.Message)
		}
	}
	if all == 0 && got.Grade != lf.Grade {
		t.Errorf("grade %q, want %q", got.Grade, lf.Grade)
	}
}

// TestOneBudgetFigure: a funds block that prints 年初预算数 and no 全年预算数
// is read with that one figure as the budget, and says so.
func TestOneBudgetFigure(t *testing.T) {
	_, forms, out := checkForms(t, filepath.Join(layout3Dir, "beijing2016--mof2020-liaison.xlsx"))
	if len(forms) != 1 || forms[0].Execution["budget"] != 17.15 {
		t.Fatalf("want one form with budget 17.15\n%s", out)
	}
	for _, x := range forms[0].Findings {
		if x.Code == "form.column_absent" && strings.Contains(x.Message, "全年预算数") {
			return
		}
	}
	t.Errorf("no form.column_absent for 全年预算数\n%s", out)
}

// TestSummaryMoneyUnits: a form whose labels keep its amounts in 元 is
// totalled apart from the kind's forms in 万元, not added to them.
func TestSummaryMoneyUnits(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "汇总.xlsx")
	var stdout, stderr bytes.Buffer
	args := []string{"selfeval", "summary", "-o", out,
		filepath.Join("..", "..", "samples", "mof2020-services.xlsx"),
		filepath.Join(layoutDir, "yuan-amounts--mof2020-cooperation.xlsx")}
	if code := exitStatus(&stderr, run(context.Background(), args, &stdout, &stderr)); code != exitOK {
		t.Fatalf("summary: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	data, err := os.ReadFile(strings.TrimSuffix(out, ".xlsx") + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Totals []struct {
			Kind      string  `json:"kind"`
			MoneyUnit string  `json:"money_unit"`
			Budget    float64 `json:"budget"`
		} `json:"totals"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, x := range doc.Totals {
		got[x.Kind+" "+x.MoneyUnit] = x.Budget
	}
	if len(got) != 2 || got["mof2020 万元"] != 14 || got["mof2020 元"] != 1610500 {
		t.Errorf("totals %v, want mof2020 万元 14 and mof2020 元 1610500\n%s", got, data)
	}
}
