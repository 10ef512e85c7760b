package template

import (
	"fmt"
	"github.com/selfeval/selfeval/workbook/stamp"
	"path/filepath"
	"testing"

	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// stampValue returns a key of the stamp sheet after checking that the custom
// property of the same key agrees.
func stampValue(t *testing.T, f *excelize.File, key string) string {
	t.Helper()
	rows, err := f.GetRows(stamp.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	sheet := ""
	for _, r := range rows {
		if len(r) >= 2 && r[0] == key {
			sheet = r[1]
		}
	}
	props, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	prop := ""
	for _, p := range props {
		if p.Name == stamp.PropPrefix+key {
			prop = fmt.Sprint(p.Value)
		}
	}
	if sheet != prop {
		t.Errorf("stamp %s: sheet says %q, property says %q", key, sheet, prop)
	}
	return sheet
}

func TestStamp(t *testing.T) {
	cases := []struct {
		kind *form.Kind
		opts Options
		want map[string]string
	}{
		{form.MOF2020, Options{Year: "2023", Profile: "shanghai"},
			map[string]string{"kind": "mof2020", "version": Version, "year": "2023", "profile": "shanghai"}},
		{form.SH2019, Options{},
			map[string]string{"kind": "sh2019", "version": Version, "year": "2024", "profile": "default"}},
	}
	for _, c := range cases {
		t.Run(c.kind.Name, func(t *testing.T) {
			f := build(t, c.kind, c.opts)
			for key, want := range c.want {
				if got := stampValue(t, f, key); got != want {
					t.Errorf("stamp %s = %q, want %q", key, got, want)
				}
			}
			if v, _ := f.GetSheetVisible(stamp.Sheet); v {
				t.Error("stamp sheet is visible")
			}
			computed := LayoutOf(c.kind, c.opts).Computed()
			fp, err := fingerprint(f, c.kind.Sheet, computed)
			if err != nil {
				t.Fatal(err)
			}
			if got := stampValue(t, f, "fingerprint"); got != fp || len(fp) != 16 {
				t.Fatalf("stamp fingerprint = %q, recomputed %q", got, fp)
			}
			// Editing a locked label changes the fingerprint.
			if err := f.SetCellStr(c.kind.Sheet, "A3", "改过的标签"); err != nil {
				t.Fatal(err)
			}
			after, _ := fingerprint(f, c.kind.Sheet, computed)
			if after == fp {
				t.Error("fingerprint unchanged after a locked label was edited")
			}
		})
	}
}

func TestStampYearInTitle(t *testing.T) {
	f := build(t, form.SH2019, Options{Year: "2019"})
	if v, _ := f.GetCellValue("自评价", "A1"); v != "2019年度财政项目绩效自评价" {
		t.Errorf("title = %q", v)
	}
	g := build(t, form.MOF2020, Options{Year: "2019"})
	if v, _ := g.GetCellValue("自评表", "A2"); v != "（2019年度）" {
		t.Errorf("year line = %q", v)
	}
}

func TestPrefill(t *testing.T) {
	e := seedEntry()
	opts := Options{Rows: 20, Prefill: e}
	f := build(t, form.MOF2020, opts)
	sheet := "自评表"
	checkCells(t, f, sheet, []cellWant{{"C3", "s", "合作交流工作业务经费"}, {"C6", "n", "161.05"}, {"F14", "n", "2"}})
	for _, ref := range []string{"C3", "C4", "F4", "B11", "C6", "D6", "E6", "A13", "B13", "C13", "F14", "H14"} {
		if !locked(t, f, sheet, ref) || fill(t, f, sheet, ref) != "" {
			t.Errorf("prefilled %s is not locked or still tinted", ref)
		}
		if dv := validationAt(t, f, sheet, ref); dv != nil {
			t.Errorf("prefilled %s still has a validation on %s", ref, dv.Sqref)
		}
	}
	for _, ref := range []string{"F11", "C7", "H13", "A15", "G32"} {
		if locked(t, f, sheet, ref) || fill(t, f, sheet, ref) != inputTint {
			t.Errorf("input %s without prefill is locked or not tinted", ref)
		}
	}
	if dv := validationAt(t, f, sheet, "B15"); dv == nil || dv.Sqref != "B15:B32" {
		t.Errorf("二级指标 validation after prefill = %+v", dv)
	} else if dv.Formula1 != `INDIRECT(IFERROR("SE_L2_"&MATCH($A15,SE_L1,0),"SE_L2_ALL"))` {
		t.Errorf("二级指标 formula not anchored at its first cell: %s", dv.Formula1)
	}
	// The prefilled values are part of the fingerprint: editing one shows.
	computed := LayoutOf(form.MOF2020, opts).Computed()
	fp, _ := fingerprint(f, sheet, computed)
	if got := stampValue(t, f, "fingerprint"); got != fp {
		t.Fatalf("stamp %s, recomputed %s", got, fp)
	}
	blank := build(t, form.MOF2020, Options{Rows: 20})
	if stampValue(t, blank, "fingerprint") == fp {
		t.Error("prefilled and blank templates have the same fingerprint")
	}
	_ = f.SetCellStr(sheet, "D14", "=90(%)")
	if after, _ := fingerprint(f, sheet, computed); after == fp {
		t.Error("fingerprint unchanged after a prefilled target was edited")
	}
}

// A prefilled template's stamp carries its form id (year, kind, project,
// unit, batch); a blank one has none.
func TestStampFormID(t *testing.T) {
	e := seedEntry()
	f := build(t, form.MOF2020, Options{Year: "2024", Rows: 20, Prefill: e, Batch: "2025-03"})
	id, ok := form.ParseFormID(stampValue(t, f, "form_id"))
	want := form.Identity{Year: "2024", Kind: "mof2020", Project: e.Fields["project"], Unit: e.Fields["unit"]}
	if !ok || id.Key() != want.Key() || id.Batch != "2025-03" {
		t.Errorf("form id %+v, %v; want the key %s and batch 2025-03", id, ok, want.Key())
	}
	if got := stampValue(t, build(t, form.MOF2020, Options{Rows: 20}), "form_id"); got != "" {
		t.Errorf("a blank template has the form id %q", got)
	}
	// the reader gives it back as the form's identity
	path := filepath.Join(t.TempDir(), "t.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	wb, err := workbook.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, err := wb.Read()
	if err != nil {
		t.Fatal(err)
	}
	got, ok := form.ParseFormID(fm.Stamp.FormID)
	if !ok || got.Batch != "2025-03" || got.Key() != want.Key() {
		t.Errorf("read back: %+v, %v", got, ok)
	}
}

// fingerprint is the fingerprint of the locked content of sheet in f, as
// the stamp records it.
func fingerprint(f *excelize.File, sheet string, skip map[string]bool) (string, error) {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return "", err
	}
	fp, _, err := workbook.Locked(buf.Bytes(), sheet, skip)
	return fp, err
}
