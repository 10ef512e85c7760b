package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/validate/review"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// The JSON report: its key names are a contract (SPEC "JSON report").
type jsonReport struct {
	Tool    string      `json:"tool"`
	Version string      `json:"version"`
	Profile string      `json:"profile"`
	Files   []jsonFile  `json:"files"`
	Summary jsonSummary `json:"summary"`
}

type jsonFile struct {
	Path      string         `json:"path"`
	Sheet     string         `json:"sheet,omitempty"` // the form's sheet, when the file holds several forms
	Kind      string         `json:"kind"`
	Status    string         `json:"status"`
	Error     string         `json:"error"`
	Project   string         `json:"project"`
	Execution *jsonExecution `json:"execution"`
	// MoneyUnit is the unit of the execution's budget and spent, 万元 or
	// 元, as the form's labels say (a form of another region may keep 元
	// where the kind keeps 万元).
	MoneyUnit  string          `json:"money_unit,omitempty"`
	Indicators []jsonIndicator `json:"indicators"`
	Total      *num            `json:"total"`
	Grade      string          `json:"grade"`
	Findings   []form.Finding  `json:"findings"`
	Output     string          `json:"output,omitempty"` // where score wrote the form, when not over the input
	// Review are the reviewer's checks (review.*), only with --review; they
	// are not findings of the form and count in no total.
	Review  []form.Finding `json:"review,omitempty"`
	inPlace bool           // score wrote the form over the input
	// unchanged: score found the file already holding its result and
	// left it as it was.
	unchanged bool
}

type jsonExecution struct {
	Budget num `json:"budget"`
	Spent  num `json:"spent"`
	Rate   num `json:"rate"`
	Weight num `json:"weight"`
	Score  num `json:"score"`
}

type jsonIndicator struct {
	Cell        string `json:"cell"`
	Level1      string `json:"level1"`
	Level2      string `json:"level2"`
	Name        string `json:"name"`
	Target      string `json:"target"`
	Actual      string `json:"actual"`
	Weight      num    `json:"weight"`
	Score       num    `json:"score"`
	ComputedMax *num   `json:"computed_max"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	OK         int `json:"ok"`
	Invalid    int `json:"invalid"`
	Unreadable int `json:"unreadable"`
	Unwritable int `json:"unwritable"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	// files counts the files the entries come from (Files counts entries,
	// one a form); last is the path of the entry added last.
	files int
	last  string
}

// num is a decimal written as a JSON number rounded to 2 decimals.
type num decimal.Decimal

func (n num) MarshalJSON() ([]byte, error) {
	return []byte(decimal.Decimal(n).Round(2).String()), nil
}

func numPtr(d *decimal.Decimal) *num {
	if d == nil {
		return nil
	}
	n := num(*d)
	return &n
}

func buildReport(evs []*evaluation, profile string, strict bool, lang validate.Lang) jsonReport {
	r := jsonReport{Tool: "selfeval", Version: toolVersion(), Profile: profile, Files: []jsonFile{}}
	for _, ev := range evs {
		if ev == nil {
			continue
		}
		r.Files = append(r.Files, fileEntry(ev, strict, &r.Summary, lang))
	}
	return r
}

// fileEntry is the report entry of one form of a file; it adds it to sum.
func fileEntry(ev *evaluation, strict bool, sum *jsonSummary, lang validate.Lang) jsonFile {
	jf := jsonFile{Path: ev.Path, Status: ev.status(strict), Indicators: []jsonIndicator{}, Findings: []form.Finding{}, Output: ev.output, inPlace: ev.inPlace, unchanged: ev.Unchanged}
	sum.Files++
	if ev.Path != sum.last || ev.Forms < 2 {
		sum.files++
		sum.last = ev.Path
	}
	switch jf.Status {
	case "ok":
		sum.OK++
	case "invalid":
		sum.Invalid++
	case "unwritable":
		sum.Unwritable++
		jf.Error = errText(ev.WriteErr, lang)
	default:
		sum.Unreadable++
	}
	if ev.Err != nil {
		jf.Error = errText(ev.Err, lang)
		return jf
	}
	if ev.Forms > 1 {
		jf.Sheet = ev.Sheet
	}
	res := ev.Result
	jf.Kind, jf.Project, jf.Grade = res.Kind, res.Project, res.Grade
	jf.Total = numPtr(&res.Total)
	if x := res.Execution; x != nil {
		jf.Execution = &jsonExecution{Budget: num(x.Budget), Spent: num(x.Spent), Rate: num(x.Rate), Weight: num(x.Weight), Score: num(x.Score)}
		jf.MoneyUnit = ev.MoneyUnit
	}
	jf.Indicators = make([]jsonIndicator, 0, len(res.Indicators)) // one allocation for a table of thousands of rows
	for _, in := range res.Indicators {
		jf.Indicators = append(jf.Indicators, jsonIndicator{
			Cell: in.Cell, Level1: in.Level1, Level2: in.Level2, Name: in.Name,
			Target: in.Target, Actual: in.Actual, Weight: num(in.Weight), Score: num(in.Score),
			ComputedMax: numPtr(in.ComputedMax),
		})
	}
	jf.Findings = append(jf.Findings, res.Findings...)
	errs, warns, _ := res.Counts()
	sum.Errors += errs
	sum.Warnings += warns
	return jf
}

