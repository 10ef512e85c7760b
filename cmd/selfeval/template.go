package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

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
	Force    bool
}

// templateExamples are the examples `selfeval template --help` prints; a test runs each.
var templateExamples = []string{
	"selfeval template --kind mof2020 --year 2024 -o 自评表.xlsx",
	"selfeval template --kind sh2019 --year 2019 --rows 8 -o 自评价.xlsx",
	"selfeval template --kind mof2020 --from 批复目标.json --out-dir 下发/",
}

func templateCommand() *cli.Command {
	o := &templateOptions{}
	return &cli.Command{
		Name:  "template",
		Usage: "下发官方自评表模板（标签与计算单元格锁定，填报单元格开放并带下拉和提示）",
		Description: "--from 读取项目清单（JSON：form.Entry 数组），为每个项目生成一份模板，\n" +
			"已批复的目标值、分值等预填并锁定，单位只能填写实际完成值、得分和原因。\n\n" +
			"-o 不覆盖已有文件（除非加 --force），文件名须以 .xlsx 结尾。\n\n" +
			"示例：\n  " + joinLines(templateExamples),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "kind", Aliases: []string{"k"}, Usage: "表单类型：" + strings.Join(form.Names(), " 或 "), Required: true, Destination: &o.Kind},
			&cli.StringFlag{Name: "year", Aliases: []string{"y"}, Value: lastYear(), Usage: "年度，默认为上一个完整年度", Destination: &o.Year},
			&cli.IntFlag{Name: "rows", Usage: "指标表的填报行数（sh2019 为每个类别的行数）；默认按表单类型", Destination: &o.Rows},
			&cli.StringFlag{Name: "from", Usage: "项目清单（JSON），每个项目生成一份预填模板", Destination: &o.From},
			&cli.StringFlag{Name: "password", Usage: "工作表保护密码（SHA-512）", Destination: &o.Password},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "输出文件", Destination: &o.Output},
			&cli.StringFlag{Name: "out-dir", Usage: "输出文件夹（配合 --from）", Destination: &o.OutDir},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已有的输出文件", Destination: &o.Force},
		},
		Action: func(c *cli.Context) error {
			k := form.Lookup(o.Kind)
			if k == nil {
				return usageError("未知的表单类型“%s”；已知：%s", "unknown form kind %q; known: %s", o.Kind, strings.Join(form.Names(), ", "))
			}
			if c.NArg() > 0 {
				return usageError("template 不接受文件参数：%s（输出文件用 -o 指定）", "template takes no file arguments: %s (name the output with -o)", strings.Join(c.Args().Slice(), " "))
			}
			opts := template.Options{Year: o.Year, Rows: o.Rows, Password: o.Password}
			if o.From == "" {
				if o.Output == "" {
					return usageError("请用 -o 指定输出文件，例如：-o 自评表.xlsx", "name the output file with -o, e.g. -o form.xlsx")
				}
				if err := checkTemplateOutput(o.Output, o.Force); err != nil {
					return err
				}
				return writeTemplate(c, k, opts, o.Output)
			}
			entries, err := readEntries(o.From, k)
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			if o.OutDir == "" {
				return usageError("--from 需要 --out-dir 指定输出文件夹", "--from needs --out-dir, the folder to write to")
			}
			if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
				return &exitError{code: exitUnwritable, err: err}
			}
			names := make([]string, len(entries))
			for i, e := range entries {
				names[i] = filepath.Join(o.OutDir, fmt.Sprintf("%03d-%s.xlsx", i+1, safeName(e.Fields["project"])))
				if err := checkTemplateOutput(names[i], o.Force); err != nil {
					return err
				}
			}
			for i, e := range entries {
				po := opts
				po.Prefill = e
				if e.Year != "" {
					po.Year = e.Year
				}
				if err := writeTemplate(c, k, po, names[i]); err != nil {
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
		return &exitError{code: exitUsage, err: err}
	}
	defer f.Close()
	if err := workbook.SaveAtomic(f, path); err != nil {
		return &exitError{code: exitUnwritable, err: fmt.Errorf("%s：保存失败：%w", path, err)}
	}
	fmt.Fprintf(c.App.Writer, tr(langOfContext(c), "已生成 %s（%s）\n", "wrote %s (%s)\n"), path, k.Name)
	return nil
}

// checkTemplateOutput refuses an output name that is not .xlsx, and an
// existing file unless force.
func checkTemplateOutput(out string, force bool) error {
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return usageError("-o %s：模板文件名须以 .xlsx 结尾", "-o %s: a template's name must end in .xlsx", out)
	}
	if _, err := os.Lstat(out); err == nil && !force {
		return say("%s 已存在，未覆盖", "%s already exists; not overwritten", out).
			withHint("要覆盖请加 --force，或换一个文件名", "add --force to overwrite it, or choose another name").usage()
	}
	return nil
}

// lastYear is the year a self-evaluation is usually made for: the last
// completed one.
func lastYear() string { return strconv.Itoa(time.Now().Year() - 1) }

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
