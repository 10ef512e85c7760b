package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/rollup"
	"github.com/selfeval/selfeval/cmd/selfeval/internal/season"
	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/workbook"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
	"github.com/xuri/excelize/v2"
)

// sampleExamples are the examples `selfeval sample --help` prints; a test runs each.
var sampleExamples = []string{
	"selfeval sample 回收/ --rate 15 --seed 2025 -o 抽查名单.xlsx",
	"selfeval sample 回收/ --seed 7 --by 实施单位 -o 抽查名单.json --copy-to 抽查/",
	"selfeval sample 回收/ --pick mof2020-liaison.xlsx -o 抽查名单.csv",
}

// sampleList is a sample as written to and read from its list.
type sampleList struct {
	Tool   string        `json:"tool"`
	Seed   uint64        `json:"seed"` // 0 when picked by hand
	Rate   string        `json:"rate"`
	By     string        `json:"by"`
	Date   string        `json:"date"`
	Groups []sampleGroup `json:"groups"`
	Forms  []sampleForm  `json:"forms"`
}

type sampleGroup struct {
	Group  string `json:"group"`
	Forms  int    `json:"forms"`
	Picked int    `json:"picked"`
}

type sampleForm struct {
	No         int    `json:"no"`
	Department string `json:"department"`
	Unit       string `json:"unit"`
	Project    string `json:"project"`
	Year       string `json:"year"`
	Kind       string `json:"kind"`
	Total      string `json:"total"`
	Grade      string `json:"grade"`
	Review     string `json:"review"`
	File       string `json:"file"`  // as the roll-up names it
	Path       string `json:"path"`  // relative to the list's folder
	Sheet      string `json:"sheet"` // the form's sheet
}

var sampleHeader = []string{"序号", "主管部门", "实施单位", "项目名称", "年度", "表单类型", "总分", "评分等级", "复核提示", "文件", "路径", "工作表"}

func (f sampleForm) values() []string {
	return []string{strconv.Itoa(f.No), f.Department, f.Unit, f.Project, f.Year, f.Kind, f.Total, f.Grade, f.Review, f.File, f.Path, f.Sheet}
}

