package main

import (
	"github.com/urfave/cli/v2"
)

type checkOptions struct {
	rulesOptions
	Format string
}

func checkCommand() *cli.Command {
	o := &checkOptions{}
	return &cli.Command{
		Name:      "check",
		Usage:     "只读校验：报告每个文件的得分、等级和全部问题，不修改文件",
		ArgsUsage: "FILE...",
		Description: "退出码：0 无错误；1 有错误（--strict 时警告也算）；2 用法错误；3 有文件无法读取。\n\n" +
			"示例：\n" +
			"  selfeval check 自评表.xlsx\n" +
			"  selfeval check --format json samples/*.xlsx | jq '.files[].total'\n" +
			"  selfeval check --rules 本地规则.yaml --strict 回收/*.xlsx",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "输出格式：text 或 json", Destination: &o.Format},
		}, o.flags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("请给出要校验的文件，例如：selfeval check 自评表.xlsx")
			}
			if o.Format != "text" && o.Format != "json" {
				return usageError("--format 只能是 text 或 json，而不是 %q", o.Format)
			}
			g, err := newEngine(o.rulesOptions)
			if err != nil {
				return err
			}
			paths := c.Args().Slice()
			bar := newProgress(c.App.ErrWriter, len(paths), "校验")
			err = g.report(c.Context, c.App.Writer, paths, bar.tick, g.evaluate, o.Format, o.Strict)
			bar.done()
			return err
		},
	}
}
