package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/workbook"
	"github.com/urfave/cli/v2"
)

type scoreOptions struct {
	rulesOptions
	DryRun bool
	Output string
	Force  bool
	Format string
	Quiet  bool
}

// scoreExamples are the examples `selfeval score --help` prints; a test runs each.
var scoreExamples = []string{
	"selfeval score 自评表.xlsx",
	"selfeval score --dry-run 回收/*.xlsx",
	"selfeval score 自评表.xlsx -o 已评分.xlsx",
}

func scoreCommand() *cli.Command {
	o := &scoreOptions{}
	return &cli.Command{
		Name:      "score",
		Usage:     "校验、评分并把结果写回原文件（计算单元格、空白得分、“校验结果”工作表、批注）",
		ArgsUsage: "FILE-or-DIR...",
		Description: "写回是原子的：先写同目录临时文件再改名替换；失败时原文件保持不变。\n" +
			"不会改动填报人填写的任何单元格；重复运行会替换上一次的反馈。\n" +
			"-o 只写指定的文件（.xlsx；宏工作簿为 .xlsm），不动输入文件，不覆盖已有文件（除非加 --force）。无法写回时退出码为 4，问题照常报告。\n\n" +
			"示例：\n  " + joinLines(scoreExamples),
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "dry-run", Usage: "只校验评分，不写任何文件", Destination: &o.DryRun},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "写到另一个文件（只能有一个输入文件）", Destination: &o.Output},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已有的 -o 输出文件", Destination: &o.Force},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "输出格式：text 或 json", Destination: &o.Format},
			quietFlag(&o.Quiet),
			reviewFlag(&o.Review),
		}, o.flags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("请给出要评分的文件或文件夹，例如：selfeval score 自评表.xlsx",
					"name the files or folders to score, e.g. selfeval score form.xlsx")
			}
			if err := checkFormat(o.Format); err != nil {
				return err
			}
			paths, err := inputsOf(c)
			if err != nil {
				return err
			}
			if err := checkOutput(o.Output, paths, o.Force || o.DryRun); err != nil {
				return err
			}
			g, err := newEngine(c, o.rulesOptions)
			if err != nil {
				return err
			}
			if len(paths) > 1 && !o.DryRun {
				// A batch syncs each folder once, when it is done, on
				// error or signal too (workbook.FolderSyncs); a signal
				// lets the saves under way end first and begins no other.
				g.syncs = &workbook.FolderSyncs{}
				defer syncOnSignal(g.syncs.Stop)()
				defer g.syncs.Sync() // before the signal handling stops
			}
			bar := newProgress(c.App.ErrWriter, len(paths), tr(langOfContext(c), "评分", "score"))
			err = g.report(c.Context, c.App.Writer, paths, bar.tick, func(p string) []*evaluation {
				// A write-back failure leaves the file unchanged; its
				// findings stay in the report. An .xls is scored to
				// NAME.xlsx beside it.
				return g.score(p, o.Output, o.DryRun)
			}, o.Format, o.Strict, o.Quiet)
			bar.done()
			return err
		},
	}
}

// checkOutput refuses, before any work, an -o that would write more than one
// file, over the input, or under a name that is not the workbook it gets:
// .xlsm for a macro workbook, else .xlsx (an .xls is scored to .xlsx), or
// over an existing file unless force.
func checkOutput(out string, paths []string, force bool) error {
	if out == "" {
		return nil
	}
	if len(paths) != 1 {
		return usageError("-o 只能和一个输入文件一起使用（现在有 %d 个）", "-o takes exactly one input file (there are %d)", len(paths))
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return usageError("-o %s 是文件夹，请给出文件名", "-o %s is a folder; give a file name", out)
	}
	in := paths[0]
	want := ".xlsx"
	if strings.EqualFold(filepath.Ext(in), ".xlsm") {
		want = ".xlsm" // the macros are kept, so the file stays a macro workbook
	}
	if !strings.EqualFold(filepath.Ext(out), want) {
		return say("-o %s：输出文件名应以 %s 结尾", "-o %s: the output name should end in %s", out, want).
			withHint("例如：selfeval score %s -o %s", "e.g. selfeval score %s -o %s", in, strings.TrimSuffix(out, filepath.Ext(out))+want).usage()
	}
	absIn, _ := filepath.Abs(in)
	absOut, _ := filepath.Abs(out)
	if same, _ := sameFile(in, out); same || absIn == absOut {
		return say("-o 不能是输入文件本身（%s）", "-o cannot be the input file itself (%s)", out).
			withHint("要写回原文件，去掉 -o：selfeval score %s", "to write into the input, leave out -o: selfeval score %s", in).usage()
	}
	if _, err := os.Lstat(out); err == nil && !force {
		return say("%s 已存在，未覆盖", "%s already exists; not overwritten", out).
			withHint("要覆盖请加 --force，或换一个文件名", "add --force to overwrite it, or choose another name").usage()
	}
	return nil
}
