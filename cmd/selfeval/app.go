package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/urfave/cli/v2"
)

func init() {
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "显示帮助"}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "显示版本"}
	cli.VersionPrinter = func(c *cli.Context) {
		fmt.Fprintf(c.App.Writer, tr(langOfContext(c), "%s 版本 %s\n", "%s version %s\n"), c.App.Name, c.App.Version)
	}
	cli.HelpPrinter = func(w io.Writer, templ string, data any) {
		cli.HelpPrinterCustom(w, templ, data, helpFuncs)
	}
}

// appExamples are the examples `selfeval --help` prints; a test runs each.
var appExamples = []string{
	"selfeval template --kind mof2020 --year 2024 -o 自评表.xlsx",
	"selfeval check 自评表.xlsx --format json",
	"selfeval score 回收/*.xlsx",
	"selfeval watch /mnt/share/自评表 --interval 5s",
	"selfeval demo --out ./演示",
}

func newApp(lang validate.Lang, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:    "selfeval",
		Usage:   "财政项目支出绩效自评表：下发模板、读取、校验评分、写回结果",
		Version: toolVersion(),
		Description: "已知表单类型：" + strings.Join(kindList(), "；") + "\n\n" +
			"选项可以写在文件名之前或之后；-- 之后的都是文件名。\n\n" +
			"示例：\n  " + strings.Join(appExamples, "\n  "),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Value: "zh", Usage: "提示语言：zh 或 en（可写在命令名前后）"},
		},
		Writer:    stdout,
		ErrWriter: stderr,
		// Errors go back to run, which maps them to exit codes.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return &exitError{code: exitUsage, err: err}
		},
		CustomAppHelpTemplate: helpTemplate(cli.AppHelpTemplate, lang),
		Commands: []*cli.Command{
			templateCommand(),
			checkCommand(),
			scoreCommand(),
			watchCommand(),
			summaryCommand(),
			sampleCommand(),
			reviewCommand(),
			publishCommand(),
			exportCommand(),
			demoCommand(),
		},
	}
	if lang == validate.English {
		inEnglish(app)
	}
	for _, c := range app.Commands {
		c.OnUsageError = app.OnUsageError
		c.CustomHelpTemplate = helpTemplate(cli.CommandHelpTemplate, lang)
	}
	return app
}

// helpTemplate says urfave/cli's help template in lang, with flag lines and
// the help command's usage from helpFuncs.
func helpTemplate(t string, lang validate.Lang) string {
	l := string(lang)
	t = strings.NewReplacer(
		`{{template "usageTemplate" .}}`, `{{if .UsageText}}{{wrap .UsageText 3}}{{else}}{{.HelpName}}{{if .VisibleFlags}} [command options]{{end}}{{if .ArgsUsage}} {{.ArgsUsage}}{{end}}{{end}}`,
		`{{template "visibleFlagCategoryTemplate" .}}`, `{{range .VisibleFlags}}
   {{flagLine . "`+l+`"}}{{end}}`,
		`{{template "visibleFlagTemplate" .}}`, `{{range .VisibleFlags}}
   {{flagLine . "`+l+`"}}{{end}}`,
		`{{template "visibleCommandCategoryTemplate" .}}`, `{{range .VisibleCommands}}
   {{join .Names ", "}}{{"\t"}}{{commandUsage . "`+l+`"}}{{end}}`,
	).Replace(t)
	if lang == validate.English {
		return t
	}
	return strings.NewReplacer(
		"NAME:", "名称：", "USAGE:", "用法：", "VERSION:", "版本：", "DESCRIPTION:", "说明：",
		"COMMANDS:", "命令：", "GLOBAL OPTIONS:", "全局选项：", "OPTIONS:", "选项：", "CATEGORY:", "类别：",
		"[global options]", "[全局选项]", "command [command options]", "命令 [选项]", "[command options]", "[选项]",
		"[arguments...]", "[参数…]",
	).Replace(t)
}

// langOfContext is the --lang the command line gave.
func langOfContext(c *cli.Context) validate.Lang {
	if c != nil && c.String("lang") == "en" {
		return validate.English
	}
	return validate.Chinese
}

func kindList() []string {
	var out []string
	for _, k := range form.Kinds() {
		out = append(out, fmt.Sprintf("%s（%s）", k.Name, k.Official))
	}
	return out
}

// rulesOptions are shared by the commands that run the rule book.
type rulesOptions struct {
	Rules  string
	Strict bool
	Review bool // also report the reviewer's checks (review.*), never written into a form
}

// reviewFlag is check's and score's --review.
func reviewFlag(dst *bool) cli.Flag {
	return &cli.BoolFlag{Name: "review", Usage: "同时列出复核提示（review.*，供复核人员参考；不计入错误警告，不写入表）", Destination: dst}
}

func (o *rulesOptions) flags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "rules", Usage: "规则配置文件（YAML），覆盖默认规则", Destination: &o.Rules},
		&cli.BoolFlag{Name: "strict", Usage: "警告也视为不通过（退出码 1）", Destination: &o.Strict},
	}
}
