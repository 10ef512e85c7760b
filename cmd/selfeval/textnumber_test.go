package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestTextNumberInTemplate: a score typed so that it is stored as text (full
// width, a trailing space) in our template is read as the number, and is an
// error on its cell: the template's formulas take text as 0, so the sheet
// would show another total than the report once recalculated.
func TestTextNumberInTemplate(t *testing.T) {
	for _, typed := range []string{"１６", "16 "} {
		t.Run(typed, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "form.xlsx")
			data, err := os.ReadFile(filepath.Join("..", "..", "samples", "mof2020-liaison.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sheet := f.GetSheetList()[0]
			if err := f.SetCellStr(sheet, "G15", typed); err != nil {
				t.Fatal(err)
			}
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			_, forms, out := checkForms(t, path)
			if len(forms) != 1 || forms[0].Total == nil || *forms[0].Total != 93.52 {
				t.Fatalf("want one form of total 93.52\n%s", out)
			}
			found := false
			for _, x := range forms[0].Findings {
				if x.Code == "cell.text_number" && x.Cell == "G15" && x.Severity == "error" {
					found = true
				}
			}
			if !found || forms[0].Status != "invalid" {
				t.Errorf("want error cell.text_number at G15 and status invalid\n%s", out)
			}
		})
	}
}
