package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/pipeline"
	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/samples"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/urfave/cli/v2"
)

func demoCommand() *cli.Command {
	var out string
	return &cli.Command{
		Name:  "demo",
		Usage: "演示完整流程：下发模板 → 按种子项目填写 → 评分写回 → 打印报告",
		Description: "使用内置的种子项目（2024 年上海三个项目的 mof2020 表、2019 年驻昆明办事处的 sh2019 表），\n" +
			"在 --out 文件夹里生成空白模板和已评分的工作簿，可直接用 Excel/WPS/LibreOffice 打开查看。\n\n" +
			"示例：\n" +
			"  selfeval demo\n" +
			"  selfeval demo --out /tmp/演示",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: "selfeval-demo", Usage: "输出文件夹", Destination: &out},
		},
		Action: func(c *cli.Context) error {
			w, l := c.App.Writer, langOfContext(c)
			if c.NArg() > 0 {
				return usageError("demo 不接受文件参数：%s（输出文件夹用 --out 指定）", "demo takes no file arguments: %s (name the output folder with --out)", strings.Join(c.Args().Slice(), " "))
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return mkdirError(out, err)
			}
			all, err := samples.All()
			if err != nil {
				return err
			}
			fmt.Fprint(w, tr(l, "1. 下发空白模板\n", "1. issue blank templates\n"))
			for _, k := range form.Kinds() {
				p := filepath.Join(out, "模板-"+k.Name+".xlsx")
				if err := writeTemplate(c, k, template.Options{}, p); err != nil {
					return err
				}
			}
			fmt.Fprint(w, tr(l, "2. 按种子项目填写\n", "2. fill them with the seed projects\n"))
			var paths []string
			for _, s := range all {
				f, err := s.Workbook()
				if err != nil {
					return err
				}
				p := filepath.Join(out, s.Name+".xlsx")
				err = newfile.Save(f, p)
				f.Close()
				if err != nil {
					return err
				}
				fmt.Fprintf(w, tr(l, "已填写 %s（%s）\n", "filled %s (%s)\n"), p, s.Entry.Fields["project"])
				paths = append(paths, p)
			}
			fmt.Fprint(w, tr(l, "3. 评分并写回\n", "3. score and write back\n"))
			g, err := newEngine(c, rulesOptions{})
			if err != nil {
				return err
			}
			evs := flatten(each(c.Context, paths, nil, func(p string) []*evaluation {
				return g.process(p, pipeline.Options{Write: true})
			}))
			fmt.Fprint(w, tr(l, "4. 报告\n", "4. report\n"))
			r := buildReport(evs, g.profile.Name, false, g.lang)
			writeText(w, r, g.lang, false)
			fmt.Fprintf(w, tr(l, "打开 %s 中的工作簿，查看计算结果、批注和“校验结果”工作表。\n", "open the workbooks in %s to see the computed results, the notes and the 校验结果 sheet\n"), out)
			if code := exitCode(r.Summary); code == exitUnreadable || code == exitUnwritable {
				return &exitError{code: code}
			}
			return nil
		},
	}
}
