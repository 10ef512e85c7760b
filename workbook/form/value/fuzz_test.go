package value

import (
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

var fuzzSeeds = []string{
	"≥１００（％）", ">=90%", "≥100百分比", "1,040,000.00", "12.5%", "约100", "100.00(%)",
	"达成指标", "１２３", "1,234.5", "≤55(人)", "=0", "＜5天", "12月底前完成", "90%以上",
	"3个工作日内", "-", "", "1e400", ".", "≥", "1,,2", "(", "()", "12(个", "百分比",
}

func FuzzTarget(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tg, err := ParseTarget(s)
		if err == nil && tg.Quantitative {
			again, err := ParseTarget(tg.String())
			if err != nil || !again.Quantitative || again.Op != tg.Op || !again.Value.Equal(tg.Value) {
				t.Errorf("ParseTarget(%q) = %v; reparsing %q gives %v, %v", s, tg, tg.String(), again, err)
			}
		}
		_ = Outcome(s, s)
		_, _ = ParseDate(s)
	})
}

func FuzzNumber(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, true, false)
	}
	f.Fuzz(func(t *testing.T, s string, number, percent bool) {
		v, err := ParseNumber(s)
		if err == nil {
			again, err := ParseNumber(v.String())
			if err != nil || !again.Equal(v) {
				t.Errorf("ParseNumber(%q) = %v; reparsing gives %v, %v", s, v, again, err)
			}
		}
		_, _ = ParseQuantity(s)
		c := form.Cell{Text: s, Raw: s, Number: number, Percent: percent}
		_, _ = CellQuantity(c)
		_, _ = CellNumber(c)
		_, _ = CellTarget(c)
		_, _ = CellDate(c)
	})
}
