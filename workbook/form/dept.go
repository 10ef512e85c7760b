package form

// Natures are the values of 指标性质 on the dept form.
var Natures = []string{"定量", "定性"}

// Dept is the 部门整体支出绩效自评表: one form per department, with the
// execution rate weighted 10 and indicator weights making 90, each indicator
// scored as 得分系数 × 指标权重 (RULES §3a). It is laid out like the
// published budget-system form (Chongqing 2021); 一级指标 and 二级指标 are
// printed but optional, since many provinces print a flat list. The reader
// also knows the columns of the regional variants: 计算符号 (Tianjin) and
// the 年度绩效目标 an indicator hangs under (Hubei). Amounts in 万元.
var Dept = register(&Kind{
	Name:     "dept",
	Official: "部门整体支出绩效自评表",
	Title:    "部门整体支出绩效自评表",
	Heading:  []string{"部门整体支出绩效自评表", "（{year}年度）"},
	Sheet:    "部门整体自评表",
	Unit:     "万元",
	Widths:   []float64{9, 10, 22, 8, 8, 12, 12, 12, 9, 9, 9, 8, 26},

	// Published forms drop 支出 or put the year and the department in front:
	// 2021年度部门整体绩效自评表, 部门整体支出绩效自评表（2021年度）.
	TitleAliases: []string{"部门整体绩效自评表", "部门整体支出绩效自评"},

	Statics: []Static{
		{At: "A7:A8", Text: "当年\n绩效\n目标"},
	},
	Fields: []Field{
		// Key "project" so that reports and roll-ups name the department as
		// they name a project.
		{Key: "project", Label: "部门（单位）名称", Aliases: []string{"部门(单位)名称", "部门名称", "单位名称", "预算部门", "部门（单位）"},
			Signed: []string{"填报单位（盖章）", "填报单位(盖章)", "填报单位", "填报部门（盖章）", "填报部门", "填表单位"},
			Type:   Text, Required: true, Row: 3, LabelAt: "A:B", ValueAt: "C:G", Prompt: "填写部门（单位）全称"},
		{Key: "department", Label: "主管部门", Aliases: []string{"主管部门及代码"}, Type: Text, Optional: true, Row: 3, LabelAt: "H:I", ValueAt: "J:M",
			Prompt: "填写主管部门全称"},
		{Key: "self_total", Label: "自评总分（分）", Aliases: []string{"自评总分(分)", "自评总分", "自评得分"}, Type: Score, Computed: true, Optional: true,
			Row: 4, LabelAt: "A:B", ValueAt: "C", Formula: "{field:total}"},
		{Key: "contact", Label: "联系人", Aliases: []string{"部门联系人", "单位联系人"}, Type: Text, Optional: true, Row: 4, LabelAt: "D:E", ValueAt: "F:H",
			Prompt: "填写联系人姓名"},
		{Key: "phone", Label: "联系电话", Type: Text, Optional: true, Row: 4, LabelAt: "I:J", ValueAt: "K:M", Prompt: "填写联系电话"},
		{Key: "goal", Label: "年初绩效目标", Aliases: []string{"年初目标", "年度绩效目标", "年度总体目标", "部门整体绩效目标", "预期目标"}, Type: LongText, Required: true, Row: 7, LabelAt: "B:E", Below: true, Height: 110,
			Prompt: "填写年初批复的部门整体绩效目标"},
		{Key: "goal_adjusted", Label: "全年（调整）绩效目标", Aliases: []string{"全年(调整)绩效目标", "调整后绩效目标", "全年绩效目标"}, Type: LongText, Optional: true,
			Row: 7, LabelAt: "F:I", Below: true, Prompt: "年中调整了绩效目标时填写调整后的目标；未调整填 无"},
		{Key: "achieved", Label: "全年目标实际完成情况", Aliases: []string{"全年实际完成情况", "实际完成情况", "年度目标完成情况", "年度总体目标完成情况", "总体目标完成情况"}, Type: LongText, Required: true,
			Row: 7, LabelAt: "J:M", Below: true, Prompt: "对照绩效目标，填写全年实际完成情况"},
	},
	Grid: &Grid{
		Label:    "部门预算执行情况（万元）",
		LabelAt:  "A",
		Row:      5,
		RowLabel: "B",
		Cols: []GridCol{
			{Key: "initial", Label: "年初预算数", Aliases: []string{"年初预算"}, Col: "C", Type: Amount, Prompt: "年初批复的部门预算数（万元）"},
			{Key: "budget", Label: "全年（调整）预算数", Aliases: []string{"全年(调整)预算数", "全年预算数", "调整后预算数", "全年预算"}, Col: "D", Type: Amount, Else: "initial",
				Prompt: "调整后的全年预算数（万元）"},
			{Key: "spent", Label: "全年执行数", Aliases: []string{"预算执行数", "全年执行", "实际执行数", "执行数"}, Col: "E", Type: Amount, Prompt: "全年实际支出数（万元）"},
			{Key: "rate", Label: "执行率(%)", Aliases: []string{"执行率（%）", "执行率", "预算执行率"}, Col: "F", Type: Percent, Computed: true,
				Formula: "IF(N(D{row})>0,{rule:round}(N(E{row})/D{row}*100,2),0)"},
			{Key: "weight", Label: "执行率权重", Aliases: []string{"执行率权重（分）", "权重", "分值"}, Col: "G", Type: Score, Computed: true, Value: "{rule:exec_weight}"},
			{Key: "score", Label: "执行率得分（分）", Aliases: []string{"执行率得分(分)", "执行率得分", "得分"}, Col: "H", Type: Score, Computed: true,
				Formula: "IF(N(D{row})>0,ROUND(MIN(N(E{row})/D{row},1)*G{row},2),0)"},
		},
		Rows: []GridRow{
			{Key: "total", Label: "部门预算资金", Aliases: []string{"资金", "年度资金总额", "资金总额", "合计", "部门预算", "预算资金"}},
		},
	},
	Table: Table{
		Row: 9,
		Columns: []Column{
			{Key: "level1", Label: "一级指标", Col: "A", Type: Text, Input: true, Optional: true, Prompt: "可选：一级指标，如 产出指标、效益指标"},
			{Key: "level2", Label: "二级指标", Col: "B", Type: Text, Input: true, Optional: true, Prompt: "可选：二级指标，如 数量指标、社会效益指标"},
			// Hubei hangs the indicators under each 年度绩效目标.
			{Key: "goal", Label: "年度绩效目标", Aliases: []string{"绩效目标", "年度目标"}, Type: Text, Optional: true},
			{Key: "name", Label: "指标名称", Aliases: []string{"三级指标", "指标内容"}, Col: "C", Type: Text, Input: true, Prompt: "填写指标名称"},
			{Key: "unit", Label: "计量单位", Aliases: []string{"度量单位", "单位"}, Col: "D", Type: Text, Input: true, Optional: true, Prompt: "如 %、次、篇；定性指标可不填"},
			{Key: "nature", Label: "指标性质", Aliases: []string{"指标类型", "指标属性"}, Col: "E", Type: Text, Input: true, Optional: true, Choices: Natures,
				Prompt: "选择 定量 或 定性"},
			// Tianjin prints the operator in its own column.
			{Key: "sign", Label: "计算符号", Aliases: []string{"指标方向", "运算符号", "符号"}, Type: Text, Optional: true},
			{Key: "planned", Label: "年初指标值", Aliases: []string{"年度指标值", "指标值", "目标值", "年初目标值"}, Col: "F", Type: Target, Input: true,
				Prompt: "定量：运算符+数值+单位，如 ≥6次、≤3%、100%；定性：如 高、好"},
			{Key: "adjusted", Label: "调整指标值", Aliases: []string{"调整后指标值", "全年（调整）指标值", "全年(调整)指标值"}, Col: "G", Type: Target, Input: true, Optional: true,
				Prompt: "年中调整了指标值时填写；未调整留空"},
			{Key: "actual", Label: "全年完成值", Aliases: []string{"全年实际完成值", "实际完成值", "完成值", "全年实际值", "实际值"}, Col: "H", Type: Actual, Input: true,
				Prompt: "定量：数值+单位，如 12次、98%；定性：如 高、好、达成指标"},
			{Key: "coef", Label: "得分系数(%)", Aliases: []string{"得分系数（%）", "得分系数", "完成系数"}, Col: "I", Type: Percent, Input: true, Optional: true,
				Prompt: "0–100，如 100 表示 100%；留空则按完成值自动评分"},
			{Key: "weight", Label: "指标权重(分)", Aliases: []string{"指标权重（分）", "指标权重", "权重", "分值"}, Col: "J", Type: Score, Input: true,
				Prompt: "该指标的权重；各指标权重之和为 90"},
			// 得分系数 read as the rules read it (RULES §3a): a
			// percent-formatted cell (100% typed, stored 1) and a plain
			// number of at most 1 (a fraction) are ×100, so that the
			// form computes what the report says.
			{Key: "score", Label: "指标得分(分)", Aliases: []string{"指标得分（分）", "指标得分", "得分", "自评得分"}, Col: "K", Type: Score,
				Formula: `IF(OR({col:coef}{row}="",{col:weight}{row}=""),"",ROUND(IF(OR(LEFT(CELL("format",{col:coef}{row}))="P",AND(N({col:coef}{row})>0,N({col:coef}{row})<=1)),100,1)*N({col:coef}{row})/100*N({col:weight}{row}),2))`},
			{Key: "core", Label: "是否核心指标", Aliases: []string{"核心指标"}, Col: "L", Type: YesNo, Input: true, Optional: true, Prompt: "选择 是 或 否"},
			{Key: "reason", Label: "偏差原因分析及改进措施", Aliases: []string{"偏差原因分析及改进措施（如有）", "偏差原因及改进措施", "偏差原因分析", "未完成原因分析",
				"偏差原因", "未完成原因分析及改进措施"}, Col: "M", Type: LongText, Input: true, Optional: true,
				Prompt: "得分系数低于100%时说明原因及改进措施；核心指标必须说明"},
		},
		Rows: 25,
		End:  "总分",
	},
	Footer: []Field{
		{Key: "total_weight", Label: "总分", Aliases: []string{"合计"}, Type: Score, Computed: true, Row: 0, LabelAt: "A:I", InColumn: "weight",
			Formula: "{grid:total.weight}+SUM({col:weight}{first}:{col:weight}{last})"},
		{Key: "total", Label: "总分", Aliases: []string{"合计"}, Type: Score, Computed: true, Row: 0, InColumn: "score",
			// The execution score unrounded (RULES §2.8, §3a). 待评分
			// while an indicator row's 指标得分 is blank (no 得分系数: the
			// rules fill it when the form is scored; or a score the tool
			// filled whose row changed since), as on the project form.
			Formula: `IF(SUMPRODUCT((LEN({col:name}{first}:{col:name}{last}&{col:planned}{first}:{col:planned}{last}&{col:actual}{first}:{col:actual}{last})>0)*(LEN({col:score}{first}:{col:score}{last})=0))>0,"待评分",ROUND(IF(N({grid:total.budget})>0,MIN(N({grid:total.spent})/{grid:total.budget},1)*{grid:total.weight},0)+SUM({col:score}{first}:{col:score}{last}),2))`},
		{Key: "grade", Label: "评分等级", Aliases: []string{"绩效等级", "等级", "自评等级"}, Type: Grade, Computed: true, Row: 1, LabelAt: "A:I", ValueAt: "J:M",
			// Blank until the budget and the spending are typed and every
			// weighted row has its score, so that no grade shows from
			// partial numbers.
			// 待更正 while the last score found errors (the status the
			// write-back records), as on the project forms.
			Formula: `IF({status}="待更正","待更正",IF(OR(N({grid:total.budget})=0,{grid:total.spent}="",COUNTBLANK({col:score}{first}:{col:score}{last})>COUNTBLANK({col:weight}{first}:{col:weight}{last})),"",IF(ISNUMBER({field:total}),IF({field:total}>={rule:excellent},"优",IF({field:total}>={rule:good},"良",IF({field:total}>={rule:fair},"中","差"))),{field:total})))`},
		// Hubei adds two narratives below the table.
		{Key: "analysis", Label: "偏差大或目标未完成的原因分析", Aliases: []string{"偏差原因分析（整体）"}, Type: LongText, Optional: true, Row: 2, LabelAt: "A:C", ValueAt: "D:M",
			Height: 60, Prompt: "偏差较大或目标未完成时分析原因"},
		{Key: "measures", Label: "改进措施及结果应用方案", Aliases: []string{"改进措施及结果应用", "改进措施"}, Type: LongText, Optional: true, Row: 3, LabelAt: "A:C", ValueAt: "D:M",
			Height: 60, Prompt: "填写改进措施及结果应用方案"},
	},
})
