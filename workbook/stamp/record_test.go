package stamp

import (
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// TestPartsRead: what Parts writes reads back as the same stamp, from the
// sheet alone, from the properties alone (a stamp sheet deleted: the
// issued content is gone, its hash says there was one), and from both.
func TestPartsRead(t *testing.T) {
	st := form.Stamp{Kind: "mof2020", Version: Version, Year: "2024", Profile: "default", ProfileHash: "ph",
		Fingerprint: "fp", Issued: strings.Repeat("x", 2*chunk+7), FormID: "id-1"}
	st.HMAC = Sign(st, "自评表", []byte("0123456789abcdef"))
	w := Parts("自评表", st)
	if len(w.Rows) < 3 || w.Name == "" {
		t.Fatalf("Parts = %d rows, name %q", len(w.Rows), w.Name)
	}
	both := Read(w.Rows, w.Props)
	if both == nil || both.Parts != "sheet+properties" || both.FormSheet != "自评表" || both.SheetGone {
		t.Fatalf("both: %+v", both)
	}
	got := both.Stamp
	got.Parts = ""
	if got != st {
		t.Errorf("read back %+v, want %+v", got, st)
	}
	if both.IssuedHash != IssuedHash(st.Issued) {
		t.Errorf("issued hash %q", both.IssuedHash)
	}
	props := Read(nil, w.Props)
	if props == nil || !props.SheetGone || props.Issued != "" || props.Kind != "mof2020" || props.Parts != "properties" {
		t.Errorf("properties only: %+v", props)
	}
	sheet := Read(w.Rows, nil)
	if sheet == nil || sheet.Issued != st.Issued || sheet.Parts != "sheet" {
		t.Errorf("sheet only: %+v", sheet)
	}
	if Read([][2]string{{"year", "2024"}}, [][2]string{{"other.kind", "x"}}) != nil {
		t.Error("a record without a kind read as a stamp")
	}
	if Sign(st, "另一表", []byte("0123456789abcdef")) == st.HMAC || Sign(st, "自评表", nil) != "" {
		t.Error("Sign does not depend on the sheet, or signs without a key")
	}
}

// TestCheckContent: a form sheet whose locked cells are as issued has no
// problem; a changed cell, a deleted row and an inserted row are named;
// skipped cells are not compared.
func TestCheckContent(t *testing.T) {
	cells := func(cs ...Cell) Cells {
		return func(yield func(Cell) bool) {
			for _, c := range cs {
				if !yield(c) {
					return
				}
			}
		}
	}
	issued := cells(Cell{0, 0, "项目名称"}, Cell{1, 0, "单位"}, Cell{1, 1, "20"}, Cell{2, 0, "总分"}, Cell{2, 3, "computed"})
	skip := func(r, c int) bool { return r == 2 && c == 3 } // a computed cell
	rec, err := Encode(Content(issued, skip))
	if err != nil {
		t.Fatal(err)
	}
	record := &Record{Stamp: form.Stamp{Kind: "mof2020", Version: "2", Issued: rec}}
	codes := func(found Cells, skip Skip) string {
		fm := &form.Form{Sheet: "s"}
		Check(fm, record, found, skip, nil)
		var out []string
		for _, p := range fm.Problems {
			out = append(out, p.Code+" "+p.Ref)
		}
		return strings.Join(out, ";")
	}
	if got := codes(issued, skip); got != "" {
		t.Errorf("as issued: %s", got)
	}
	if got := codes(cells(Cell{0, 0, "项目名称"}, Cell{1, 0, "单位"}, Cell{1, 1, "20.0"}, Cell{2, 0, "总分"}, Cell{2, 3, "computed"}), skip); got != "" {
		t.Errorf("20.0 for 20: %s", got)
	}
	if got := codes(cells(Cell{0, 0, "项目名称"}, Cell{1, 0, "单位"}, Cell{1, 1, "30"}, Cell{2, 0, "总分"}, Cell{2, 3, "computed"}), skip); got != "template.tampered B2" {
		t.Errorf("changed cell: %s", got)
	}
	rescored := cells(Cell{0, 0, "项目名称"}, Cell{1, 0, "单位"}, Cell{1, 1, "20"}, Cell{2, 0, "总分"}, Cell{2, 3, "97.78"})
	if got := codes(rescored, skip); got != "" {
		t.Errorf("computed cell rewritten: %s", got)
	}
	if got := codes(rescored, nil); got != "template.tampered D3" {
		t.Errorf("computed cell not skipped: %s", got)
	}
	if got := codes(cells(Cell{0, 0, "项目名称"}, Cell{2, 0, "总分"}, Cell{2, 3, "computed"}, Cell{5, 0, "新行"}), skip); got != "template.row_deleted ;template.row_inserted A6" {
		t.Errorf("row deleted and inserted: %s", got)
	}
	v1 := &Record{Stamp: form.Stamp{Kind: "mof2020", Version: "1", Fingerprint: Fingerprint(issued, nil)}}
	fm := &form.Form{}
	Check(fm, v1, issued, nil, nil)
	if len(fm.Problems) != 0 {
		t.Errorf("version 1, as issued: %+v", fm.Problems)
	}
	Check(fm, v1, cells(Cell{0, 0, "项目"}), nil, nil)
	if len(fm.Problems) != 1 || fm.Problems[0].Code != CodeTampered {
		t.Errorf("version 1, changed: %+v", fm.Problems)
	}
}
