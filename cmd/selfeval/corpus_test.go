package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form/value"
)

// Common pieces of the published layouts.
var (
	stdFunds = []hd{{key: "initial", label: "年初预算数"}, {key: "budget", label: "全年预算数"}, {key: "spent", label: "全年执行数"},
		{key: "weight", label: "分值"}, {key: "rate", label: "执行率"}, {key: "score", label: "得分"}}
	stdFundRows = []hd{{key: "total", label: "年度资金总额"}, {key: "appropriation", label: "其中：当年财政拨款"},
		{key: "carryover", label: "上年结转资金"}, {key: "other", label: "其他资金"}}
	scFunds = []hd{{key: "initial", label: "年初预算"}, {key: "budget", label: "调整后预算数"}, {key: "spent", label: "预算执行数"},
		{key: "rate", label: "预算执行率"}, {key: "weight", label: "权重"}, {key: "score", label: "得分"}, {key: "reason", label: "原因"}}
	scFundRows = []hd{{key: "total", label: "总额"}, {key: "appropriation", label: "其中：财政资金"}, {key: "special", label: "财政专户管理资金"},
		{key: "unitfunds", label: "单位资金"}, {key: "other", label: "其他资金"}}
	stdCols = []hd{{key: "level1", label: "一级指标"}, {key: "level2", label: "二级指标"}, {key: "name", label: "三级指标"},
		{key: "target", label: "年度指标值"}, {key: "actual", label: "实际完成值"}, {key: "weight", label: "分值"},
		{key: "score", label: "得分"}, {key: "reason", label: "偏差原因分析及改进措施", span: 2}}
	scCols = []hd{{key: "level1", label: "一级指标"}, {key: "level2", label: "二级指标"}, {key: "name", label: "三级指标"},
		{key: "op", label: "指标性质"}, {key: "target", label: "指标值"}, {key: "unit", label: "度量单位"}, {key: "actual", label: "完成值"},
		{key: "weight", label: "权重"}, {key: "score", label: "得分"}, {key: "reason", label: "未完成原因分析"}}
)

func base(name, source string) corpusLayout {
	return corpusLayout{name: name, source: source, title: "项目支出绩效自评表", subtitle: "（{year}年度）",
		project: "项目名称", dept: "主管部门", unit: "实施单位", fundsBlock: "项目资金\n（万元）", funds: stdFunds, fundRows: stdFundRows,
		goalBlock: "年度总体目标", goal: "预期目标", achieved: "实际完成情况", cols: stdCols, target: "text", actual: "text",
		mergeLevels: true, footer: []string{"总分", "评分等级"}}
}

func with(l corpusLayout, f func(*corpusLayout)) *corpusLayout {
	f(&l)
	return &l
}

