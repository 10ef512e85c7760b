package workbook

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// readFx saves a fixture, loads it and reads it.
func readFx(t *testing.T, x *fx) *form.Form {
	t.Helper()
	p := x.save(t.TempDir(), "form.xlsx")
	wb, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	fm, err := wb.Read()
	if err != nil {
		t.Fatal(err)
	}
	fm.Path = "" // the temp path differs per run
	return fm
}

func TestReadGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		build func(testing.TB) *fx
	}{
		{"mof2020", mof2020Fixture},
		{"sh2019", sh2019Fixture},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name+".form.txt", dumpForm(readFx(t, tc.build(t)), true))
		})
	}
}

// TestReadLayouts reads variants of the fixtures that a person or another
// program produces; each must read as the base form, position aside.
func TestReadLayouts(t *testing.T) {
	type variant struct {
		name   string
		base   func(testing.TB) *fx
		change func(t *testing.T, x *fx)
		check  func(t *testing.T, fm *form.Form) // positions in the variant
	}
	same := func(t *testing.T, fm *form.Form) {}
	for _, tc := range []variant{
		{"mof2020 offset B3", mof2020Fixture, func(t *testing.T, x *fx) {
			x.must(x.f.InsertRows(x.sheet, 1, 2))
			x.must(x.f.InsertCols(x.sheet, "A", 1))
		}, func(t *testing.T, fm *form.Form) {
			want := map[string]string{"project": "D5", "unit": "G6", "goal": "C13", "total": "H22", "grade": "G23"}
			for k, ref := range want {
				if got := fm.Fields[k].Ref; got != ref {
					t.Errorf("field %s at %s, want %s", k, got, ref)
				}
			}
			if got := fm.Grid["total"]["spent"].Ref; got != "F8" {
				t.Errorf("grid total.spent at %s, want F8", got)
			}
		}},
		{"mof2020 blank rows and columns inserted", mof2020Fixture, func(t *testing.T, x *fx) {
			x.must(x.f.InsertRows(x.sheet, 18, 2)) // inside the table
			x.must(x.f.InsertRows(x.sheet, 11, 1)) // between 预期目标 and its value
			x.must(x.f.InsertRows(x.sheet, 3, 1))  // under the title
			x.must(x.f.InsertCols(x.sheet, "D", 1))
		}, same},
		{"mof2020 header over two rows", mof2020Fixture, func(t *testing.T, x *fx) {
			x.must(x.f.InsertRows(x.sheet, 13, 1))
			x.must(x.f.SetCellValue(x.sheet, "H12", "偏差原因分析"))
			x.must(x.f.SetCellValue(x.sheet, "H13", "及改进措施"))
		}, same},
		{"mof2020 split header and full-width labels", mof2020Fixture, func(t *testing.T, x *fx) {
			x.must(x.f.SetCellValue(x.sheet, "A3", "项　目　名　称："))
			x.must(x.f.SetCellValue(x.sheet, "H12", "偏差原因分析及改进措施（如有）"))
			x.must(x.f.SetCellValue(x.sheet, "G5", "执行率"))
			x.must(x.f.SetCellValue(x.sheet, "B7", "其中：当年财政拨款"))
		}, same},
		{"mof2020 栏次 rows under the funds and the table heads", mof2020Fixture, func(t *testing.T, x *fx) {
			x.must(x.f.InsertRows(x.sheet, 13, 1))
			x.must(x.f.SetSheetRow(x.sheet, "A13", &[]any{1, 2, 3, 4, 5, 6, 7, 8}))
			x.must(x.f.InsertRows(x.sheet, 6, 1))
			x.must(x.f.SetSheetRow(x.sheet, "B6", &[]any{"栏次", 1, 2, 3, 4, 5, 6}))
		}, same},
		{"mof2020 page head repeated in the table", mof2020Fixture, func(t *testing.T, x *fx) {
			// A printed form pasted back: page 2 starts at 效益指标 with
			// 续表, the title, the year, the 项目名称 line and the heads.
			x.must(x.f.InsertRows(x.sheet, 18, 5))
			x.must(x.f.SetCellValue(x.sheet, "H18", "续表"))
			x.must(x.f.SetCellValue(x.sheet, "A19", "财政项目支出绩效自评表"))
			x.must(x.f.MergeCell(x.sheet, "A19", "H19"))
			x.must(x.f.SetCellValue(x.sheet, "A20", "（2024年度）"))
			x.must(x.f.MergeCell(x.sheet, "A20", "H20"))
			x.must(x.f.SetSheetRow(x.sheet, "A21", &[]any{"项目名称", nil, "合作交流工作业务经费"}))
			x.must(x.f.SetSheetRow(x.sheet, "A22", &[]any{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}))
		}, func(t *testing.T, fm *form.Form) {
			if n := len(fm.Rows); n != 6 {
				t.Errorf("%d rows, want 6", n)
			}
		}},
		{"mof2020 hidden row of field names under the heads", mof2020Fixture, func(t *testing.T, x *fx) {
			x.must(x.f.InsertRows(x.sheet, 13, 1))
			x.must(x.f.SetSheetRow(x.sheet, "A13", &[]any{"L1_NAME", "L2_NAME", "L3_NAME", "TARGET", "ACTUAL", "WEIGHT", "SCORE", "REASON"}))
			x.must(x.f.SetRowVisible(x.sheet, 13, false))
		}, same},
		{"mof2020 年度指标值 merged over 预期 and 实际", mof2020Fixture, func(t *testing.T, x *fx) {
			x.must(x.f.InsertRows(x.sheet, 13, 1))
			x.must(x.f.SetCellValue(x.sheet, "E12", nil))
			x.must(x.f.MergeCell(x.sheet, "D12", "E12"))
			x.must(x.f.SetSheetRow(x.sheet, "D13", &[]any{"预期", "实际"}))
			for _, c := range "ABCFGH" {
				x.must(x.f.MergeCell(x.sheet, string(c)+"12", string(c)+"13"))
			}
		}, func(t *testing.T, fm *form.Form) {
			if got := fm.Rows[0].Cell("actual").Ref; got != "E14" {
				t.Errorf("first actual at %s, want E14", got)
			}
		}},
		{"mof2020 一级—二级 in one 指标类别 column", mof2020Fixture, func(t *testing.T, x *fx) {
			// The two level columns drawn as one: 产出指标—数量指标 in A:B
			// merged on every row, with the separators people write.
			base := readFx(t, mof2020Fixture(t))
			merges, err := x.f.GetMergeCells(x.sheet)
			x.must(err)
			for _, m := range merges {
				c, r, err := excelize.CellNameToCoordinates(m.GetStartAxis())
				x.must(err)
				if c <= 2 && r >= 12 && r <= base.Rows[len(base.Rows)-1].Line {
					x.must(x.f.UnmergeCell(x.sheet, m.GetStartAxis(), m.GetEndAxis()))
				}
			}
			x.must(x.f.SetSheetRow(x.sheet, "A12", &[]any{"指标类别", nil}))
			x.must(x.f.MergeCell(x.sheet, "A12", "B12"))
			for i, r := range base.Rows {
				sep := []string{"—", "－", "-", "/", "·", "：", " — "}[i%7]
				a, b := fmt.Sprintf("A%d", r.Line), fmt.Sprintf("B%d", r.Line)
				x.must(x.f.SetSheetRow(x.sheet, a, &[]any{r.Cell("level1").Text + sep + r.Cell("level2").Text, nil}))
				x.must(x.f.MergeCell(x.sheet, a, b))
			}
		}, same},
		{"sh2019 分值 / 得分 heads and the categories as heading rows", sh2019Fixture, func(t *testing.T, x *fx) {
			// No 一级指标 column: 序号 (1.1, 1.2 …) in its place and each
			// category a numbered row across the table above its rows.
			x.must(x.f.SetCellValue(x.sheet, "A11", "序号"))
			x.must(x.f.SetSheetRow(x.sheet, "D11", &[]any{"分值", "得分"}))
			groups := []struct {
				label      string
				first, end int
			}{{"一、投入与管理（36分）", 12, 17}, {"二、产出目标(34分)", 18, 20}, {"三、效果目标（15分）", 21, 23}, {"四、影响力目标（15分）", 24, 25}}
			for gi := len(groups) - 1; gi >= 0; gi-- {
				g := groups[gi]
				x.must(x.f.UnmergeCell(x.sheet, fmt.Sprintf("A%d", g.first), fmt.Sprintf("A%d", g.end)))
				for r := g.first; r <= g.end; r++ {
					x.must(x.f.SetCellValue(x.sheet, fmt.Sprintf("A%d", r), fmt.Sprintf("%d.%d", gi+1, r-g.first+1)))
				}
				x.must(x.f.InsertRows(x.sheet, g.first, 1))
				x.must(x.f.SetCellValue(x.sheet, fmt.Sprintf("A%d", g.first), g.label))
				x.must(x.f.MergeCell(x.sheet, fmt.Sprintf("A%d", g.first), fmt.Sprintf("F%d", g.first)))
			}
		}, func(t *testing.T, fm *form.Form) {
			for _, p := range fm.Problems {
				t.Errorf("problem %s %v", p.Code, p.Args)
			}
		}},
		{"sh2019 label blank value further right", sh2019Fixture, func(t *testing.T, x *fx) {
			// The person typed the project name one cell too far right.
			x.must(x.f.UnmergeCell(x.sheet, "B2", "C2"))
			x.must(x.f.SetCellValue(x.sheet, "B2", ""))
			x.must(x.f.SetCellValue(x.sheet, "C2", "合作交流工作业务费"))
		}, func(t *testing.T, fm *form.Form) {
			if got := fm.Fields["project"].Ref; got != "C2" {
				t.Errorf("project at %s, want C2", got)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := dumpForm(readFx(t, tc.base(t)), false)
			x := tc.base(t)
			tc.change(t, x)
			fm := readFx(t, x)
			if got := dumpForm(fm, false); got != want {
				t.Errorf("read differs from the base form:\n%s", lineDiff(want, got))
			}
			tc.check(t, fm)
		})
	}
}

// TestReadPersonRow: a row a person inserted into the table, typed by hand
// with the 一级/二级 cells left blank, is read in place, continuing the
// categories above it.
func TestReadPersonRow(t *testing.T) {
	x := mof2020Fixture(t)
	x.must(x.f.InsertRows(x.sheet, 19, 1))
	x.must(x.f.SetSheetRow(x.sheet, "C19", &[]any{"课题评审通过率", "=100.00(%)", "100.00(%)", 3, 3}))
	fm := readFx(t, x)
	var got []string
	for _, r := range fm.Rows {
		got = append(got, strings.Join([]string{r.Cell("level1").Text, r.Cell("level2").Text, r.Cell("name").Text}, "/"))
	}
	want := []string{
		"成本指标/经济成本指标/成本控制",
		"产出指标(50分)/数量指标/差旅支出保障到位率",
		"产出指标(50分)/数量指标/完成年度计划课题数",
		"产出指标(50分)/质量指标/信息专刊准确率",
		"效益指标/社会效益指标/对口支援与合作交流工作的支撑作用",
		"效益指标/社会效益指标/课题评审通过率",
		"效益指标/社会效益指标/课题成果应用情况",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadGroupRows(t *testing.T) {
	// A hand-typed sh2019 table: each category is a row of its own in the
	// 指标名称 column, the 一级指标 column left blank.
	x := newFx(t, "Sheet")
	x.lab("A1", "财政项目绩效自评价")
	x.lab("A2", "项目名称")
	x.in("B2", "项目甲")
	x.must(x.f.SetSheetRow(x.sheet, "A4", &[]any{"一级指标", "指标名称", "指标解释", "权重", "自评分", "备注"}))
	x.must(x.f.SetSheetRow(x.sheet, "B5", &[]any{"一、投入与管理（36分）"}))
	x.must(x.f.SetSheetRow(x.sheet, "B6", &[]any{"预算执行率", "解释", 36, 30, "扣分说明"}))
	x.must(x.f.SetSheetRow(x.sheet, "B7", &[]any{"产出目标（34分）"}))
	x.must(x.f.SetSheetRow(x.sheet, "B8", &[]any{"完成工作任务数量", "解释", 34, 34}))
	x.must(x.f.SetSheetRow(x.sheet, "A9", &[]any{"合 计", nil, nil, 70, 64}))
	fm := readFx(t, x)
	var got []string
	for _, r := range fm.Rows {
		got = append(got, r.Group+"|"+r.Cell("name").Text+"|"+r.Cell("level1").Ref)
	}
	// Row.Group is the label as typed, but its list number (一、), no part
	// of the category's name; 一级指标 points at the cell that holds it.
	want := "投入与管理（36分）|预算执行率|B5\n产出目标（34分）|完成工作任务数量|B7"
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("rows:\n%s\nwant:\n%s", g, want)
	}
	if c := fm.Fields["total"]; c.Ref != "E9" || c.Text != "64" {
		t.Errorf("total = %+v, want E9 64", c)
	}
}

func TestReadKind(t *testing.T) {
	for _, tc := range []struct {
		name    string
		build   func(t *testing.T) *excelize.File
		kind    string
		sheet   string
		wantErr error
	}{
		{"title on second sheet", func(t *testing.T) *excelize.File {
			x := sh2019Fixture(t)
			_, err := x.f.NewSheet("说明")
			x.must(err)
			x.must(x.f.MoveSheet("说明", x.sheet))
			x.must(x.f.SetCellValue("说明", "A1", "填表说明"))
			return x.f
		}, "sh2019", "自评价", nil},
		{"no title, table header decides", func(t *testing.T) *excelize.File {
			x := mof2020Fixture(t)
			x.must(x.f.SetCellValue(x.sheet, "A1", "项目支出绩效自评表"))
			return x.f
		}, "mof2020", "自评表", nil},
		{"stamp kind wins over title", func(t *testing.T) *excelize.File {
			x := mof2020Fixture(t)
			x.must(stampX(x.f, x.sheet, form.Stamp{Kind: "mof2020", Version: "1"}))
			return x.f
		}, "mof2020", "自评表", nil},
		{"mof2020 titled 财政项目绩效自评价表, its heads 指标名称 分值 得分 as sh2019's can be", func(t *testing.T) *excelize.File {
			x := mof2020Fixture(t)
			x.must(x.f.SetCellValue(x.sheet, "A1", "2024年度财政项目绩效自评价表"))
			x.must(x.f.SetCellValue(x.sheet, "C12", "指标名称"))
			return x.f
		}, "mof2020", "自评表", nil},
		{"mof2020 titled 财政项目绩效自评价表 with 指标名称 分值 得分 and no 偏差原因", func(t *testing.T) *excelize.File {
			x := mof2020Fixture(t)
			x.must(x.f.SetCellValue(x.sheet, "A1", "2024年度财政项目绩效自评价表"))
			x.must(x.f.SetCellValue(x.sheet, "C12", "指标名称"))
			x.must(x.f.SetCellValue(x.sheet, "H12", nil))
			return x.f
		}, "mof2020", "自评表", nil},
		{"unknown", func(t *testing.T) *excelize.File {
			f := excelize.NewFile()
			_ = f.SetCellValue("Sheet1", "A1", "工资表")
			return f
		}, "", "", ErrUnknownForm},
		{"title without table", func(t *testing.T) *excelize.File {
			f := excelize.NewFile()
			_ = f.SetCellValue("Sheet1", "A1", "财政项目支出绩效自评表")
			return f
		}, "", "", ErrUnknownForm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.build(t)
			fm, err := readX(f, "x.xlsx")
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "x.xlsx：") {
					t.Errorf("message %q does not name the file", err)
				}
				if tc.wantErr == ErrUnknownForm && !strings.Contains(err.Error(), "mof2020") && !strings.Contains(err.Error(), "三级指标") {
					t.Errorf("message %q lists neither the known kinds nor the labels", err)
				}
				return
			}
			if fm.Kind.Name != tc.kind || fm.Sheet != tc.sheet {
				t.Errorf("got %s on %s, want %s on %s", fm.Kind.Name, fm.Sheet, tc.kind, tc.sheet)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"项目名称：":           "项目名称",
		"项　目 名\n称:":       "项目名称",
		"执行率（％）":          "执行率(%)",
		"偏差原因分析\r\n及改进措施": "偏差原因分析及改进措施",
		"１２３":             "123",
		"投入与管理（36分）":      "投入与管理(36分)",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := stripPoints(normalize("产出指标（50分）")); got != "产出指标" {
		t.Errorf("stripPoints = %q", got)
	}
}

// TestReadIndicatorBeforePageHead: an indicator named as a field of the
// form (预算执行率), the last row of a page before the heads are repeated,
// is an indicator, not a line of the page head.
func TestReadIndicatorBeforePageHead(t *testing.T) {
	x := newFx(t, "Sheet")
	x.lab("A1", "财政项目绩效自评价")
	x.lab("A2", "项目名称")
	x.in("B2", "项目甲")
	heads := []any{"一级指标", "指标名称", "指标解释", "权重", "自评分", "备注"}
	x.must(x.f.SetSheetRow(x.sheet, "A4", &heads))
	x.must(x.f.SetSheetRow(x.sheet, "B5", &[]any{"一、投入与管理（36分）"}))
	x.must(x.f.SetSheetRow(x.sheet, "B6", &[]any{"项目设立的规范性", "解释", 6, 6}))
	x.must(x.f.SetSheetRow(x.sheet, "B7", &[]any{"预算执行率", "解释", 30, 30}))
	x.must(x.f.SetSheetRow(x.sheet, "C8", &[]any{"第1页"}))
	x.must(x.f.SetSheetRow(x.sheet, "A9", &heads))
	x.must(x.f.SetSheetRow(x.sheet, "B10", &[]any{"产出目标（34分）"}))
	x.must(x.f.SetSheetRow(x.sheet, "B11", &[]any{"完成工作任务数量", "解释", 34, 34}))
	x.must(x.f.SetSheetRow(x.sheet, "A12", &[]any{"合计", nil, nil, 70, 70}))
	fm := readFx(t, x)
	var got []string
	for _, r := range fm.Rows {
		got = append(got, r.Cell("name").Text)
	}
	if g := strings.Join(got, "|"); g != "项目设立的规范性|预算执行率|完成工作任务数量" {
		t.Errorf("rows %s", g)
	}
}

// TestReadHiddenIndicator: a row a person hid that holds an indicator with
// its points is read as before; only a hidden row without points (a
// system's row of field names) is left out.
func TestReadHiddenIndicator(t *testing.T) {
	x := mof2020Fixture(t)
	x.must(x.f.SetRowVisible(x.sheet, 14, false))
	fm := readFx(t, x)
	if n := len(fm.Rows); n != 6 || fm.Rows[1].Cell("name").Text != "差旅支出保障到位率" {
		t.Errorf("%d rows, want the 6 of the form with the hidden 差旅支出保障到位率", n)
	}
}

// TestReadFundsAcross: a funds block turned round, the sources across
// (资金总额 | 财政拨款 | 上年结转 | 其他资金) and the figures down (年初预算数 /
// 全年预算数 / 全年执行数 / 执行率, then 分值 | 10 | 得分 | 7.78 in a row), reads
// as the standard block: each source's amounts, the total's points.
func TestReadFundsAcross(t *testing.T) {
	x := mof2020Fixture(t)
	x.must(x.f.InsertRows(x.sheet, 10, 1))
	x.must(x.f.UnmergeCell(x.sheet, "A5", "A9"))
	for r := 5; r <= 10; r++ {
		for _, c := range "BCDEFGH" {
			x.must(x.f.SetCellValue(x.sheet, fmt.Sprintf("%c%d", c, r), nil))
			x.must(x.f.SetCellFormula(x.sheet, fmt.Sprintf("%c%d", c, r), ""))
		}
	}
	x.must(x.f.MergeCell(x.sheet, "A5", "A10"))
	x.must(x.f.SetSheetRow(x.sheet, "C5", &[]any{"资金总额", "财政拨款", "上年结转", "其他资金"}))
	x.must(x.f.SetSheetRow(x.sheet, "B6", &[]any{"年初预算数", 161.05, 161.05, 0, 0}))
	x.must(x.f.SetSheetRow(x.sheet, "B7", &[]any{"全年预算数", 160.05, 160.05, 0, 0}))
	x.must(x.f.SetSheetRow(x.sheet, "B8", &[]any{"全年执行数", 125.35, 124.35, 1, 0}))
	x.must(x.f.SetSheetRow(x.sheet, "B9", &[]any{"执行率（%）", 78.32, 77.69, "—", "—"}))
	x.must(x.f.SetSheetRow(x.sheet, "B10", &[]any{"分数", 10, "得分", 7.83}))
	fm := readFx(t, x)
	for _, p := range fm.Problems {
		t.Errorf("problem %s %v", p.Code, p.Args)
	}
	want := map[string]map[string]string{
		"total":         {"initial": "C6=161.05", "budget": "C7=160.05", "spent": "C8=125.35", "rate": "C9=78.32", "weight": "C10=10", "score": "E10=7.83"},
		"appropriation": {"initial": "D6=161.05", "budget": "D7=160.05", "spent": "D8=124.35", "rate": "D9=77.69"},
		"carryover":     {"initial": "E6=0", "budget": "E7=0", "spent": "E8=1", "rate": "E9=—"},
		"other":         {"initial": "F6=0", "budget": "F7=0", "spent": "F8=0", "rate": "F9=—"},
	}
	for row, cols := range want {
		if len(fm.Grid[row]) != len(cols) {
			t.Errorf("grid %s has %d cells, want %d", row, len(fm.Grid[row]), len(cols))
		}
		for col, w := range cols {
			if c := fm.Grid[row][col]; c.Ref+"="+c.Raw != w {
				t.Errorf("grid %s.%s = %s=%s, want %s", row, col, c.Ref, c.Raw, w)
			}
		}
	}
	if n := len(fm.Rows); n != 6 {
		t.Errorf("%d indicator rows, want the 6 of the form", n)
	}
}
