package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/rollup"
	"github.com/selfeval/selfeval/validate/review"
	"github.com/selfeval/selfeval/workbook"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

// exportExamples are the examples `selfeval export --help` prints; a test runs each.
var exportExamples = []string{
	"selfeval export 回收/ --format yth -o 一体化导出/",
}

// The 预算管理一体化 standard tables and their fields, in order. The key
// names are a contract with the budget systems that import them.
var ythTables = []struct {
	Name   string
	Fields []string
}{
	{"PM_PERF_SELF_EVAL", []string{"self_eval_id", "set_year", "pro_name", "dept_name", "agency_name", "perf_goal", "perf_goal_comp",
		"total_eval_value", "eval_level", "form_kind", "source_file"}},
	{"PM_SELF_EVAL_INDICATOR", []string{"self_eval_id", "pro_name", "ind_seq", "lv1_perf_ind_name", "lv2_perf_ind_name", "lv3_perf_ind_name",
		"kpi_val", "ind_comp", "ind_weight", "eval_score", "deviation_reason"}},
	{"PM_PERF_SELF_BGT", []string{"self_eval_id", "pro_name", "amt_unit", "ini_amt", "cur_amt", "year_exe_amt", "exe_amt_rate",
		"exe_weight", "exe_score"}},
}

func exportCommand() *cli.Command {
	var (
		rules  rulesOptions
		output string
		format string
	)
	return &cli.Command{
		Name:      "export",
		Usage:     "导出到预算管理一体化：绩效自评的三张标准表（CSV 和 JSON）",
		ArgsUsage: "FILE-or-DIR...",
		Description: "--format yth 写出 PM_PERF_SELF_EVAL（每份表一行）、PM_SELF_EVAL_INDICATOR（每个指标一行）、PM_PERF_SELF_BGT（资金）\n" +
			"各一份 .csv（UTF-8 带 BOM，Excel 可直接打开）和 .json，字段名用一体化标准表的字段名。\n" +
			"同一份表提交多次只导出最新一份；无法读取的文件不导出并报告（退出码 3）。\n\n" +
			"示例：\n  " + joinLines(exportExamples),
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "输出文件夹", Required: true, Destination: &output},
			&cli.StringFlag{Name: "format", Value: "yth", Usage: "导出格式：yth（预算管理一体化标准表）", Destination: &format},
		}, rules.flags()...),
		Action: func(c *cli.Context) error {
			lang := langOfContext(c)
			if c.NArg() == 0 {
				return usageError("请给出要导出的文件或文件夹，例如：selfeval export 回收/ --format yth -o 导出/", "name the files or folders to export, e.g. selfeval export returns/ --format yth -o export/")
			}
			if format != "yth" {
				return usageError("--format %s 无效：目前只有 yth", "--format %s is not valid: only yth", format)
			}
			paths, err := inputsOf(c)
			if err != nil {
				return err
			}
			g, err := newEngine(c, rules)
			if err != nil {
				return err
			}
			rows, facts := g.collect(c, paths, tr(lang, "导出", "export"))
			tables := make([][]map[string]any, len(ythTables))
			unreadable := 0
			for i, r := range rows {
				if r.Status == rollup.StatusUnreadable {
					unreadable++
				}
				if !r.Counts() || facts[i] == nil {
					continue
				}
				main, inds, bgt := ythRecords(r, facts[i])
				tables[0] = append(tables[0], main)
				tables[1] = append(tables[1], inds...)
				if bgt != nil {
					tables[2] = append(tables[2], bgt)
				}
			}
			if err := os.MkdirAll(output, 0o755); err != nil {
				return mkdirError(output, err)
			}
			for t, table := range ythTables {
				if err := writeYTH(filepath.Join(output, table.Name), table.Fields, tables[t]); err != nil {
					return &exitError{code: exitUnwritable, err: err}
				}
				fmt.Fprintf(c.App.Writer, tr(lang, "已写出 %s.csv 和 .json：%d 行\n", "wrote %s.csv and .json: %d row(s)\n"), filepath.Join(output, table.Name), len(tables[t]))
			}
			if unreadable > 0 {
				return &exitError{code: exitUnreadable, err: say("有 %d 个文件无法读取，未导出", "%d file(s) could not be read and were not exported", unreadable)}
			}
			return nil
		},
	}
}

