package review

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// Codes of the reviewer's checks (RULES §6).
const (
	Inflated        = "review.inflated"
	LowExecution    = "review.low_execution"
	AllFullMarks    = "review.all_full_marks"
	CostTarget      = "review.cost_target_direction"
	DuplicateLevels = "review.duplicate_across_levels"
	Satisfaction    = "review.satisfaction_unsurveyed"
	CopiedText      = "review.copied_text"
	Adjusted        = "review.adjusted_unexplained"
	Deviation       = "review.deviation"
)

// Info describes one code: its short label for a roll-up column and its
// message and hint in Chinese and English (fmt verbs, arguments in order).
type Info struct {
	Code           string
	Label          string
	Zh, En         string
	HintZh, HintEn string
}

// Catalogue lists the codes in RULES §6 order.
var Catalogue = []Info{
	{Inflated, "虚高",
		"指标得分率 %s%% 高于预算执行得分率 %s%%，超出 %s%%（阈值 %s%%）：完成情况可能虚高",
		"the indicators' score share %s%% is above the execution score share %s%% by %s%% (threshold %s%%): achievement may be inflated",
		"核对实际完成值的佐证材料，看资金只用了 %s%% 的情况下指标如何全部完成", "check the evidence of the actuals: how were the targets met with %s%% of the funds spent"},
	{LowExecution, "执行率低",
		"预算执行率 %s%% 低于 %s%%", "the execution rate %s%% is below %s%%",
		"了解资金未执行的原因，核对偏差原因中是否说明", "find out why the funds were not spent and whether the reasons say so"},
	{AllFullMarks, "指标全满分",
		"全部 %d 个指标均为满分", "all %d indicators have full marks",
		"满分应有实际完成值和佐证支持；可优先抽查", "full marks need actuals and evidence; a candidate for the sample"},
	{CostTarget, "成本指标方向",
		"成本指标“%s”的年度指标值“%s”写成了 ≥（成本指标应为上限 ≤）", "the cost indicator “%s” has its target “%s” written with ≥ (a cost target is a ceiling, ≤)",
		"请单位改为 ≤ 并据此重新评分", "ask the unit to write ≤ and score it again"},
	{DuplicateLevels, "指标重复",
		"三级指标“%s”同时列在产出指标和效益指标下", "the indicator “%s” is listed under both 产出 and 效益",
		"同一指标不应在产出和效益中重复计分", "one indicator should not be scored under both 产出 and 效益"},
	{Satisfaction, "满意度无调查",
		"满意度指标“%s”以“%s”作为依据，未见满意度调查", "the satisfaction indicator “%s” rests on “%s”, not on a survey",
		"满意度应有问卷或调查结果支持", "satisfaction needs a questionnaire or survey result"},
	{CopiedText, "文字雷同",
		"%s与 %s（%s）的内容相同", "the %s is the same as in %s (%s)",
		"不同单位的自评内容雷同，核实是否照抄", "the text is the same in forms of different units; check whether it was copied"},
	{Adjusted, "预算调整未说明",
		"全年预算数较年初预算数调整 %s%%（≥ %s%%），总分 %s 高于 %s，未说明调整原因", "the budget was adjusted by %s%% (≥ %s%%) from the initial budget, the total %s is above %s, and no reason is given",
		"请单位说明预算调整的原因及对目标的影响", "ask the unit to explain the adjustment and its effect on the targets"},
	{Deviation, "复核偏离",
		"复核偏离度 %s%%（自评 %s，复核 %s）超过 %s%%", "the review deviation %s%% (self %s, review %s) is above %s%%",
		"复核分与自评分差距较大，请核对差值表中各指标的差异", "the reviewer's score is well below the unit's; see the difference table per indicator"},
}

// InfoOf returns the catalogue entry of a code.
func InfoOf(code string) (Info, bool) {
	for _, i := range Catalogue {
		if i.Code == code {
			return i, true
		}
	}
	return Info{}, false
}

// severity returns a rule's severity from the profile, "" when off.
func severity(s validate.ReviewSettings, code string) form.Severity {
	v := map[string]string{Inflated: s.Inflated, LowExecution: s.LowExecution, AllFullMarks: s.AllFullMarks,
		CostTarget: s.CostTarget, DuplicateLevels: s.DuplicateLevels, Satisfaction: s.Satisfaction,
		CopiedText: s.CopiedText, Adjusted: s.Adjusted, Deviation: s.Deviation}[code]
	switch v {
	case "warning":
		return form.Warning
	case "info":
		return form.Info
	}
	return ""
}