var severityZh = map[form.Severity]string{form.Error: "错误", form.Warning: "警告", form.Info: "提示"}

// writeText prints a report people read on a terminal; quiet leaves out the
// files without errors or warnings.
func writeText(w io.Writer, r jsonReport, lang validate.Lang, quiet bool) {
	for _, f := range r.Files {
		writeTextFile(w, f, lang, quiet)
	}
	writeTextSummary(w, r.Summary, lang)
}

// writeFunc is an io.Writer that hands each write to the function.
type writeFunc func([]byte)

func (f writeFunc) Write(b []byte) (int, error) { f(b); return len(b), nil }

// writeTextFile prints the lines of one form of a file.
func writeTextFile(w io.Writer, f jsonFile, lang validate.Lang, quiet bool) {
	if f.Status == "unreadable" {
		fmt.Fprintf(w, "%s%s\n  %s\n", f.Path, tr(lang, "：无法读取", ": cannot be read"), f.Error)
		return
	}
	path := f.Path
	if f.Sheet != "" {
		path += "「" + f.Sheet + "」"
	}
	var total string
	if f.Total != nil {
		total = decimal.Decimal(*f.Total).StringFixed(2)
	}
	e, wn, in := 0, 0, 0
	for _, x := range f.Findings {
		switch x.Severity {
		case form.Error:
			e++
		case form.Warning:
			wn++
		default:
			in++
		}
	}
	if quiet && f.Status != "unwritable" && e == 0 && wn == 0 {
		return
	}
	grade := f.Grade
	if grade == "" && (e > 0 || f.Status == "invalid") {
		grade = tr(lang, "待更正", "to be corrected") // a form with errors is not graded
	}
	if lang == "en" {
		fmt.Fprintf(w, "%s  [%s] %s  total %s  grade %s  errors %d, warnings %d, notes %d\n", path, f.Kind, f.Project, total, grade, e, wn, in)
	} else {
		fmt.Fprintf(w, "%s  [%s] %s  总分 %s  等级 %s  错误 %d，警告 %d，提示 %d\n", path, f.Kind, f.Project, total, grade, e, wn, in)
	}
	for _, x := range f.Findings {
		if quiet && x.Severity == form.Info {
			continue
		}
		sev := string(x.Severity)
		if lang != "en" {
			sev = severityZh[x.Severity]
		}
		at := x.Sheet
		if x.Cell != "" {
			at += "!" + x.Cell
		}
		fmt.Fprintf(w, "  %s %s  %s  (%s)\n", sev, at, x.Message, x.Code)
		if x.Hint != "" {
			label := "建议："
			if lang == "en" {
				label = "hint: "
			}
			fmt.Fprintf(w, "      %s%s\n", label, strings.TrimSpace(x.Hint))
		}
	}
	for _, x := range f.Review {
		at := x.Sheet
		if x.Cell != "" {
			at += "!" + x.Cell
		}
		fmt.Fprintf(w, "  %s %s  %s  (%s)\n", tr(lang, "复核提示", "review"), at, x.Message, x.Code)
		if x.Hint != "" {
			fmt.Fprintf(w, "      %s%s\n", tr(lang, "建议：", "hint: "), strings.TrimSpace(x.Hint))
		}
	}
	switch {
	case f.unchanged:
		fmt.Fprintf(w, "  → %s\n", tr(lang, "文件已是本次评分结果，未改写", "the file already holds this result; not written again"))
	case f.Output != "":
		fmt.Fprintf(w, "  → %s%s\n", tr(lang, "已写入 ", "written to "), f.Output)
	case f.inPlace:
		fmt.Fprintf(w, "  → %s\n", tr(lang, "已写回本文件", "written back into this file"))
	}
	if f.Status == "unwritable" {
		fmt.Fprintf(w, "  %s%s\n", tr(lang, "无法写回（原文件未改动）：", "cannot be written back (the file is unchanged): "), f.Error)
	}
}

