package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The corpus generator writes the three mof2020 seed projects into layouts
// modelled on 项目支出绩效自评表 published by provinces, cities, central
// departments and budget systems, and into what converters and budget
// systems make of them (PDF→Excel with values in the right sub-column of a
// merged header, two printed pages glued back together with a repeated
// header and a page footer, 合计 and 小计 rows, narrative and signature
// blocks, separate 计算符号 / 指标性质 / 度量单位 columns, targets stored as
// numbers with custom formats, a single 预算数 column, code-prefixed names,
// guide and list sheets, a 汇总 sheet with project sheets, two forms in one
// workbook). Nothing here is made by our template. corpus_test.go reads
// every file and compares it with our own sample of its seed.

// seedData is one seed project as samples/data holds it.
type seedData struct {
	Year   string                       `json:"year"`
	Fields map[string]string            `json:"fields"`
	Grid   map[string]map[string]string `json:"grid"`
	Rows   []struct {
		Cells map[string]string `json:"cells"`
	} `json:"rows"`
}

func loadSeed(t *testing.T, name string) seedData {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../samples/data", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var d seedData
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// hd is a labelled key: a funds column or row, or a table column.
type hd struct {
	key, label string
	span       int // table columns: columns the header is merged over
}

// corpusLayout is one published layout, as data the writer follows.
type corpusLayout struct {
	name, source string
	title        string   // {year} is replaced
	above        []string // rows above the title (报表编号, 填报单位（盖章）)
	subtitle     string   // a row under the title; "" for none
	project      string   // labels of the header fields
	dept, unit   string
	codes        bool // code-prefixed project, department and unit values

	fundsBlock string // the merged label left of the funds block
	fundsHead  string // a header over the row labels, "" for none
	funds      []hd   // funds columns: initial, budget, spent, weight, rate, score, reason
	fundRows   []hd   // total, appropriation, carryover, other (others are written as zeros)
	amountFmt  string // number format of amounts, "" for 0.00
	dashZero   bool   // amounts that are 0 are written with a format whose zero section is "-"

	goalBlock, goal, achieved string

	cols         []hd   // table columns: lead, level1, level2, name, op, nature, target, unit, actual, weight, score, reason
	valueRight   bool   // a header merged over columns: the value sits in its last column
	tableTitle   string // a row above the table header ("三、绩效指标完成情况")
	target       string // "text" (as typed), "split" (operator and unit columns), "numfmt" (a number with a custom format), "bare" (≥55人)
	actual       string // "text", "number" (a number, unit dropped), "numfmt"
	scoreFmt     string // number format of weights and scores
	mergeLevels  bool
	levelPoints  bool // 一级指标 shows its points: 产出指标（50分）
	placeholders bool // empty 指标N and …… rows of the printed template
	subtotals    bool // a 小计 row after each 一级指标
	pageBreak    int  // indicator rows on page 1; page 2 repeats the header
	footer       []string
	narrative    bool // 评价结论 / 存在问题 / 改进措施 / signatures under the table
	signature    bool // 填表人 / 联系电话 / 填报日期 under the table

	headings   bool // each 一级指标 as a row across the table (一、产出指标（60分）), its column blank
	twoRow     bool // a two-row table header: 绩效指标 above 一级/二级/三级指标
	inline     bool // 项目名称：… with its value in one cell
	fundsRight bool // funds headers merged over two columns, values in the right one
	tuneOnly   bool // added after the split, from what the reader was built for: always in the tuning half

	sheet string // the form's sheet name ("" for 自评表)
	extra string // "guide", "example", "lists", "summary", "two", "guide-two"
	two   *corpusLayout

	absent [][]string // per form: the rows the layout leaves out (form.row_absent)
	forms  int        // forms in the workbook (default 1)
}

var dec = decimal.RequireFromString

func fundRate(g map[string]string) float64 {
	b, s := dec(g["budget"]), dec(g["spent"])
	if b.IsZero() {
		return 0
	}
	f, _ := s.Div(b).Mul(decimal.NewFromInt(100)).Truncate(2).Float64()
	return f
}

func fundScore(g map[string]string) float64 {
	b, s := dec(g["budget"]), dec(g["spent"])
	if b.IsZero() {
		return 0
	}
	r := s.Div(b)
	if r.GreaterThan(decimal.NewFromInt(1)) {
		r = decimal.NewFromInt(1)
	}
	f, _ := r.Mul(decimal.NewFromInt(10)).Round(2).Float64()
	return f
}

func seedTotal(d seedData) float64 {
	t := decimal.NewFromFloat(fundScore(d.Grid["total"]))
	for _, r := range d.Rows {
		t = t.Add(dec(r.Cells["score"]))
	}
	f, _ := t.Float64()
	return f
}

func seedGrade(t float64) string {
	switch {
	case t >= 90:
		return "优"
	case t >= 80:
		return "良"
	case t >= 60:
		return "中"
	}
	return "差"
}

var seedTarget = regexp.MustCompile(`^(≥|≤|=|>|<)?([0-9.]+)(?:\((.*)\))?$`)

// splitTarget: ≥6.00(个) → ≥, 6.00, 个; a qualitative target → "", text, "".
func splitTarget(t string) (op, val, unit string, ok bool) {
	m := seedTarget.FindStringSubmatch(t)
	if m == nil {
		return "", t, "", false
	}
	op = m[1]
	if op == "" {
		op = "="
	}
	return op, m[2], m[3], true
}

func cnum(s string) float64 {
	f, _ := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return f
}

// cw writes one sheet, rows and columns counted from 1.
type cw struct {
	f      *excelize.File
	sh     string
	styles map[string]int
}

func (w *cw) style(code string) int {
	if id, ok := w.styles[code]; ok {
		return id
	}
	st := &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border: []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
			{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}}
	if code != "" {
		c := code
		st.CustomNumFmt = &c
	}
	id, err := w.f.NewStyle(st)
	if err != nil {
		panic(err)
	}
	w.styles[code] = id
	return id
}