// New returns a finding of code in lang, or false when the profile switches
// the code off.
func New(s validate.ReviewSettings, lang validate.Lang, code, sheet, cell string, msg []any, hint []any) (form.Finding, bool) {
	sev := severity(s, code)
	info, ok := InfoOf(code)
	if sev == "" || !ok {
		return form.Finding{}, false
	}
	f := form.Finding{Code: code, Severity: sev, Sheet: sheet, Cell: cell}
	if lang == validate.English {
		f.Message, f.Hint = fmt.Sprintf(info.En, msg...), fmt.Sprintf(info.HintEn, hint...)
	} else {
		f.Message, f.Hint = fmt.Sprintf(info.Zh, msg...), fmt.Sprintf(info.HintZh, hint...)
	}
	return f, true
}

// Labels returns the short labels of findings' codes, once each, in
// catalogue order.
func Labels(fs []form.Finding) []string {
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.Code] = true
	}
	var out []string
	for _, i := range Catalogue {
		if seen[i.Code] {
			out = append(out, i.Label)
		}
	}
	return out
}

var hundred = decimal.NewFromInt(100)

func pct(d decimal.Decimal) string { return d.Round(2).String() }

// Check runs the checks of one form (everything but the batch checks).
func Check(f *Facts, p *validate.Profile, lang validate.Lang) []form.Finding {
	if p == nil {
		p = validate.DefaultProfile()
	}
	s := p.Review
	var out []form.Finding
	add := func(code, cell string, msg, hint []any) {
		if fd, ok := New(s, lang, code, f.Sheet, cell, msg, hint); ok {
			out = append(out, fd)
		}
	}
	var sumW, sumS decimal.Decimal
	full := len(f.Indicators) > 0
	for _, in := range f.Indicators {
		sumW, sumS = sumW.Add(in.Weight), sumS.Add(in.Score)
		if in.Weight.IsZero() || in.Score.LessThan(in.Weight) {
			full = false
		}
	}
	// 虚高: (s − e) ÷ s > margin, s the indicators' score share, e the
	// execution score share (the rate, capped at 100 %, for a kind that
	// scores no execution).
	if sumW.IsPositive() && sumS.IsPositive() {
		var e *decimal.Decimal
		switch {
		case f.ExecWeight.IsPositive():
			v := f.ExecScore.Div(f.ExecWeight)
			e = &v
		case f.Rate != nil:
			v := decimal.Min(*f.Rate, hundred).Div(hundred)
			e = &v
		}
		if e != nil {
			share := sumS.Div(sumW)
			gap := share.Sub(*e).Div(share).Mul(hundred)
			if gap.GreaterThan(s.InflatedMargin) {
				add(Inflated, "", []any{pct(share.Mul(hundred)), pct(e.Mul(hundred)), pct(gap), pct(s.InflatedMargin)},
					[]any{pct(e.Mul(hundred))})
			}
		}
	}
	if f.Rate != nil && f.Rate.LessThan(s.LowExecutionBelow) {
		add(LowExecution, "", []any{pct(*f.Rate), pct(s.LowExecutionBelow)}, nil)
	}
	if full {
		add(AllFullMarks, "", []any{len(f.Indicators)}, nil)
	}
	outputs := map[string]bool{}
	for _, in := range f.Indicators {
		if isLevel(in.Level1, "产出") {
			outputs[key(in.Name)] = true
		}
	}
	dup := map[string]bool{}
	for _, in := range f.Indicators {
		if (strings.Contains(in.Level1, "成本") || strings.Contains(in.Level2, "成本")) && greaterEqual(in.Target) {
			add(CostTarget, targetCell(in.Cell), []any{in.Name, in.Target}, nil)
		}
		if k := key(in.Name); k != "" && isLevel(in.Level1, "效益") && outputs[k] && !dup[k] {
			dup[k] = true
			add(DuplicateLevels, nameCell(in.Cell), []any{in.Name}, nil)
		}
		if strings.Contains(in.Name+in.Level2, "满意") {
			for _, w := range noComplaint {
				if strings.Contains(in.Actual, w) || strings.Contains(in.Reason, w) {
					add(Satisfaction, in.Cell, []any{in.Name, w}, nil)
					break
				}
			}
		}
	}
	if f.Initial != nil && f.Budget != nil && f.Initial.IsPositive() {
		share := f.Budget.Sub(*f.Initial).Abs().Div(*f.Initial).Mul(hundred)
		if share.GreaterThanOrEqual(s.AdjustedShare) && f.Total.GreaterThan(s.AdjustedTotalAbove) && !explained(f) {
			add(Adjusted, "", []any{pct(share), pct(s.AdjustedShare), f.Total.StringFixed(2), s.AdjustedTotalAbove.String()}, nil)
		}
	}
	return out
}

