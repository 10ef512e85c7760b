package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/pipeline"
	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/template/targets"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/urfave/cli/v2"
	"github.com/xuri/excelize/v2"
)

type templateOptions struct {
	Kind     string
	Year     string
	Rows     int
	Spare    int
	From     string
	Password string
	Output   string
	OutDir   string
	Rules    string
	KeyFile  string
	Force    bool
	Batch    string
}

// templateExamples are the examples `selfeval template --help` prints; a test runs each.
var templateExamples = []string{
	"selfeval template --kind mof2020 --year 2024 -o 自评表.xlsx",
	"selfeval template --kind sh2019 --year 2019 --rows 8 -o 自评价.xlsx",
	"selfeval template --kind mof2020 --from 批复目标.csv --out-dir 下发/",
}

func templateCommand() *cli.Command {
	o := &templateOptions{}
	return &cli.Command{
		Name:  "template",
		Usage: "下发官方自评表模板（标签与计算单元格锁定，填报单元格开放并带下拉和提示）",
		Description: "--from 读取批复目标（CSV、XLSX 或 JSON，每个指标一行，项目信息和预算在各行重复），\n" +
			"先按规则校验，有任何问题则逐行报告、不生成文件；否则每个项目生成一份模板，\n" +
			"文件名取自项目名称（重名加 -2、-3），已批复的目标值、分值等预填并锁定，单位只能填写实际完成值、得分和原因。\n\n" +
			"-o 不覆盖已有文件（除非加 --force），文件名须以 .xlsx 结尾。\n\n" +
			"示例：\n  " + joinLines(templateExamples),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "kind", Aliases: []string{"k"}, Usage: "表单类型：" + strings.Join(form.Names(), " 或 "), Required: true, Destination: &o.Kind},
			&cli.StringFlag{Name: "year", Aliases: []string{"y"}, Value: lastYear(), Usage: "年度，默认为上一个完整年度（批复目标文件的“年度”列优先）", Destination: &o.Year},
			&cli.IntFlag{Name: "rows", Usage: "指标表的填报行数（sh2019 为每个类别的行数）；默认按表单类型，预填模板按项目的指标数", Destination: &o.Rows},
			&cli.IntFlag{Name: "spare", Usage: "预填模板在项目指标之后再留的空白行数（sh2019 为每个类别）", Destination: &o.Spare},
			&cli.StringFlag{Name: "from", Usage: "批复目标文件（.csv、.xlsx 或 .json），每个项目生成一份预填模板", Destination: &o.From},
			&cli.StringFlag{Name: "password", Usage: "工作表保护密码（SHA-512）", Destination: &o.Password},
			&cli.StringFlag{Name: "key-file", Usage: "签名密钥文件：模板印记带密钥签名（HMAC），回收时用同一密钥核验；也可用环境变量 " + envKeyFile + " 或 " + envKey, Destination: &o.KeyFile},
			&cli.StringFlag{Name: "rules", Usage: "规则配置文件（YAML）：模板公式的等级界限、执行率分值和取舍按它生成，批复目标按它校验", Destination: &o.Rules},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "输出文件", Destination: &o.Output},
			&cli.StringFlag{Name: "out-dir", Usage: "输出文件夹（配合 --from）", Destination: &o.OutDir},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已有的输出文件", Destination: &o.Force},
			&cli.StringFlag{Name: "batch", Usage: "下发批次（记入预填模板的表单标识），默认为当天日期", Destination: &o.Batch},
		},
		Action: func(c *cli.Context) error {
			k := form.Lookup(o.Kind)
			if k == nil {
				return usageError("未知的表单类型“%s”；已知：%s", "unknown form kind %q; known: %s", o.Kind, strings.Join(form.Names(), ", "))
			}
			if c.NArg() > 0 {
				return usageError("template 不接受文件参数：%s（输出文件用 -o 指定）", "template takes no file arguments: %s (name the output with -o)", strings.Join(c.Args().Slice(), " "))
			}
			if err := checkTemplateFlags(c, o.Year, o.Rows, o.Spare); err != nil {
				return err
			}
			p := validate.DefaultProfile()
			if o.Rules != "" {
				var err error
				if p, err = validate.LoadProfile(o.Rules); err != nil {
					return &exitError{code: exitUsage, err: err}
				}
			}
			key, err := stampKey(o.KeyFile)
			if err != nil {
				return err
			}
			opts := template.Options{Year: o.Year, Rows: o.Rows, Spare: o.Spare, Password: o.Password, Rules: pipeline.RulesOf(p), Key: key}
			if o.From == "" {
				if o.Output == "" {
					return usageError("请用 -o 指定输出文件，例如：-o 自评表.xlsx", "name the output file with -o, e.g. -o form.xlsx")
				}
				if err := checkTemplateOutput(o.Output, o.Force); err != nil {
					return err
				}
				return writeTemplate(c, k, opts, o.Output)
			}
			if o.OutDir == "" {
				return usageError("--from 需要 --out-dir 指定输出文件夹", "--from needs --out-dir, the folder to write to")
			}
			opts.Batch = o.Batch
			if opts.Batch == "" {
				opts.Batch = time.Now().Format("2006-01-02")
			}
			return issueAll(c, k, opts, p, o.From, o.OutDir)
		},
	}
}

