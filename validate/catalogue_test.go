package validate

import (
	"sort"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

func TestCatalogue(t *testing.T) {
	cat := Catalogue()
	if !sort.SliceIsSorted(cat, func(i, j int) bool { return cat[i].Code < cat[j].Code }) {
		t.Errorf("Catalogue() is not sorted by code")
	}
	seen := map[string]bool{}
	for _, c := range cat {
		if seen[c.Code] {
			t.Errorf("%s listed twice", c.Code)
		}
		seen[c.Code] = true
		if !strings.Contains(c.Code, ".") || strings.ToLower(c.Code) != c.Code {
			t.Errorf("%s is not a lower-case dotted code", c.Code)
		}
		switch form.Severity(c.Severity) {
		case form.Error, form.Warning, form.Info:
		default:
			t.Errorf("%s: severity %q", c.Code, c.Severity)
		}
		if c.Zh == "" || c.En == "" || c.HintZh == "" || c.HintEn == "" {
			t.Errorf("%s: a message or hint is missing: %+v", c.Code, c)
		}
		// Both languages use the same arguments, except where a bilingual
		// argument stands for the whole hint.
		if placeholders(c.Zh) != placeholders(c.En) {
			t.Errorf("%s: zh uses %s, en uses %s", c.Code, placeholders(c.Zh), placeholders(c.En))
		}
	}
	// Every code RULES §5 names is in the catalogue.
	for _, code := range []string{"funds.sum_mismatch", "funds.overspent", "weights.total", "indicator.level2_mismatch", "target.unparsed",
		"actual.not_numeric", "actual.unit_mismatch", "score.above_max", "score.outside_band", "score.required", "deviation.reason_missing",
		"deviation.large_unexplained", "deviation.explained", "total.mismatch", "grade.mismatch", "header.required", "template.tampered",
		"template.unknown_version"} {
		if _, ok := catalogueIndex[code]; !ok {
			t.Errorf("RULES §5 code %s is not in the catalogue", code)
		}
	}
}

func placeholders(s string) string {
	var out []string
	for i := 0; i < 10; i++ {
		if strings.Contains(s, "{"+string(rune('0'+i))+"}") {
			out = append(out, string(rune('0'+i)))
		}
	}
	return strings.Join(out, ",")
}

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		tmpl string
		lang Lang
		args []any
		want string
	}{
		{"plain", "无参数", Chinese, nil, "无参数"},
		{"decimal has 2 places", "得分 {0}", Chinese, []any{d("16")}, "得分 16.00"},
		{"bilingual", "{0}", English, []any{bi{"中", "en"}}, "en"},
		{"missing argument is empty", "a{1}b", Chinese, []any{"x"}, "ab"},
		{"braces that are no placeholder", "{x} {", Chinese, nil, "{x} {"},
		{"repeated", "{0}{0}", Chinese, []any{7}, "77"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(tt.tmpl, tt.lang, tt.args); got != tt.want {
				t.Errorf("render(%q) = %q, want %q", tt.tmpl, got, tt.want)
			}
		})
	}
}

// A code missing from the catalogue still gives a finding in use.
func TestUnknownCodeInUse(t *testing.T) {
	saved := unknownCode
	unknownCode = nil
	defer func() { unknownCode = saved }()
	f := finding(Chinese, "no.such", "表", "A1")
	if f.Code != "no.such" || f.Severity != form.Error || f.Message != "no.such" || f.Cell != "A1" {
		t.Errorf("finding = %+v", f)
	}
}
