package template

import (
	"reflect"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

func TestLayout(t *testing.T) {
	l := LayoutOf(form.MOF2020, Options{Rows: 20})
	got := []any{l.Sheet, l.LastCol, l.Top, l.Header, l.First, l.Last, l.End, l.LastRow,
		l.Fields["project"], l.Fields["goal"], l.Fields["total_weight"], l.Fields["total"], l.Fields["grade"],
		l.Grid["total"]["rate"], l.Grid["other"]["spent"], l.GridRows["carryover"], l.Cell("reason", 20), l.Cell("nope", 1)}
	want := []any{"自评表", "H", 3, 12, 13, 32, 33, 34,
		Place{Ref: "C3", Range: "C3:H3", Label: "A3:B3", Row: 3},
		Place{Ref: "B11", Range: "B11:E11", Label: "B10:E10", Row: 11},
		Place{Ref: "F33", Range: "F33", Label: "A33:E33", Row: 33},
		Place{Ref: "G33", Range: "G33", Row: 33},
		Place{Ref: "F34", Range: "F34:H34", Label: "A34:E34", Row: 34},
		"G6", "E9", 8, "H20", ""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mof2020 layout\n got %v\nwant %v", got, want)
	}

	s := LayoutOf(form.SH2019, Options{Rows: 3})
	wantGroups := []GroupRows{
		{Key: "input", Label: "投入与管理（36分）", First: 12, Last: 14, Ref: "A12:A14"},
		{Key: "output", Label: "产出目标（34分）", First: 15, Last: 17, Ref: "A15:A17"},
		{Key: "effect", Label: "效果目标（15分）", First: 18, Last: 20, Ref: "A18:A20"},
		{Key: "impact", Label: "影响力目标（15分）", First: 21, Last: 23, Ref: "A21:A23"},
	}
	if !reflect.DeepEqual(s.Groups, wantGroups) || s.First != 12 || s.Last != 23 || s.End != 24 || s.LastRow != 24 {
		t.Errorf("sh2019 layout: groups %v rows %d..%d end %d last %d", s.Groups, s.First, s.Last, s.End, s.LastRow)
	}
	if p := s.Fields["grade"]; p.Ref != "E7" || p.Range != "E7:F7" {
		t.Errorf("sh2019 grade at %+v", p)
	}
}

func TestComputedCells(t *testing.T) {
	l := LayoutOf(form.MOF2020, Options{Rows: 20})
	want := map[string]bool{"F6": true, "F7": true, "F8": true, "F9": true, "G6": true, "G7": true, "G8": true, "G9": true,
		"H6": true, "H7": true, "H8": true, "H9": true, "F33": true, "G33": true, "F34": true}
	if got := l.Computed(); !reflect.DeepEqual(got, want) {
		t.Errorf("Computed = %v\nwant %v", got, want)
	}
	s := LayoutOf(form.SH2019, Options{})
	want = map[string]bool{"E5": true, "E7": true, "D36": true, "E36": true}
	if got := s.Computed(); !reflect.DeepEqual(got, want) {
		t.Errorf("sh2019 Computed = %v\nwant %v", got, want)
	}
}

func TestExpand(t *testing.T) {
	l := LayoutOf(form.MOF2020, Options{Rows: 5})
	cases := []struct {
		in, want, err string
	}{
		{"SUM({col:weight}{first}:{col:weight}{last})", "SUM(F13:F17)", ""},
		{"{grid:total.score}+{field:total}*{row}", "H6+G18*7", ""},
		{`IF({field:total}>=90,"优","差")`, `IF(G18>=90,"优","差")`, ""},
		{"no placeholders", "no placeholders", ""},
		{"{col:nope}+{grid:total.x}+{what}", "", `公式 "{col:nope}+{grid:total.x}+{what}" 中的占位符 {col:nope}、{grid:total.x}、{what} 无法解析`},
	}
	for _, c := range cases {
		got, err := l.Expand(c.in, 7)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if got != c.want || errText != c.err {
			t.Errorf("Expand(%q) = %q, %q; want %q, %q", c.in, got, errText, c.want, c.err)
		}
	}
}
