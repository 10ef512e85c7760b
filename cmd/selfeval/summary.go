package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/rollup"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/validate/review"
	"github.com/urfave/cli/v2"
)

// summaryExamples are the examples `selfeval summary --help` prints; a test runs each.
var summaryExamples = []string{
	"selfeval summary -o 汇总.xlsx 回收/",
	"selfeval summary -o 汇总.xlsx samples/*.xlsx",
	"selfeval summary 回收/ --expect 批复目标.csv --deadline 2025-03-31 -o 汇总.xlsx",
}

func summaryCommand() *cli.Command {
	var (
		rules    rulesOptions
		output   string
		expect   string
		deadline string
		flagged  bool
	)
	return &cli.Command{
		Name:      "summary",
		Usage:     "汇总多份自评表：每份一行（项目、单位、预算、执行、执行率、总分、等级、问题数、复核提示），附等级分布图",
		ArgsUsage: "FILE-or-DIR...",
		Description: "同时写出同名的 .csv 和 .json；-o 的文件夹不存在时会创建。文件夹会递归查找 .xlsx/.xlsm/.xls/.et/.ods（跳过隐藏文件和 ~$ 临时文件）。\n" +
			"同一份表（年度、表单类型、项目名称、实施单位相同）提交了几次只计最新的一份，其余标为“已被替代”，不计入合计和图表；\n" +
			"不同年度、不同表单类型、不同金额单位的表分别合计。--expect 给出批复目标文件或下发模板的文件夹，未交回的表列为“未提交”。\n" +
			"“复核提示”列是给复核人员看的提示（review.*，见 RULES §6），不写入单位的表。\n" +
			"退出码：0 每份都通过；1 有表未通过（有错误，--strict 时警告也算）；2 用法错误；3 有文件无法读取；4 汇总无法写出。\n\n" +
			"示例：\n  " + joinLines(summaryExamples),
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "汇总工作簿（.xlsx）", Required: true, Destination: &output},
			&cli.StringFlag{Name: "expect", Usage: "应交回的表：批复目标文件（.csv、.xlsx、.json）或下发模板所在文件夹", Destination: &expect},
			&cli.StringFlag{Name: "deadline", Usage: "截止日期（YYYY-MM-DD），汇总注明还剩或已逾期几天", Destination: &deadline},
			&cli.BoolFlag{Name: "flagged", Usage: "只列出有复核提示的表（以及未提交的表）", Destination: &flagged},
		}, rules.flags()...),
		Action: func(c *cli.Context) error {
			lang := langOfContext(c)
			if c.NArg() == 0 {
				return usageError("请给出要汇总的文件或文件夹，例如：selfeval summary -o 汇总.xlsx 回收/",
					"name the files or folders to roll up, e.g. selfeval summary -o summary.xlsx returns/")
			}
			if !strings.EqualFold(filepath.Ext(output), ".xlsx") {
				return usageError("-o 应是 .xlsx 文件，而不是“%s”", "-o must name an .xlsx file, not %q", output)
			}
			var due time.Time
			if deadline != "" {
				var err error
				if due, err = time.Parse("2006-01-02", deadline); err != nil {
					return usageError("--deadline %s 无效：日期写成 YYYY-MM-DD，如 2025-03-31", "--deadline %s is not valid: write the date as YYYY-MM-DD, e.g. 2025-03-31", deadline)
				}
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
			var expected []rollup.Expected
			if expect != "" {
				if expected, err = g.expected(c, expect); err != nil {
					return err
				}
			}
			rows, facts := g.collect(c, paths, tr(lang, "汇总", "roll-up"))
			rows = rollup.AddMissing(rows, expected)
			if flagged {
				kept := rows[:0]
				for _, r := range rows {
					if len(r.Review) > 0 || r.Status == rollup.StatusMissing {
						kept = append(kept, r)
					}
				}
				rows = kept
			}
			tally := rollup.TallyOf(rows, due, time.Now())
			if g.profile.Review.AllFullMarks != "off" {
				for _, s := range review.FullMarks(facts) {
					if s.Full > 0 {
						dept := s.Department
						if dept == "" {
							dept = tr(lang, "（未填主管部门）", "(no 主管部门)")
						}
						tally.Notes = append(tally.Notes, fmt.Sprintf(tr(lang, "复核提示：%s %d 份表中 %d 份指标全满分（review.all_full_marks）",
							"review: %s: of %d forms, %d have every indicator at full marks (review.all_full_marks)"), dept, s.Forms, s.Full))
					}
				}
			}
			if dir := filepath.Dir(output); dir != "." {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					return mkdirError(dir, err)
				}
			}
			if err := rollup.Write(output, rows, tally, summaryGrades, g.profile.Name); err != nil {
				return &exitError{code: exitUnwritable, err: err}
			}
			fmt.Fprintf(c.App.Writer, tr(lang, "已汇总 %d 份到 %s（及 .csv、.json）\n", "rolled up %d form(s) into %s (and .csv, .json)\n"), tally.Forms, output)
			for _, line := range tally.Lines() {
				fmt.Fprintln(c.App.Writer, line)
			}
			for _, r := range rows {
				if r.Status == rollup.StatusMissing {
					fmt.Fprintf(c.App.Writer, tr(lang, "未提交：%s（%s）\n", "not returned: %s (%s)\n"), r.Project, r.Unit)
				}
			}
			invalid := 0
			for _, r := range rows {
				if r.Status == rollup.StatusUnreadable {
					return &exitError{code: exitUnreadable, err: say("有文件无法读取，已在汇总的“说明”列注明，例如：%s", "some files could not be read; the roll-up says why in its 说明 column, e.g. %s", r.Problem)}
				}
				if r.Status == rollup.StatusInvalid {
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

// collect reads and checks the forms of paths into roll-up rows, the later
// of one form superseding the earlier, each with the reviewer's checks of
// its own and across forms; facts are the counted forms' (nil for others).
func (g *engine) collect(c *cli.Context, paths []string, what string) ([]rollup.Row, []*review.Facts) {
	bar := newProgress(c.App.ErrWriter, len(paths), what)
	rows := make([]rollup.Row, 0, len(paths))
	var facts []*review.Facts
	stream(c.Context, paths, bar.tick, g.evaluate, func(evs []*evaluation) {
		for _, ev := range evs { // every form of a workbook
			row := g.summaryRow(ev, displayPath(c.Args().Slice(), ev.Path))
			var f *review.Facts
			if ev.Err == nil && ev.Result != nil {
				f = ev.Facts
				row.Review = review.Labels(review.Check(f, g.profile, g.lang))
			}
			rows = append(rows, row) // a compact row, not the evaluation
			facts = append(facts, f)
		}
	})
	bar.done()
	rollup.Supersede(rows)
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.File
		if !r.Counts() {
			facts[i] = nil // a replaced file is not compared with the others
			rows[i].Review = nil
		}
	}
	for i, fs := range review.Batch(facts, names, g.profile, g.lang) {
		rows[i].Review = mergeLabels(rows[i].Review, review.Labels(fs))
	}
	return rows, facts
}

func mergeLabels(a, b []string) []string {
	for _, x := range b {
		dup := false
		for _, y := range a {
			dup = dup || x == y
		}
		if !dup {
			a = append(a, x)
		}
	}
	return a
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

func (g *engine) summaryRow(ev *evaluation, name string) rollup.Row {
	r := rollup.Row{File: name, Path: ev.Path, Sheet: ev.Sheet}
	if fi, err := os.Stat(ev.Path); err == nil {
		r.Modified = fi.ModTime()
	}
	switch ev.status(g.strict) {
	case "ok":
		r.Status = rollup.StatusOK
	case "invalid":
		r.Status = rollup.StatusInvalid
	default:
		r.Status = rollup.StatusUnreadable
		r.Problem = strings.ReplaceAll(ev.Err.Error(), ev.Path, name)
		return r
	}
	res := ev.Result
	r.Project, r.Kind, r.Grade = res.Project, res.Kind, res.Grade
	r.Unit, r.Department, r.Year, r.MoneyUnit = ev.Unit, ev.Department, ev.Year, ev.MoneyUnit
	r.ID = ev.ID
	if r.Year == "" {
		r.Year = ev.ID.Year
	}
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
