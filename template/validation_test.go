package template

import (
	"strconv"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// validationAt returns the validation whose sqref covers ref, or nil.
func validationAt(t *testing.T, f *excelize.File, sheet, ref string) *excelize.DataValidation {
	t.Helper()
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	c, r, _ := excelize.CellNameToCoordinates(ref)
	for _, dv := range dvs {
		for _, rng := range strings.Fields(dv.Sqref) {
			a, b := corners(rng)
			c1, r1, _ := excelize.CellNameToCoordinates(a)
			c2, r2, _ := excelize.CellNameToCoordinates(b)
			if c >= c1 && c <= c2 && r >= r1 && r <= r2 {
				return dv
			}
		}
	}
	return nil
}

// listValues resolves a defined name to the values of its cells.
func listValues(t *testing.T, f *excelize.File, name string) []string {
	t.Helper()
	for _, dn := range f.GetDefinedName() {
		if dn.Name != name {
			continue
		}
		sheet, rng, _ := strings.Cut(dn.RefersTo, "!")
		sheet = strings.Trim(sheet, "'")
		a, b := corners(strings.ReplaceAll(rng, "$", ""))
		c, r1, _ := excelize.CellNameToCoordinates(a)
		_, r2, _ := excelize.CellNameToCoordinates(b)
		var out []string
		for r := r1; r <= r2; r++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			v, _ := f.GetCellValue(sheet, ref)
			out = append(out, v)
		}
		return out
	}
	t.Fatalf("no defined name %s", name)
	return nil
}

func TestDropdownSources(t *testing.T) {
	f := build(t, form.MOF2020, Options{Rows: 20})
	var level1, all []string
	for i, lv := range form.Taxonomy {
		level1 = append(level1, lv.Name)
		all = append(all, lv.Children...)
		if got := listValues(t, f, NameLevel2+strconv.Itoa(i+1)); strings.Join(got, ",") != strings.Join(lv.Children, ",") {
			t.Errorf("%s%d = %v, want %v", NameLevel2, i+1, got, lv.Children)
		}
	}
	lists := []struct {
		name string
		want []string
	}{
		{NameLevel1, level1},
		{NameLevel2All, all},
		{NameOutcomes, form.Outcomes},
	}
	for _, l := range lists {
		if got := listValues(t, f, l.name); strings.Join(got, ",") != strings.Join(l.want, ",") {
			t.Errorf("%s = %v, want %v", l.name, got, l.want)
		}
	}

	cases := []struct {
		sheet, ref string
		kind       *form.Kind
		typ        string
		formula    string
		errStyle   string // "" when no error message is shown
	}{
		{"自评表", "A13", form.MOF2020, "list", "SE_L1", "warning"},
		{"自评表", "A32", form.MOF2020, "list", "SE_L1", "warning"},
		{"自评表", "B13", form.MOF2020, "list", `INDIRECT(IFERROR("SE_L2_"&MATCH($A13,SE_L1,0),"SE_L2_ALL"))`, "warning"},
		{"自评表", "E20", form.MOF2020, "list", "SE_OUTCOMES", ""},
		{"自评表", "C6", form.MOF2020, "decimal", "0", "stop"},
		{"自评表", "F13", form.MOF2020, "decimal", "0", "stop"},
		{"自评表", "C3", form.MOF2020, "", "", ""},
		{"自评价", "E3", form.SH2019, "list", `"是,否"`, "stop"},
		{"自评价", "B7", form.SH2019, "date", "36526", "warning"},
		{"自评价", "B4", form.SH2019, "decimal", "0", "stop"},
		{"自评价", "E20", form.SH2019, "decimal", "0", "stop"},
	}
	files := map[string]*excelize.File{"mof2020": f, "sh2019": build(t, form.SH2019, Options{})}
	for _, c := range cases {
		t.Run(c.kind.Name+"/"+c.ref, func(t *testing.T) {
			dv := validationAt(t, files[c.kind.Name], c.sheet, c.ref)
			if dv == nil {
				t.Fatalf("no validation on %s", c.ref)
			}
			style := ""
			if dv.ShowErrorMessage {
				style = *dv.ErrorStyle
			}
			if dv.Type != c.typ || dv.Formula1 != c.formula || style != c.errStyle {
				t.Errorf("validation = %s %q error %q, want %s %q error %q", dv.Type, dv.Formula1, style, c.typ, c.formula, c.errStyle)
			}
			if !dv.ShowInputMessage || dv.Prompt == nil || *dv.Prompt == "" || dv.PromptTitle == nil || *dv.PromptTitle == "" {
				t.Errorf("validation on %s has no input message", c.ref)
			}
		})
	}
}

func TestEveryInputHasPrompt(t *testing.T) {
	for _, k := range form.Kinds() {
		f := build(t, k, Options{})
		for ref := range expect(k, k.Table.Rows).inputs {
			dv := validationAt(t, f, k.Sheet, ref)
			if dv == nil || !dv.ShowInputMessage || *dv.Prompt == "" {
				t.Errorf("%s %s: no input message", k.Name, ref)
			}
		}
		dvs, _ := f.GetDataValidations(k.Sheet)
		for _, dv := range dvs {
			if len(dv.Formula1) > 255 {
				t.Errorf("%s: validation formula longer than 255: %s", k.Name, dv.Formula1)
			}
		}
	}
}

func TestSqref(t *testing.T) {
	cases := []struct {
		name string
		in   []string
		want string
	}{
		{"column run", []string{"A3", "A4", "A5"}, "A3:A5"},
		{"gap", []string{"A3", "A5", "A6"}, "A3 A5:A6"},
		{"ranges kept", []string{"C3:H3", "B1"}, "C3:H3 B1"},
		{"columns apart", []string{"B2", "A2", "A1"}, "A1:A2 B2"},
	}
	for _, c := range cases {
		if got := sqref(c.in); got != c.want {
			t.Errorf("%s: sqref(%v) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("很", 40)
	if got := clip(long, 32); len([]rune(got)) != 32 || !strings.HasSuffix(got, "…") {
		t.Errorf("clip = %q", got)
	}
	if got := clip("短", 32); got != "短" {
		t.Errorf("clip short = %q", got)
	}
}
