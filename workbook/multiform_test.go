package workbook

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// twoFormsFx is the mof2020 fixture with a 填报说明 sheet before it and a copy
// of the form on the sheet 自评表2.
func twoFormsFx(t *testing.T) (path string, fms []*form.Form) {
	x := mof2020Fixture(t)
	idx, err := x.f.NewSheet("自评表2")
	x.must(err)
	from, err := x.f.GetSheetIndex(x.sheet)
	x.must(err)
	x.must(x.f.CopySheet(from, idx))
	_, err = x.f.NewSheet("填报说明")
	x.must(err)
	x.must(x.f.SetCellStr("填报说明", "A1", "项目支出绩效自评表填报说明"))
	x.must(x.f.SetCellStr("填报说明", "A2", "一、本表由项目实施单位填报。"))
	path = x.save(t.TempDir(), "two.xlsx")
	wb, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if fms, err = wb.ReadAll(); err != nil {
		t.Fatal(err)
	}
	if len(fms) != 2 || fms[0].Sheet != "自评表" || fms[1].Sheet != "自评表2" {
		t.Fatalf("read %d forms, want 自评表 and 自评表2", len(fms))
	}
	return path, fms
}

// onSheet is outcome() with its findings on sheet sh.
func onSheet(sh string) form.Outcome {
	out := outcome()
	for i := range out.Findings {
		if out.Findings[i].Sheet != "" {
			out.Findings[i].Sheet = sh
		}
	}
	return out
}

func writeAll(t *testing.T, path string, forms []FormOutcome) error {
	t.Helper()
	wb, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = wb.WriteBackAll("", forms, WriteOptions{})
	return err
}

// TestWriteBackAll: each form's sheet gets its own Writes, notes and
// highlights, the guide sheet nothing, the one result sheet lists both
// forms; a run without findings removes our marks from both form sheets.
func TestWriteBackAll(t *testing.T) {
	path, fms := twoFormsFx(t)
	guide := func(p string) []byte {
		w, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		name := w.pkg.sheetPart("填报说明")
		if name == "" {
			t.Fatal("no 填报说明 sheet")
		}
		return part(t, p, name)
	}
	before := guide(path)
	second := onSheet("自评表2")
	second.Writes[4].Number = num("88.5") // G20, 总分
	second.Total = *num("88.5")
	if err := writeAll(t, path, []FormOutcome{{fms[0], onSheet("自评表")}, {fms[1], second}}); err != nil {
		t.Fatal(err)
	}
	if after := guide(path); !bytes.Equal(before, after) {
		t.Error("the 填报说明 sheet's part changed")
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for sh, total := range map[string]string{"自评表": "97.78", "自评表2": "88.50"} {
		if v, _ := f.GetCellValue(sh, "G20"); v != total {
			t.Errorf("%s!G20 = %q, want %s", sh, v, total)
		}
		if len(cfs(t, f, sh)) < 3 {
			t.Errorf("%s: highlights %q, want the findings' marks", sh, cfs(t, f, sh))
		}
		if ns := strings.Join(notes(t, f, sh), "\n"); !strings.Contains(ns, "偏离年度指标值") {
			t.Errorf("%s: notes %q, want the findings'", sh, ns)
		}
	}
	if list := f.GetSheetList(); strings.Join(list, ",") != "自评表,自评表2,校验结果,填报说明" {
		t.Errorf("sheets %q, want the result sheet after the last form", list)
	}
	rows, err := f.GetRows(ResultSheet)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	links := 0
	for i, r := range rows {
		lines = append(lines, strings.Join(r, "|"))
		if len(r) > 0 && strings.HasPrefix(r[0], "工作表「自评表2」") {
			// The group's row links to the form's 项目名称.
			ok, link, _ := f.GetCellHyperLink(ResultSheet, "A"+strconv.Itoa(i+1))
			if want := "'自评表2'!" + fms[1].Fields["project"].Ref; !ok || link != want {
				t.Errorf("the group row of 自评表2 links to %q, want %q", link, want)
			}
			links++
		}
	}
	f.Close()
	if links != 1 {
		t.Errorf("%d group rows of 自评表2, want 1", links)
	}
	res := strings.Join(lines, "\n")
	for _, want := range []string{"工作表|自评表\n", "工作表|自评表2\n", "总分|97.78", "总分|88.50", "工作表「自评表」", "工作表「自评表2」", "自评表2!E15", "未通过校验"} {
		if !strings.Contains(res, want) {
			t.Errorf("result sheet lacks %q:\n%s", want, res)
		}
	}
	if strings.Count(res, "score.below_max") != 2 {
		t.Errorf("result sheet: want each form's findings once:\n%s", res)
	}

	// The same again: the same bytes.
	first, _ := os.ReadFile(path)
	wb, _ := Load(path)
	fms, _ = wb.ReadAll()
	if err := writeAll(t, path, []FormOutcome{{fms[0], onSheet("自评表")}, {fms[1], second}}); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(first, again) {
		t.Error("a second write-back changed the file")
	}

	// No findings: our notes and highlights go from both forms.
	clean := outcome()
	clean.Findings, clean.Writes = nil, nil
	wb, _ = Load(path)
	fms, _ = wb.ReadAll()
	if err := writeAll(t, path, []FormOutcome{{fms[0], clean}, {fms[1], clean}}); err != nil {
		t.Fatal(err)
	}
	f, err = excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sh := range []string{"自评表", "自评表2"} {
		if ns := notes(t, f, sh); len(ns) != 0 {
			t.Errorf("%s: notes left %q", sh, ns)
		}
		if c := cfs(t, f, sh); len(c) != 0 {
			t.Errorf("%s: highlights left %q", sh, c)
		}
	}
}

// TestWriteBackAllRefuses: no form, a form given twice or a sheet that is
// not there fail the write and leave the file as it was.
func TestWriteBackAllRefuses(t *testing.T) {
	path, fms := twoFormsFx(t)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gone := *fms[1]
	gone.Sheet = "没有这张表"
	for name, forms := range map[string][]FormOutcome{
		"none":    nil,
		"twice":   {{fms[0], outcome()}, {fms[0], outcome()}},
		"missing": {{fms[0], outcome()}, {&gone, outcome()}},
	} {
		if err := writeAll(t, path, forms); err == nil {
			t.Errorf("%s: written", name)
		}
		if now, _ := os.ReadFile(path); !bytes.Equal(now, orig) {
			t.Fatalf("%s: the file changed", name)
		}
	}
}
