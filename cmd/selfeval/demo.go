package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/selfeval/selfeval/samples"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/selfeval/selfeval/workbook/pipeline"
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
			w := c.App.Writer
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			all, err := samples.All()
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "1. 下发空白模板\n")
			for _, k := range form.Kinds() {
				p := filepath.Join(out, "模板-"+k.Name+".xlsx")
				if err := writeTemplate(c, k, template.Options{}, p); err != nil {
					return err
				}
			}
			fmt.Fprintf(w, "2. 按种子项目填写\n")
			var paths []string
			for _, s := range all {
				f, err := s.Workbook()
				if err != nil {
					return err
				}
				p := filepath.Join(out, s.Name+".xlsx")
				err = workbook.SaveAtomic(f, p)
				f.Close()
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "已填写 %s（%s）\n", p, s.Entry.Fields["project"])
				paths = append(paths, p)
			}
			fmt.Fprintf(w, "3. 评分并写回\n")
			g, err := newEngine(rulesOptions{Lang: "zh"})
			if err != nil {
				return err
			}
			evs := each(c.Context, paths, nil, func(p string) *evaluation {
				ev := g.process(p, pipeline.Options{Write: true})
				if ev.Err == nil && ev.WriteErr != nil {
					ev.Err = ev.WriteErr
				}
				return ev
			})
			fmt.Fprintf(w, "4. 报告\n")
			r := buildReport(evs, g.profile.Name, false)
			writeText(w, r, g.lang)
			fmt.Fprintf(w, "打开 %s 中的工作簿，查看计算结果、批注和“校验结果”工作表。\n", out)
			if r.Summary.Unreadable > 0 {
				return &exitError{code: exitUnreadable}
			}
			return nil
		},
	}
}
