package main

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// The 部门整体 form in layouts other regions publish (testdata/deptlayouts,
// made by make_deptlayouts.py apart from the reader and first measured as a
// held-out set: see its README). Each must read as a 部门整体 form with the
// sample's department, execution, indicators and total. Their findings are
// not the sample's: these layouts print no 得分系数, so the rules score by
// target and actual (RULES §3a), and the published form gives neither for
// its 三公 rows; only those errors may remain, on indicator rows (the
// jiangxi-offset layout prints 得分系数 and has none).
func TestDeptRegionalLayouts(t *testing.T) {
	want := sampleReport(t, "dept-chongqing")
	files, err := filepath.Glob("testdata/deptlayouts/*.xlsx")
	if err != nil || len(files) < 9 {
		t.Fatalf("%d files in testdata/deptlayouts, want 9 (regenerate with /usr/bin/python3 testdata/deptlayouts/make_deptlayouts.py)", len(files))
	}
	checked := 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), "--dept-chongqing.xlsx")
		checked++
		t.Run(name, func(t *testing.T) {
			_, forms, out := checkForms(t, f)
			if len(forms) != 1 {
				t.Fatalf("%d forms, want 1\n%s", len(forms), out)
			}
			got := forms[0]
			if got.Kind != "dept" || got.Project != want.Project || got.Total == nil || *got.Total != *want.Total {
				t.Fatalf("%s %q total %v, want dept %q %v\n%s", got.Kind, got.Project, got.Total, want.Project, *want.Total, out)
			}
			scale, unit := 1.0, "万元"
			if strings.Contains(name, "yuan") {
				scale, unit = 10000, "元" // amounts in 元
			}
			if got.MoneyUnit != unit {
				t.Errorf("money_unit %q, want %q", got.MoneyUnit, unit)
			}
			for k, v := range want.Execution {
				if k == "budget" || k == "spent" {
					v *= scale
				}
				if math.Abs(got.Execution[k]-v) > 1e-6 {
					t.Errorf("execution.%s = %v, want %v", k, got.Execution[k], v)
				}
			}
			if len(got.Indicators) != len(want.Indicators) {
				t.Fatalf("%d indicators, want %d\n%s", len(got.Indicators), len(want.Indicators), out)
			}
			rows := map[int]bool{}
			for i, in := range got.Indicators {
				w := want.Indicators[i]
				if in.Name != w.Name || in.Weight != w.Weight || in.Score != w.Score {
					t.Errorf("indicator %d = %s %v/%v, want %s %v/%v", i, in.Name, in.Score, in.Weight, w.Name, w.Score, w.Weight)
				}
				rows[rowOf(in.Cell)] = true
			}
			for _, x := range got.Findings {
				if x.Severity == "error" && (!deptByRules[x.Code] || !rows[rowOf(x.Cell)]) {
					t.Errorf("error %s at %s: %s", x.Code, x.Cell, x.Message)
				}
			}
		})
	}
	if checked < 9 {
		t.Errorf("%d layouts checked, want 9", checked)
	}
}