// issueAll issues one prefilled template per project of a targets file. The
// whole file is checked, and every template built, before anything is
// written.
func issueAll(c *cli.Context, k *form.Kind, opts template.Options, p *validate.Profile, from, dir string) error {
	projects, err := targets.Read(from, k, p)
	var te *targets.Error
	switch {
	case errors.As(err, &te):
		return &exitError{code: exitInvalid, err: te}
	case err != nil:
		return &exitError{code: exitUnreadable, err: err}
	}
	var built []*excelize.File
	defer func() {
		for _, f := range built {
			f.Close()
		}
	}()
	var names []string
	for _, p := range projects {
		po := opts
		po.Prefill = p.Entry
		if p.Entry.Year != "" {
			po.Year = p.Entry.Year
		}
		f, err := template.Build(k, po)
		if err != nil {
			return &exitError{code: exitInvalid, err: i18n.Errorf("%s %s（项目 %s）：%w", "%s %s (project %s): %w", from, p.At, p.Name, err)}
		}
		built = append(built, f)
		names = append(names, p.Name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, path := range uniqueNames(dir, names) {
		if err := newfile.Save(built[i], path); err != nil {
			return i18n.Errorf("%s：保存失败：%w", "%s: cannot save: %w", path, err)
		}
		fmt.Fprintf(c.App.Writer, "已生成 %s（%s，%s）\n", path, k.Name, names[i])
	}
	return nil
}

func writeTemplate(c *cli.Context, k *form.Kind, opts template.Options, path string) error {
	f, err := template.Build(k, opts)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	defer f.Close()
	if err := newfile.Save(f, path); err != nil {
		return &exitError{code: exitUnwritable, err: i18n.Errorf("%s：保存失败：%w", "%s: cannot save: %w", path, err)}
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

// checkTemplateFlags refuses, in the flags' own names, a --year that is not
// a year from 2000 to next year and a --rows or --spare out of range.
func checkTemplateFlags(c *cli.Context, year string, rows, spare int) error {
	next := time.Now().Year() + 1
	if y, err := strconv.Atoi(year); c.IsSet("year") && (err != nil || len(year) != 4 || y < 2000 || y > next) {
		return usageError("--year %s 无效：年度应为 2000 到 %d 之间的四位数字，如 %s", "--year %s is not valid: a year from 2000 to %d, e.g. %s", year, next, lastYear())
	}
	if c.IsSet("rows") && (rows < 1 || rows > template.MaxRows) {
		return usageError("--rows %d 无效：指标行数应在 1 到 %d 之间", "--rows %d is not valid: from 1 to %d rows", rows, template.MaxRows)
	}
	if spare < 0 || spare > template.MaxRows {
		return usageError("--spare %d 无效：空白行数应在 0 到 %d 之间", "--spare %d is not valid: from 0 to %d blank rows", spare, template.MaxRows)
	}
	return nil
}

// lastYear is the year a self-evaluation is usually made for: the last
// completed one.
func lastYear() string { return strconv.Itoa(time.Now().Year() - 1) }
