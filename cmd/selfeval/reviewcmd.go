package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/season"
	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/validate/review"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
	"github.com/xuri/excelize/v2"
)

// reviewExamples are the examples `selfeval review --help` prints; a test runs each.
var reviewExamples = []string{
	"selfeval review 回收/ -o 复核.xlsx",
	"selfeval review 复核.xlsx",
	"selfeval review 复核.xlsx --format json -o 差值表.xlsx",
}

func reviewCommand() *cli.Command {
	var (
		rules    rulesOptions
		output   string
		format   string
		password string
	)
	return &cli.Command{
		Name:      "review",
		Usage:     "复核：为抽查的表生成复核工作簿；读回填好的复核工作簿，给出偏离度和差值表",
		ArgsUsage: "DIR-or-LIST... | 复核.xlsx",
		Description: "给出自评表、文件夹或 selfeval sample 写出的抽查名单，并用 -o 指定 .xlsx：生成复核工作簿，每份表一个工作表，\n" +
			"列出指标、分值和自评得分，只有“复核得分”“复核意见”可以填写，其余锁定。\n" +
			"只给出填好的复核工作簿：读回，计算每个指标和每份表的偏离度 (自评 − 复核) ÷ 自评，列出差值表，\n" +
			"偏离度超过规则配置 review.deviation_above（默认 10%）的表提示 review.deviation；-o 另存差值表工作簿。\n" +
			"退出码：0 读回完成（偏离是提示，--strict 时算不通过）；1 --strict 且有表偏离；2 用法错误；3 文件无法读取。\n\n" +
			"示例：\n  " + joinLines(reviewExamples),
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "生成时：复核工作簿（.xlsx）；读回时：差值表工作簿（.xlsx，可不给）", Destination: &output},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "读回时的输出格式：text 或 json", Destination: &format},
			&cli.StringFlag{Name: "password", Usage: "复核工作簿的保护密码", Destination: &password},
		}, rules.flags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("请给出要复核的表、文件夹或抽查名单，例如：selfeval review 抽查名单.json -o 复核.xlsx",
					"name the forms, folders or sample list to review, e.g. selfeval review sample.json -o review.xlsx")
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			if output != "" && !strings.EqualFold(filepath.Ext(output), ".xlsx") {
				return usageError("-o 应是 .xlsx 文件，而不是“%s”", "-o must name an .xlsx file, not %q", output)
			}
			g, err := newEngine(c, rules)
			if err != nil {
				return err
			}
			args := c.Args().Slice()
			if len(args) == 1 && season.IsReview(args[0]) {
				return g.readReview(c, args[0], output, format)
			}
			if output == "" {
				return usageError("生成复核工作簿请用 -o 指定文件，例如：-o 复核.xlsx", "name the review workbook to make with -o, e.g. -o review.xlsx")
			}
			return g.issueReview(c, args, output, password)
		},
	}
}

// isSampleList reports whether path is a list written by sample.
func isSampleList(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json", ".csv":
		return true
	case ".xlsx":
		f, err := excelize.OpenFile(path)
		if err != nil {
			return false
		}
		defer f.Close()
		return f.GetSheetName(0) == "抽查名单"
	}
	return false
}

func (g *engine) issueReview(c *cli.Context, args []string, output, password string) error {
	lang := langOfContext(c)
	var forms []season.ReviewForm
	var inputs []string
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && !fi.IsDir() && isSampleList(a) {
			list, err := readSampleList(a)
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			for _, item := range list {
				evs := g.evaluate(item.Path)
				for _, ev := range evs {
					if ev.Err != nil {
						return &exitError{code: exitUnreadable, err: ev.Err}
					}
					if item.Sheet == "" || ev.Sheet == item.Sheet {
						forms = append(forms, g.reviewFormOf(ev, item.File))
						break
					}
				}
			}
			continue
		}
		inputs = append(inputs, a)
	}
	if len(inputs) > 0 {
		paths, _, err := expandInputs(inputs)
		if err != nil {
			return err
		}
		for _, p := range paths {
			if same, _ := sameFile(p, output); same {
				return usageError("输出文件 %s 不能同时是输入文件", "the output %s is also an input", output)
			}
		}
		rows, _ := g.collect(c, paths, tr(lang, "复核", "review"))
		for _, r := range rows {
			if !r.Counts() {
				continue
			}
			for _, ev := range g.evaluate(r.Path) {
				if ev.Err == nil && ev.Sheet == r.Sheet {
					forms = append(forms, g.reviewFormOf(ev, r.File))
				}
			}
		}
	}
	if len(forms) == 0 {
		return &exitError{code: exitUnreadable, err: say("没有可复核的表", "no form to review")}
	}
	f, err := season.BuildReview(forms, password)
	if err != nil {
		return err
	}
	defer f.Close()
	if dir := filepath.Dir(output); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return mkdirError(dir, err)
		}
	}
	if err := newfile.Save(f, output); err != nil {
		return &exitError{code: exitUnwritable, err: err}
	}
	fmt.Fprintf(c.App.Writer, tr(lang, "已生成复核工作簿 %s：%d 份表\n", "wrote the review workbook %s: %d form(s)\n"), output, len(forms))
	for _, fm := range forms {
		fmt.Fprintf(c.App.Writer, "  %s  %s\n", fm.Sheet, fm.File)
	}
	return nil
}