func sampleCommand() *cli.Command {
	var (
		rules  rulesOptions
		output string
		rate   string
		seed   string
		by     string
		copyTo string
		hand   cli.StringSlice
	)
	return &cli.Command{
		Name:      "sample",
		Usage:     "抽查：按主管部门随机抽取一定比例的自评表（可重现），写出抽查名单",
		ArgsUsage: "FILE-or-DIR...",
		Description: "每个主管部门抽取 份数 × 比例（四舍五入，至少 1 份）；同一批表、同一随机种子总是抽到同样的表，种子记在名单里。\n" +
			"同一份表提交多次只按最新一份参加抽取。名单按 -o 的扩展名写成 .xlsx、.csv 或 .json；--copy-to 把抽中的文件复制到文件夹。\n" +
			"--pick 手选要抽查的文件（不随机）。名单可交给 selfeval review 生成复核工作簿。\n\n" +
			"示例：\n  " + joinLines(sampleExamples),
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "抽查名单（.xlsx、.csv 或 .json）", Required: true, Destination: &output},
			&cli.StringFlag{Name: "rate", Usage: "抽查比例（%），默认取规则配置 review.sample_rate（15）", Destination: &rate},
			&cli.StringFlag{Name: "seed", Usage: "随机种子（非负整数）；不给时按当前时间取一个，并记在名单里", Destination: &seed},
			&cli.StringFlag{Name: "by", Value: "主管部门", Usage: "分组抽取的依据：主管部门、实施单位 或 全部", Destination: &by},
			&cli.StringFlag{Name: "copy-to", Usage: "把抽中的文件复制到这个文件夹", Destination: &copyTo},
			&cli.StringSliceFlag{Name: "pick", Usage: "手选：抽取这个文件（文件名或 * 模式，可多次给出），不随机", Destination: &hand},
		}, rules.flags()...),
		Action: func(c *cli.Context) error {
			lang := langOfContext(c)
			if c.NArg() == 0 {
				return usageError("请给出要抽查的文件或文件夹，例如：selfeval sample 回收/ --seed 1 -o 抽查名单.xlsx",
					"name the files or folders to sample, e.g. selfeval sample returns/ --seed 1 -o sample.xlsx")
			}
			ext := strings.ToLower(filepath.Ext(output))
			if ext != ".xlsx" && ext != ".csv" && ext != ".json" {
				return usageError("-o 应是 .xlsx、.csv 或 .json 文件，而不是“%s”", "-o must name an .xlsx, .csv or .json file, not %q", output)
			}
			switch by {
			case "主管部门", "实施单位", "全部":
			default:
				return usageError("--by %s 无效：可选 主管部门、实施单位 或 全部", "--by %s is not valid: 主管部门, 实施单位 or 全部", by)
			}
			g, err := newEngine(c, rules)
			if err != nil {
				return err
			}
			r := g.profile.Review.SampleRate
			if rate != "" {
				if r, err = decimal.NewFromString(strings.TrimSuffix(rate, "%")); err != nil || !r.IsPositive() || r.GreaterThan(decimal.NewFromInt(100)) {
					return usageError("--rate %s 无效：应为 0 到 100 之间的百分数，如 15", "--rate %s is not valid: a percentage from 0 to 100, e.g. 15", rate)
				}
			}
			var sd uint64
			if seed == "" {
				sd = uint64(time.Now().UnixNano() % 1_000_000)
			} else if sd, err = strconv.ParseUint(seed, 10, 64); err != nil {
				return usageError("--seed %s 无效：应为非负整数", "--seed %s is not valid: a whole number ≥ 0", seed)
			}
			paths, err := inputsOf(c)
			if err != nil {
				return err
			}
			rows, _ := g.collect(c, paths, tr(lang, "抽查", "sample"))
			var cands []season.Candidate
			for i, row := range rows {
				if !row.Counts() {
					continue
				}
				group := map[string]string{"主管部门": row.Department, "实施单位": row.Unit, "全部": "全部"}[by]
				cands = append(cands, season.Candidate{Group: group, Key: row.File + "\x00" + row.Sheet, Index: i})
			}
			if len(cands) == 0 {
				return &exitError{code: exitUnreadable, err: say("没有可抽查的表（没有能读取的自评表）", "nothing to sample: no form could be read")}
			}
			picked, counts := season.Pick(cands, r, sd)
			if names := hand.Value(); len(names) > 0 {
				if picked, counts, err = pickByHand(rows, cands, names); err != nil {
					return err
				}
				by, sd, r = "手选", 0, decimal.Zero
			}
			list := sampleList{Tool: "selfeval", Seed: sd, Rate: r.String(), By: by, Date: time.Now().Format("2006-01-02"), Groups: []sampleGroup{}, Forms: []sampleForm{}}
			for _, gc := range counts {
				list.Groups = append(list.Groups, sampleGroup{gc.Group, gc.Forms, gc.Picked})
			}
			base, _ := filepath.Abs(filepath.Dir(output))
			for n, i := range picked {
				row := rows[i]
				list.Forms = append(list.Forms, sampleForm{No: n + 1, Department: row.Department, Unit: row.Unit, Project: row.Project,
					Year: row.Year, Kind: row.Kind, Total: fixed(row.Total), Grade: row.Grade, Review: strings.Join(row.Review, "；"),
					File: row.File, Path: relTo(base, row.Path), Sheet: row.Sheet})
			}
			if dir := filepath.Dir(output); dir != "." {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					return mkdirError(dir, err)
				}
			}
			if err := writeSampleList(output, list); err != nil {
				return &exitError{code: exitUnwritable, err: err}
			}
			if copyTo != "" {
				if err := copyPicked(copyTo, rows, picked); err != nil {
					return &exitError{code: exitUnwritable, err: err}
				}
			}
			fmt.Fprintf(c.App.Writer, tr(lang, "随机种子 %d，比例 %s%%，按%s：从 %d 份中抽取 %d 份，名单已写入 %s\n",
				"seed %d, rate %s%%, by %s: picked %[5]d of %[4]d forms; the list is in %[6]s\n"), sd, r.String(), by, len(cands), len(picked), output)
			for _, f := range list.Forms {
				fmt.Fprintf(c.App.Writer, "  %d. %s  %s  %s\n", f.No, f.Department, f.Project, f.File)
			}
			return nil
		},
	}
}

// pickByHand picks the candidates whose file (as the roll-up names it, or
// its base name) matches one of names; every name must match a form.
func pickByHand(rows []rollup.Row, cands []season.Candidate, names []string) ([]int, []season.GroupCount, error) {
	var picked []int
	used := make([]bool, len(names))
	for _, c := range cands {
		file := rows[c.Index].File
		for i, n := range names {
			m1, _ := filepath.Match(n, file)
			m2, _ := filepath.Match(n, filepath.Base(file))
			if m1 || m2 {
				picked = append(picked, c.Index)
				used[i] = true
				break
			}
		}
	}
	for i, n := range names {
		if !used[i] {
			return nil, nil, usageError("--pick %s 没有对应的表", "--pick %s matches no form", n)
		}
	}
	return picked, []season.GroupCount{{Group: "手选", Forms: len(cands), Picked: len(picked)}}, nil
}

func fixed(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.StringFixed(2)
}

