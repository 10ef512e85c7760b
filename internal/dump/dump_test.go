package dump

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// features builds a workbook that uses everything the dump shows.
func features(t *testing.T) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s := "Sheet1"
	must(f.SetSheetName(s, "表"))
	s = "表"
	must(f.SetCellStr(s, "A1", "标题\n第二行"))
	must(f.MergeCell(s, "A1", "C1"))
	must(f.SetCellFloat(s, "B2", 1234.5, -1, 64))
	must(f.SetCellFormula(s, "C2", "B2*2"))
	must(f.SetCellBool(s, "D2", true))
	must(f.SetColWidth(s, "A", "B", 20))
	must(f.SetRowHeight(s, 1, 40))
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4, Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "right", WrapText: true},
		Border:    []excelize.Border{{Type: "left", Color: "000000", Style: 1}}})
	must(err)
	must(f.SetCellStyle(s, "B2", "B2", money))
	open, err := f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}})
	must(err)
	must(f.SetCellStyle(s, "A3", "B3", open))
	dv := excelize.NewDataValidation(true)
	dv.Sqref = "A3:B3"
	must(dv.SetDropList([]string{"是", "否"}))
	dv.SetInput("提示", "选择 是 或 否")
	must(f.AddDataValidation(s, dv))
	must(f.AddComment(s, excelize.Comment{Cell: "B2", Author: "selfeval", Text: "金额过大"}))
	must(f.SetCellStr(s, "A5", "跳转"))
	must(f.SetCellHyperLink(s, "A5", "'表'!B2", "Location"))
	must(f.SetCellStr(s, "A6", "网站"))
	must(f.SetCellHyperLink(s, "A6", "https://example.com/", "External"))
	red, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	must(err)
	must(f.SetConditionalFormat(s, "B2:B4", []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: ">", Format: &red, Value: "1000"}}))
	must(f.ProtectSheet(s, &excelize.SheetProtectionOptions{AlgorithmName: "SHA-512", Password: "pw",
		SelectLockedCells: true, SelectUnlockedCells: true}))
	must(f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{Password: "pw", LockStructure: true}))
	for _, name := range []string{"隐藏", "深藏"} {
		_, err := f.NewSheet(name)
		must(err)
		must(f.SetCellStr(name, "A1", name))
	}
	must(f.SetSheetVisible("隐藏", false))
	must(f.SetSheetVisible("深藏", false, true))
	must(f.SetDefinedName(&excelize.DefinedName{Name: "List", RefersTo: "'隐藏'!$A$1:$A$1"}))
	must(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: "'表'!$A$1:$D$6", Scope: "表"}))
	must(f.SetCustomProps(excelize.CustomProperty{Name: "b.key", Value: "值"}))
	must(f.SetCustomProps(excelize.CustomProperty{Name: "a.num", Value: int32(7)}))
	size, orient := 9, "portrait"
	must(f.SetPageLayout(s, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient}))
	must(f.SetHeaderFooter(s, &excelize.HeaderFooterOptions{OddFooter: "&C&P"}))
	return f
}

func TestGolden(t *testing.T) {
	f := features(t)
	defer f.Close()
	got, err := Text(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "features.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("dump differs from %s; got:\n%s", path, got)
	}
}

// TestStable checks that a dump does not depend on password salts, on
// whether the workbook was saved and reopened, or on dumping twice.
func TestStable(t *testing.T) {
	a, b := features(t), features(t)
	da, err := Text(a)
	if err != nil {
		t.Fatal(err)
	}
	db, _ := Text(b)
	if da != db {
		t.Error("two equal workbooks dump differently")
	}
	again, _ := Text(a)
	if again != da {
		t.Error("dumping twice differs")
	}
	buf, err := a.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	r, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if dr, _ := Text(r); dr != da {
		t.Errorf("reopened workbook dumps differently:\n%s", dr)
	}
	for _, secret := range []string{"hashValue=", "saltValue="} {
		for _, line := range strings.Split(da, "\n") {
			if strings.Contains(line, secret) && !strings.Contains(line, secret+"set") {
				t.Errorf("dump shows a password hash: %s", line)
			}
		}
	}
}

func TestEmptyAndNil(t *testing.T) {
	if _, err := Text(nil); err == nil || err.Error() != "dump: no workbook" {
		t.Errorf("Text(nil) error = %v", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	got, err := Text(f)
	if err != nil {
		t.Fatal(err)
	}
	want := `workbook
  sheets:
    1 "Sheet1" worksheet visible active
  protection: none
defined names:
custom properties:

sheet "Sheet1" (worksheet, visible)
  columns:
  rows:
  merged:
  cells:
  validations:
  hyperlinks:
  notes:
  conditional formats:
  protection: none
  page:
`
	if got != want {
		t.Errorf("dump of a new workbook:\n%s\nwant:\n%s", got, want)
	}
}
