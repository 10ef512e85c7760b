package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/season"
	"github.com/selfeval/selfeval/workbook"
	"github.com/urfave/cli/v2"
)

// publishExamples are the examples `selfeval publish --help` prints; a test runs each.
var publishExamples = []string{
	"selfeval publish 回收/ --order file -o 自评结果公开.pdf",
}

// publishTimeout bounds LibreOffice's work on a batch.
const publishTimeout = 10 * time.Minute

func publishCommand() *cli.Command {
	var (
		rules  rulesOptions
		output string
		order  string
	)
	return &cli.Command{
		Name:      "publish",
		Usage:     "公开：把全部自评表印成一个 PDF，每份一页，按顺序编页码（用 LibreOffice）",
		ArgsUsage: "FILE-or-DIR...",
		Description: "每份表单独一页（按页宽和页高缩放），页脚印“第 n 页，共 N 页”。顺序：--order department（默认）按主管部门、实施单位、项目名称；\n" +
			"--order file 按文件名。同一份表提交多次只印最新一份；无法读取的文件不印并报告。\n" +
			"需要 LibreOffice（soffice）和 pdfunite（poppler-utils）；没有安装时给出说明，退出码 2。\n\n" +
			"示例：\n  " + joinLines(publishExamples),
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "输出的 PDF 文件", Required: true, Destination: &output},
			&cli.StringFlag{Name: "order", Value: "department", Usage: "顺序：department（主管部门、实施单位、项目名称）或 file（文件名）", Destination: &order},
		}, rules.flags()...),
		Action: func(c *cli.Context) error {
			lang := langOfContext(c)
			if c.NArg() == 0 {
				return usageError("请给出要公开的文件或文件夹，例如：selfeval publish 回收/ -o 公开.pdf", "name the files or folders to publish, e.g. selfeval publish returns/ -o published.pdf")
			}
			if !strings.EqualFold(filepath.Ext(output), ".pdf") {
				return usageError("-o 应是 .pdf 文件，而不是“%s”", "-o must name a .pdf file, not %q", output)
			}
			if order != "department" && order != "file" {
				return usageError("--order %s 无效：可选 department 或 file", "--order %s is not valid: department or file", order)
			}
			if _, err := season.OfficeBin(); err != nil {
				return say("没有找到 LibreOffice（soffice），无法生成 PDF", "LibreOffice (soffice) was not found; no PDF can be made").
					withHint("请安装 LibreOffice（如 apt install libreoffice-calc），或用环境变量 %s 指明 soffice 的位置", "install LibreOffice (e.g. apt install libreoffice-calc), or name soffice in the environment variable %s", season.EnvOffice).usage()
			}
			paths, err := inputsOf(c)
			if err != nil {
				return err
			}
			g, err := newEngine(c, rules)
			if err != nil {
				return err
			}
			rows, _ := g.collect(c, paths, tr(lang, "公开", "publish"))
			var picked []int
			var skipped []string
			for i, r := range rows {
				switch {
				case r.Counts() && workbook.Legacy(r.Path):
					skipped = append(skipped, r.File+tr(lang, "（旧版格式，请先 score 另存为 .xlsx）", " (old format: score it into an .xlsx first)"))
				case r.Counts():
					picked = append(picked, i)
				case r.Problem != "" && r.Status != "已被替代":
					skipped = append(skipped, r.Problem)
				}
			}
			if len(picked) == 0 {
				return &exitError{code: exitUnreadable, err: say("没有可公开的表", "no form to publish")}
			}
			sort.SliceStable(picked, func(a, b int) bool {
				x, y := rows[picked[a]], rows[picked[b]]
				if order == "department" {
					for _, p := range [][2]string{{x.Department, y.Department}, {x.Unit, y.Unit}, {x.Project, y.Project}} {
						if p[0] != p[1] {
							return p[0] < p[1]
						}
					}
				}
				return x.File+"\x00"+x.Sheet < y.File+"\x00"+y.Sheet
			})
			var forms []season.PageForm
			for _, i := range picked {
				forms = append(forms, season.PageForm{Path: rows[i].Path, Sheet: rows[i].Sheet})
			}
			if dir := filepath.Dir(output); dir != "." {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					return mkdirError(dir, err)
				}
			}
			pages, err := season.Publish(c.Context, forms, output, publishTimeout)
			if errors.Is(err, season.ErrNoMerge) {
				return say("没有找到 pdfunite，无法把各页合成一个 PDF", "pdfunite was not found; the pages cannot be joined into one PDF").
					withHint("请安装 poppler-utils（如 apt install poppler-utils）", "install poppler-utils (e.g. apt install poppler-utils)").usage()
			}
			if err != nil {
				return &exitError{code: exitUnwritable, err: say("生成 PDF 失败：%v", "the PDF could not be made: %v", err)}
			}
			fmt.Fprintf(c.App.Writer, tr(lang, "已生成 %s：%d 份表，%d 页\n", "wrote %s: %d form(s), %d page(s)\n"), output, len(forms), pages)
			for n, i := range picked {
				fmt.Fprintf(c.App.Writer, tr(lang, "  第 %d 页  %s  %s\n", "  page %d  %s  %s\n"), n+1, rows[i].Project, rows[i].File)
			}
			for _, s := range skipped {
				fmt.Fprintf(c.App.Writer, tr(lang, "  未印：%s\n", "  not printed: %s\n"), s)
			}
			if len(skipped) > 0 {
				return &exitError{code: exitUnreadable, err: say("有 %d 个文件未印", "%d file(s) were not printed", len(skipped))}
			}
			return nil
		},
	}
}