// ythRecords are a form's records of the three standard tables.
func ythRecords(r rollup.Row, f *review.Facts) (main map[string]any, inds []map[string]any, bgt map[string]any) {
	sum := sha256.Sum256([]byte(r.ID.Key()))
	id := hex.EncodeToString(sum[:8])
	text := func(label string) string {
		for _, t := range f.Texts {
			if t.Label == label {
				return t.Text
			}
		}
		return ""
	}
	goal := text("预期目标")
	if goal == "" {
		goal = text("项目年度总目标")
	}
	comp := text("实际完成情况")
	if comp == "" {
		comp = text("主要绩效")
	}
	main = map[string]any{"self_eval_id": id, "set_year": r.Year, "pro_name": r.Project, "dept_name": r.Department, "agency_name": r.Unit,
		"perf_goal": goal, "perf_goal_comp": comp, "total_eval_value": dnum(r.Total), "eval_level": r.Grade, "form_kind": r.Kind, "source_file": r.File}
	for i, in := range f.Indicators {
		inds = append(inds, map[string]any{"self_eval_id": id, "pro_name": r.Project, "ind_seq": i + 1,
			"lv1_perf_ind_name": in.Level1, "lv2_perf_ind_name": in.Level2, "lv3_perf_ind_name": in.Name,
			"kpi_val": in.Target, "ind_comp": in.Actual, "ind_weight": dnum(&in.Weight), "eval_score": dnum(&in.Score), "deviation_reason": in.Reason})
	}
	if f.Budget != nil {
		bgt = map[string]any{"self_eval_id": id, "pro_name": r.Project, "amt_unit": r.MoneyUnit, "ini_amt": dnum(f.Initial), "cur_amt": dnum(f.Budget),
			"year_exe_amt": dnum(f.Spent), "exe_amt_rate": dnum(f.Rate), "exe_weight": dnum(&f.ExecWeight), "exe_score": dnum(&f.ExecScore)}
	}
	return main, inds, bgt
}

// dnum is a decimal as a JSON number with 2 decimals, nil when unknown.
func dnum(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return num(*d)
}

// writeYTH writes stem.csv (UTF-8 with BOM) and stem.json (an array of
// records) with the fields in order.
func writeYTH(stem string, fields []string, recs []map[string]any) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(fields)
	for _, rec := range recs {
		line := make([]string, len(fields))
		for i, k := range fields {
			switch v := rec[k].(type) {
			case nil:
			case num:
				line[i] = decimal.Decimal(v).StringFixed(2)
			case string:
				line[i] = rollup.CSVCell(v)
			default:
				line[i] = fmt.Sprint(v)
			}
		}
		_ = w.Write(line)
	}
	w.Flush()
	if err := workbook.WriteFileAtomic(stem+".csv", append([]byte("\ufeff"), buf.Bytes()...)); err != nil {
		return err
	}
	var jb bytes.Buffer
	jb.WriteString("[")
	for i, rec := range recs {
		if i > 0 {
			jb.WriteString(",")
		}
		jb.WriteString("\n  {")
		for j, k := range fields {
			if j > 0 {
				jb.WriteString(", ")
			}
			kb, _ := json.Marshal(k)
			vb, err := json.Marshal(rec[k])
			if err != nil {
				return err
			}
			jb.Write(kb)
			jb.WriteString(": ")
			jb.Write(vb)
		}
		jb.WriteString("}")
	}
	if len(recs) > 0 {
		jb.WriteString("\n")
	}
	jb.WriteString("]\n")
	return workbook.WriteFileAtomic(stem+".json", jb.Bytes())
}
