package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/urfave/cli/v2"
)

type templateOptions struct {
	Kind     string
	Year     string
	Rows     int
	From     string
	Password string
	Output   string
	OutDir   string
}

func templateCommand() *cli.Command {
	o := &templateOptions{}
	return &cli.Command{
		Name:  "template",
		Usage: "下发官方自评表模板（标签与计算单元格锁定，填报单元格开放并带下拉和提示）",
		Description: "--from 读取项目清单（JSON：form.Entry 数组），为每个项目生成一份模板，\n" +
			"已批复的目标值、分值等预填并锁定，单位只能填写实际完成值、得分和原因。\n\n" +
			"示例：\n" +
			"  selfeval template --kind mof2020 --year 2024 -o 自评表.xlsx\n" +
			"  selfeval template --kind sh2019 --year 2019 --rows 8 -o 自评价.xlsx\n" +
			"  selfeval template --kind mof2020 --from 批复目标.json --out-dir 下发/",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "kind", Aliases: []string{"k"}, Usage: "表单类型：" + strings.Join(form.Names(), " 或 "), Required: true, Destination: &o.Kind},
			&cli.StringFlag{Name: "year", Aliases: []string{"y"}, Value: "2024", Usage: "年度", Destination: &o.Year},
			&cli.IntFlag{Name: "rows", Usage: "指标表的填报行数（sh2019 为每个类别的行数）；默认按表单类型", Destination: &o.Rows},
			&cli.StringFlag{Name: "from", Usage: "项目清单（JSON），每个项目生成一份预填模板", Destination: &o.From},
			&cli.StringFlag{Name: "password", Usage: "工作表保护密码（SHA-512）", Destination: &o.Password},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "输出文件", Destination: &o.Output},
			&cli.StringFlag{Name: "out-dir", Usage: "输出文件夹（配合 --from）", Destination: &o.OutDir},
		},
		Action: func(c *cli.Context) error {
			k := form.Lookup(o.Kind)
			if k == nil {
				return usageError("未知的表单类型 %q；已知：%s", o.Kind, strings.Join(form.Names(), "、"))
			}
			if c.NArg() > 0 {
				return usageError("template 不接受位置参数：%s", strings.Join(c.Args().Slice(), " "))
			}
			opts := template.Options{Year: o.Year, Rows: o.Rows, Password: o.Password}
			if o.From == "" {
				if o.Output == "" {
					return usageError("请用 -o 指定输出文件，例如：-o 自评表.xlsx")
				}
				return writeTemplate(c, k, opts, o.Output)
			}
			entries, err := readEntries(o.From, k)
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			if o.OutDir == "" {
				return usageError("--from 需要 --out-dir 指定输出文件夹")
			}
			if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
				return err
			}
			for i, e := range entries {
				po := opts
				po.Prefill = e
				if e.Year != "" {
					po.Year = e.Year
				}
				name := fmt.Sprintf("%03d-%s.xlsx", i+1, safeName(e.Fields["project"]))
				if err := writeTemplate(c, k, po, filepath.Join(o.OutDir, name)); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func writeTemplate(c *cli.Context, k *form.Kind, opts template.Options, path string) error {
	f, err := template.Build(k, opts)
	if err != nil {
		return usageError("%v", err)
	}
	defer f.Close()
	if err := workbook.SaveAtomic(f, path); err != nil {
		return fmt.Errorf("%s：保存失败：%w", path, err)
	}
	fmt.Fprintf(c.App.Writer, "已生成 %s（%s）\n", path, k.Name)
	return nil
}

// safeName makes a project name usable as a file name on every system.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return "项目"
	}
	return s
}
