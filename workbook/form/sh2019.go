package form

// SH2019 is the older Shanghai 财政项目绩效自评价 form. Amounts in 元; the
// indicator table is weighted by fixed categories.
var SH2019 = register(&Kind{
	Name:     "sh2019",
	Official: "财政项目绩效自评价（上海，2019年版式）",
	Title:    "财政项目绩效自评价",
	Heading:  []string{"{year}年度财政项目绩效自评价"},
	Sheet:    "自评价",
	Unit:     "元",
	Widths:   []float64{16, 26, 34, 12, 12, 28},
	Fields: []Field{
		{Key: "project", Label: "项目名称", Type: Text, Required: true, Row: 2, LabelAt: "A", ValueAt: "B:C", Prompt: "填写项目全称"},
		{Key: "unit", Label: "预算单位", Type: Text, Required: true, Row: 2, LabelAt: "D", ValueAt: "E:F", Prompt: "填写预算单位全称"},
		{Key: "division", Label: "具体实施处（科室）", Aliases: []string{"具体实施处(科室)", "具体实施处室"}, Type: Text, Row: 3, LabelAt: "A", ValueAt: "B:C",
			Prompt: "填写具体实施的处室"},
		{Key: "recurring", Label: "是否为经常性项目", Type: YesNo, Row: 3, LabelAt: "D", ValueAt: "E:F", Prompt: "选择 是 或 否"},
		{Key: "budget", Label: "当年预算数（元）", Aliases: []string{"当年预算数(元)", "当年预算数"}, Type: Amount, Required: true, Row: 4, LabelAt: "A", ValueAt: "B:C",
			Prompt: "当年预算数，单位：元"},
		{Key: "prior_budget", Label: "上年预算金额（元）", Aliases: []string{"上年预算金额(元)", "上年预算金额"}, Type: Amount, Row: 4, LabelAt: "D", ValueAt: "E:F",
			Prompt: "上年预算金额，单位：元"},
		{Key: "spent", Label: "预算执行数（元）", Aliases: []string{"预算执行数(元)", "预算执行数"}, Type: Amount, Required: true, Row: 5, LabelAt: "A", ValueAt: "B:C",
			Prompt: "预算执行数，单位：元"},
		{Key: "rate", Label: "预算执行率（%）", Aliases: []string{"预算执行率(%)", "预算执行率"}, Type: Percent, Computed: true, Row: 5, LabelAt: "D", ValueAt: "E:F",
			Formula: "IF(N({field:budget})>0,{rule:round}(N({field:spent})/{field:budget}*100,2),0)"},
		{Key: "goal", Label: "项目年度总目标", Type: LongText, Required: true, Row: 6, LabelAt: "A", ValueAt: "B:F", Height: 90,
			Prompt: "填写项目年度总目标"},
		{Key: "date", Label: "自评时间", Type: Date, Row: 7, LabelAt: "A", ValueAt: "B:C", Prompt: "填写自评日期，如 2020-3-31"},
		{Key: "grade", Label: "绩效等级", Type: Grade, Computed: true, Row: 7, LabelAt: "D", ValueAt: "E:F",
			Formula: `IF({status}="待更正","待更正",IF(COUNT({col:score}{first}:{col:score}{last})=0,"",IF({field:total}>={rule:excellent},"优",IF({field:total}>={rule:good},"良",IF({field:total}>={rule:fair},"中","差")))))`},
		{Key: "performance", Label: "主要绩效", Type: LongText, Required: true, Row: 8, LabelAt: "A", ValueAt: "B:F", Height: 120,
			Prompt: "填写项目取得的主要绩效"},
		{Key: "problems", Label: "主要问题", Type: LongText, Row: 9, LabelAt: "A", ValueAt: "B:F", Height: 60,
			Prompt: "填写存在的主要问题（总分低于100时必填）"},
		{Key: "measures", Label: "改进措施", Type: LongText, Row: 10, LabelAt: "A", ValueAt: "B:F", Height: 60,
			Prompt: "填写改进措施（总分低于100时必填）"},
	},
	Table: Table{
		Row: 11,
		Columns: []Column{
			{Key: "level1", Label: "一级指标", Col: "A", Type: Text},
			{Key: "name", Label: "指标名称", Col: "B", Type: Text, Input: true, Prompt: "填写指标名称"},
			{Key: "explanation", Label: "指标解释", Col: "C", Type: LongText, Input: true, Prompt: "填写指标解释"},
			{Key: "weight", Label: "权重", Aliases: []string{"分值"}, Col: "D", Type: Score, Input: true, Prompt: "该指标的权重；同一类别权重之和等于类别分值"},
			{Key: "score", Label: "自评分", Aliases: []string{"自评得分", "自评分值", "得分"}, Col: "E", Type: Score, Input: true, Prompt: "自评分（0–权重），必填"},
			{Key: "remark", Label: "备注", Col: "F", Type: LongText, Input: true, Optional: true, Prompt: "扣分时说明原因"},
		},
		Groups: []Group{
			{Key: "input", Name: "投入与管理", Weight: 36},
			{Key: "output", Name: "产出目标", Weight: 34},
			{Key: "effect", Name: "效果目标", Weight: 15},
			{Key: "impact", Name: "影响力目标", Weight: 15},
		},
		GroupCol: "level1",
		Rows:     6,
		End:      "合计",
	},
	Footer: []Field{
		{Key: "total_weight", Label: "合计", Type: Score, Computed: true, Row: 0, LabelAt: "A:C", InColumn: "weight",
			Formula: "SUM({col:weight}{first}:{col:weight}{last})"},
		{Key: "total", Label: "合计", Type: Score, Computed: true, Row: 0, InColumn: "score",
			Formula: "ROUND(SUM({col:score}{first}:{col:score}{last}),2)"}, // graded as the report grades it
	},
	// The paper form writes 项目名称：, 预算单位： …
	LabelColon: true,
})
