package validate

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// TestExampleProfiles: every example profile under samples/profiles loads,
// is named after its file and says which form it follows.
func TestExampleProfiles(t *testing.T) {
	paths, err := filepath.Glob("../samples/profiles/*.yaml")
	if err != nil || len(paths) < 4 {
		t.Fatalf("%d example profiles (%v), want at least 4", len(paths), err)
	}
	for _, path := range paths {
		p, err := LoadProfile(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if stem := strings.TrimSuffix(filepath.Base(path), ".yaml"); p.Name != stem {
			t.Errorf("%s: name %q, want %q", path, p.Name, stem)
		}
		if !strings.Contains(p.Description, "表") && !strings.Contains(p.Description, "细则") {
			t.Errorf("%s: the description %q names no form", path, p.Description)
		}
	}
	p, err := LoadProfile("../samples/profiles/mof2020.yaml")
	if err != nil || p.Hash() != DefaultProfile().Hash() {
		t.Errorf("mof2020.yaml does not spell out the default rules (%v)", err)
	}
}

// TestExecutionReasonBelow: with execution_reason_below, a rate under it
// needs a reason in the funds block's 偏差原因.
func TestExecutionReasonBelow(t *testing.T) {
	low := func() *builder {
		return mof().grid("total", "100", "100", "80").grid("appropriation", "100", "100", "80")
	}
	withReason := func(b *builder) *builder {
		return b.edit(func(f *form.Form) { f.Grid["total"][form.GridReason] = cellOf("J6", "年底资金未拨付") })
	}
	p := DefaultProfile()
	p.ExecutionReasonBelow = d("90")
	tests := []struct {
		name    string
		b       *builder
		p       *Profile
		want    bool
		wantRef string
	}{
		{"below, no reason column", low(), p, true, "G6"},
		{"below, reason column blank", low().edit(func(f *form.Form) { f.Grid["total"][form.GridReason] = cellOf("J6", "") }), p, true, "J6"},
		{"below, reason given", withReason(low()), p, false, ""},
		{"at 100%", mof(), p, false, ""},
		{"default profile", low(), DefaultProfile(), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Check(tt.b.build(), tt.p, Chinese)
			var got []form.Finding
			for _, f := range res.Findings {
				if f.Code == "funds.reason_missing" {
					got = append(got, f)
				}
			}
			if tt.want != (len(got) == 1) || tt.want && got[0].Cell != tt.wantRef {
				t.Errorf("funds.reason_missing %+v, want %v at %s", got, tt.want, tt.wantRef)
			}
			if tt.want && got[0].Severity != form.Warning {
				t.Errorf("severity %s, want warning", got[0].Severity)
			}
		})
	}
	if DefaultProfile().Hash() == p.Hash() {
		t.Errorf("the hash ignores execution_reason_below")
	}
}

// TestExtraSourceRows: source rows the kind does not know (单位资金 of the
// Sichuan form) count in the sum of the sources.
func TestExtraSourceRows(t *testing.T) {
	split := func() *builder { return mof().grid("appropriation", "60", "60", "60") }
	extra := func(b *builder) *builder {
		return b.edit(func(f *form.Form) {
			f.Grid[form.GridExtra+"单位资金"] = map[string]form.Cell{
				"initial": cellOf("C10", "40"), "budget": cellOf("D10", "40"), "spent": cellOf("E10", "40")}
		})
	}
	count := func(b *builder) int {
		n := 0
		for _, f := range b.check().Findings {
			if f.Code == "funds.sum_mismatch" {
				n++
			}
		}
		return n
	}
	if n := count(split()); n != 3 {
		t.Errorf("60 of 100 without the extra row: %d funds.sum_mismatch, want 3", n)
	}
	if n := count(extra(split())); n != 0 {
		t.Errorf("60 + 40 of 100: %d funds.sum_mismatch, want 0", n)
	}
	if n := count(extra(mof())); n != 3 {
		t.Errorf("100 + 40 of 100: %d funds.sum_mismatch, want 3", n)
	}
}
