package workbook

import "testing"

func TestGuideTitle(t *testing.T) {
	for n, want := range map[string]bool{
		"项目支出绩效自评表填报说明":     true,
		"示例(填报样表,仅供参考)":     true,
		"下拉选项":              true,
		"项目支出绩效自评表":         false,
		"(金额单位:万元,填报说明见附件)": false,
		"2024年度项目支出绩效自评表":   false,
	} {
		if got := guideTitle(bare(normalize(n))); got != want {
			t.Errorf("guideTitle(%q) = %v, want %v", n, got, want)
		}
	}
}

func TestStripCode(t *testing.T) {
	for in, want := range map[string]string{
		"219-池州市贵池区棠溪镇人民政府":           "池州市贵池区棠溪镇人民政府",
		"51000021R000000019951-工资性支出": "工资性支出",
		"【31000024Y001234】驻外办驻外工作经费":  "驻外办驻外工作经费",
		"[0101]上海市人民政府合作交流办公室":        "上海市人民政府合作交流办公室",
		"2024年度机关服务费":                 "2024年度机关服务费",
		"5G-基站":                       "5G-基站",
		"219-":                        "219-",
		"ABC-办公经费":                    "ABC-办公经费",
	} {
		if got := stripCode(in); got != want {
			t.Errorf("stripCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPageMark(t *testing.T) {
	for _, s := range []string{"第1页共2页", "第2页,共2页", "共2页第1页", "1/2", "-1-", "page1of2"} {
		if !pageMark.MatchString(s) {
			t.Errorf("%q is not a page mark", s)
		}
	}
	for _, s := range []string{"第1季度", "100", "合计"} {
		if pageMark.MatchString(s) {
			t.Errorf("%q is a page mark", s)
		}
	}
}
