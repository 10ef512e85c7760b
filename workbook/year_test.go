package workbook

import "testing"

// TestTitleYear reads the year from a form's title lines, and none where
// they give none.
func TestTitleYear(t *testing.T) {
	for _, tc := range []struct {
		name   string
		base   func(testing.TB) *fx
		a1, a2 string // "" keeps the fixture's
		want   string
	}{
		{"year line", mof2020Fixture, "", "", "2024"},
		{"spaced year line", mof2020Fixture, "", "（ 2023 年度 ）", "2023"},
		{"blank year line", mof2020Fixture, "", "（    年度）", ""},
		{"year in the title", mof2020Fixture, "2022年度财政项目支出绩效自评表", "单位：万元", "2022"},
		{"year after the title", mof2020Fixture, "财政项目支出绩效自评表(2021年度)", "单位：万元", "2021"},
		{"no year", mof2020Fixture, "", "单位：万元", ""},
		{"sh2019 title", sh2019Fixture, "", "", "2019"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := tc.base(t)
			if tc.a1 != "" {
				x.must(x.f.SetCellValue(x.sheet, "A1", tc.a1))
			}
			if tc.a2 != "" {
				x.must(x.f.SetCellValue(x.sheet, "A2", tc.a2))
			}
			if got := readFx(t, x).Year; got != tc.want {
				t.Errorf("year %q, want %q", got, tc.want)
			}
		})
	}
}
