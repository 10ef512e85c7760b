package workbook

import (
	"fmt"
	"github.com/selfeval/selfeval/workbook/stamp"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// stampFx stamps a fixture the way the template does: the fingerprint of
// the form as read, skipping its computed cells.
func stampFx(t *testing.T, x *fx, version string) {
	t.Helper()
	fm, err := readX(x.f, "x.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	fp, err := fingerprintX(x.f, fm.Sheet, ComputedRefs(fm))
	if err != nil {
		t.Fatal(err)
	}
	x.must(stampX(x.f, fm.Sheet, form.Stamp{Kind: fm.Kind.Name, Version: version, Year: "2024", Profile: "default", Fingerprint: fp}))
}

func TestStamp(t *testing.T) {
	for _, tc := range []struct {
		name   string
		build  func(t *testing.T) *fx
		stamp  bool     // Form.Stamp is set
		probs  []string // problem codes
		kind   string
		reopen bool // check after a save and reopen
	}{
		{"intact", func(t *testing.T) *fx {
			x := mof2020Fixture(t)
			stampFx(t, x, "1")
			return x
		}, true, nil, "mof2020", true},
		{"filled in and scored", func(t *testing.T) *fx {
			x := mof2020Fixture(t)
			stampFx(t, x, "1")
			// Input typed, computed cells replaced by values, rows inserted.
			x.must(x.f.SetCellValue(x.sheet, "G16", 2))
			x.must(x.f.SetCellValue(x.sheet, "G20", 97.78))
			x.must(x.f.SetCellValue(x.sheet, "F21", "优"))
			x.must(x.f.SetCellValue(x.sheet, "F6", 20))
			x.must(x.f.InsertRows(x.sheet, 17, 2))
			return x
		}, true, nil, "mof2020", false},
		{"label edited", func(t *testing.T) *fx {
			x := mof2020Fixture(t)
			stampFx(t, x, "1")
			x.must(x.f.SetCellValue(x.sheet, "A21", "绩效等级"))
			return x
		}, true, []string{"template.tampered"}, "mof2020", false},
		{"header label edited", func(t *testing.T) *fx {
			x := sh2019Fixture(t)
			stampFx(t, x, "1")
			x.must(x.f.SetCellValue(x.sheet, "A11", "类别"))
			return x
		}, true, []string{"form.label_missing", "template.tampered"}, "sh2019", false},
		{"protection removed, locked weight edited", func(t *testing.T) *fx {
			x := mof2020Fixture(t)
			x.put("F13", 20, x.locked) // a target prefilled and locked
			stampFx(t, x, "1")
			x.must(x.f.UnprotectSheet(x.sheet))
			x.must(x.f.SetCellValue(x.sheet, "F13", 30))
			return x
		}, true, []string{"template.tampered"}, "mof2020", false},
		{"newer template", func(t *testing.T) *fx {
			x := sh2019Fixture(t)
			stampFx(t, x, "3")
			return x
		}, true, []string{"template.unknown_version"}, "sh2019", false},
		{"only hidden, not very hidden", func(t *testing.T) *fx {
			x := mof2020Fixture(t)
			stampFx(t, x, "1")
			x.must(x.f.SetSheetVisible(stamp.Sheet, false))
			return x
		}, true, nil, "mof2020", true},
		{"custom properties only", func(t *testing.T) *fx {
			x := mof2020Fixture(t)
			stampFx(t, x, "1")
			x.must(x.f.DeleteSheet(stamp.Sheet))
			return x
		}, true, nil, "mof2020", true},
		{"sheet renamed", func(t *testing.T) *fx {
			x := mof2020Fixture(t)
			stampFx(t, x, "1")
			x.must(x.f.SetSheetName(x.sheet, "2024自评"))
			return x
		}, true, nil, "mof2020", false},
		{"foreign", func(t *testing.T) *fx { return sh2019Fixture(t) }, false, nil, "sh2019", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := tc.build(t)
			f := x.f
			if tc.reopen {
				p := x.save(t.TempDir(), "s.xlsx")
				var err error
				if f, err = excelize.OpenFile(p); err != nil {
					t.Fatal(err)
				}
				defer f.Close()
			}
			fm, err := readX(f, "s.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			if (fm.Stamp != nil) != tc.stamp || fm.Kind.Name != tc.kind {
				t.Fatalf("stamp %+v kind %s, want stamp=%v kind %s", fm.Stamp, fm.Kind.Name, tc.stamp, tc.kind)
			}
			var got []string
			for _, p := range fm.Problems {
				got = append(got, p.Code)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.probs) {
				t.Errorf("problems %v (%+v), want %v", got, fm.Problems, tc.probs)
			}
			if tc.stamp && (fm.Stamp.Year != "2024" || fm.Stamp.Profile != "default") {
				t.Errorf("stamp = %+v", *fm.Stamp)
			}
		})
	}
}

func TestWriteStampVeryHidden(t *testing.T) {
	x := sh2019Fixture(t)
	stampFx(t, x, "1")
	p := x.save(t.TempDir(), "s.xlsx")
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	visible, err := f.GetSheetVisible(stamp.Sheet)
	if err != nil || visible {
		t.Errorf("stamp sheet visible=%v err=%v", visible, err)
	}
	rows, _ := f.GetRows(stamp.Sheet)
	if len(rows) != 6 || rows[0][0] != "kind" || rows[0][1] != "sh2019" || rows[5][1] != "自评价" {
		t.Errorf("stamp rows = %q", rows)
	}
}