// corpusLayouts is the corpus: every layout with its one-line source.
func corpusLayouts() []*corpusLayout {
	sichuan := func(l *corpusLayout) {
		l.above = []string{"报表编号：510000_0013zp"}
		l.title, l.subtitle = "部门预算项目支出绩效自评表（{year}年度）", ""
		l.unit = "实施单位（盖章）"
		l.fundsBlock, l.fundsHead, l.funds, l.fundRows = "预算执行情况（10分）", "年度预算数（万元）", scFunds, scFundRows
		l.goalBlock, l.goal, l.achieved = "项目基本情况", "项目年度目标", "年度目标完成情况"
		l.cols, l.target, l.actual = scCols, "split", "number"
		l.footer, l.narrative = []string{"合计"}, true
		l.absent = [][]string{{"上年结转资金", "评分等级"}}
	}
	return []*corpusLayout{
		with(base("sichuan-qingshen2023", "四川青神县 部门预算项目支出绩效自评表 510000_0013zp, https://www.scqs.gov.cn/info/13206/211004.htm"), sichuan),
		with(base("anhui-chizhou2022", "安徽池州贵池区 2022 项目支出绩效自评表, 219-代码前缀, http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2"), func(l *corpusLayout) {
			l.title = "附件：项目支出绩效自评表"
			l.codes, l.levelPoints, l.target = true, true, "bare"
			l.fundRows = []hd{{key: "total", label: "年度资金总额："}, {key: "appropriation", label: "其中：本年财政拨款"},
				{key: "carryover", label: "上年结转资金"}, {key: "other", label: "其他资金"}}
			l.cols = append([]hd{{key: "lead", label: "绩效指标"}}, stdCols...)
		}),
		with(base("hebei-langfang2019", "河北廊坊 2019 项目支出绩效自评表（附件1）, 指标2/…… 占位行, http://www.lfsp.cn/newsinfo/1158053.html"), func(l *corpusLayout) {
			l.subtitle = "（{year}年度）"
			l.funds = []hd{{key: "initial", label: "年初\n预算数"}, {key: "budget", label: "全年\n预算数"}, {key: "spent", label: "全年\n执行数"},
				{key: "weight", label: "分值"}, {key: "rate", label: "执行率"}, {key: "score", label: "得分"}}
			l.cols = []hd{{key: "level1", label: "一级指标"}, {key: "level2", label: "二级指标"}, {key: "name", label: "三级指标"},
				{key: "target", label: "年度\n指标值"}, {key: "actual", label: "实际\n完成值"}, {key: "weight", label: "分值"},
				{key: "score", label: "得分"}, {key: "reason", label: "偏差原因分析及改进措施", span: 2}}
			l.placeholders = true
		}),
		with(base("sichuan-daying2023-two", "四川大英县 部门预算项目支出绩效自评表 2023, 两张表, https://dyxrmt.cn/article-157795-21.html"), func(l *corpusLayout) {
			sichuan(l)
			l.extra = "two"
			two := *l
			two.extra = ""
			l.two = &two
			l.absent = [][]string{{"上年结转资金", "评分等级"}, {"上年结转资金", "评分等级"}}
			l.forms = 2
		}),
		with(base("doczj-shijizhi", "项目支出绩效自评表（全年实际值、未完成原因分析、指标说明）, http://biz.doczj.com/doc/174893555.html"), func(l *corpusLayout) {
			l.goal, l.achieved = "年初设定目标", "年度总体目标完成情况综述"
			l.cols = []hd{{key: "level1", label: "一级指标"}, {key: "level2", label: "二级指标"}, {key: "name", label: "三级指标"},
				{key: "target", label: "年度指标值"}, {key: "actual", label: "全年实际值"}, {key: "weight", label: "分值"},
				{key: "score", label: "得分"}, {key: "reason", label: "未完成原因分析", span: 2}}
			l.signature = true
		}),
		with(base("converter-pdf-right", "PDF→Excel 转换（池州/廊坊版式打印件）：表头合并两列、数值在右列、两页拼接、重复表头、第 1 页 共 2 页"), func(l *corpusLayout) {
			l.cols = []hd{{key: "level1", label: "一级指标", span: 2}, {key: "level2", label: "二级指标", span: 2}, {key: "name", label: "三级指标", span: 2},
				{key: "target", label: "年度指标值", span: 2}, {key: "actual", label: "实际完成值", span: 2}, {key: "weight", label: "分值", span: 2},
				{key: "score", label: "得分", span: 2}, {key: "reason", label: "偏差原因分析及改进措施", span: 2}}
			l.valueRight, l.pageBreak = true, 3
		}),
		with(base("converter-pdf-split", "PDF→Excel 转换（财预〔2020〕10号 附件 打印件）：两页拼接，一级/二级标签在分页处断开，页脚"), func(l *corpusLayout) {
			l.pageBreak = 2
			l.narrative = true
		}),
		with(base("calc-symbol", "预算管理一体化系统 绩效自评导出：计算符号、指标值、计量单位分列（核心绩效指标模板 财预〔2021〕101号 附件2）"), func(l *corpusLayout) {
			l.title = "{year}年度项目支出绩效自评表"
			l.subtitle = ""
			l.cols = []hd{{key: "level1", label: "一级指标"}, {key: "level2", label: "二级指标"}, {key: "name", label: "三级指标"},
				{key: "op", label: "计算符号"}, {key: "target", label: "指标值"}, {key: "unit", label: "计量单位"}, {key: "actual", label: "实际完成值"},
				{key: "weight", label: "分值"}, {key: "score", label: "得分"}, {key: "reason", label: "偏差原因分析及改进措施"}}
			l.target, l.actual = "split", "number"
		}),
		with(base("nature-direction", "预算管理一体化 绩效目标表导出：指标性质（定量/定性）、指标方向（≥/≤/=）、度量单位列"), func(l *corpusLayout) {
			l.cols = []hd{{key: "level1", label: "一级指标"}, {key: "level2", label: "二级指标"}, {key: "name", label: "三级指标"},
				{key: "nature", label: "指标性质"}, {key: "op", label: "指标方向"}, {key: "target", label: "年度指标值"}, {key: "unit", label: "度量单位"},
				{key: "actual", label: "实际完成值"}, {key: "weight", label: "分值"}, {key: "score", label: "得分"}, {key: "reason", label: "偏差原因分析及改进措施"}}
			l.target = "split"
		}),
		with(base("numfmt-custom", "手工填报（WPS/Excel）：指标值为数字加自定义格式 \"≥\"0.00\"(个)\"、0.00\"(%)\"，分值 0.00_ "), func(l *corpusLayout) {
			l.target, l.actual, l.scoreFmt = "numfmt", "numfmt", "0.00_ "
			l.amountFmt = "#,##0.00"
		}),
		with(base("numfmt-sections", "财务软件导出：金额 #,##0.00;-#,##0.00;\"-\"（零显示为 -），实际完成值为数字加单位格式"), func(l *corpusLayout) {
			l.dashZero, l.actual, l.scoreFmt = true, "numfmt", "#,##0.00_);(#,##0.00)"
		}),
		with(base("single-budget", "较早的预算系统（2019 前）：只有一列 预算数 与 执行数"), func(l *corpusLayout) {
			l.funds = []hd{{key: "budget", label: "预算数"}, {key: "spent", label: "执行数"}, {key: "weight", label: "分值"},
				{key: "rate", label: "执行率"}, {key: "score", label: "得分"}}
		}),
		with(base("goal-variants", "地市版：项目年度目标 / 目标实际完成情况、预期实现值、实际完成目标、实际得分"), func(l *corpusLayout) {
			l.goal, l.achieved = "项目年度目标", "目标实际完成情况"
			l.cols = []hd{{key: "level1", label: "一级指标"}, {key: "level2", label: "二级指标"}, {key: "name", label: "三级指标"},
				{key: "target", label: "预期实现值"}, {key: "actual", label: "实际完成目标"}, {key: "weight", label: "分值"},
				{key: "score", label: "实际得分"}, {key: "reason", label: "偏差原因分析及改进措施", span: 2}}
		}),
		with(base("dept-code", "部门决算版：主管部门及代码、实施单位及代码、【编码】项目名称"), func(l *corpusLayout) {
			l.dept, l.unit, l.codes = "主管部门及代码", "实施单位及代码", true
		}),
		with(base("guide-sheet", "随表下发的 填报说明 工作表（含示例行）在前，自评表在后"), func(l *corpusLayout) {
			l.extra = "guide"
		}),
		with(base("example-sheet", "下发包：自评表 与 示例（已填好的样表）两个工作表"), func(l *corpusLayout) {
			l.extra = "example"
		}),
		with(base("hidden-lists", "预算管理一体化导出：隐藏的 下拉选项 列表工作表"), func(l *corpusLayout) {
			l.extra, l.sheet = "lists", "项目支出绩效自评表"
		}),
		with(base("summary-projects", "部门汇总包：汇总 工作表 + 每个项目一张自评表"), func(l *corpusLayout) {
			l.extra, l.forms = "summary", 3
			l.absent = [][]string{nil, nil, nil}
		}),
		with(base("subtotals", "市级版：每个一级指标后的 小计 行，合计 行"), func(l *corpusLayout) {
			l.subtotals, l.levelPoints = true, true
			l.footer = []string{"合计", "评分等级"}
		}),
		with(base("narrative-block", "县级版：表下 评价结论、存在问题、改进措施、项目负责人/财务负责人/填表日期；无评分等级"), func(l *corpusLayout) {
			l.footer, l.narrative = []string{"总分"}, true
			l.absent = [][]string{{"评分等级"}}
		}),
		with(base("central-dept", "中央部门项目支出绩效自评表（{year}年度），填报单位（盖章），单位：万元，绩效指标 首列"), func(l *corpusLayout) {
			l.above = []string{"附件2"}
			l.title, l.subtitle = "中央部门项目支出绩效自评表", "（{year}年度）"
			l.cols = append([]hd{{key: "lead", label: "绩效指标"}}, stdCols...)
			l.tableTitle = ""
		}),
		with(base("reordered-columns", "省级版：分值 列在 年度指标值 之前，执行率（%）"), func(l *corpusLayout) {
			l.cols = []hd{{key: "level1", label: "一级指标"}, {key: "level2", label: "二级指标"}, {key: "name", label: "三级指标"},
				{key: "weight", label: "分值"}, {key: "target", label: "年度指标值"}, {key: "actual", label: "实际完成值"},
				{key: "score", label: "得分"}, {key: "reason", label: "偏差原因分析及改进措施", span: 2}}
		}),
		with(base("two-forms-mixed", "两个项目的表在一个工作簿：财政部版 + 四川版"), func(l *corpusLayout) {
			l.extra, l.forms = "two", 2
			s := base("", "")
			sichuan(&s)
			l.two = &s
			l.absent = [][]string{nil, {"上年结转资金", "评分等级"}}
		}),
		// Added after the split, for what the reader was then built to
		// understand (tuning half only).
		with(base("two-row-header", "两行表头：绩效指标 合并在 一级/二级/三级指标 之上，其余列纵向合并"), func(l *corpusLayout) {
			l.twoRow, l.tuneOnly = true, true
		}),
		with(base("inline-fields", "预算系统打印：项目名称：…、主管部门：…、实施单位：… 标签与值在同一单元格"), func(l *corpusLayout) {
			l.inline, l.tuneOnly, l.codes = true, true, true
		}),
		with(base("converter-funds-right", "PDF→Excel：资金表头也合并两列、数值在右列，指标类型/计算符号/计量单位分列"), func(l *corpusLayout) {
			l.fundsRight, l.tuneOnly, l.valueRight = true, true, true
			l.cols = []hd{{key: "level1", label: "一级指标", span: 2}, {key: "level2", label: "二级指标", span: 2}, {key: "name", label: "三级指标", span: 2},
				{key: "nature", label: "指标类型"}, {key: "op", label: "计算符号"}, {key: "target", label: "指标值"}, {key: "unit", label: "计量单位"},
				{key: "actual", label: "实际完成值", span: 2}, {key: "weight", label: "分值", span: 2}, {key: "score", label: "得分", span: 2},
				{key: "reason", label: "偏差原因分析及改进措施", span: 2}}
			l.target, l.actual = "split", "number"
		}),
		with(base("title-variant", "项目绩效自评表（无“支出”）：金额 #,##0.00，指标值为数字加自定义格式，分值 0.0_ "), func(l *corpusLayout) {
			l.title, l.subtitle, l.tuneOnly, l.amountFmt = "{year}年项目绩效自评表", "", true, "#,##0.00"
			l.target, l.scoreFmt = "numfmt", "0.0_ "
		}),
		with(base("converter-merged-header", "PDF→Excel：计算符号/年度指标值/计量单位分列，其余表头合并两列、数值在右列，两页拼接"), func(l *corpusLayout) {
			l.cols = []hd{{key: "level1", label: "一级指标"}, {key: "level2", label: "二级指标"}, {key: "name", label: "三级指标", span: 2},
				{key: "op", label: "计算符号"}, {key: "target", label: "年度指标值"}, {key: "unit", label: "计量单位"}, {key: "actual", label: "实际完成值", span: 2},
				{key: "weight", label: "分值", span: 2}, {key: "score", label: "得分", span: 2}, {key: "reason", label: "偏差原因分析及改进措施", span: 2}}
			l.valueRight, l.target, l.pageBreak = true, "split", 4
		}),
		with(base("sichuan-stacked", "四川大英县 公开的自评表：同一工作表中上下排列的两张 部门预算项目支出绩效自评表, https://dyxrmt.cn/article-157795-21.html"), func(l *corpusLayout) {
			sichuan(l)
			l.extra, l.forms, l.tuneOnly = "stacked", 2, true
			l.absent = [][]string{{"上年结转资金", "评分等级"}, {"上年结转资金", "评分等级"}}
		}),
		with(base("level-headings", "县级版：一级指标 作为跨表标题行（一、产出指标（60分）），年度指标值 合并两列：数值 | 单位"), func(l *corpusLayout) {
			l.headings, l.tuneOnly, l.target = true, true, "spanunit"
			l.cols = append([]hd(nil), stdCols...)
			l.cols[3] = hd{key: "target", label: "年度指标值", span: 2}
		}),
	}
}

