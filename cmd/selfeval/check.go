package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

type checkOptions struct {
	rulesOptions
	Format string
	Quiet  bool
}

// checkExamples are the examples `selfeval check --help` prints; a test runs each.
var checkExamples = []string{
	"selfeval check 自评表.xlsx",
	"selfeval check 回收/ --format json",
	"selfeval check --rules 本地规则.yaml --strict 回收/*.xlsx",
	"selfeval check -q 回收/",
}

func checkCommand() *cli.Command {
	o := &checkOptions{}
	return &cli.Command{
		Name:      "check",
		Usage:     "只读校验：报告每个文件的得分、等级和全部问题，不修改文件",
		ArgsUsage: "FILE-or-DIR...",
		Description: "文件夹会递归查找 .xlsx/.xlsm/.xls/.et/.ods（跳过 ~$ 和临时文件）；* 和 ? 模式由 selfeval 自己展开。\n" +
			"退出码：0 无错误；1 有错误（--strict 时警告也算）；2 用法错误；3 有文件无法读取。\n\n" +
			"示例：\n  " + joinLines(checkExamples),
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "输出格式：text 或 json", Destination: &o.Format},
			quietFlag(&o.Quiet),
			reviewFlag(&o.Review),
		}, o.flags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("请给出要校验的文件或文件夹，例如：selfeval check 自评表.xlsx",
					"name the files or folders to check, e.g. selfeval check form.xlsx")
			}
			if err := checkFormat(o.Format); err != nil {
				return err
			}
			paths, err := inputsOf(c)
			if err != nil {
				return err
			}
			g, err := newEngine(c, o.rulesOptions)
			if err != nil {
				return err
			}
			bar := newProgress(c.App.ErrWriter, len(paths), tr(langOfContext(c), "校验", "check"))
			err = g.report(c.Context, c.App.Writer, paths, bar.tick, g.evaluate, o.Format, o.Strict, o.Quiet)
			bar.done()
			return err
		},
	}
}

func quietFlag(dst *bool) cli.Flag {
	return &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "只列出有错误或警告的文件和合计行", Destination: dst}
}

func checkFormat(f string) error {
	if f != "text" && f != "json" {
		return usageError("--format 只能是 text 或 json，而不是“%s”", "--format takes text or json, not %q", f)
	}
	return nil
}

// inputsOf expands the command's file arguments, saying on stderr which
// folder or pattern gave nothing.
func inputsOf(c *cli.Context) ([]string, error) {
	paths, notes, err := expandInputs(c.Args().Slice())
	for _, n := range notes {
		printHint(c.App.ErrWriter, langOfContext(c), n)
	}
	return paths, err
}

func joinLines(lines []string) string { return strings.Join(lines, "\n  ") }
