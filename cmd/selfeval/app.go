package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/urfave/cli/v2"
)

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:    "selfeval",
		Usage:   "财政项目支出绩效自评表：下发模板、读取、校验评分、写回结果",
		Version: toolVersion(),
		Description: "已知表单类型：" + strings.Join(kindList(), "；") + "\n\n" +
			"示例：\n" +
			"  selfeval template --kind mof2020 --year 2024 -o 自评表.xlsx\n" +
			"  selfeval check --format json 自评表.xlsx\n" +
			"  selfeval score 回收/*.xlsx\n" +
			"  selfeval watch /mnt/share/自评表 --interval 5s\n" +
			"  selfeval demo --out ./演示",
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		// Errors go back to run, which maps them to exit codes.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return &exitError{code: exitUsage, err: err}
		},
		Commands: []*cli.Command{
			templateCommand(),
			checkCommand(),
			scoreCommand(),
			watchCommand(),
			summaryCommand(),
			demoCommand(),
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = app.OnUsageError
	}
	return app
}

func kindList() []string {
	var out []string
	for _, k := range form.Kinds() {
		out = append(out, fmt.Sprintf("%s（%s）", k.Name, k.Official))
	}
	return out
}

// rulesFlags are shared by the commands that run the rule book.
type rulesOptions struct {
	Rules  string
	Lang   string
	Strict bool
}

func (o *rulesOptions) flags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "rules", Usage: "规则配置文件（YAML），覆盖默认规则", Destination: &o.Rules},
		&cli.StringFlag{Name: "lang", Value: "zh", Usage: "提示语言：zh 或 en", Destination: &o.Lang},
		&cli.BoolFlag{Name: "strict", Usage: "警告也视为不通过（退出码 1）", Destination: &o.Strict},
	}
}
