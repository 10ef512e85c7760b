package form

// goalBlock labels the block of the year's goal and what was achieved.
var goalBlock = []string{"年度总体目标", "总体目标"}

// MOF2020 is the Ministry of Finance 项目支出绩效自评表 (财预〔2020〕10号 layout,
// 成本指标 as a first-level indicator per 财预〔2021〕101号). Amounts in 万元.
//
// Formula placeholders (expanded by the template builder): {row} the current
// row; {first} and {last} the first and last input rows of the table;
// {col:KEY} a table column's letter; {field:KEY} a field's value cell;
// {grid:ROW.COL} a cell of the funds block.
var MOF2020 = register(&Kind{
	Name:     "mof2020",
	Official: "项目支出绩效自评表（财预〔2020〕10号）",
	Title:    "财政项目支出绩效自评表",
	Heading:  []string{"财政项目支出绩效自评表", "（{year}年度）"},
	Sheet:    "自评表",
	Unit:     "万元",
	Widths:   []float64{11, 14, 26, 16, 16, 9, 9, 30},

	// Budget systems and provinces print the title without 财政, often with
	// the year or the department in front: 2023年度部门项目支出绩效自评表.
	TitleAliases: []string{"项目支出绩效自评表", "项目绩效自评表", "项目支出绩效自评情况表", "绩效自评表"},

	Statics: []Static{
		{At: "A10:A11", Text: "年度\n总体\n目标"},
	},
	Fields: []Field{
		{Key: "project", Label: "项目名称", Type: Text, Required: true, Row: 3, LabelAt: "A:B", ValueAt: "C:H",
			Prompt: "填写预算批复的项目全称"},
		{Key: "department", Label: "主管部门", Aliases: []string{"项目主管部门", "主管单位"}, Type: Text, Required: true, Row: 4, LabelAt: "A:B", ValueAt: "C:D",
			Prompt: "填写主管部门全称"},
		{Key: "unit", Label: "实施单位", Aliases: []string{"项目实施单位", "项目单位"}, Type: Text, Required: true, Row: 4, LabelAt: "E", ValueAt: "F:H",
			Prompt: "填写实施单位全称"},
		{Key: "goal", Label: "预期目标", Aliases: []string{"项目年度目标", "年初设定目标", "年度绩效目标", "年度目标"}, Type: LongText, Required: true, Row: 10, LabelAt: "B:E", Below: true, Height: 120,
			Beside: goalBlock, Prompt: "填写年初设定的年度总体目标"},
		{Key: "achieved", Label: "实际完成情况", Aliases: []string{"年度目标完成情况", "目标实际完成情况", "年度总体目标完成情况综述", "年度目标实际完成情况", "总体目标完成情况"}, Type: LongText, Required: true, Row: 10, LabelAt: "F:H", Below: true,
			Beside: goalBlock, BesideAt: 1, Prompt: "对照预期目标，填写年度实际完成情况"},
	},
	Grid: &Grid{
		Label:    "项目资金\n（万元）",
		LabelAt:  "A",
		Row:      5,
		RowLabel: "B",
		Cols: []GridCol{
			{Key: "initial", Label: "年初预算数", Aliases: []string{"年初预算", "年初批复预算数"}, Col: "C", Type: Amount, Prompt: "年初批复的预算数（万元）"},
			{Key: "budget", Label: "全年预算数", Aliases: []string{"调整后预算数", "全年预算", "调整后预算", "预算数", "年度预算数额"}, Col: "D", Type: Amount, Else: "initial", Prompt: "调整后的全年预算数（万元）"},
			{Key: "spent", Label: "全年执行数", Aliases: []string{"预算执行数", "全年执行", "实际执行数", "执行数", "实际支出数"}, Col: "E", Type: Amount, Prompt: "全年实际支出数（万元）"},
			// The paper form heads the funds block with 分数 (the indicator table says 分值).
			{Key: "weight", Label: "分数", Aliases: []string{"分值", "权重"}, Col: "F", Type: Score, Computed: true, TotalOnly: true, Value: "{rule:exec_weight}"},
			{Key: "rate", Label: "执行率(%)", Aliases: []string{"执行率（%）", "执行率", "预算执行率"}, Col: "G", Type: Percent, Computed: true,
				Formula: "IF(N(D{row})>0,{rule:round}(N(E{row})/D{row}*100,2),0)"},
			{Key: "score", Label: "得分", Col: "H", Type: Score, Computed: true, TotalOnly: true,
				Formula: "IF(N(D{row})>0,ROUND(MIN(N(E{row})/D{row},1)*F{row},2),0)"},
		},
		Rows: []GridRow{
			{Key: "total", Label: "年度资金总额", Aliases: []string{"资金总额", "年度资金总额（万元）", "年度财政资金总额", "总额", "合计", "总计"}},
			{Key: "appropriation", Label: "其中：当年财政拨款", Aliases: []string{"当年财政拨款", "本年财政拨款", "其中：本年财政拨款", "财政拨款", "其中：财政拨款", "财政资金", "其中：财政资金", "财政拨款资金", "其中：财政拨款资金"}},
			{Key: "carryover", Label: "上年结转资金", Aliases: []string{"上年结转", "上年结转结余资金", "上年结转结余"}},
			{Key: "other", Label: "其他资金", Aliases: []string{"其他"}},
		},
	},
	Table: Table{
		Row: 12,
		Columns: []Column{
			{Key: "level1", Label: "一级指标", Col: "A", Type: Level1, Input: true, Prompt: "从下拉列表选择一级指标"},
			{Key: "level2", Label: "二级指标", Col: "B", Type: Level2, Input: true, Prompt: "从下拉列表选择与一级指标对应的二级指标"},
			{Key: "name", Label: "三级指标", Aliases: []string{"指标名称", "三级指标名称"}, Col: "C", Type: Text, Input: true, Prompt: "填写三级指标名称"},
			{Key: "target", Label: "年度指标值", Aliases: []string{"指标值", "年度目标值", "年初目标值", "目标值", "预期实现值", "预期指标值", "年度计划指标值"}, Col: "D", Type: Target, Input: true,
				Prompt: "定量：运算符+数值+单位，如 ≥6.00(个)、≥90(%)、≤55(人)，等于可不写运算符：100(%)；定性：如 好、及时"},
			{Key: "actual", Label: "实际完成值", Aliases: []string{"完成值", "实际值", "全年实际值", "全年完成值", "全年实际完成值", "实际完成目标", "实际完成指标值"}, Col: "E", Type: Actual, Input: true,
				Prompt: "定量：数值+单位，如 12.00(个)、98(%)；定性：达成指标/部分达成指标/未达成指标"},
			{Key: "weight", Label: "分值", Aliases: []string{"分数", "权重", "指标分值", "标准分值", "权重分"}, Col: "F", Type: Score, Input: true, Prompt: "该指标的分值（0–100）"},
			{Key: "score", Label: "得分", Aliases: []string{"自评得分", "评分", "实际得分", "自评分", "自评分值"}, Col: "G", Type: Score, Input: true,
				Prompt: "自评得分（0–分值）；定量指标留空则按规则自动计算"},
			{Key: "reason", Label: "偏差原因分析及改进措施", Aliases: []string{"偏差原因分析及改进措施（如有）", "偏差原因及改进措施",
				"偏差原因分析", "未完成原因分析", "偏差原因", "未完成原因分析及改进措施", "偏差原因及改进措施分析"}, Col: "H",
				Type: LongText, Input: true, Prompt: "未满分或偏差超过30%时必须说明原因及改进措施"},
		},
		Rows: 20,
		End:  "总分",
	},
	Footer: []Field{
		{Key: "total_weight", Label: "总分", Aliases: []string{"合计", "总计", "自评总分"}, Type: Score, Computed: true, Row: 0, LabelAt: "A:E", InColumn: "weight",
			Formula: "{grid:total.weight}+SUM({col:weight}{first}:{col:weight}{last})"},
		{Key: "total", Label: "总分", Aliases: []string{"合计", "总计", "自评总分", "自评得分"}, Type: Score, Computed: true, Row: 0, InColumn: "score",
			// 待评分 while an indicator row's 得分 is blank: the rules fill
			// it when the form is scored, and a sum without it is no total.
			// The execution score unrounded, as RULES §2.8 adds it (the
			// funds block shows it rounded): 7.5218 + 82.474 is 90.00.
			Formula: `IF(SUMPRODUCT((LEN({col:name}{first}:{col:name}{last}&{col:target}{first}:{col:target}{last}&{col:actual}{first}:{col:actual}{last})>0)*(LEN({col:score}{first}:{col:score}{last})=0))>0,"待评分",ROUND(IF(N({grid:total.budget})>0,MIN(N({grid:total.spent})/{grid:total.budget},1)*{grid:total.weight},0)+SUM({col:score}{first}:{col:score}{last}),2))`},
		{Key: "grade", Label: "评分等级", Aliases: []string{"绩效等级", "等级", "自评等级", "评价等级"}, Type: Grade, Computed: true, Row: 1, LabelAt: "A:E", ValueAt: "F:H",
			// 待更正 while the last score found errors (the status the
			// write-back records), whatever is typed since; blank until the
			// budget and the spending are typed, so that an empty or
			// prefilled template shows no grade; 待评分 while the total is.
			Formula: `IF({status}="待更正","待更正",IF(OR(N({grid:total.budget})=0,{grid:total.spent}=""),"",IF(ISNUMBER({field:total}),IF({field:total}>={rule:excellent},"优",IF({field:total}>={rule:good},"良",IF({field:total}>={rule:fair},"中","差"))),{field:total})))`},
	},
})