// corpusCase is one file of the corpus: a layout with the seed of its first
// form.
type corpusCase struct {
	layout *corpusLayout
	seeds  []string
	held   bool // the held-out half: odd layouts
}

func corpusCases() []corpusCase {
	var out []corpusCase
	for i, l := range corpusLayouts() {
		for j, s := range layoutSeeds {
			n := max(l.forms, 1)
			var seeds []string
			for k := 0; k < n; k++ {
				seeds = append(seeds, layoutSeeds[(j+k)%len(layoutSeeds)])
			}
			_ = s
			out = append(out, corpusCase{layout: l, seeds: seeds, held: i%2 == 1 && !l.tuneOnly})
		}
	}
	return out
}

func (c corpusCase) name() string {
	half := "tune"
	if c.held {
		half = "held"
	}
	return half + "/" + c.layout.name + "--" + c.seeds[0]
}

// writeCorpus writes every case into dir and returns the paths.
func writeCorpus(t *testing.T, dir string, cases []corpusCase) []string {
	t.Helper()
	var out []string
	for _, c := range cases {
		p := filepath.Join(dir, c.layout.name+"--"+c.seeds[0]+".xlsx")
		buildCorpusFile(t, c.layout, c.seeds, p)
		out = append(out, p)
	}
	return out
}