func cellName(r, c int) string {
	n, _ := excelize.CoordinatesToCellName(c, r)
	return n
}

// put writes v at (r, c), merged to (r2, c2) when those are larger; a
// float is a number (with format code), anything else is text.
func (w *cw) put(r, c int, v any, r2, c2 int, code string) {
	at := cellName(r, c)
	if r2 < r {
		r2 = r
	}
	if c2 < c {
		c2 = c
	}
	if r2 != r || c2 != c {
		if err := w.f.MergeCell(w.sh, at, cellName(r2, c2)); err != nil {
			panic(err)
		}
	}
	switch x := v.(type) {
	case nil:
	case float64:
		must(w.f.SetCellFloat(w.sh, at, x, -1, 64))
	case string:
		if x != "" {
			must(w.f.SetCellStr(w.sh, at, x))
		}
	default:
		panic(fmt.Sprintf("put %T", v))
	}
	must(w.f.SetCellStyle(w.sh, at, cellName(r2, c2), w.style(code)))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func (w *cw) text(r, c int, s string) { w.put(r, c, s, 0, 0, "") }
func (w *cw) span(r, c, c2 int, s string) {
	w.put(r, c, s, r, c2, "")
}

// codeOf gives a name the code a budget system prints before it.
func codeOf(kind, s string, i int) string {
	switch kind {
	case "dept":
		return fmt.Sprintf("%d-%s", 219+i, s)
	case "unit":
		return fmt.Sprintf("%d001-%s", 219+i, s)
	}
	return fmt.Sprintf("【31000024Y%06d】%s", 1234+i, s)
}

// writeForm writes seed d in layout l from row top of sheet w; it returns
// the next free row.
func writeForm(w *cw, l *corpusLayout, d seedData, top int) int {
	width := 0
	for _, c := range l.cols {
		width += max(c.span, 1)
	}
	width = max(width, len(l.funds)+2)
	r := top
	for _, a := range l.above {
		w.span(r, 1, width, a)
		r++
	}
	w.span(r, 1, width, strings.ReplaceAll(l.title, "{year}", d.Year))
	r++
	if l.subtitle != "" {
		w.span(r, 1, width, strings.ReplaceAll(l.subtitle, "{year}", d.Year))
		r++
	}
	project, dept, unit := d.Fields["project"], d.Fields["department"], d.Fields["unit"]
	if l.codes {
		project, dept, unit = codeOf("project", project, 0), codeOf("dept", dept, 0), codeOf("unit", unit, 0)
	}
	half := 2 + (width-2)/2
	if l.inline {
		w.span(r, 1, width, l.project+"："+project)
		r++
		w.span(r, 1, half, l.dept+"："+dept)
		w.span(r, half+1, width, l.unit+"："+unit)
		r++
	} else {
		w.put(r, 1, l.project, r, 2, "")
		w.span(r, 3, width, project)
		r++
		w.put(r, 1, l.dept, r, 2, "")
		w.span(r, 3, half, dept)
		w.text(r, half+1, l.unit)
		w.span(r, half+2, width, unit)
		r++
	}

	// Funds.
	n := len(l.fundRows)
	w.put(r, 1, l.fundsBlock, r+n, 1, "")
	if l.fundsHead != "" {
		w.text(r, 2, l.fundsHead)
	}
	fw := 1 // columns per funds header
	if l.fundsRight {
		fw = 2
	}
	fcol := func(i int) int { return 3 + i*fw }
	for i, h := range l.funds {
		if h.key == "reason" {
			w.span(r, fcol(i), width, h.label)
		} else {
			w.span(r, fcol(i), fcol(i)+fw-1, h.label)
		}
	}
	amt := l.amountFmt
	if amt == "" {
		amt = "0.00"
	}
	for j, fr := range l.fundRows {
		rr := r + 1 + j
		w.text(rr, 2, fr.label)
		g := d.Grid[fr.key]
		if g == nil {
			g = map[string]string{"initial": "0.00", "budget": "0.00", "spent": "0.00"}
		}
		for i, h := range l.funds {
			c := fcol(i) + fw - 1
			if fw > 1 && h.key != "reason" {
				w.put(rr, fcol(i), "", 0, 0, "")
			}
			switch h.key {
			case "initial", "budget", "spent":
				code := amt
				if l.dashZero {
					code = `#,##0.00;-#,##0.00;"-"`
				}
				w.put(rr, c, cnum(g[h.key]), 0, 0, code)
			case "rate":
				w.put(rr, c, fundRate(g), 0, 0, "0.00")
			case "weight":
				if fr.key == "total" {
					w.put(rr, c, 10.0, 0, 0, "0")
				} else {
					w.text(rr, c, "/")
				}
			case "score":
				if fr.key == "total" {
					w.put(rr, c, fundScore(g), 0, 0, "0.00")
				} else {
					w.text(rr, c, "/")
				}
			case "reason":
				if j == 0 {
					w.put(rr, c, "", rr+n-1, width, "")
				}
			}
		}
	}
	r += n + 1

	// Goals.
	w.put(r, 1, l.goalBlock, r+1, 1, "")
	w.span(r, 2, half, l.goal)
	w.span(r, half+1, width, l.achieved)
	w.span(r+1, 2, half, d.Fields["goal"])
	w.span(r+1, half+1, width, d.Fields["achieved"])
	r += 2

	// Indicator table.
	if l.tableTitle != "" {
		w.span(r, 1, width, l.tableTitle)
		r++
	}
	at := map[string][2]int{} // key → first, last column
	c := 1
	for _, h := range l.cols {
		s := max(h.span, 1)
		at[h.key] = [2]int{c, c + s - 1}
		c += s
	}
	header := func(r int) int {
		if !l.twoRow {
			for _, h := range l.cols {
				a := at[h.key]
				w.span(r, a[0], a[1], h.label)
			}
			return r + 1
		}
		w.span(r, at["level1"][0], at["name"][1], "绩效指标")
		for _, h := range l.cols {
			a := at[h.key]
			switch h.key {
			case "level1", "level2", "name":
				w.span(r+1, a[0], a[1], h.label)
			default:
				w.put(r, a[0], h.label, r+1, a[1], "")
			}
		}
		return r + 2
	}
	headRow := r
	r = header(r)
	points := map[string]decimal.Decimal{}
	for _, row := range d.Rows {
		l1 := row.Cells["level1"]
		points[l1] = points[l1].Add(dec(row.Cells["weight"]))
	}
	type placedRow struct{ line, i int }
	var lines []placedRow
	writeRow := func(r, i int) {
		cells := d.Rows[i].Cells
		op, val, un, quant := splitTarget(cells["target"])
		for _, h := range l.cols {
			a := at[h.key]
			vc := a[0]
			if l.valueRight {
				vc = a[1]
			}
			put := func(v any, code string) {
				if a[1] > a[0] && !l.valueRight {
					w.put(r, a[0], v, r, a[1], code)
					return
				}
				if a[1] > a[0] {
					for x := a[0]; x <= a[1]; x++ {
						if x != vc {
							w.put(r, x, "", 0, 0, "")
						}
					}
				}
				w.put(r, vc, v, 0, 0, code)
			}
			switch h.key {
			case "lead", "level1", "level2":
				if h.key == "level1" && l.headings {
					put("", "")
				} else if !l.mergeLevels {
					put(levelText(l, cells[h.key], points, h.key), "")
				}
			case "name", "reason":
				put(cells[h.key], "")
			case "op":
				if quant {
					put(op, "")
				} else {
					put("", "")
				}
			case "nature":
				if quant {
					put("定量", "")
				} else {
					put("定性", "")
				}
			case "unit":
				put(un, "")
			case "target":
				switch {
				case !quant:
					put(cells["target"], "")
				case l.target == "split":
					put(cnum(val), "")
				case l.target == "numfmt":
					code := numCode(val, un)
					if op != "=" {
						code = `"` + op + `"` + code
					}
					put(cnum(val), code)
				case l.target == "spanunit" && a[1] > a[0]:
					w.put(r, a[0], op+val, 0, 0, "")
					w.put(r, a[1], un, 0, 0, "")
				case l.target == "bare":
					u := un
					if u == "%" {
						u = "%"
					}
					put(op+val+u, "")
				default:
					put(cells["target"], "")
				}
			case "actual":
				a := cells["actual"]
				m := regexp.MustCompile(`^([0-9.]+)\((.*)\)$`).FindStringSubmatch(a)
				switch {
				case m == nil:
					put(a, "")
				case l.actual == "number":
					put(cnum(m[1]), "")
				case l.actual == "numfmt":
					put(cnum(m[1]), numCode(m[1], m[2]))
				default:
					put(a, "")
				}
			case "weight", "score":
				code := l.scoreFmt
				if code == "" {
					code = "0.00"
				}
				put(cnum(cells[h.key]), code)
			}
		}
	}
	headingsDone := map[string]bool{}
	i := 0
	page := 1
	prevL1 := ""
	for i < len(d.Rows) {
		if l.pageBreak > 0 && i == l.pageBreak && page == 1 {
			w.span(r, 1, width, "第 1 页 共 2 页")
			r++
			r = header(r)
			page = 2
		}
		l1 := d.Rows[i].Cells["level1"]
		if l.subtotals && prevL1 != "" && l1 != prevL1 {
			subtotal(w, r, at, prevL1, points, l)
			r++
		}
		if l.headings && l1 != prevL1 {
			ord := []string{"一", "二", "三", "四", "五"}[len(headingsDone)]
			headingsDone[l1] = true
			w.span(r, 1, width, fmt.Sprintf("%s、%s（%s分）", ord, l1, points[l1].String()))
			r++
		}
		prevL1 = l1
		if l.placeholders && i > 0 && d.Rows[i-1].Cells["level2"] != d.Rows[i].Cells["level2"] {
			a := at["name"]
			w.span(r, a[0], a[1], "……")
			lines = append(lines, placedRow{r, -1})
			r++
		}
		writeRow(r, i)
		lines = append(lines, placedRow{r, i})
		r++
		i++
	}
	if l.subtotals {
		subtotal(w, r, at, prevL1, points, l)
		r++
	}
	last := r - 1
	_ = headRow
	// Merged 一级/二级 labels over runs, not across the page boundary.
	if l.mergeLevels {
		for _, key := range []string{"lead", "level1", "level2"} {
			a, ok := at[key]
			if !ok || key == "level1" && l.headings {
				continue
			}
			k := 0
			for k < len(lines) {
				if lines[k].i < 0 {
					k++
					continue
				}
				j := k
				v := d.Rows[lines[k].i].Cells[key]
				for j+1 < len(lines) {
					nx := lines[j+1]
					if nx.i < 0 && key != "level2" {
						j++
						continue
					}
					if nx.i < 0 || nx.line != lines[j].line+1 || d.Rows[nx.i].Cells[key] != v && key != "lead" ||
						key == "level2" && d.Rows[nx.i].Cells["level1"] != d.Rows[lines[k].i].Cells["level1"] {
						break
					}
					j++
				}
				shown := levelText(l, v, points, key)
				if l.pageBreak > 0 && lines[k].i == l.pageBreak && lines[k].i > 0 && d.Rows[lines[k].i-1].Cells[key] == v {
					shown = "" // a label the page split left on page 1
				}
				w.put(lines[k].line, a[0], shown, lines[j].line, a[1], "")
				k = j + 1
			}
		}
	}
	r = last + 1
	total := seedTotal(d)
	wc := at["weight"]
	for _, f := range l.footer {
		switch f {
		case "总分", "合计":
			w.put(r, 1, f, r, wc[0]-1, "")
			w.put(r, wc[0], 100.0, r, wc[1], "0.00")
			sc := at["score"]
			w.put(r, sc[0], total, r, sc[1], "0.00")
			for x := sc[1] + 1; x <= width; x++ {
				w.put(r, x, "", 0, 0, "")
			}
		case "评分等级", "绩效等级", "自评等级":
			w.put(r, 1, f, r, wc[0]-1, "")
			w.span(r, wc[0], width, seedGrade(total))
		}
		r++
	}
	if l.narrative {
		for _, p := range [][2]string{{"评价结论", fmt.Sprintf("项目自评得分%.2f分，完成了年度绩效目标。", total)},
			{"存在问题", "无"}, {"改进措施", "进一步加强预算执行管理。"}} {
			w.put(r, 1, p[0], r, 2, "")
			w.span(r, 3, width, p[1])
			r++
		}
		w.put(r, 1, "项目负责人：张三", r, 3, "")
		w.put(r, 4, "财务负责人：李四", r, 6, "")
		w.span(r, 7, width, "填表日期：2025年1月20日")
		r++
	}
	if l.signature {
		w.put(r, 1, "填表人：王五", r, 3, "")
		w.put(r, 4, "联系电话：0571-87654321", r, 6, "")
		w.span(r, 7, width, "填报日期：2025年1月15日")
		r++
	}
	if l.pageBreak > 0 {
		w.span(r, 1, width, "第 2 页 共 2 页")
		r++
	}
	return r
}

func levelText(l *corpusLayout, v string, points map[string]decimal.Decimal, key string) string {
	switch key {
	case "lead":
		return "绩效指标"
	case "level1":
		if l.levelPoints {
			return fmt.Sprintf("%s（%s分）", v, points[v].String())
		}
	}
	return v
}

func subtotal(w *cw, r int, at map[string][2]int, l1 string, points map[string]decimal.Decimal, l *corpusLayout) {
	wc := at["weight"]
	w.put(r, 1, l1+"小计", r, wc[0]-1, "")
	f, _ := points[l1].Float64()
	w.put(r, wc[0], f, r, wc[1], "0.00")
}

// numCode is a custom number format showing a value with the decimals it
// was typed with and its unit in brackets: 0.00"(个)".
func numCode(val, unit string) string {
	code := "0"
	if i := strings.IndexByte(val, '.'); i >= 0 {
		code += "." + strings.Repeat("0", len(val)-i-1)
	}
	if unit != "" {
		code += `"(` + unit + `)"`
	}
	return code
}

// buildCorpusFile writes layout l with the seeds into path.
func buildCorpusFile(t *testing.T, l *corpusLayout, seeds []string, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	sheet := func(name string) *cw {
		if first {
			must(f.SetSheetName("Sheet1", name))
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		return &cw{f: f, sh: name, styles: map[string]int{}}
	}
	name := l.sheet
	if name == "" {
		name = "自评表"
	}
	switch l.extra {
	case "guide":
		guideSheet(sheet("填报说明"))
		writeForm(sheet(name), l, loadSeed(t, seeds[0]), 1)
	case "example":
		writeForm(sheet(name), l, loadSeed(t, seeds[0]), 1)
		ex := sheet("示例")
		other := layoutSeeds[0]
		if seeds[0] == other {
			other = layoutSeeds[1]
		}
		writeForm(ex, l, loadSeed(t, other), 2)
		ex.span(1, 1, 6, "示例（填报样表，仅供参考）")
	case "lists":
		writeForm(sheet(name), l, loadSeed(t, seeds[0]), 1)
		listSheet(sheet("下拉选项"))
		must(f.SetSheetVisible("下拉选项", false))
	case "summary":
		sum := sheet("汇总")
		sum.span(1, 1, 7, "2024年度项目支出绩效自评汇总表")
		for i, h := range []string{"序号", "项目名称", "主管部门", "全年预算数", "全年执行数", "自评得分", "评分等级"} {
			sum.text(2, 1+i, h)
		}
		for i, s := range seeds {
			d := loadSeed(t, s)
			tot := seedTotal(d)
			sum.put(3+i, 1, float64(i+1), 0, 0, "0")
			sum.text(3+i, 2, d.Fields["project"])
			sum.text(3+i, 3, d.Fields["department"])
			sum.put(3+i, 4, cnum(d.Grid["total"]["budget"]), 0, 0, "0.00")
			sum.put(3+i, 5, cnum(d.Grid["total"]["spent"]), 0, 0, "0.00")
			sum.put(3+i, 6, tot, 0, 0, "0.00")
			sum.text(3+i, 7, seedGrade(tot))
		}
		for _, s := range seeds {
			d := loadSeed(t, s)
			writeForm(sheet(d.Fields["project"]), l, d, 1)
		}
	case "stacked":
		w := sheet(name)
		next := writeForm(w, l, loadSeed(t, seeds[0]), 1)
		writeForm(w, l, loadSeed(t, seeds[1]), next+1)
	case "guide-two": // a 填报说明 sheet, then a form per seed on its own sheet
		guideSheet(sheet("填报说明"))
		for i, s := range seeds {
			writeForm(sheet(fmt.Sprintf("项目%d", i+1)), l, loadSeed(t, s), 1)
		}
	case "two":
		writeForm(sheet("项目1"), l, loadSeed(t, seeds[0]), 1)
		writeForm(sheet("项目2"), l.two, loadSeed(t, seeds[1]), 1)
	default:
		writeForm(sheet(name), l, loadSeed(t, seeds[0]), 1)
	}
	must(f.SaveAs(path))
}

// guideSheet is a 填报说明 sheet: the title, notes and an example row.
func guideSheet(w *cw) {
	w.span(1, 1, 8, "项目支出绩效自评表填报说明")
	notes := []string{"一、本表由项目实施单位填报，金额单位为万元。", "二、年度指标值按批复的绩效目标填写，定量指标写明运算符号和计量单位。",
		"三、填报示例如下："}
	for i, n := range notes {
		w.span(2+i, 1, 8, n)
	}
	for i, h := range []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"} {
		w.text(5, 1+i, h)
	}
	for i, v := range []string{"产出指标", "数量指标", "培训人次", "≥100(人次)", "120(人次)"} {
		w.text(6, 1+i, v)
	}
	w.put(6, 6, 10.0, 0, 0, "0")
	w.put(6, 7, 10.0, 0, 0, "0")
	w.span(8, 1, 8, "四、总分 = 预算执行率得分 + 各项指标得分，评分等级：90分（含）以上为优。")
}

// listSheet holds the dropdown lists of a budget system's export.
func listSheet(w *cw) {
	w.text(1, 1, "一级指标")
	w.text(1, 2, "二级指标")
	w.text(1, 3, "实际完成值")
	for i, v := range []string{"产出指标", "效益指标", "满意度指标", "成本指标"} {
		w.text(2+i, 1, v)
	}
	for i, v := range []string{"数量指标", "质量指标", "时效指标", "经济效益指标", "社会效益指标"} {
		w.text(2+i, 2, v)
	}
	for i, v := range []string{"达成指标", "部分达成指标", "未达成指标"} {
		w.text(2+i, 3, v)
	}
}

var _ = math.Abs
