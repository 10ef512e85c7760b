package form

import "testing"

func TestIdentityKey(t *testing.T) {
	a := Identity{Year: "2024", Kind: "mof2020", Project: "机关服务费（２０２４）", Unit: " 上海市 合作交流办 ", Batch: "1"}
	b := Identity{Year: "2024", Kind: "mof2020", Project: "机关服务费(2024)", Unit: "上海市合作交流办", Batch: "2"}
	if a.Key() != b.Key() {
		t.Errorf("%q and %q differ", a.Key(), b.Key())
	}
	for _, c := range []Identity{
		{Year: "2023", Kind: b.Kind, Project: b.Project, Unit: b.Unit},
		{Year: b.Year, Kind: "sh2019", Project: b.Project, Unit: b.Unit},
		{Year: b.Year, Kind: b.Kind, Project: "机关服务费(2025)", Unit: b.Unit},
		{Year: b.Year, Kind: b.Kind, Project: b.Project, Unit: "别的单位"},
	} {
		if c.Key() == b.Key() {
			t.Errorf("%+v has the key of %+v", c, b)
		}
	}
	got, ok := ParseFormID(a.FormID())
	if !ok || got.Key() != a.Key() || got.Batch != "1" {
		t.Errorf("ParseFormID(%q) = %+v, %v", a.FormID(), got, ok)
	}
	if _, ok := ParseFormID("not|an|id"); ok {
		t.Error("a short id parsed")
	}
}