// reviewFormOf is a checked form's lines for the review workbook: the
// execution rate (when scored) and every indicator.
func (g *engine) reviewFormOf(ev *evaluation, file string) season.ReviewForm {
	res := ev.Result
	fm := season.ReviewForm{File: file, FormSheet: ev.Sheet, Project: res.Project, Unit: ev.Unit, Department: ev.Department, Kind: res.Kind}
	if ev.Facts != nil {
		fm.Notes = strings.Join(review.Labels(review.Check(ev.Facts, g.profile, g.lang)), "；")
	}
	if x := res.Execution; x != nil && x.Weight.IsPositive() {
		fm.Items = append(fm.Items, season.ReviewItem{Level1: "预算执行率", Name: "预算执行率", Target: "100%",
			Actual: x.Rate.StringFixed(2) + "%", Weight: x.Weight, Self: x.Score})
	}
	for _, in := range res.Indicators {
		fm.Items = append(fm.Items, season.ReviewItem{Level1: in.Level1, Level2: in.Level2, Name: in.Name,
			Target: in.Target, Actual: in.Actual, Weight: in.Weight, Self: in.Score})
	}
	return fm
}

type jsonReviewItem struct {
	No         int    `json:"no"`
	Level1     string `json:"level1"`
	Level2     string `json:"level2"`
	Name       string `json:"name"`
	Weight     num    `json:"weight"`
	Self       num    `json:"self"`
	Review     *num   `json:"review"`
	Difference *num   `json:"difference"`
	Deviation  *num   `json:"deviation"`
	Opinion    string `json:"opinion"`
}

type jsonReviewForm struct {
	Sheet       string           `json:"sheet"`
	File        string           `json:"file"`
	Project     string           `json:"project"`
	Unit        string           `json:"unit"`
	Department  string           `json:"department"`
	SelfTotal   num              `json:"self_total"`
	ReviewTotal num              `json:"review_total"`
	Deviation   *num             `json:"deviation"`
	Unreviewed  int              `json:"unreviewed"`
	ReviewNotes string           `json:"review_notes"` // the form's reviewer's checks when the workbook was made
	Indicators  []jsonReviewItem `json:"indicators"`
	Findings    []form.Finding   `json:"findings"`
}

func (g *engine) readReview(c *cli.Context, path, output, format string) error {
	lang := langOfContext(c)
	forms, err := season.ReadReview(path)
	if err != nil {
		if errors.Is(err, season.ErrNotReview) || forms == nil {
			return &exitError{code: exitUnreadable, err: fmt.Errorf("%s：%w", path, err)}
		}
		return &exitError{code: exitInvalid, err: fmt.Errorf("%s：%w", path, err)}
	}
	var out []jsonReviewForm
	flagged := 0
	for _, fm := range forms {
		self, rev, blank := fm.Totals()
		jf := jsonReviewForm{Sheet: fm.Sheet, File: fm.File, Project: fm.Project, Unit: fm.Unit, Department: fm.Department,
			SelfTotal: num(self), ReviewTotal: num(rev), Unreviewed: blank, ReviewNotes: fm.Notes, Indicators: []jsonReviewItem{}, Findings: []form.Finding{}}
		if blank < len(fm.Items) {
			jf.Deviation = numPtr(season.Deviation(self, &rev))
		}
		for i, it := range fm.Items {
			ji := jsonReviewItem{No: i + 1, Level1: it.Level1, Level2: it.Level2, Name: it.Name, Weight: num(it.Weight), Self: num(it.Self),
				Review: numPtr(it.Review), Deviation: numPtr(season.Deviation(it.Self, it.Review)), Opinion: it.Opinion}
			if it.Review != nil {
				d := it.Self.Sub(*it.Review)
				ji.Difference = numPtr(&d)
			}
			jf.Indicators = append(jf.Indicators, ji)
		}
		if jf.Deviation != nil && decimal.Decimal(*jf.Deviation).GreaterThan(g.profile.Review.DeviationAbove) {
			dev := decimal.Decimal(*jf.Deviation)
			if fd, ok := review.New(g.profile.Review, g.lang, review.Deviation, fm.Sheet, "",
				[]any{dev.StringFixed(2), self.StringFixed(2), rev.StringFixed(2), g.profile.Review.DeviationAbove.String()}, nil); ok {
				jf.Findings = append(jf.Findings, fd)
				flagged++
			}
		}
		out = append(out, jf)
	}
	if output != "" {
		if err := writeDiffTable(output, out); err != nil {
			return &exitError{code: exitUnwritable, err: err}
		}
	}
	w := c.App.Writer
	if format == "json" {
		doc := struct {
			Tool    string           `json:"tool"`
			Version string           `json:"version"`
			Profile string           `json:"profile"`
			Path    string           `json:"path"`
			Forms   []jsonReviewForm `json:"forms"`
			Summary struct {
				Forms   int `json:"forms"`
				Flagged int `json:"flagged"`
			} `json:"summary"`
		}{Tool: "selfeval", Version: toolVersion(), Profile: g.profile.Name, Path: path, Forms: out}
		doc.Summary.Forms, doc.Summary.Flagged = len(out), flagged
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\n", b)
	} else {
		writeReviewText(w, path, out, lang)
		fmt.Fprintf(w, tr(lang, "共 %d 份表，偏离度超过 %s%% 的 %d 份\n", "%d form(s), %[3]d with a deviation above %[2]s%%\n"), len(out), g.profile.Review.DeviationAbove.String(), flagged)
	}
	if g.strict && flagged > 0 {
		return &exitError{code: exitInvalid, err: say("有 %d 份表复核偏离超过阈值", "%d form(s) deviate beyond the threshold", flagged)}
	}
	return nil
}