// assertCorpus checks every form of a corpus file as its seed's sample, and
// every indicator's target and actual as printed.
func assertCorpus(t *testing.T, path string, c corpusCase) {
	t.Helper()
	absent := c.layout.absent
	if absent == nil {
		absent = make([][]string, len(c.seeds))
	}
	assertLayout(t, path, layoutCase{layout: c.layout.name, seeds: c.seeds, absent: absent, shared: c.layout.extra == "stacked"})
	wb, err := workbook.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fms, err := wb.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, fm := range fms {
		if i >= len(c.seeds) {
			break
		}
		d := loadSeed(t, c.seeds[i])
		wantYear := ""
		if strings.Contains(c.layout.title+c.layout.subtitle, "{year}") {
			wantYear = d.Year
		}
		if fm.Year != wantYear {
			t.Errorf("form %d: year %q from the title lines, want %q", i, fm.Year, wantYear)
		}
		if len(fm.Rows) != len(d.Rows) {
			continue // assertLayout said so
		}
		for j, row := range fm.Rows {
			want := d.Rows[j].Cells
			gt, err1 := value.CellTarget(row.Cell("target"))
			wt, err2 := value.ParseTarget(want["target"])
			if err1 != nil || err2 != nil || gt.String() != wt.String() {
				t.Errorf("form %d row %d (%s): target %q (%v), want %q", i, j, row.Cell("target").Ref, gt.String(), err1, wt.String())
			}
			ga, wa := value.Normalize(row.Cell("actual").Text), value.Normalize(want["actual"])
			if gq, err := value.CellQuantity(row.Cell("actual")); err == nil {
				if wq, err := value.ParseQuantity(want["actual"]); err == nil && gq.Value.Equal(wq.Value) {
					continue
				}
			}
			if ga != wa {
				t.Errorf("form %d row %d (%s): actual %q, want %q", i, j, row.Cell("actual").Ref, ga, wa)
			}
		}
	}
}