// writeTextSummary prints the closing line of a text report.
func writeTextSummary(w io.Writer, s jsonSummary, lang validate.Lang) {
	var unwritable string
	if s.Unwritable > 0 {
		unwritable = fmt.Sprintf(tr(lang, "，无法写回 %d", ", %d unwritable"), s.Unwritable)
	}
	// A workbook of several forms has an entry a form: the line then says
	// how many forms in how many files.
	what := fmt.Sprintf(tr(lang, "共 %d 个文件", "%d file(s)"), s.Files)
	if s.files > 0 && s.files < s.Files {
		what = fmt.Sprintf(tr(lang, "共 %d 张表（%d 个文件）", "%d form(s) in %d file(s)"), s.Files, s.files)
	}
	if lang == "en" {
		fmt.Fprintf(w, "%s: %d ok, %d invalid, %d unreadable%s; %d errors, %d warnings\n", what, s.OK, s.Invalid, s.Unreadable, unwritable, s.Errors, s.Warnings)
	} else {
		fmt.Fprintf(w, "%s：通过 %d，未通过 %d，无法读取 %d%s；错误 %d 条，警告 %d 条\n", what, s.OK, s.Invalid, s.Unreadable, unwritable, s.Errors, s.Warnings)
	}
}

// exitCode maps a report's summary to the contract's exit codes; the highest
// wins.
func exitCode(s jsonSummary) int {
	switch {
	case s.Unwritable > 0:
		return exitUnwritable
	case s.Unreadable > 0:
		return exitUnreadable
	case s.Invalid > 0:
		return exitInvalid
	}
	return exitOK
}

// report processes paths with fn and writes the entry of each form as soon as it
// and the files before it are done, in the format asked for, then the
// summary; it returns the exit code the contract gives the report. Only a
// compact entry per file is held, and only until it is written.
func (g *engine) report(ctx context.Context, w io.Writer, paths []string, progress func(), fn func(string) []*evaluation, format string, strict, quiet bool) error {
	var (
		sum   jsonSummary
		n     int
		werr  error
		write = func(b []byte) {
			if werr == nil {
				_, werr = w.Write(b)
			}
		}
	)
	if format == "json" {
		head, err := indentJSON(struct {
			Tool    string `json:"tool"`
			Version string `json:"version"`
			Profile string `json:"profile"`
		}{"selfeval", toolVersion(), g.profile.Name}, "")
		if err != nil {
			return err
		}
		write(append(bytes.TrimSuffix(head, []byte("\n}")), ",\n  \"files\": "...))
	}
	stream(ctx, paths, progress, fn, func(evs []*evaluation) {
		for _, ev := range evs {
			jf := fileEntry(ev, strict, &sum, g.lang)
			if g.review && ev.Err == nil && ev.Facts != nil {
				jf.Review = append([]form.Finding{}, review.Check(ev.Facts, g.profile, g.lang)...)
			}
			if format != "json" {
				// Written through a small buffer, not built whole first: a
				// form of thousands of findings prints megabytes.
				b := bufio.NewWriterSize(writeFunc(write), 32<<10)
				writeTextFile(b, jf, g.lang, quiet)
				b.Flush()
				continue
			}
			sep := ",\n    "
			if n == 0 {
				sep = "[\n    "
			}
			n++
			write([]byte(sep))
			// Streamed: a form of thousands of findings prints megabytes.
			if err := writeJSON(writeFunc(write), jf, "    "); err != nil && werr == nil {
				werr = err
			}
		}
	})
	if format == "json" {
		end := "\n  ]"
		if n == 0 {
			end = "[]"
		}
		b, err := indentJSON(sum, "  ")
		if err != nil {
			return err
		}
		write([]byte(end + ",\n  \"summary\": "))
		write(append(b, "\n}\n"...))
	} else {
		var b bytes.Buffer
		writeTextSummary(&b, sum, g.lang)
		write(b.Bytes())
	}
	if werr != nil {
		return werr
	}
	switch code := exitCode(sum); code {
	case exitOK:
		return nil
	case exitInvalid:
		return &exitError{code: code} // the findings are the report
	default:
		return &exitError{code: code, err: failedFiles(sum)}
	}
}

// failedFiles says on stderr, for scripts that watch it, how many files
// could not be read or written back; the report on stdout says why.
func failedFiles(s jsonSummary) error {
	var m *message
	switch {
	case s.Unreadable > 0 && s.Unwritable > 0:
		m = say("有 %d 个文件无法读取，%d 个文件无法写回（原文件未改动），原因见报告", "%d file(s) could not be read and %d could not be written back (left unchanged); the report says why", s.Unreadable, s.Unwritable)
	case s.Unwritable > 0:
		m = say("有 %d 个文件无法写回（原文件未改动），原因见报告", "%d file(s) could not be written back (left unchanged); the report says why", s.Unwritable)
	default:
		m = say("有 %d 个文件无法读取，原因见报告", "%d file(s) could not be read; the report says why", s.Unreadable)
	}
	return m
}
