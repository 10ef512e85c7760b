package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

func summaryCommand() *cli.Command {
	var (
		rules  rulesOptions
		output string
	)
	return &cli.Command{
		Name:      "summary",
		Usage:     "汇总多份自评表：每份一行（项目、单位、预算、执行、执行率、总分、等级、问题数），附等级分布图",
		ArgsUsage: "FILE-or-DIR...",
		Description: "同时写出同名的 .csv 和 .json；-o 的文件夹不存在时会创建。文件夹会递归查找 .xlsx/.xlsm/.xls（跳过隐藏文件和 ~$ 临时文件）。\n" +
			"退出码：0 每份都通过；1 有表未通过（有错误，--strict 时警告也算）；2 用法错误；3 有文件无法读取；4 汇总无法写出。\n\n" +
			"示例：\n" +
			"  selfeval summary -o 汇总.xlsx 回收/\n" +
			"  selfeval summary -o 汇总.xlsx samples/*.xlsx",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "汇总工作簿（.xlsx）", Required: true, Destination: &output},
		}, rules.flags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("请给出要汇总的文件或文件夹，例如：selfeval summary -o 汇总.xlsx 回收/",
					"name the files or folders to roll up, e.g. selfeval summary -o summary.xlsx returns/")
			}
			if !strings.EqualFold(filepath.Ext(output), ".xlsx") {
				return usageError("-o 应是 .xlsx 文件，而不是“%s”", "-o must name an .xlsx file, not %q", output)
			}
			paths, err := inputsOf(c)
			if err != nil {
				return err
			}
			for _, p := range paths {
				if same, _ := sameFile(p, output); same {
					return usageError("输出文件 %s 不能同时是输入文件", "the output %s is also an input", output)
				}
			}
			g, err := newEngine(c, rules)
			if err != nil {
				return err
			}
			bar := newProgress(c.App.ErrWriter, len(paths), tr(langOfContext(c), "汇总", "roll-up"))
			rows := make([]workbook.SummaryRow, 0, len(paths))
			stream(c.Context, paths, bar.tick, g.evaluate, func(evs []*evaluation) {
				for _, ev := range evs { // every form of a workbook
					rows = append(rows, g.summaryRow(ev, displayPath(c.Args().Slice(), ev.Path))) // a compact row, not the evaluation
				}
			})
			bar.done()
			if dir := filepath.Dir(output); dir != "." {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					return mkdirError(dir, err)
				}
			}
			if err := writeSummary(output, rows, g.profile); err != nil {
				return &exitError{code: exitUnwritable, err: err}
			}
			fmt.Fprintf(c.App.Writer, tr(langOfContext(c), "已汇总 %d 份到 %s（及 .csv、.json）\n", "rolled up %d form(s) into %s (and .csv, .json)\n"), len(rows), output)
			invalid := 0
			for _, r := range rows {
				if r.Problem != "" {
					return &exitError{code: exitUnreadable, err: say("有文件无法读取，已在汇总的“说明”列注明，例如：%s", "some files could not be read; the roll-up says why in its 说明 column, e.g. %s", r.Problem)}
				}
				if r.Status == workbook.StatusInvalid {
					invalid++
				}
			}
			if invalid > 0 {
				return &exitError{code: exitInvalid, err: say("有 %d 份表未通过校验（见汇总的错误、警告列）", "%d form(s) did not pass (see the roll-up's error and warning columns)", invalid)}
			}
			return nil
		},
	}
}

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// displayPath is how the roll-up names a file: relative to the folder
// argument it was found in (starting with that folder's name), as typed when
// it was given as a relative path, else by its name alone.
func displayPath(args []string, p string) string {
	for _, a := range args {
		if fi, err := os.Stat(a); err != nil || !fi.IsDir() {
			continue
		}
		if rel, err := filepath.Rel(a, p); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(filepath.Join(filepath.Base(filepath.Clean(a)), rel))
		}
	}
	if filepath.IsAbs(p) {
		return filepath.Base(p)
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func (g *engine) summaryRow(ev *evaluation, name string) workbook.SummaryRow {
	r := workbook.SummaryRow{File: name}
	switch ev.status(g.strict) {
	case "ok":
		r.Status = workbook.StatusOK
	case "invalid":
		r.Status = workbook.StatusInvalid
	default:
		r.Status = workbook.StatusUnreadable
		r.Problem = strings.ReplaceAll(ev.Err.Error(), ev.Path, name)
		return r
	}
	res := ev.Result
	r.Project, r.Kind, r.Grade = res.Project, res.Kind, res.Grade
	r.Unit, r.Department, r.Year, r.MoneyUnit = ev.Unit, ev.Department, ev.Year, ev.MoneyUnit
	total := res.Total
	r.Total = &total
	if x := res.Execution; x != nil {
		b, s, rt := x.Budget, x.Spent, x.Rate
		r.Budget, r.Spent, r.Rate = &b, &s, &rt
	}
	r.Errors, r.Warnings, _ = res.Counts()
	return r
}

var summaryGrades = []string{validate.GradeExcellent, validate.GradeGood, validate.GradeFair, validate.GradePoor}

// writeSummary writes OUT.xlsx and, beside it, OUT.csv and OUT.json, with
// the same rows, totals and counts.
func writeSummary(out string, rows []workbook.SummaryRow, p *validate.Profile) error {
	f, err := workbook.Summary(rows, summaryGrades)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := workbook.SaveAtomic(f, out); err != nil {
		return err
	}
	totals := workbook.SummaryTotals(rows)
	stem := strings.TrimSuffix(out, filepath.Ext(out))
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(workbook.SummaryHeader)
	for _, r := range rows {
		rec := make([]string, 0, len(workbook.SummaryHeader))
		for _, v := range r.Values() {
			rec = append(rec, csvCell(v))
		}
		_ = w.Write(rec)
	}
	for _, t := range totals {
		rate := ""
		if t.Rate != nil {
			rate = t.Rate.StringFixed(2)
		}
		_ = w.Write([]string{fmt.Sprintf("合计（%s，%d 份）", t.MoneyUnit, t.Forms), "", "", "", "", t.MoneyUnit,
			t.Budget.StringFixed(2), t.Spent.StringFixed(2), rate})
	}
	w.Flush()
	if err := workbook.WriteFileAtomic(stem+".csv", append([]byte("\ufeff"), buf.Bytes()...)); err != nil {
		return err
	}
	type jrow struct {
		Project    string `json:"project"`
		Department string `json:"department"`
		Unit       string `json:"unit"`
		Year       string `json:"year"`
		Kind       string `json:"kind"`
		MoneyUnit  string `json:"money_unit"`
		Budget     *num   `json:"budget"`
		Spent      *num   `json:"spent"`
		Rate       *num   `json:"rate"`
		Total      *num   `json:"total"`
		Grade      string `json:"grade"`
		Status     string `json:"status"`
		Errors     int    `json:"errors"`
		Warnings   int    `json:"warnings"`
		File       string `json:"file"`
		Error      string `json:"error"`
	}
	type jtotal struct {
		MoneyUnit string `json:"money_unit"`
		Forms     int    `json:"forms"`
		Budget    num    `json:"budget"`
		Spent     num    `json:"spent"`
		Rate      *num   `json:"rate"`
	}
	type jcount struct {
		Label string `json:"label"`
		Forms int    `json:"forms"`
	}
	doc := struct {
		Profile string   `json:"profile"`
		Forms   []jrow   `json:"forms"`
		Totals  []jtotal `json:"totals"`
		Grades  []jcount `json:"grades"`
		Rates   []jcount `json:"rates"`
	}{Profile: p.Name, Forms: []jrow{}, Totals: []jtotal{}}
	for _, r := range rows {
		doc.Forms = append(doc.Forms, jrow{r.Project, r.Department, r.Unit, r.Year, r.Kind, r.MoneyUnit, numPtr(r.Budget),
			numPtr(r.Spent), numPtr(r.Rate), numPtr(r.Total), r.Grade, r.Status, r.Errors, r.Warnings, r.File, r.Problem})
	}
	for _, t := range totals {
		doc.Totals = append(doc.Totals, jtotal{t.MoneyUnit, t.Forms, num(t.Budget), num(t.Spent), numPtr(t.Rate)})
	}
	byGrade, byRate := workbook.SummaryCounts(rows, summaryGrades)
	for i, g := range summaryGrades {
		doc.Grades = append(doc.Grades, jcount{g, byGrade[i]})
	}
	for i, b := range workbook.RateBands {
		doc.Rates = append(doc.Rates, jcount{b, byRate[i]})
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return workbook.WriteFileAtomic(stem+".json", append(b, '\n'))
}

// csvCell renders a value for CSV; text that a spreadsheet would take for a
// formula gets a leading apostrophe.
func csvCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if x != "" && strings.ContainsRune("=+-@", rune(x[0])) {
			return "'" + x
		}
		return x
	case float64:
		return decimal.NewFromFloat(x).StringFixed(2)
	default:
		return fmt.Sprint(x)
	}
}
