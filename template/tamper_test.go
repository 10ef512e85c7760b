package template_test

import (
	"fmt"
	"github.com/selfeval/selfeval/workbook/stamp"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/template/targets"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// issued returns the prefilled template of the first seed project of the
// mof2020 targets (合作交流工作业务经费), signed with key, saved in dir.
func issued(t *testing.T, dir string, key []byte) string {
	t.Helper()
	projects, err := targets.Read(filepath.Join("..", "samples", "targets", "mof2020-targets.csv"), form.MOF2020, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := template.Build(form.MOF2020, template.Options{Prefill: projects[0].Entry, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	path := filepath.Join(dir, "issued.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// problems reads path and returns its template problems, one line each:
// code, cell and arguments.
func problems(t *testing.T, path string, opts ...workbook.ReadOption) []string {
	t.Helper()
	wb, err := workbook.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, err := wb.Read(opts...)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range fm.Problems {
		if strings.HasPrefix(p.Code, "template.") {
			out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %v", p.Code, p.Ref, p.Args)))
		}
	}
	return out
}

// edit opens path, unprotects the form sheet as a person who found the
// password would, applies fn and saves.
func edit(t *testing.T, path string, fn func(f *excelize.File, sheet string) error) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := form.MOF2020.Sheet
	if err := f.UnprotectSheet(sheet); err != nil {
		t.Fatal(err)
	}
	if err := fn(f, sheet); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestTamperNamed issues a prefilled template, tampers with it in each way
// and checks that the reader names what changed. Row 14 is 差旅支出保障到位率
// (=100(%), 2), row 15 完成年度计划课题数 (≥6.00(个), 2).
func TestTamperNamed(t *testing.T) {
	key := []byte("issuing office key")
	tests := []struct {
		name string
		fn   func(f *excelize.File, sheet string) error
		opts []workbook.ReadOption
		want []string
	}{
		{"untouched", nil, nil, nil},
		{"untouched, key checked", nil, []workbook.ReadOption{workbook.WithStampKey(key)}, nil},
		{"actuals typed", func(f *excelize.File, s string) error {
			return f.SetSheetRow(s, "E14", &[]any{"100.00(%)", 2})
		}, nil, nil},
		{"target edited", func(f *excelize.File, s string) error {
			return f.SetCellStr(s, "D15", "≥3.00(个)")
		}, nil, []string{"template.tampered D15 [≥6.00(个) ≥3.00(个)]"}},
		{"weight changed", func(f *excelize.File, s string) error {
			return f.SetCellFloat(s, "F14", 5, -1, 64)
		}, nil, []string{"template.tampered F14 [2 5]"}},
		{"row deleted", func(f *excelize.File, s string) error {
			return f.RemoveRow(s, 15)
		}, nil, []string{"template.row_deleted  [15 完成年度计划课题数 / ≥6.00(个) / 2]"}},
		{"row inserted", func(f *excelize.File, s string) error {
			if err := f.InsertRows(s, 16, 1); err != nil {
				return err
			}
			st, _ := f.GetCellStyle(s, "C15")
			if err := f.SetCellStyle(s, "C16", "D16", st); err != nil {
				return err
			}
			return f.SetSheetRow(s, "C16", &[]any{"新增指标", "≥1(个)"})
		}, nil, []string{"template.row_inserted A16 [16 新增指标 / ≥1(个)]"}},
		{"stamp sheet deleted", func(f *excelize.File, s string) error {
			return f.DeleteSheet(stamp.Sheet)
		}, nil, []string{"template.stamp_deleted  [隐藏工作表 _selfeval]"}},
		{"stamp sheet and properties deleted", func(f *excelize.File, s string) error {
			props, err := f.GetCustomProps()
			if err != nil {
				return err
			}
			for _, p := range props {
				if err := f.SetCustomProps(excelize.CustomProperty{Name: p.Name}); err != nil {
					return err
				}
			}
			return f.DeleteSheet(stamp.Sheet)
		}, nil, []string{"template.stamp_deleted  [隐藏工作表 _selfeval 与文档属性]"}},
		{"HMAC with a wrong key", nil, []workbook.ReadOption{workbook.WithStampKey([]byte("another key"))},
			[]string{"template.signature_invalid  [签名与密钥不符：密钥不同，或印记被改写]"}},
		{"target edited and the record rewritten without the key", func(f *excelize.File, s string) error {
			if err := f.SetCellStr(s, "D15", "≥3.00(个)"); err != nil {
				return err
			}
			return restamp(f, s)
		}, []workbook.ReadOption{workbook.WithStampKey(key)},
			[]string{"template.signature_invalid  [签名与密钥不符：密钥不同，或印记被改写]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := issued(t, t.TempDir(), key)
			if tc.fn != nil {
				edit(t, path, tc.fn)
			}
			got := problems(t, path, tc.opts...)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// restamp rewrites the stamp's record of the issued content from the sheet
// as it now is, keeping the old signature: what someone without the key can
// do.
func restamp(f *excelize.File, sheet string) error {
	rows, err := f.GetRows(stamp.Sheet)
	if err != nil {
		return err
	}
	st := form.Stamp{}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		switch r[0] {
		case "kind":
			st.Kind = r[1]
		case "version":
			st.Version = r[1]
		case "year":
			st.Year = r[1]
		case "profile":
			st.Profile = r[1]
		case "profile_hash":
			st.ProfileHash = r[1]
		case "fingerprint":
			st.Fingerprint = r[1]
		case "hmac":
			st.HMAC = r[1]
		}
	}
	l := template.LayoutOf(form.MOF2020, template.Options{Rows: 19})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	if _, st.Issued, err = workbook.Locked(buf.Bytes(), sheet, l.Computed()); err != nil {
		return err
	}
	return template.WriteStamp(f, sheet, st)
}

// TestUnsignedWithKey: a reviewer with a key is told a stamp is unsigned.
func TestUnsignedWithKey(t *testing.T) {
	path := issued(t, t.TempDir(), nil)
	if got := problems(t, path, workbook.WithStampKey([]byte("k"))); strings.Join(got, ";") != "template.unsigned  []" {
		t.Errorf("problems %v, want template.unsigned", got)
	}
	if got := problems(t, path); got != nil {
		t.Errorf("without a key: problems %v, want none", got)
	}
}

// TestBlankTemplateInsertRows: a unit inserts indicator rows between the rows
// of a blank template (the protection allows it); the inserted rows take
// the input cells, the sums include them, the reader reads them and the
// stamp does not alarm.
func TestBlankTemplateInsertRows(t *testing.T) {
	for _, k := range []*form.Kind{form.MOF2020, form.SH2019} {
		t.Run(k.Name, func(t *testing.T) {
			opts := template.Options{Rows: 3}
			l := template.LayoutOf(k, opts)
			f, err := template.Build(k, opts)
			if err != nil {
				t.Fatal(err)
			}
			p, err := f.GetSheetProtection(k.Sheet)
			if err != nil || !p.InsertRows {
				t.Fatalf("protection %+v (%v): inserting rows not allowed", p, err)
			}
			at := l.First + 1 // between the first and second input rows
			if err := f.InsertRows(k.Sheet, at, 2); err != nil {
				t.Fatal(err)
			}
			// Inserted rows take the format of the row above, as in a spreadsheet.
			for c := 1; c <= l.Cols; c++ {
				above, _ := excelize.CoordinatesToCellName(c, at-1)
				st, _ := f.GetCellStyle(k.Sheet, above)
				for r := at; r < at+2; r++ {
					ref, _ := excelize.CoordinatesToCellName(c, r)
					_ = f.SetCellStyle(k.Sheet, ref, ref, st)
				}
			}
			name := l.Cell("name", at)
			if err := f.SetCellStr(k.Sheet, name, "插入的指标"); err != nil {
				t.Fatal(err)
			}
			sum, _ := f.GetCellFormula(k.Sheet, l.Cell("weight", l.End+2))
			if want := fmt.Sprintf("%d)", l.Last+2); !strings.Contains(sum, want) {
				t.Errorf("总分值 formula %q does not reach the moved last row (%s)", sum, want)
			}
			path := filepath.Join(t.TempDir(), "inserted.xlsx")
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			f.Close()
			if got := problems(t, path); got != nil {
				t.Errorf("problems %v, want none", got)
			}
			wb, err := workbook.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			fm, err := wb.Read()
			if err != nil {
				t.Fatal(err)
			}
			if len(fm.Rows) != 1 || fm.Rows[0].Line != at || fm.Rows[0].Cell("name").Text != "插入的指标" {
				t.Errorf("rows read %+v, want the inserted row %d", fm.Rows, at)
			}
		})
	}
}

// TestTamperManyRows: locked content added in a great many rows is named
// row by row only up to a limit; the rest are counted in one more problem.
func TestTamperManyRows(t *testing.T) {
	path := issued(t, t.TempDir(), nil)
	edit(t, path, func(f *excelize.File, s string) error {
		for r := 500; r < 700; r++ {
			if err := f.SetCellStr(s, fmt.Sprintf("J%d", r), "x"); err != nil {
				return err
			}
		}
		return nil
	})
	got := problems(t, path)
	if len(got) != 51 {
		t.Fatalf("%d problems, want 50 named and one count:\n%s", len(got), strings.Join(got, "\n"))
	}
	if !strings.HasPrefix(got[0], "template.row_inserted J500 ") && !strings.HasPrefix(got[0], "template.row_inserted A500 ") {
		t.Errorf("first problem %q, want row 500 named", got[0])
	}
	if last := got[50]; !strings.HasPrefix(last, "template.row_inserted  ") || !strings.Contains(last, "(+150)") {
		t.Errorf("last problem %q, want the other 150 rows counted", last)
	}
}
