package validate

import (
	"slices"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// The seed forms of /work/shared/seeds, transcribed cell by cell into the
// template layout. They are foreign workbooks: every computed cell is typed.

// seedMOF1 is 合作交流工作业务经费 (97.78 优). 一级 and 二级 are written once per
// merged block, as a reader that does not repeat merged values gives them.
func seedMOF1() *builder {
	return mof().
		field("project", "合作交流工作业务经费").
		field("department", "上海市人民政府合作交流办公室").
		field("unit", "上海市人民政府合作交流办公室").
		field("goal", "贯彻执行国家战略,完成市委、市政府确定的年度对口支援与合作交流工作任务，实施合作交流、课题研究、审计、绩效评价、党建、门户网站维护、信息专刊等工作，确保年度工作有序、有效、有力推进落实。").
		field("achieved", "通过实施该项目，确保合作交流工作、课题研究、驻外办经济责任审计、绩效评价、党建工作、合作交流门户网站内容维护、信息专刊等任务顺利开展，助力完成年度对口支援与合作交流工作任务 ，为市合作交流办贯彻执行市委、市政府的工作要求提供了有力保障。").
		grid("total", "161.05", "161.05", "125.35").
		gridCell("total", "weight", "10.00").gridCell("total", "rate", "77.83").gridCell("total", "score", "7.78").
		grid("appropriation", "161.05", "161.05", "125.35").gridCell("appropriation", "rate", "77.83").
		grid("carryover", "0.00", "0.00", "0.00").gridCell("carryover", "rate", "0.00").
		grid("other", "0.00", "0.00", "0.00").gridCell("other", "rate", "0.00").
		row("成本指标", "经济成本指\n标", "成本控制", "相关经费按照标准执行", "达成指标", "20.00", "20.00", "").
		row("产出指标", "数量指标", "差旅支出保障到位率", "=100(%)", "100.00(%)", "2.00", "2.00", "").
		row("", "", "完成年度计划课题数", "≥6.00(个)", "12.00(个)", "2.00", "2.00", "").
		row("", "", "审计项目数量", "≥1.00(个)", "5.00(个)", "2.00", "2.00", "").
		row("", "", "开展党员学习培训次数", "≥4.00(次)", "12.00(次)", "2.00", "2.00", "").
		row("", "", "开展第三方绩效评价重点项目个数", "≥1.00(个)", "2.00(个)", "2.00", "2.00", "").
		row("", "", "信息公开数量", "≥50.00(条)", "103.00(条)", "2.00", "2.00", "").
		row("", "", "信息专刊编撰印刷发放数量", "≥10.00(期)", "13.00(期)", "2.00", "2.00", "").
		row("", "质量指标", "调研目的达到率", "=100(%)", "100.00(%)", "3.00", "3.00", "").
		row("", "", "课题评审通过率", "=100.00(%)", "100.00(%)", "3.00", "3.00", "").
		row("", "", "党建活动人员覆盖率", "=100.00(%)", "100.00(%)", "3.00", "3.00", "").
		row("", "", "绩效评价报告质量", "好", "达成指标", "3.00", "3.00", "").
		row("", "", "数据按要求上传", "符合要求", "达成指标", "2.00", "2.00", "").
		row("", "", "信息专刊准确率", "≥90.00(%)", "98.00(%)", "2.00", "2.00", "").
		row("", "时效指标", "工作计划及时完成率", "=100(%)", "100.00(%)", "10.00", "10.00", "").
		row("效益指标", "社会效益指\n标", "对口支援与合作交流工作的支撑作用", "有效支撑", "达成指标", "8.00", "8.00", "").
		row("", "", "课题成果应用情况", "有效应用", "达成指标", "8.00", "8.00", "").
		row("", "可持续影响\n指标", "信息共享", "有效推动信息渠道畅通", "达成指标", "7.00", "7.00", "").
		row("", "", "跨部门协作情况", "良好", "达成指标", "7.00", "7.00", "").
		foot("100.00", "97.78", "优")
}

// seedMOF2 is 机关服务费 (100.00 优). 一级 and 二级 are repeated on every row,
// as a reader that fills merged values gives them.
func seedMOF2() *builder {
	return mof().
		field("project", "机关服务费").
		field("department", "上海市人民政府合作交流办公室").
		field("unit", "上海市人民政府合作交流办公室").
		field("goal", "保障本单位日常公务活动，为履行上海市委、市政府赋予本单位的工作职责提供必要的交通人力资源服务。").
		field("achieved", "全年认真保障本单位日常公务活动，为履行上海市委、市政府赋予本单位的工作职责提供周到细致的交通人力资源服务 。").
		grid("total", "14.00", "14.00", "14.00").
		gridCell("total", "weight", "10.00").gridCell("total", "rate", "100.00").gridCell("total", "score", "10.00").
		grid("appropriation", "14.00", "14.00", "14.00").gridCell("appropriation", "rate", "100.00").
		grid("carryover", "0.00", "0.00", "0.00").gridCell("carryover", "rate", "0.00").
		grid("other", "0.00", "0.00", "0.00").gridCell("other", "rate", "0.00").
		row("成本指标", "经济成本指标", "成本控制", "经费按照定额\n标准执行", "达成指标", "20.00", "20.00", "").
		row("产出指标", "数量指标", "公务车保障出勤率", "=100(%)", "100.00(%)", "10.00", "10.00", "").
		row("产出指标", "质量指标", "公务车保障满意率", "≥90(%)", "100.00(%)", "10.00", "10.00", "").
		row("产出指标", "时效指标", "公务车保障完成率", "=100(%)", "100.00(%)", "20.00", "20.00", "").
		row("效益指标", "经济效益指标", "机关办公效率提高程度", "有效保障", "达成指标", "5.00", "5.00", "").
		row("效益指标", "社会效益指标", "体现管理部门高效、先进、积极的健康\n形象", "规范", "达成指标", "5.00", "5.00", "").
		row("效益指标", "生态效益指标", "项目环保达标", "=100(%)", "100.00(%)", "5.00", "5.00", "").
		row("效益指标", "可持续影响指标", "实施管理制度措施的延续性", "可延续实施", "达成指标", "3.00", "3.00", "").
		row("效益指标", "可持续影响指标", "设施设备的延续利用情况", "大部分能延续\n利用", "达成指标", "2.00", "2.00", "").
		row("满意度指标", "服务对象满意度指标", "服务对象的满意度", "≥90(%)", "100.00(%)", "10.00", "10.00", "").
		foot("100.00", "100.00", "优")
}

// seedMOF3 is 驻外办驻外工作经费 (93.52 优), with the explained deduction on
// 服务保障干部数.
func seedMOF3() *builder {
	return mof().
		field("project", "驻外办驻外工作经费").
		field("department", "上海市人民政府合作交流办公室").
		field("unit", "上海市人民政府合作交流办公室").
		field("goal", "加强驻外办干部队伍建设，做好对本市驻外办干部的关心关怀，为驻外办干部购买保险、开展节日慰问、体检等工作。").
		field("achieved", "2024年，按计划开展本市驻外办干部的关心关爱工作，为驻外办干部购买保险、开展节日慰问并分批实施体检。").
		grid("total", "17.15", "17.15", "12.90").
		gridCell("total", "weight", "10.00").gridCell("total", "rate", "75.21").gridCell("total", "score", "7.52").
		grid("appropriation", "17.15", "17.15", "12.90").gridCell("appropriation", "rate", "75.21").
		grid("carryover", "0.00", "0.00", "0.00").gridCell("carryover", "rate", "0.00").
		grid("other", "0.00", "0.00", "0.00").gridCell("other", "rate", "0.00").
		row("成本指标", "经济成本指标", "按标准执行", "按照定额标准\n执行", "达成指标", "10.00", "10.00", "").
		row("", "", "成本控制率", "≤100.00(%)", "100.00(%)", "10.00", "10.00", "").
		row("产出指标", "数量指标", "服务保障干部数", "≤55(人)", "40.00(人)", "20.00", "16.00", "驻外办实际配备人数为40人;将提升\n绩效指标的精准性。").
		row("", "质量指标", "服务保障覆盖率", "=100.00(%)", "100.00(%)", "10.00", "10.00", "").
		row("", "时效指标", "年度任务完成及时", "12月底前完成", "达成指标", "10.00", "10.00", "").
		row("效益指标", "社会效益指标", "驻外办服务保障水平", "提升显著", "达成指标", "5.00", "5.00", "").
		row("", "", "对驻外办工作的支持作用", "进一步提升", "达成指标", "5.00", "5.00", "").
		row("", "可持续影响指标", "驻外办干部服务保障的能力", "持续提高驻外\n办工作质效", "达成指标", "10.00", "10.00", "").
		row("满意度指标", "服务对象满意度指标", "服务干部满意度", "≥90.00(%)", "90.00(%)", "10.00", "10.00", "").
		foot("100.00", "93.52", "优")
}

// seedSH is the 2019 驻昆明办事处 form (89 良, rate 98.75%).
func seedSH() *builder {
	const (
		input  = "投入与管理（36分）"
		output = "产出目标（34分）"
		effect = "效果目标（15分）"
		impact = "影响力目标（15分）"
	)
	return sh().
		field("project", "合作交流工作业务费").
		field("unit", "上海市人民政府驻昆明办事处").
		field("division", "援外服务处、联络协调处、综合管理\n处").
		field("recurring", "是").
		field("budget", "1,040,000.00").
		field("prior_budget", "1,160,000.00").
		field("spent", "1,027,026.81").
		field("rate", "%0.9875").
		field("goal", "按照当好“政务联络桥梁、服务保障基地、经济合作纽带、信息交流平台”要求，坚持积极参与、精准聚焦、创新方式、优势互补原则，全力做好东西部扶贫协作和对口支援工作。").
		field("date", "2020-3-31").
		field("grade", "良好").
		field("performance", "1、通过服务对口支援工作经费，有效保障了市政府驻昆明办事处参与对口支援工作的开展。").
		field("problems", "2019年恰逢援外干部人才轮换大年，新到岗干部有一个熟悉适应过程，部门协作有待加强；援滇项目实施受云南雨季的影响，影响了项目进展实施。").
		field("measures", "项目立项时，切实充分论证其可行性，充分考虑实际工作情况，提高项目预算编制的前瞻性和科学性；项目实施过程中，密切跟踪实施情况，切实提升项目影响力。").
		grouped(input, "", "资金使用的合规性", "项目资金使用是否符合相关法律法规、制度和规定，项目资金使用是否规范和安全。", "6", "6", "").
		grouped(input, "", "预算执行率", "反应项目预算执行的进度", "8", "8", "").
		grouped(input, "", "项目设立的规范性", "项目的申请、设立过程是否符合相关要求，用以反映和考核项目立项的规范情况。", "5", "5", "").
		grouped(input, input, "财务（资产）管理制度的健全性和执行的有效性", "项目的财务制度是否健全、完善、有效。", "5", "5", "").
		grouped(input, "", "绩效目标合理性", "项目所设定的绩效目标是否依据充分，是否符合客观实际，绩效目标与预算是否匹配。", "8", "8", "").
		grouped(input, "", "项目管理制度的健全性和执行的有效性", "与项目直接相关的业务管理制度是否健全、完善和有效。", "4", "4", "").
		grouped(output, "", "完成工作任务数量", "项目计划的实际完成情况，用以反映和考核项目产出数量目标的实现程度。", "12", "12", "").
		grouped(output, output, "完成项目预期规模及要点要求", "项目实际完成规模和要点是否符合预期要求。", "11", "9", "").
		grouped(output, "", "完成工作任务质量", "考察援滇项目产出效益", "11", "11", "").
		grouped(effect, "", "服务对象满意度", "使服务对象对扶贫工作满意度不断提升", "4", "3", "").
		grouped(effect, effect, "课题转化成果率", "课题成果是否运用到工作中，用以反映课题成果的实用价值。", "3", "3", "").
		grouped(effect, "", "社会效益和经济效益", "贫困户医疗、教育、住房、安全用水条件提升；贫困户增收。", "8", "6", "").
		grouped(impact, impact, "部门协助情况", "项目管理多方协同，干部人才密切配合。", "8", "4", "").
		grouped(impact, "", "长效机制建立情况", "考察是否与建立援滇项目长效管理、干部人才服务机制。", "7", "5", "").
		foot("100", "89")
}

func TestSeeds(t *testing.T) {
	tests := []struct {
		name      string
		b         *builder
		total     string
		grade     string
		execution Execution
		findings  []string
	}{
		{"合作交流工作业务经费", seedMOF1(), "97.78", "优",
			Execution{Budget: d("161.05"), Spent: d("125.35"), Rate: d("77.83"), Weight: d("10"), Score: d("7.78")},
			[]string{
				"info indicator.missing_satisfaction A13",
				"warning deviation.large_unexplained E15",
				"warning deviation.large_unexplained E16",
				"warning deviation.large_unexplained E17",
				"warning deviation.large_unexplained E18",
				"warning deviation.large_unexplained E19",
				"info weights.split F32",
			}},
		{"机关服务费", seedMOF2(), "100.00", "优",
			Execution{Budget: d("14"), Spent: d("14"), Rate: d("100"), Weight: d("10"), Score: d("10")},
			[]string{"info weights.split F23"}},
		{"驻外办驻外工作经费", seedMOF3(), "93.52", "优",
			Execution{Budget: d("17.15"), Spent: d("12.90"), Rate: d("75.21"), Weight: d("10"), Score: d("7.52")},
			[]string{"info score.deduction_explained G15", "info weights.split F22"}},
		{"驻昆明办事处 sh2019", seedSH(), "89.00", "良",
			Execution{Budget: d("1040000"), Spent: d("1027026.81"), Rate: d("98.75")},
			[]string{
				"warning deviation.reason_missing E19",
				"warning deviation.reason_missing E21",
				"warning deviation.reason_missing E23",
				"warning deviation.reason_missing E24",
				"warning deviation.reason_missing E25",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.b.build()
			res := Check(f, DefaultProfile(), Chinese)
			if got := res.Total.StringFixed(2); got != tt.total || res.Grade != tt.grade {
				t.Errorf("total, grade = %s, %s; want %s, %s", got, res.Grade, tt.total, tt.grade)
			}
			e := res.Execution
			if e == nil || !e.Budget.Equal(tt.execution.Budget) || !e.Spent.Equal(tt.execution.Spent) || !e.Rate.Equal(tt.execution.Rate) ||
				!e.Weight.Equal(tt.execution.Weight) || !e.Score.Equal(tt.execution.Score) {
				t.Errorf("execution = %+v, want %+v", e, tt.execution)
			}
			equalLines(t, "findings", summary(res.Findings), tt.findings)
			equalLines(t, "writes (a foreign seed has every computed cell typed)", writesSummary(res.Writes), []string{})
			if res.Project == "" || res.Kind != f.Kind.Name || len(res.Indicators) != len(f.Rows) {
				t.Errorf("project %q kind %q indicators %d, want the seed's (%d rows)", res.Project, res.Kind, len(res.Indicators), len(f.Rows))
			}
		})
	}
}

// The seed 1 deviation warnings are the five rows with d > 30% and no reason;
// 信息专刊编撰印刷发放数量 (13 against ≥10) deviates exactly 30% and is not one.
func TestSeedDeviationRows(t *testing.T) {
	res := seedMOF1().check()
	var names []string
	for _, f := range res.Findings {
		if f.Code == "deviation.large_unexplained" {
			for _, ind := range res.Indicators {
				if ind.Cell[1:] == f.Cell[1:] {
					names = append(names, ind.Name)
				}
			}
		}
	}
	equalLines(t, "rows", names, []string{"完成年度计划课题数", "审计项目数量", "开展党员学习培训次数", "开展第三方绩效评价重点项目个数", "信息公开数量"})
}

// Stamped copies of the seeds get every computed cell written.
func TestSeedWritesStamped(t *testing.T) {
	res := seedMOF3().stamped().check()
	equalLines(t, "writes", writesSummary(res.Writes), []string{
		"F6=10.00", "G6=75.21", "H6=7.52", "G7=75.21", "G8=0.00", "G9=0.00", "F22=100.00", "G22=93.52", "F23=优",
	})
	res = seedSH().stamped().check()
	equalLines(t, "writes", writesSummary(res.Writes), []string{"E5=0.99", "D26=100.00", "E26=89.00", "E7=良"})
	if w := res.Writes[0]; !w.Number.Equal(d("0.9875")) {
		t.Errorf("rate written into a percent cell = %s, want the fraction 0.9875", w.Number)
	}
}

func TestSeedIndicators(t *testing.T) {
	res := seedMOF3().check()
	got := res.Indicators[2]
	max := d("20")
	want := Indicator{Cell: "G15", Level1: "产出指标", Level2: "数量指标", Name: "服务保障干部数", Target: "≤55(人)", Actual: "40.00(人)",
		Weight: d("20"), Score: d("16"), ComputedMax: &max}
	if got.Cell != want.Cell || got.Level1 != want.Level1 || got.Level2 != want.Level2 || got.Name != want.Name ||
		got.Target != want.Target || got.Actual != want.Actual || !got.Weight.Equal(want.Weight) || !got.Score.Equal(want.Score) ||
		got.ComputedMax == nil || !got.ComputedMax.Equal(*want.ComputedMax) {
		t.Errorf("indicator = %+v, want %+v", got, want)
	}
	if q := res.Indicators[4]; q.ComputedMax != nil || q.Name != "年度任务完成及时" {
		t.Errorf("qualitative indicator = %+v, want no computed max", q)
	}
	sh := seedSH().check()
	if i := sh.Indicators[7]; i.Level1 != "产出目标" || i.Name != "完成项目预期规模及要点要求" || !i.Score.Equal(d("9")) || i.ComputedMax != nil {
		t.Errorf("sh2019 indicator = %+v", i)
	}
	_ = form.MOF2020
}

// A stamped form whose printed rate weight differs from the rules' (issued
// under other rules) gets funds.weight_mismatch at that cell, not a silent
// overwrite.
func TestStampedWeightOtherRules(t *testing.T) {
	p := DefaultProfile()
	p.ExecutionWeight, p.IndicatorTotal = d("20"), d("80")
	res := Check(seedMOF3().stamped().build(), p, Chinese)
	found := false
	for _, f := range res.Findings {
		if f.Code == "funds.weight_mismatch" {
			found = f.Cell == "F6"
		}
	}
	if !found {
		t.Errorf("no funds.weight_mismatch at F6 in %+v", res.Findings)
	}
	for _, w := range res.Writes {
		if w.Ref == "F6" {
			t.Errorf("the printed weight was overwritten: %+v", w)
		}
	}
	// with the rules it was issued under, it is written as before
	res = seedMOF3().stamped().check()
	if slices.IndexFunc(res.Findings, func(f form.Finding) bool { return f.Code == "funds.weight_mismatch" }) >= 0 {
		t.Errorf("funds.weight_mismatch under the default rules: %+v", res.Findings)
	}
}