// TestCorpus reads every file of the corpus. Run one half with
// -run 'TestCorpus/held' or -run 'TestCorpus/tune'.
func TestCorpus(t *testing.T) {
	cases := corpusCases()
	if n := len(corpusLayouts()); n < 20 {
		t.Fatalf("%d layouts, want at least 20", n)
	}
	dir := t.TempDir()
	if d := os.Getenv("SELFEVAL_CORPUS_DIR"); d != "" {
		dir = d // keep the files to look at
	}
	paths := writeCorpus(t, dir, cases)
	for i, c := range cases {
		t.Run(c.name(), func(t *testing.T) {
			assertCorpus(t, paths[i], c)
		})
	}
}

// TestCorpusSources: every layout names its source, once.
func TestCorpusSources(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range corpusLayouts() {
		if strings.TrimSpace(l.source) == "" || seen[l.name] {
			t.Errorf("layout %q: source %q (or its name is taken)", l.name, l.source)
		}
		seen[l.name] = true
	}
}

// TestCorpusProfileLabels: a label variant no published form in the
// vocabulary prints is read once a rules profile adds it (labels:).
func TestCorpusProfileLabels(t *testing.T) {
	l := with(base("regional-variant", "a regional form that heads 年度指标值 年度预期值"), func(l *corpusLayout) {
		l.cols = append([]hd(nil), stdCols...)
		l.cols[3] = hd{key: "target", label: "年度预期值"}
	})
	dir := t.TempDir()
	path := filepath.Join(dir, "regional.xlsx")
	buildCorpusFile(t, l, []string{"mof2020-liaison"}, path)
	if code, _, _ := checkForms(t, path); code == exitOK {
		t.Fatalf("read without the profile: exit 0, want the label missing")
	}
	rules := filepath.Join(dir, "region.yaml")
	if err := os.WriteFile(rules, []byte("labels:\n  年度指标值: [年度预期值]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "check", "--format", "json", "--rules", rules, path}, &stdout, &stderr))
	if code != exitOK || !strings.Contains(stdout.String(), `"total": 93.52`) {
		t.Errorf("with labels: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}

// TestCorpusScoreNotGuide: score writes into the form, never into a 填报说明
// or 示例 sheet beside it, nor into a hidden list sheet.
func TestCorpusScoreNotGuide(t *testing.T) {
	for _, c := range []struct{ layout, sheet, other string }{
		{"guide-sheet", "自评表", "填报说明"},
		{"example-sheet", "自评表", "示例"},
		{"hidden-lists", "项目支出绩效自评表", "下拉选项"},
	} {
		t.Run(c.layout, func(t *testing.T) {
			var l *corpusLayout
			for _, x := range corpusLayouts() {
				if x.name == c.layout {
					l = x
				}
			}
			dir := t.TempDir()
			src := filepath.Join(dir, "in.xlsx")
			buildCorpusFile(t, l, []string{"mof2020-services"}, src)
			out := filepath.Join(dir, "scored.xlsx")
			var stdout, stderr bytes.Buffer
			if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "score", "-o", out, src}, &stdout, &stderr)); code != exitOK {
				t.Fatalf("score: exit %d\n%s%s", code, stdout.String(), stderr.String())
			}
			if b, a := sheetRows(t, src, c.other), sheetRows(t, out, c.other); strings.Join(b, "\n") != strings.Join(a, "\n") {
				t.Errorf("%s changed:\n before %q\n after  %q", c.other, b, a)
			}
			res := strings.Join(sheetRows(t, out, resultSheetName), "\n")
			if !strings.Contains(res, "100.00") || !strings.Contains(res, "优") || !strings.Contains(res, c.sheet) {
				t.Errorf("%s does not show the form's result:\n%s", resultSheetName, res)
			}
		})
	}
}

// heldOut is the held-out half as it was split before any tuning.
var heldOut = []string{"anhui-chizhou2022", "sichuan-daying2023-two", "converter-pdf-right", "calc-symbol", "numfmt-custom",
	"single-budget", "dept-code", "example-sheet", "summary-projects", "narrative-block", "reordered-columns", "converter-merged-header"}

// TestCorpusSplit: layouts added later do not move the split.
func TestCorpusSplit(t *testing.T) {
	var got []string
	for _, c := range corpusCases() {
		if c.held && c.seeds[0] == layoutSeeds[0] {
			got = append(got, c.layout.name)
		}
	}
	if strings.Join(got, ",") != strings.Join(heldOut, ",") {
		t.Errorf("held-out layouts %q, want %q", got, heldOut)
	}
}
