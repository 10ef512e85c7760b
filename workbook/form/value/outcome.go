package value

import "strings"

// Band is the outcome of a qualitative indicator (RULES §2.3).
type Band string

// Outcome bands; Unknown is text the rules do not recognise.
const (
	Unknown     Band = ""
	Achieved    Band = "达成"
	Partial     Band = "部分达成"
	NotAchieved Band = "未达成"
)

// achievedHeads and achievedTails spell 达成 outcomes: a head followed by
// one of the tails (达成指标, 已完成年度指标 …).
var (
	achievedHeads = []string{"达成", "已达成", "全部达成", "完成", "已完成", "全部完成"}
	achievedTails = []string{"", "指标", "年度指标", "预期指标", "目标", "年度目标", "预期目标", "绩效目标", "年度绩效目标"}
	partialHeads  = []string{"部分达成", "部分完成"}
	missedHeads   = []string{"未达成", "未完成", "没有达成", "没有完成"}
)

// Outcome classifies a qualitative actual (实际完成值) written against target:
// 达成 / 达成指标 / 达成年度指标 / 达成预期指标 / 已完成 / 完成, or the same
// text as the target, are Achieved; text starting 部分达成 or 部分完成 is
// Partial; text starting 未达成 or 未完成 is NotAchieved; anything else is
// Unknown. Spacing, width and a final full stop do not matter.
func Outcome(actual, target string) Band {
	a := trimStop(Normalize(actual))
	if a == "" {
		return Unknown
	}
	if t := trimStop(Normalize(target)); t != "" && a == t {
		return Achieved
	}
	for _, h := range missedHeads {
		if strings.HasPrefix(a, h) {
			return NotAchieved
		}
	}
	for _, h := range partialHeads {
		if strings.HasPrefix(a, h) {
			return Partial
		}
	}
	for _, h := range achievedHeads {
		if rest, ok := strings.CutPrefix(a, h); ok {
			for _, t := range achievedTails {
				if rest == t {
					return Achieved
				}
			}
		}
	}
	return Unknown
}

func trimStop(s string) string { return strings.TrimRight(s, "。.!！;；") }
