package template

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

func build(t *testing.T, k *form.Kind, o Options) *excelize.File {
	t.Helper()
	f, err := Build(k, o)
	if err != nil {
		t.Fatalf("Build(%s): %v", k.Name, err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

func locked(t *testing.T, f *excelize.File, sheet, ref string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Protection == nil || st.Protection.Locked
}

func fill(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, _ := f.GetCellStyle(sheet, ref)
	st, err := f.GetStyle(id)
	if err != nil || len(st.Fill.Color) == 0 {
		return ""
	}
	return st.Fill.Color[0]
}

// mergedTopLeft maps every cell of a merged range to the range's first cell.
func mergedTopLeft(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	out := map[string]string{}
	merged, err := f.GetMergeCells(sheet, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range merged {
		c1, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				ref, _ := excelize.CoordinatesToCellName(c, r)
				out[ref] = m.GetStartAxis()
			}
		}
	}
	return out
}

func TestLocking(t *testing.T) {
	cases := []struct {
		kind *form.Kind
		rows int
	}{{form.MOF2020, 20}, {form.SH2019, 6}, {form.MOF2020, 1}, {form.SH2019, 3}}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%d", c.kind.Name, c.rows), func(t *testing.T) {
			f := build(t, c.kind, Options{Rows: c.rows})
			sheet := c.kind.Sheet
			e := expect(c.kind, c.rows)
			lastRow := e.last + 1
			for _, fd := range c.kind.Footer {
				lastRow = max(lastRow, e.last+1+fd.Row)
			}
			// Every unlocked cell of the sheet belongs to an expected input, and
			// every expected input is unlocked and tinted.
			top := mergedTopLeft(t, f, sheet)
			var gotInputs []string
			for r := 1; r <= lastRow+3; r++ {
				for col := 1; col <= len(c.kind.Widths)+2; col++ {
					ref, _ := excelize.CoordinatesToCellName(col, r)
					if locked(t, f, sheet, ref) {
						continue
					}
					if tl, ok := top[ref]; ok && tl != ref {
						if _, ok := e.inputs[tl]; !ok {
							t.Errorf("%s is unlocked but its range starts at %s, not an input", ref, tl)
						}
						continue
					}
					gotInputs = append(gotInputs, ref)
				}
			}
			var wantInputs []string
			for ref := range e.inputs {
				wantInputs = append(wantInputs, ref)
				if fill(t, f, sheet, ref) != inputTint {
					t.Errorf("input %s is not tinted", ref)
				}
			}
			sort.Strings(gotInputs)
			sort.Strings(wantInputs)
			if strings.Join(gotInputs, " ") != strings.Join(wantInputs, " ") {
				t.Errorf("unlocked cells\n got %v\nwant %v", gotInputs, wantInputs)
			}
			for ref, text := range e.labels {
				if !locked(t, f, sheet, ref) {
					t.Errorf("label %s is unlocked", ref)
				}
				if v, _ := f.GetCellValue(sheet, ref); v != text {
					t.Errorf("label %s = %q, want %q", ref, v, text)
				}
			}
			for ref := range e.computed {
				if !locked(t, f, sheet, ref) {
					t.Errorf("computed cell %s is unlocked", ref)
				}
				if fill(t, f, sheet, ref) != "" {
					t.Errorf("computed cell %s is tinted", ref)
				}
			}
		})
	}
}

