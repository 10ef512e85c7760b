package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// expected is a sample's expected result (samples/*.expected.json).
type expected struct {
	Kind      string             `json:"kind"`
	Project   string             `json:"project"`
	Status    string             `json:"status"`
	Total     float64            `json:"total"`
	Grade     string             `json:"grade"`
	Execution map[string]float64 `json:"execution"`
	Findings  []struct {
		Code     string  `json:"code"`
		Severity string  `json:"severity"`
		Cell     *string `json:"cell"`
	} `json:"findings"`
}

// TestSamplesJSON proves, through the JSON contract, that the sample
// workbooks reproduce the seed forms: totals, grades, execution and findings.
// Errors and warnings must match exactly; the expected info findings must be
// present.
func TestSamplesJSON(t *testing.T) {
	paths, err := filepath.Glob("../../samples/*.xlsx")
	if err != nil || len(paths) != 5 {
		t.Fatalf("want the 5 sample workbooks, got %v (%v); run make samples", paths, err)
	}
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), append([]string{"selfeval", "check", "--format", "json"}, paths...), &stdout, &stderr))
	if code != exitOK {
		t.Fatalf("exit %d, stderr: %s", code, stderr.String())
	}
	var rep struct {
		Files []struct {
			Path      string             `json:"path"`
			Kind      string             `json:"kind"`
			Status    string             `json:"status"`
			Project   string             `json:"project"`
			Total     float64            `json:"total"`
			Grade     string             `json:"grade"`
			Execution map[string]float64 `json:"execution"`
			Findings  []struct{ Code, Severity, Cell string }
		} `json:"files"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files {
		name := strings.TrimSuffix(filepath.Base(f.Path), ".xlsx")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("../../samples", name+".expected.json"))
			if err != nil {
				t.Fatal(err)
			}
			var want expected
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if f.Kind != want.Kind || f.Project != want.Project || f.Status != want.Status || f.Total != want.Total || f.Grade != want.Grade {
				t.Errorf("got %s %s %s %v %s, want %s %s %s %v %s", f.Kind, f.Project, f.Status, f.Total, f.Grade,
					want.Kind, want.Project, want.Status, want.Total, want.Grade)
			}
			for k, v := range want.Execution {
				if f.Execution[k] != v {
					t.Errorf("execution.%s = %v, want %v", k, f.Execution[k], v)
				}
			}
			var got, exp []string
			have := map[string]bool{}
			for _, x := range f.Findings {
				have[x.Code+"@"+x.Cell] = true
				have[x.Code] = true
				if x.Severity != "info" {
					got = append(got, x.Severity+" "+x.Code+"@"+x.Cell)
				}
			}
			for _, x := range want.Findings {
				key := x.Code
				if x.Cell != nil {
					key += "@" + *x.Cell
				}
				if x.Severity != "info" {
					exp = append(exp, x.Severity+" "+key)
				} else if !have[key] {
					t.Errorf("missing info finding %s", key)
				}
			}
			sort.Strings(got)
			sort.Strings(exp)
			if strings.Join(got, "\n") != strings.Join(exp, "\n") {
				t.Errorf("errors and warnings:\n got  %q\n want %q", got, exp)
			}
		})
	}
}
