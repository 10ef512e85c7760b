package review

import (
	"slices"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func dp(s string) *decimal.Decimal {
	v := d(s)
	return &v
}

// plain is a form no reviewer's check fires on: 95 % spent, scores below
// full marks in proportion, a ≤ cost target, a surveyed satisfaction.
func plain() *Facts {
	return &Facts{
		Kind: "mof2020", Sheet: "自评表", Project: "项目", Unit: "甲单位", Department: "主管部门",
		Initial: dp("100"), Budget: dp("100"), Spent: dp("95"), Rate: dp("95"),
		ExecWeight: d("10"), ExecScore: d("9.5"), Total: d("94.5"),
		Indicators: []Indicator{
			{Cell: "G20", Level1: "成本指标", Level2: "经济成本指标", Name: "成本控制", Target: "≤100(万元)", Actual: "95(万元)", Weight: d("20"), Score: d("20")},
			{Cell: "G21", Level1: "产出指标", Level2: "数量指标", Name: "培训人次", Target: "≥100(人次)", Actual: "90(人次)", Weight: d("40"), Score: d("36"), Reason: "部分培训延期"},
			{Cell: "G22", Level1: "效益指标", Level2: "社会效益指标", Name: "受益人数", Target: "≥50(人)", Actual: "50(人)", Weight: d("20"), Score: d("20")},
			{Cell: "G23", Level1: "满意度指标", Level2: "服务对象满意度指标", Name: "学员满意度", Target: "≥90(%)", Actual: "95(%)", Weight: d("10"), Score: d("10")},
		},
		Texts: []Text{{Label: "预期目标", Cell: "A11", Text: "完成年度培训任务，提升基层干部业务能力和服务水平，确保培训质量。"}},
	}
}

func codes(fs []form.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func TestCheckRules(t *testing.T) {
	cases := []struct {
		code   string
		change func(f *Facts)
	}{
		{Inflated, func(f *Facts) { f.Rate, f.ExecScore = dp("60"), d("6") }},
		{LowExecution, func(f *Facts) { f.Rate = dp("79.99") }},
		{AllFullMarks, func(f *Facts) { f.Indicators[1].Score = d("40") }},
		{CostTarget, func(f *Facts) { f.Indicators[0].Target = "≥100(万元)" }},
		{DuplicateLevels, func(f *Facts) { f.Indicators[2].Name = " 培训人次" }},
		{Satisfaction, func(f *Facts) { f.Indicators[3].Actual = "全年无投诉" }},
		{Adjusted, func(f *Facts) { f.Initial = dp("70") }},
	}
	p := validate.DefaultProfile()
	if got := codes(Check(plain(), p, validate.Chinese)); len(got) != 0 {
		t.Fatalf("the plain form has findings %v", got)
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			f := plain()
			c.change(f)
			fs := Check(f, p, validate.Chinese)
			if !slices.Contains(codes(fs), c.code) {
				t.Fatalf("%s does not fire: %v", c.code, codes(fs))
			}
			for _, x := range fs {
				if x.Code == c.code && (x.Message == "" || x.Hint == "" || x.Sheet != "自评表" || strings.Contains(x.Message, "%!")) {
					t.Errorf("finding %+v", x)
				}
			}
			en := Check(f, p, validate.English)
			for _, x := range en {
				if x.Code == c.code && strings.ContainsAny(x.Message, "的是") {
					t.Errorf("English message in Chinese: %s", x.Message)
				}
			}
			// switched off in the profile, it is gone
			off := validate.DefaultProfile()
			setOff(&off.Review, c.code)
			if slices.Contains(codes(Check(f, off, validate.Chinese)), c.code) {
				t.Errorf("%s fires when off", c.code)
			}
		})
	}
}

// The edges of the thresholds: what must not fire.
func TestCheckRulesEdges(t *testing.T) {
	p := validate.DefaultProfile()
	for name, change := range map[string]func(f *Facts){
		"execution at 80 %":                  func(f *Facts) { f.Rate = dp("80") },
		"inflated by 5 % exactly":            func(f *Facts) { f.Rate, f.ExecScore, f.Indicators[1].Score = dp("95"), d("9.5"), d("40") },
		"a ≥ target outside 成本":              func(f *Facts) { f.Indicators[1].Target = "≥100(人次)" },
		"satisfaction from a survey":         func(f *Facts) { f.Indicators[3].Actual = "问卷调查满意度95%" },
		"adjusted 29 %":                      func(f *Facts) { f.Initial = dp("129") },
		"adjusted 30 % with a reason":        func(f *Facts) { f.Initial = dp("70"); f.Texts[0].Text += "年中追加预算30万元。" },
		"adjusted 30 % with a total of 90":   func(f *Facts) { f.Initial, f.Total = dp("70"), d("90") },
		"one indicator below its full marks": func(f *Facts) {},
	} {
		f := plain()
		change(f)
		fs := Check(f, p, validate.Chinese)
		if name == "inflated by 5 % exactly" {
			fs = slices.DeleteFunc(fs, func(x form.Finding) bool { return x.Code == AllFullMarks })
		}
		if len(fs) != 0 {
			t.Errorf("%s: findings %v", name, codes(fs))
		}
	}
}

func setOff(s *validate.ReviewSettings, code string) {
	switch code {
	case Inflated:
		s.Inflated = "off"
	case LowExecution:
		s.LowExecution = "off"
	case AllFullMarks:
		s.AllFullMarks = "off"
	case CostTarget:
		s.CostTarget = "off"
	case DuplicateLevels:
		s.DuplicateLevels = "off"
	case Satisfaction:
		s.Satisfaction = "off"
	case CopiedText:
		s.CopiedText = "off"
	case Adjusted:
		s.Adjusted = "off"
	case Deviation:
		s.Deviation = "off"
	}
}

func TestBatchCopiedText(t *testing.T) {
	p := validate.DefaultProfile()
	a, b, c := plain(), plain(), plain()
	b.Unit = "乙单位"
	c.Texts[0].Text = "短文字"
	// a and b (different units) share a text of 30 characters or more
	got := Batch([]*Facts{a, b}, []string{"a.xlsx", "b.xlsx"}, p, validate.Chinese)
	if len(got[0]) != 1 || len(got[1]) != 1 || got[0][0].Code != CopiedText || !strings.Contains(got[0][0].Message, "b.xlsx") {
		t.Fatalf("copied text: %v", got)
	}
	// the same unit twice, a short text, or a nil form: nothing
	same := plain()
	for name, fs := range map[string][]*Facts{"same unit": {a, same}, "short text": {c, func() *Facts { x := plain(); x.Unit = "乙"; x.Texts[0].Text = "短文字"; return x }()}, "nil": {a, nil}} {
		if got := Batch(fs, []string{"x", "y"}, p, validate.Chinese); len(got) != 0 {
			t.Errorf("%s: %v", name, got)
		}
	}
	off := validate.DefaultProfile()
	off.Review.CopiedText = "off"
	if got := Batch([]*Facts{a, b}, []string{"a", "b"}, off, validate.Chinese); len(got) != 0 {
		t.Errorf("off: %v", got)
	}
}

func TestFullMarksShare(t *testing.T) {
	a, b, c := plain(), plain(), plain()
	b.Indicators[1].Score = d("40")
	c.Department = "另一部门"
	got := FullMarks([]*Facts{a, b, c, nil})
	if len(got) != 2 || got[0].Forms != 2 || got[0].Full != 1 || got[1].Forms != 1 || got[1].Full != 0 {
		t.Errorf("FullMarks = %+v", got)
	}
}