// relTo is path relative to base (slashes), or absolute when it cannot be.
func relTo(base, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	if rel, err := filepath.Rel(base, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

func writeSampleList(out string, list sampleList) error {
	meta := fmt.Sprintf("抽查名单：随机种子 %d，比例 %s%%，按%s，%s", list.Seed, list.Rate, list.By, list.Date)
	switch strings.ToLower(filepath.Ext(out)) {
	case ".json":
		b, err := json.MarshalIndent(list, "", "  ")
		if err != nil {
			return err
		}
		return workbook.WriteFileAtomic(out, append(b, '\n'))
	case ".csv":
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write([]string{meta})
		_ = w.Write(sampleHeader)
		for _, f := range list.Forms {
			rec := f.values()
			for i := range rec {
				rec[i] = rollup.CSVCell(rec[i])
			}
			_ = w.Write(rec)
		}
		w.Flush()
		return workbook.WriteFileAtomic(out, append([]byte("\ufeff"), buf.Bytes()...))
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "抽查名单"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	set := func(row int, values []string) error {
		for i, v := range values {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
		}
		return nil
	}
	if err := set(1, []string{meta}); err != nil {
		return err
	}
	if err := set(2, sampleHeader); err != nil {
		return err
	}
	for i, fm := range list.Forms {
		if err := set(i+3, fm.values()); err != nil {
			return err
		}
	}
	line := len(list.Forms) + 4
	for _, g := range list.Groups {
		if err := set(line, []string{"", g.Group, fmt.Sprintf("%d 份中抽取 %d 份", g.Forms, g.Picked)}); err != nil {
			return err
		}
		line++
	}
	for col, w := range map[string]float64{"B": 24, "C": 24, "D": 28, "J": 30, "K": 30} {
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return newfile.Save(f, out)
}

// readSampleList reads a list written by sample (.json, .csv or .xlsx): the
// picked forms' paths, resolved against the list's folder, and sheets.
func readSampleList(path string) ([]sampleForm, error) {
	var forms []sampleForm
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var list sampleList
		if err := json.Unmarshal(data, &list); err != nil {
			return nil, say("%s 不是抽查名单：%v", "%s is not a sample list: %v", path, err)
		}
		forms = list.Forms
	case ".csv", ".xlsx":
		var rows [][]string
		if strings.EqualFold(filepath.Ext(path), ".csv") {
			data, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
			r.FieldsPerRecord = -1
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					return nil, say("%s 不是抽查名单：%v", "%s is not a sample list: %v", path, err)
				}
				rows = append(rows, rec)
			}
		} else {
			f, err := excelize.OpenFile(path)
			if err != nil {
				return nil, say("%s 不是抽查名单：%v", "%s is not a sample list: %v", path, err)
			}
			rows, err = f.GetRows(f.GetSheetName(0))
			f.Close()
			if err != nil {
				return nil, err
			}
		}
		col := map[string]int{}
		for _, row := range rows {
			if len(row) > 0 && row[0] == sampleHeader[0] {
				for i, h := range row {
					col[h] = i
				}
				continue
			}
			if len(col) == 0 || len(row) == 0 || row[0] == "" {
				continue
			}
			get := func(h string) string {
				if i, ok := col[h]; ok && i < len(row) {
					return strings.TrimPrefix(row[i], "'")
				}
				return ""
			}
			forms = append(forms, sampleForm{Project: get("项目名称"), File: get("文件"), Path: get("路径"), Sheet: get("工作表")})
		}
	default:
		return nil, usageError("%s 不是抽查名单（.json、.csv 或 .xlsx）", "%s is not a sample list (.json, .csv or .xlsx)", path)
	}
	if len(forms) == 0 {
		return nil, say("%s 不是抽查名单：没有列出任何表", "%s is not a sample list: it lists no form", path)
	}
	dir := filepath.Dir(path)
	for i := range forms {
		if p := filepath.FromSlash(forms[i].Path); p != "" && !filepath.IsAbs(p) {
			forms[i].Path = filepath.Join(dir, p)
		}
	}
	return forms, nil
}

// copyPicked copies the picked forms' files into dir, a name clash getting
// a suffix; a file holding several picked forms is copied once.
func copyPicked(dir string, rows []rollup.Row, picked []int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	done := map[string]bool{}
	for _, i := range picked {
		src := rows[i].Path
		if done[src] {
			continue
		}
		done[src] = true
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		name := filepath.Base(src)
		dst := filepath.Join(dir, name)
		for n := 2; ; n++ {
			if _, err := os.Lstat(dst); os.IsNotExist(err) {
				break
			}
			ext := filepath.Ext(name)
			dst = filepath.Join(dir, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), n, ext))
		}
		if err := workbook.WriteFileAtomic(dst, data); err != nil {
			return err
		}
	}
	return nil
}