func TestComputedFormulas(t *testing.T) {
	cases := []struct {
		kind *form.Kind
		opts Options
		want map[string]string // cell → formula, or "=value" for a fixed value
	}{
		{form.MOF2020, Options{Rows: 20}, map[string]string{
			"F6":  "=10",
			"G6":  "IF(N(D6)>0,TRUNC(N(E6)/D6*100,2),0)",
			"G9":  "IF(N(D9)>0,TRUNC(N(E9)/D9*100,2),0)",
			"H6":  "IF(N(D6)>0,ROUND(MIN(N(E6)/D6,1)*F6,2),0)",
			"F7":  "=—",
			"H9":  "=—",
			"F33": "F6+SUM(F13:F32)",
			"G33": `IF(SUMPRODUCT((LEN(C13:C32&D13:D32&E13:E32)>0)*(LEN(G13:G32)=0))>0,"待评分",ROUND(IF(N(D6)>0,MIN(N(E6)/D6,1)*F6,0)+SUM(G13:G32),2))`,
			"F34": `IF(IFERROR(VLOOKUP("status",'_selfeval'!$A:$B,2,FALSE)&"","")="待更正","待更正",IF(OR(N(D6)=0,E6=""),"",IF(ISNUMBER(G33),IF(G33>=90,"优",IF(G33>=80,"良",IF(G33>=60,"中","差"))),G33)))`,
		}},
		// A rules profile with other bands, weight and rounding.
		{form.MOF2020, Options{Rows: 20, Rules: &Rules{Name: "west", Grades: [3]string{"85", "75", "60"}, ExecutionWeight: "20", RateRounding: "half_up"}}, map[string]string{
			"F6":  "=20",
			"G6":  "IF(N(D6)>0,ROUND(N(E6)/D6*100,2),0)",
			"F34": `IF(IFERROR(VLOOKUP("status",'_selfeval'!$A:$B,2,FALSE)&"","")="待更正","待更正",IF(OR(N(D6)=0,E6=""),"",IF(ISNUMBER(G33),IF(G33>=85,"优",IF(G33>=75,"良",IF(G33>=60,"中","差"))),G33)))`,
		}},
		{form.SH2019, Options{Rules: &Rules{Name: "x", Grades: [3]string{"95", "85", "70"}, ExecutionWeight: "10", RateRounding: "half_up",
			GroupWeights: map[string]string{"input": "30", "output": "40"}}}, map[string]string{
			"E5":  "IF(N(B4)>0,ROUND(N(B5)/B4*100,2),0)",
			"E7":  `IF(IFERROR(VLOOKUP("status",'_selfeval'!$A:$B,2,FALSE)&"","")="待更正","待更正",IF(COUNT(E12:E35)=0,"",IF(E36>=95,"优",IF(E36>=85,"良",IF(E36>=70,"中","差")))))`,
			"A12": "=投入与管理（30分）",
			"A18": "=产出目标（40分）",
			"A24": "=效果目标（15分）",
		}},
		{form.SH2019, Options{}, map[string]string{
			"E5":  "IF(N(B4)>0,TRUNC(N(B5)/B4*100,2),0)",
			"E7":  `IF(IFERROR(VLOOKUP("status",'_selfeval'!$A:$B,2,FALSE)&"","")="待更正","待更正",IF(COUNT(E12:E35)=0,"",IF(E36>=90,"优",IF(E36>=80,"良",IF(E36>=60,"中","差")))))`,
			"D36": "SUM(D12:D35)",
			"E36": "ROUND(SUM(E12:E35),2)",
		}},
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("%s-%d", c.kind.Name, i), func(t *testing.T) {
			f := build(t, c.kind, c.opts)
			for ref, want := range c.want {
				got, _ := f.GetCellFormula(c.kind.Sheet, ref)
				if strings.HasPrefix(want, "=") {
					got, _ = f.GetCellValue(c.kind.Sheet, ref, excelize.Options{RawCellValue: true})
					got = "=" + got
				}
				if got != want {
					t.Errorf("%s = %q, want %q", ref, got, want)
				}
			}
		})
	}
}

func TestSheetsAndProtection(t *testing.T) {
	f := build(t, form.MOF2020, Options{Password: "secret"})
	if got, want := strings.Join(f.GetSheetList(), ","), "自评表,_lists,_selfeval"; got != want {
		t.Errorf("sheets = %s, want %s", got, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet = %d, want 0", f.GetActiveSheetIndex())
	}
	p, err := f.GetSheetProtection("自评表")
	if err != nil {
		t.Fatal(err)
	}
	want := excelize.SheetProtectionOptions{AlgorithmName: "SHA-512", SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true, InsertRows: true}
	if p != want {
		t.Errorf("protection = %+v, want %+v", p, want)
	}
	if err := f.UnprotectSheet("自评表", "wrong"); err == nil {
		t.Error("wrong password accepted")
	}
	if err := f.UnprotectSheet("自评表", "secret"); err != nil {
		t.Errorf("right password refused: %v", err)
	}
	if err := f.UnprotectWorkbook("wrong"); err == nil {
		t.Error("wrong workbook password accepted")
	}
	for _, c := range []struct {
		sheet   string
		visible bool
	}{{"自评表", true}, {ListsSheet, false}, {"_selfeval", false}} {
		if v, _ := f.GetSheetVisible(c.sheet); v != c.visible {
			t.Errorf("%s visible = %v, want %v", c.sheet, v, c.visible)
		}
	}
	sh := build(t, form.SH2019, Options{})
	if got, want := strings.Join(sh.GetSheetList(), ","), "自评价,_selfeval"; got != want {
		t.Errorf("sh2019 sheets = %s, want %s (no lists needed)", got, want)
	}
}

func TestPrintSetup(t *testing.T) {
	f := build(t, form.MOF2020, Options{Rows: 20})
	names := map[string]string{}
	for _, n := range f.GetDefinedName() {
		names[n.Name+"@"+n.Scope] = n.RefersTo
	}
	if got := names["_xlnm.Print_Area@自评表"]; got != "'自评表'!$A$1:$H$34" {
		t.Errorf("print area = %q", got)
	}
	if got := names["_xlnm.Print_Titles@自评表"]; got != "'自评表'!$12:$12" {
		t.Errorf("print titles = %q", got)
	}
	pl, err := f.GetPageLayout("自评表")
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.Orientation != "portrait" || pl.AdjustTo == nil {
		t.Fatalf("page layout = size %d %s scale %v", *pl.Size, *pl.Orientation, pl.AdjustTo)
	}
	// At that scale the form is one A4 page wide even when a spreadsheet
	// measures columns with a 9.5-pixel digit.
	var px float64
	for _, w := range form.MOF2020.Widths {
		px += w*9.5 + 5
	}
	if width := px * 0.75 * float64(*pl.AdjustTo) / 100; width > 595.3-72 || *pl.AdjustTo < 50 {
		t.Errorf("scale %d%% prints the form %.0f points wide", *pl.AdjustTo, width)
	}
	for i, w := range form.MOF2020.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if got, _ := f.GetColWidth("自评表", col); got != w {
			t.Errorf("width of %s = %v, want %v", col, got, w)
		}
	}
	if h, _ := f.GetRowHeight("自评表", 11); h != 120 {
		t.Errorf("height of the goal row = %v, want 120", h)
	}
}