// noComplaint are the words that show a satisfaction claimed without a survey.
var noComplaint = []string{"未收到投诉", "没有收到投诉", "无投诉", "没有投诉", "零投诉", "无不满意", "未发生投诉"}

// explained reports whether the form says anything about its budget being
// adjusted.
func explained(f *Facts) bool {
	for _, t := range f.Texts {
		for _, w := range []string{"调整", "追加", "调减", "调增", "追减"} {
			if strings.Contains(t.Text, w) {
				return true
			}
		}
	}
	return false
}

func isLevel(label, word string) bool { return strings.Contains(label, word) }

func greaterEqual(target string) bool {
	t := strings.TrimSpace(target)
	return strings.HasPrefix(t, "≥") || strings.HasPrefix(t, ">=") || strings.HasPrefix(t, "＞＝") ||
		strings.HasPrefix(t, "＞") || strings.HasPrefix(t, ">") || strings.HasPrefix(t, "不低于") || strings.HasPrefix(t, "大于")
}

// key is an indicator name as compared: no spaces, half-width.
func key(name string) string { return form.NormalizeName(name) }

// targetCell and nameCell move from the score cell (column G of mof2020) to
// the target (D) and name (C) cells of the same row; other layouts keep the
// score cell.
func targetCell(score string) string { return moveCol(score, 'G', 'D') }
func nameCell(score string) string   { return moveCol(score, 'G', 'C') }

func moveCol(ref string, from, to byte) string {
	if len(ref) > 1 && ref[0] == from && ref[1] >= '0' && ref[1] <= '9' {
		return string(to) + ref[1:]
	}
	return ref
}

// Batch runs the checks across forms: text of at least CopiedMinChars
// characters that is the same in forms of different units. It returns the
// findings per form, by index of facts; names are how the findings name
// the other form (its file).
func Batch(facts []*Facts, names []string, p *validate.Profile, lang validate.Lang) map[int][]form.Finding {
	if p == nil {
		p = validate.DefaultProfile()
	}
	min := int(p.Review.CopiedMinChars.IntPart())
	type at struct {
		form int
		text Text
	}
	seen := map[string][]at{}
	for i, f := range facts {
		if f == nil {
			continue
		}
		for _, t := range f.Texts {
			k := form.NormalizeName(t.Text)
			if utf8.RuneCountInString(k) < min {
				continue
			}
			seen[k] = append(seen[k], at{i, t})
		}
	}
	out := map[int][]form.Finding{}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		list := seen[k]
		for _, a := range list {
			for _, b := range list {
				ua, ub := form.NormalizeName(facts[a.form].Unit), form.NormalizeName(facts[b.form].Unit)
				if a.form == b.form || ua == ub {
					continue
				}
				if fd, ok := New(p.Review, lang, CopiedText, facts[a.form].Sheet, a.text.Cell,
					[]any{a.text.Label, names[b.form], facts[b.form].Unit}, nil); ok {
					out[a.form] = append(out[a.form], fd)
				}
				break // one finding per text: it names the first other unit
			}
		}
	}
	return out
}

// FullMarksShare is the batch view of review.all_full_marks: per 主管部门,
// how many of its forms have every indicator at full marks.
type FullMarksShare struct {
	Department  string
	Forms, Full int
}

// FullMarks returns the share of forms at full marks per 主管部门, in order of
// first appearance.
func FullMarks(facts []*Facts) []FullMarksShare {
	var out []FullMarksShare
	at := map[string]int{}
	for _, f := range facts {
		if f == nil {
			continue
		}
		i, ok := at[f.Department]
		if !ok {
			i = len(out)
			at[f.Department] = i
			out = append(out, FullMarksShare{Department: f.Department})
		}
		out[i].Forms++
		full := len(f.Indicators) > 0
		for _, in := range f.Indicators {
			if in.Weight.IsZero() || in.Score.LessThan(in.Weight) {
				full = false
			}
		}
		if full {
			out[i].Full++
		}
	}
	return out
}
