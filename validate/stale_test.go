package validate

import (
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// TestStale: a scored form whose figures are what the rules compute has no
// form.stale; one whose 总分 and 评分等级 are out of date names both cells;
// an unscored form and a score (Stale is not called) never get it.
func TestStale(t *testing.T) {
	fresh := mof().stamped()
	f := fresh.build()
	res := Check(f, DefaultProfile(), Chinese)
	// Lay the computed figures into the form as a score writes them.
	for _, w := range res.Writes {
		set := func(c form.Cell) form.Cell {
			if w.Number != nil {
				c.Text, c.Raw, c.Number = w.Number.StringFixed(2), w.Number.String(), true
			} else {
				c.Text, c.Raw = w.Text, w.Text
			}
			return c
		}
		for k, c := range f.Fields {
			if c.Ref == w.Ref {
				f.Fields[k] = set(c)
			}
		}
		for r, row := range f.Grid {
			for k, c := range row {
				if c.Ref == w.Ref {
					f.Grid[r][k] = set(c)
				}
			}
		}
	}
	staleOf := func(f *form.Form) string {
		res := Check(f, DefaultProfile(), Chinese)
		Stale(f, res, Chinese)
		for _, x := range res.Findings {
			if x.Code == "form.stale" {
				return x.Message
			}
		}
		return ""
	}
	if msg := staleOf(f); msg != "" {
		t.Errorf("unscored form: %s", msg)
	}
	f.Scored = true
	if msg := staleOf(f); msg != "" {
		t.Errorf("scored, unchanged form: %s", msg)
	}
	total, grade := f.Fields["total"], f.Fields["grade"]
	total.Raw, total.Text = "80", "80.00"
	grade.Raw, grade.Text = "待更正", "待更正"
	f.Fields["total"], f.Fields["grade"] = total, grade
	msg := staleOf(f)
	if !strings.Contains(msg, total.Ref) || !strings.Contains(msg, grade.Ref) {
		t.Errorf("form.stale = %q, want %s and %s named", msg, total.Ref, grade.Ref)
	}
}

// TestFullWidthAmount: an amount typed with full-width digits is read, and
// reported, because the sheet's own formulas cannot compute with it.
func TestFullWidthAmount(t *testing.T) {
	res := mof().grid("total", "100", "100", "９０").grid("appropriation", "100", "100", "90").check()
	var got []string
	for _, f := range res.Findings {
		if f.Code == "funds.full_width" {
			got = append(got, f.Cell+" "+f.Message)
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "E6 ") || !strings.Contains(got[0], "按 90.00 计算") {
		t.Errorf("funds.full_width findings %q, want one at E6 reading 90", got)
	}
	if res.Execution == nil || !res.Execution.Rate.Equal(d("90")) {
		t.Errorf("execution %+v, want the rate read from ９０", res.Execution)
	}
	if ok := mof().check(); len(ok.Findings) > 0 {
		for _, f := range ok.Findings {
			if f.Code == "funds.full_width" {
				t.Errorf("ordinary digits: %s", f.Message)
			}
		}
	}
}
