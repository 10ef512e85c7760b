package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// typingDir holds forms of our template typed through LibreOffice's input
// line, each variant typing one kind of value the way people do (see its
// README): written apart from the value parser and first measured as a
// held-out set.
const typingDir = "testdata/typing"

// TestTypedByHand: every typed variant comes out at its seed's total, and
// what it typed is either read silently, or flagged on the cells it changed:
// "read" variants may only have cell.text_number errors there (a number read
// from text, which the template's formulas take as 0), "flag" variants must
// have an error or warning there, and no variant is graded with an error.
func TestTypedByHand(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(typingDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Variants []struct {
			Variant       string                    `json:"variant"`
			Expected      string                    `json:"expected"`
			ExpectedTotal float64                   `json:"expected_total"`
			Changed       map[string]map[string]any `json:"changed"`
		} `json:"variants"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Variants) < 37 {
		t.Fatalf("%d variants, want 37", len(m.Variants))
	}
	for _, v := range m.Variants {
		t.Run(v.Variant, func(t *testing.T) {
			_, forms, out := checkForms(t, filepath.Join(typingDir, "files", v.Variant+".xlsx"))
			if len(forms) != 1 {
				t.Fatalf("%d forms\n%s", len(forms), out)
			}
			f := forms[0]
			if f.Total == nil || *f.Total != v.ExpectedTotal {
				t.Fatalf("total %v, want %v\n%s", f.Total, v.ExpectedTotal, out)
			}
			rows := map[int]bool{}
			for ref := range v.Changed {
				rows[rowOf(ref)] = true
			}
			flagged, errs := false, 0
			for _, x := range f.Findings {
				onChanged := x.Cell != "" && rows[rowOf(x.Cell)]
				if x.Severity == "error" {
					errs++
					if v.Expected == "read" && (x.Code != "cell.text_number" || !onChanged) {
						t.Errorf("error %s at %s: %s", x.Code, x.Cell, x.Message)
					}
				}
				flagged = flagged || onChanged && x.Severity != "info"
			}
			if v.Expected == "flag" && !flagged {
				t.Errorf("nothing flagged on the rows typed\n%s", out)
			}
			if errs > 0 && f.Grade != "" {
				t.Errorf("graded %q with %d errors", f.Grade, errs)
			}
			if strings.HasPrefix(v.Expected, "read") && errs == 0 && f.Grade == "" {
				t.Errorf("not graded without an error\n%s", out)
			}
		})
	}
}