func fmtNum(n *num) string {
	if n == nil {
		return "—"
	}
	return decimal.Decimal(*n).StringFixed(2)
}

func writeReviewText(w io.Writer, path string, forms []jsonReviewForm, lang validate.Lang) {
	for _, f := range forms {
		fmt.Fprintf(w, tr(lang, "%s「%s」 %s（%s）  自评 %s  复核 %s  偏离度 %s%%", "%s「%s」 %s (%s)  self %s  review %s  deviation %s%%"),
			path, f.Sheet, f.Project, f.Unit, fmtNum(&f.SelfTotal), fmtNum(&f.ReviewTotal), fmtNum(f.Deviation))
		if f.ReviewNotes != "" {
			fmt.Fprintf(w, tr(lang, "  复核提示：%s", "  review: %s"), f.ReviewNotes)
		}
		if f.Unreviewed > 0 {
			fmt.Fprintf(w, tr(lang, "  （%d 项未填复核得分，按自评计）", "  (%d line(s) without a review score, taken as self-scored)"), f.Unreviewed)
		}
		fmt.Fprintln(w)
		for _, x := range f.Findings {
			fmt.Fprintf(w, "  %s %s  %s  (%s)\n", tr(lang, "警告", "warning"), x.Sheet, x.Message, x.Code)
			if x.Hint != "" {
				fmt.Fprintf(w, "      %s%s\n", tr(lang, "建议：", "hint: "), x.Hint)
			}
		}
		fmt.Fprintln(w, tr(lang, "  差值表：序号 指标 分值 自评 复核 差值 偏离度(%) 复核意见", "  differences: no. indicator weight self review difference deviation(%) opinion"))
		for _, it := range f.Indicators {
			if it.Review == nil || decimal.Decimal(*it.Difference).IsZero() {
				continue
			}
			fmt.Fprintf(w, "    %d %s %s %s %s %s %s %s\n", it.No, it.Name, fmtNum(&it.Weight), fmtNum(&it.Self), fmtNum(it.Review),
				fmtNum(it.Difference), fmtNum(it.Deviation), it.Opinion)
		}
	}
}

// writeDiffTable writes the 差值表: one row per reviewed line of every form.
func writeDiffTable(out string, forms []jsonReviewForm) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "差值表"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rows := [][]any{{"工作表", "项目名称", "实施单位", "序号", "一级指标", "二级指标", "指标", "分值", "自评得分", "复核得分", "差值", "偏离度(%)", "复核意见"}}
	val := func(n *num) any {
		if n == nil {
			return nil
		}
		return decimal.Decimal(*n).InexactFloat64()
	}
	for _, fm := range forms {
		for _, it := range fm.Indicators {
			rows = append(rows, []any{fm.Sheet, fm.Project, fm.Unit, it.No, it.Level1, it.Level2, it.Name, val(&it.Weight), val(&it.Self),
				val(it.Review), val(it.Difference), val(it.Deviation), it.Opinion})
		}
		rows = append(rows, []any{fm.Sheet, fm.Project, fm.Unit, nil, "合计", nil, nil, nil, val(&fm.SelfTotal), val(&fm.ReviewTotal), nil, val(fm.Deviation)})
	}
	for r, values := range rows {
		for c, v := range values {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var err error
			switch x := v.(type) {
			case nil:
				continue
			case string:
				err = f.SetCellStr(sheet, cell, x)
			default:
				err = f.SetCellValue(sheet, cell, x)
			}
			if err != nil {
				return err
			}
		}
	}
	if dir := filepath.Dir(out); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return newfile.Save(f, out)
}
