package season

import (
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

func TestDeviation(t *testing.T) {
	r := decimal.NewFromInt(80)
	if d := Deviation(decimal.NewFromInt(100), &r); d == nil || d.String() != "20" {
		t.Errorf("Deviation(100, 80) = %v", d)
	}
	if d := Deviation(decimal.Zero, &r); d != nil {
		t.Errorf("Deviation(0, 80) = %v, want none", d)
	}
	if d := Deviation(decimal.NewFromInt(100), nil); d != nil {
		t.Errorf("Deviation(100, nil) = %v, want none", d)
	}
}

// Only the 复核得分 and 复核意见 cells of the item rows are open; the read
// back gives what the reviewer typed.
func TestReviewWorkbook(t *testing.T) {
	forms := []ReviewForm{{File: "a.xlsx", FormSheet: "自评表", Project: "项目[甲]:一", Unit: "单位", Kind: "mof2020", Items: []ReviewItem{
		{Name: "预算执行率", Weight: decimal.NewFromInt(10), Self: decimal.NewFromInt(8)},
		{Level1: "产出指标", Name: "数量", Weight: decimal.NewFromInt(20), Self: decimal.NewFromInt(20)},
	}}}
	f, err := BuildReview(forms, "")
	if err != nil {
		t.Fatal(err)
	}
	sheet := forms[0].Sheet
	if sheet != "01 项目_甲__一" {
		t.Errorf("sheet name %q", sheet)
	}
	for cell, open := range map[string]bool{"I5": true, "J6": true, "H5": false, "G6": false, "D6": false, "I7": false, "A1": false} {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		locked := st.Protection == nil || st.Protection.Locked
		if locked == open {
			t.Errorf("%s locked %v", cell, locked)
		}
	}
	if err := f.SetCellValue(sheet, "I6", 15); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(sheet, "J6", "佐证不足"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if !IsReview(path) {
		t.Fatal("not recognised")
	}
	back, err := ReadReview(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 1 || back[0].File != "a.xlsx" || len(back[0].Items) != 2 || back[0].Items[0].Review != nil ||
		back[0].Items[1].Review == nil || back[0].Items[1].Review.String() != "15" || back[0].Items[1].Opinion != "佐证不足" {
		t.Fatalf("read back %+v", back)
	}
	self, rev, blank := back[0].Totals()
	if self.String() != "28" || rev.String() != "23" || blank != 1 {
		t.Errorf("totals %s %s %d", self, rev, blank)
	}
	g, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if v, _ := g.GetSheetVisible(MarkSheet); v {
		t.Error("the mark sheet is visible")
	}
}
