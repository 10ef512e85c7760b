package validate

import (
	"sort"

	"github.com/selfeval/selfeval/workbook/form"
)

// CodeInfo describes one finding code: its severity and its message and hint
// templates in Chinese and English. Templates use {0}, {1} … for the
// finding's arguments.
type CodeInfo struct {
	Code     string
	Severity string // "error", "warning" or "info"
	Zh, En   string // message templates
	HintZh   string // hint templates: how to fix it
	HintEn   string
}

const (
	sevError   = string(form.Error)
	sevWarning = string(form.Warning)
	sevInfo    = string(form.Info)
)

// codes is the catalogue. Keep it sorted by code; the README lists it.
var codes = []CodeInfo{
	{"actual.not_numeric", sevError,
		"实际完成值不是数值：{0}", "the actual value is not a number: {0}",
		"年度指标值为定量（{1}），请填写实测数值，如 {2}", "the target is quantitative ({1}); write the measured value, e.g. {2}"},
	{"actual.required", sevError,
		"实际完成值未填写", "the actual value is blank",
		"定量指标填写实测数值（如 {0}），定性指标填写 达成指标 / 部分达成指标 / 未达成指标", "write the measured value for a quantitative target (e.g. {0}), or 达成指标 / 部分达成指标 / 未达成指标"},
	{"actual.unit_mismatch", sevWarning,
		"实际完成值的单位“{0}”与年度指标值的单位“{1}”不同", "the actual's unit “{0}” differs from the target's unit “{1}”",
		"请使用与年度指标值相同的单位（{1}）", "use the target's unit ({1})"},
	{"actual.unknown_outcome", sevWarning,
		"实际完成值“{0}”不是可识别的完成情况", "the actual “{0}” is not a recognised outcome",
		"请填写 达成指标、部分达成指标 或 未达成指标；得分仅按 0–{1} 检查", "write 达成指标, 部分达成指标 or 未达成指标; the score is only checked against 0–{1}"},
	{"cell.formula", sevWarning,
		"{0}处应填写数值，而不是公式", "{0} should hold a value, not a formula",
		"请把公式替换为数值（复制后选择性粘贴为数值）", "replace the formula with its value (copy, paste as values)"},
	{"cell.formula_text", sevInfo,
		"{0}中的“{1}”被表格程序当作公式，已按输入的文字读取", "“{1}” in {0} was taken for a formula by the spreadsheet; it is read as the text typed",
		"该单元格应为文本格式；可直接输入如 ≥90(%)、100(%)，不以 = 开头", "the cell should be formatted as text; type e.g. ≥90(%) or 100(%), not starting with ="},
	{"cell.not_finite", sevError,
		"{0}的值“{1}”不是有限的数值（NaN 或无穷大）", "the value “{1}” of {0} is not a finite number (NaN or infinity)",
		"请填写普通数值；Excel 和 WPS 不会写入这种值，可能是其他程序生成或改动了文件", "type an ordinary number; Excel and WPS never write such a value, so another program made or changed the file"},
	{"deviation.explained", sevInfo,
		"实际完成值 {0} 与年度指标值 {1} 偏离 {2}%，已说明原因", "the actual {0} deviates {2}% from the target {1}; a reason is given",
		"偏离度超过 {3}%，原因已说明", "the deviation exceeds {3}% and is explained"},
	{"deviation.large_unexplained", sevWarning,
		"实际完成值 {0} 与年度指标值 {1} 偏离 {2}%，超过 {3}%，未说明原因", "the actual {0} deviates {2}% from the target {1}, over {3}%, with no reason given",
		"请在“偏差原因分析及改进措施”中说明偏差原因{4}", "explain the deviation in 偏差原因分析及改进措施{4}"},
	{"deviation.reason_missing", sevWarning,
		"自评分 {0} 低于权重 {1}，备注未说明扣分原因", "the score {0} is below the weight {1} and 备注 gives no reason",
		"请在该行备注中说明扣分原因（主要问题是全表的总体说明，填写它不能消除本提示）", "explain the deduction in this row's 备注 (主要问题 speaks for the whole form and does not clear this warning)"},
	{"field.invalid", sevWarning,
		"{0}的值“{1}”无法识别", "the value “{1}” of {0} is not recognised",
		"{2}", "{2}"},
	{"form.label_missing", sevError,
		"找不到“{0}”", "cannot find “{0}”",
		"请勿删除或改动表中的标签文字", "do not delete or change the form's labels"},
	{"form.row_absent", sevInfo,
		"表中没有“{0}”行", "the form has no “{0}” row",
		"按没有该行处理：其数值不参与校验，计算结果见“校验结果”工作表", "read as a form without that row: nothing of it is checked, and computed results are in the 校验结果 sheet"},
	{"form.stale", sevInfo,
		"本表评分后又经修改，表内以下数字已过期：{0}", "the form was edited after it was scored; these figures in it are out of date: {0}",
		"重新运行 score 即可更新这些数字", "run score again to bring them up to date"},
	{"funds.adjusted", sevInfo,
		"年初预算数 {0} 与全年预算数 {1} 不同（年中调整了预算）", "the initial budget {0} differs from the full-year budget {1} (adjusted during the year)",
		"执行率按全年预算数计算", "the rate is computed from the full-year budget"},
	{"funds.full_width", sevWarning,
		"{0}“{1}”含全角字符，表内公式不能把它当作数字计算（本工具按 {2} 计算）", "{0} “{1}” holds full-width characters; the sheet's own formulas cannot compute with it (read here as {2})",
		"请用半角数字重新输入：{2}", "type it again with ordinary digits: {2}"},
	{"funds.negative", sevError,
		"{0}为负数（{1}）", "{0} is negative ({1})",
		"金额不能为负数", "amounts cannot be negative"},
	{"funds.not_broken_down", sevInfo,
		"资金未按来源分项填写", "the funds are not broken down by source",
		"可分别填写当年财政拨款、上年结转资金、其他资金", "fill in 当年财政拨款, 上年结转资金 and 其他资金"},
	{"funds.not_numeric", sevError,
		"{0}不是数值：{1}", "{0} is not a number: {1}",
		"请填写数值（{2}），如 161.05", "write a number ({2}), e.g. 161.05"},
	{"funds.overspent", sevWarning,
		"执行数 {0} 超过预算数 {1}（执行率 {2}%）", "spending {0} exceeds the budget {1} (rate {2}%)",
		"请核实执行数；执行率得分按分值封顶", "check the spending; the rate score is capped at its weight"},
	{"funds.percent", sevError,
		"{0}填写了百分数 {1}，应填写金额", "{0} holds a percentage {1}, not an amount",
		"请填写金额（{2}），如 161.05；不要带 % 或设为百分比格式", "write an amount ({2}), e.g. 161.05, without % or a percent format"},
	{"funds.rate_undefined", sevError,
		"预算数为 0，无法计算执行率", "the budget is 0, so the execution rate is undefined",
		"请填写调整后的全年预算数", "fill in the adjusted full-year budget"},
	{"funds.reason_missing", sevWarning,
		"执行率 {0}% 低于 {1}%，未说明原因", "the execution rate {0}% is below {1}% and no reason is given",
		"请在预算执行情况的“偏差原因”中说明执行率偏低的原因", "give the reason for the low rate in the funds block's 偏差原因"},
	{"funds.required", sevError,
		"{0}未填写", "{0} is blank",
		"请填写{0}（{1}）", "fill in {0} ({1})"},
	{"funds.score_mismatch", sevError,
		"执行率得分 {0} 与按规则计算的 {1} 不符", "the rate score {0} differs from the recomputed {1}",
		"按规则应为 {1}", "by the rules it is {1}"},
	{"funds.sum_mismatch", sevError,
		"{0}：当年财政拨款、上年结转资金、其他资金之和 {1} 与年度资金总额 {2} 不符", "{0}: the sources add up to {1}, not the total {2}",
		"三项之和为 {1}，请核对各项金额或年度资金总额", "the sources add up to {1}; check them or the total"},
	{"funds.weight_mismatch", sevError,
		"执行率分值 {0} 与规则的 {1} 不同", "the rate weight {0} differs from the rules' {1}",
		"按规则应为 {1}；地区规定不同时请用 --rules 指定规则文件", "by the rules it is {1}; use --rules for a different regional setting"},
	{"grade.mismatch", sevError,
		"评分等级“{0}”与总分 {1} 对应的“{2}”不符", "the grade “{0}” does not match “{2}” for the total {1}",
		"按规则应为 {2}", "by the rules it is {2}"},
	{"header.required", sevError,
		"{0}未填写", "{0} is blank",
		"请填写{0}", "fill in {0}"},
	{"indicator.duplicate", sevWarning,
		"三级指标“{0}”在“{1}”下重复（第 {2} 行已有）", "the indicator “{0}” appears twice under “{1}” (already on row {2})",
		"请合并或区分重复的指标", "merge the rows or tell them apart"},
	{"indicator.level1_required", sevError,
		"一级指标未填写", "the first-level indicator is blank",
		"可选：{0}", "choose one of: {0}"},
	{"indicator.level1_unknown", sevError,
		"一级指标“{0}”不在规定范围内", "the first-level indicator “{0}” is not allowed",
		"可选：{1}", "choose one of: {1}"},
	{"indicator.level2_mismatch", sevError,
		"二级指标“{0}”不属于一级指标“{1}”", "the second-level indicator “{0}” does not belong to “{1}”",
		"{1}下可选：{2}", "under {1} choose one of: {2}"},
	{"indicator.level2_required", sevError,
		"二级指标未填写", "the second-level indicator is blank",
		"{0}下可选：{1}", "under {0} choose one of: {1}"},
	{"indicator.missing_effect", sevWarning,
		"没有效益指标", "there is no 效益指标 (effect) indicator",
		"请设置经济、社会、生态效益或可持续影响指标", "add an economic, social, ecological or sustainability indicator"},
	{"indicator.missing_output", sevWarning,
		"没有产出指标", "there is no 产出指标 (output) indicator",
		"请设置数量、质量、时效等产出指标", "add quantity, quality or timeliness indicators"},
	{"indicator.missing_satisfaction", sevInfo,
		"没有满意度指标", "there is no 满意度指标 (satisfaction) indicator",
		"建议设置服务对象满意度指标", "consider a service-recipient satisfaction indicator"},
	{"indicator.name_required", sevError,
		"{0}未填写", "{0} is blank",
		"请填写{0}", "fill in {0}"},
	{"indicator.none", sevError,
		"指标表没有任何指标", "the indicator table is empty",
		"请填写绩效指标", "fill in the indicators"},
	{"narrative.expected", sevWarning,
		"总分低于 100，应填写{0}", "the total is below 100, so {0} should be filled in",
		"请说明扣分涉及的{0}", "describe the {0} behind the deductions"},
	{"narrative.required", sevError,
		"{0}未填写", "{0} is blank",
		"请填写{0}", "fill in {0}"},
	{"rate.mismatch", sevError,
		"执行率 {0} 与按规则计算的 {1} 不符", "the rate {0} differs from the recomputed {1}",
		"按规则应为 {1}", "by the rules it is {1}"},
	{"read.problem", sevWarning,
		"读取时发现问题：{0} {1}", "problem while reading: {0} {1}",
		"请检查该单元格", "check this cell"},
	{"score.above_max", sevError,
		"得分 {0} 高于按规则计算的最高分 {1}", "the score {0} exceeds the computed maximum {1}",
		"按规则应不高于 {1}（{2}）", "by the rules it is at most {1} ({2})"},
	{"score.deduction_explained", sevInfo,
		"得分 {0} 低于{1} {2}，已说明原因", "the score {0} is below the {1} {2}; a reason is given",
		"扣分原因已说明", "the deduction is explained"},
	{"score.deduction_unexplained", sevError,
		"得分 {0} 低于{1} {2}，但未说明原因", "the score {0} is below the {1} {2} but no reason is given",
		"请在“偏差原因分析及改进措施”中说明扣分原因及改进措施", "explain the deduction in 偏差原因分析及改进措施"},
	{"score.filled", sevInfo,
		"得分空白，已按规则计算填写 {0}", "the score was blank; the rules filled in {0}",
		"此得分由本工具按规则填写，不是填报人所填；如需自评，直接改写即可", "the tool filled this score by the rules, not the person; to score it yourself, type over it"},
	{"score.not_numeric", sevError,
		"{0}“{1}”不是数值", "{0} “{1}” is not a number",
		"请填写 0–{2} 之间的数值", "write a number between 0 and {2}"},
	{"score.out_of_range", sevError,
		"{0} {1} 不在 0–{2} 之间", "{0} {1} is not between 0 and {2}",
		"{0}应在 0 到分值 {2} 之间", "{0} must be between 0 and the weight {2}"},
	{"score.outside_band", sevError,
		"得分 {0} 不在“{1}”的得分区间 {2} 内", "the score {0} is outside the band {2} of “{1}”",
		"请在 {2} 内评分，或修改实际完成值", "score within {2}, or correct the actual"},
	{"score.required", sevError,
		"{0}未填写", "{0} is blank",
		"{1}", "{1}"},
	{"target.required", sevError,
		"年度指标值未填写", "the target is blank",
		"定量：运算符+数值+单位，如 ≥6.00(个)；定性：如 好、及时", "quantitative: operator, number, unit, e.g. ≥6.00(个); qualitative: e.g. 好, 及时"},
	{"target.unparsed", sevWarning,
		"年度指标值“{0}”无法识别为数值（{1}），按定性指标处理", "the target “{0}” cannot be read as a number ({1}); it is treated as qualitative",
		"定量指标请写成 运算符+数值+单位，如 ≥6.00(个)", "write a quantitative target as operator, number, unit, e.g. ≥6.00(个)"},
	{"template.row_deleted", sevError,
		"下发模板的第 {0} 行已被删除：{1}", "row {0} of the issued template was deleted: {1}",
		"请使用下发的模板重新填写，不要删除锁定的行", "fill in a fresh copy of the issued template without deleting locked rows"},
	{"template.row_inserted", sevError,
		"第 {0} 行是下发模板中没有的锁定内容：{1}", "row {0} holds locked content the issued template did not have: {1}",
		"批复的指标由下发单位确定；请删除该行，或联系下发单位", "the approved indicators are set by the issuer; remove the row or ask the issuer"},
	{"template.signature_invalid", sevError,
		"模板印记与其签名不符：{0}", "the template stamp does not match its signature: {0}",
		"请使用下发的模板重新填写；核对校验时使用的密钥与下发时相同", "fill in a fresh copy of the issued template; check that the key is the one it was issued with"},
	{"template.stamp_deleted", sevError,
		"模板印记已被删除（{0}）", "the template stamp was deleted ({0})",
		"请使用下发的模板重新填写，不要删除隐藏的印记", "fill in a fresh copy of the issued template without deleting its hidden stamp"},
	{"template.tampered", sevError,
		"锁定的内容已被改动：下发时为“{0}”，现为“{1}”", "locked content was edited: issued as “{0}”, now “{1}”",
		"请恢复下发时的内容，不要改动锁定的单元格", "restore the issued content; do not edit locked cells"},
	{"template.unknown_kind", sevError,
		"无法识别的表格类型“{0}”", "unknown form kind “{0}”",
		"请使用 selfeval template 生成的模板或官方版式", "use a template from selfeval template or the official layout"},
	{"template.unsigned", sevWarning,
		"模板印记没有签名，无法用密钥核验", "the template stamp is not signed, so the key cannot verify it",
		"下发模板时请使用 --key-file 签名", "sign templates when issuing them (--key-file)"},
	{"template.unknown_version", sevWarning,
		"模板版本“{0}”未知，按当前规则校验", "unknown template version “{0}”; checked with the current rules",
		"请使用最新的模板", "use the current template"},
	{"total.above_max", sevError,
		"总分 {0} 超过 100 分", "the total {0} is above 100",
		"请核对各指标得分不超过其分值、分值之和为 100", "check that no score exceeds its weight and that the weights add up to 100"},
	{"total.mismatch", sevError,
		"总分 {0} 与按规则计算的 {1} 不符", "the total {0} differs from the recomputed {1}",
		"按规则应为 {1}", "by the rules it is {1}"},
	{"total.weight_mismatch", sevError,
		"总分值 {0} 与按规则计算的 {1} 不符", "the total weight {0} differs from the recomputed {1}",
		"按规则应为 {1}", "by the rules it is {1}"},
	{"weight.invalid", sevError,
		"{0}“{1}”无效，须为大于 0 的数值", "{0} “{1}” is invalid; it must be a number above 0",
		"请填写该指标的{0}", "fill in the indicator's {0}"},
	{"weight.too_small", sevError,
		"{0} {1} 小于 0.01，无法按两位小数评分", "{0} {1} is below 0.01 and cannot be scored to 2 decimals",
		"{0}至少为 0.01；请按百分制填写，如 2 或 0.5", "{0} must be at least 0.01; use points out of 100, e.g. 2 or 0.5"},
	{"weights.category", sevError,
		"“{0}”各指标权重之和为 {1}，应为 {2}", "the weights under “{0}” add up to {1}, not {2}",
		"请调整权重，使该类合计为 {2}", "adjust the weights so that they add up to {2}"},
	{"weights.split", sevInfo,
		"指标分值结构为 产出（含成本）{0} / 效益 {1} / 满意度 {2}，与建议的 {3} / {4} / {5} 不同", "the weights split 产出 (with 成本) {0} / 效益 {1} / 满意度 {2}, not the recommended {3} / {4} / {5}",
		"仅为建议，可不调整", "only a recommendation"},
	{"weights.total", sevError,
		"各指标{0}之和为 {1}，应为 {2}", "the indicators' {0} add up to {1}, not {2}",
		"请调整各指标{0}，使合计为 {2}", "adjust the {0} so that they add up to {2}"},
}

var catalogueIndex = func() map[string]*CodeInfo {
	m := make(map[string]*CodeInfo, len(codes))
	for i := range codes {
		m[codes[i].Code] = &codes[i]
	}
	return m
}()

// Catalogue returns every finding code with its severity and its message and
// hint templates, sorted by code.
func Catalogue() []CodeInfo {
	out := append([]CodeInfo(nil), codes...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Lookup returns the catalogue entry of a code, or false.
func Lookup(code string) (CodeInfo, bool) {
	c, ok := catalogueIndex[code]
	if !ok {
		return CodeInfo{}, false
	}
	return *c, true
}
