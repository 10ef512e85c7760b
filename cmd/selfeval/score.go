package main

import (
	"github.com/urfave/cli/v2"
)

type scoreOptions struct {
	rulesOptions
	DryRun bool
	Output string
	Format string
}

func scoreCommand() *cli.Command {
	o := &scoreOptions{}
	return &cli.Command{
		Name:      "score",
		Usage:     "校验、评分并把结果写回原文件（计算单元格、空白得分、“校验结果”工作表、批注）",
		ArgsUsage: "FILE...",
		Description: "写回是原子的：先写同目录临时文件再改名替换；失败时原文件保持不变。\n" +
			"不会改动填报人填写的任何单元格；重复运行会替换上一次的反馈。\n\n" +
			"示例：\n" +
			"  selfeval score 自评表.xlsx\n" +
			"  selfeval score --dry-run 回收/*.xlsx\n" +
			"  selfeval score -o 已评分.xlsx 自评表.xlsx",
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "dry-run", Usage: "只校验评分，不写任何文件", Destination: &o.DryRun},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "写到另一个文件（只能有一个输入文件）", Destination: &o.Output},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "输出格式：text 或 json", Destination: &o.Format},
		}, o.flags()...),
		Action: func(c *cli.Context) error {
			paths := c.Args().Slice()
			if len(paths) == 0 {
				return usageError("请给出要评分的文件，例如：selfeval score 自评表.xlsx")
			}
			if o.Output != "" && len(paths) != 1 {
				return usageError("-o 只能和一个输入文件一起使用")
			}
			if o.Format != "text" && o.Format != "json" {
				return usageError("--format 只能是 text 或 json，而不是 %q", o.Format)
			}
			g, err := newEngine(o.rulesOptions)
			if err != nil {
				return err
			}
			bar := newProgress(c.App.ErrWriter, len(paths), "评分")
			err = g.report(c.Context, c.App.Writer, paths, bar.tick, func(p string) *evaluation {
				return g.score(p, o.Output, o.DryRun)
			}, o.Format, o.Strict)
			bar.done()
			return err
		},
	}
}
