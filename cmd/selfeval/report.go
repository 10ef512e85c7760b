package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/selfeval/selfeval/validate"
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
	Path       string          `json:"path"`
	Sheet      string          `json:"sheet,omitempty"` // the form's sheet, when the file holds several forms
	Kind       string          `json:"kind"`
	Status     string          `json:"status"`
	Error      string          `json:"error"`
	Project    string          `json:"project"`
	Execution  *jsonExecution  `json:"execution"`
	Indicators []jsonIndicator `json:"indicators"`
	Total      *num            `json:"total"`
	Grade      string          `json:"grade"`
	Findings   []form.Finding  `json:"findings"`
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

func buildReport(evs []*evaluation, profile string, strict bool) jsonReport {
	r := jsonReport{Tool: "selfeval", Version: toolVersion(), Profile: profile, Files: []jsonFile{}}
	for _, ev := range evs {
		if ev == nil {
			continue
		}
		jf := jsonFile{Path: ev.Path, Status: ev.status(strict), Indicators: []jsonIndicator{}, Findings: []form.Finding{}}
		r.Summary.Files++
		switch jf.Status {
		case "ok":
			r.Summary.OK++
		case "invalid":
			r.Summary.Invalid++
		case "unwritable":
			r.Summary.Unwritable++
			jf.Error = ev.WriteErr.Error()
		default:
			r.Summary.Unreadable++
		}
		if ev.Err != nil {
			jf.Error = ev.Err.Error()
			r.Files = append(r.Files, jf)
			continue
		}
		if ev.Forms > 1 {
			jf.Sheet = ev.Form.Sheet
		}
		res := ev.Result
		jf.Kind, jf.Project, jf.Grade = res.Kind, res.Project, res.Grade
		jf.Total = numPtr(&res.Total)
		if x := res.Execution; x != nil {
			jf.Execution = &jsonExecution{Budget: num(x.Budget), Spent: num(x.Spent), Rate: num(x.Rate), Weight: num(x.Weight), Score: num(x.Score)}
		}
		for _, in := range res.Indicators {
			jf.Indicators = append(jf.Indicators, jsonIndicator{
				Cell: in.Cell, Level1: in.Level1, Level2: in.Level2, Name: in.Name,
				Target: in.Target, Actual: in.Actual, Weight: num(in.Weight), Score: num(in.Score),
				ComputedMax: numPtr(in.ComputedMax),
			})
		}
		jf.Findings = append(jf.Findings, res.Findings...)
		errs, warns, _ := res.Counts()
		r.Summary.Errors += errs
		r.Summary.Warnings += warns
		r.Files = append(r.Files, jf)
	}
	return r
}

func writeJSON(w io.Writer, r jsonReport) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

var severityZh = map[form.Severity]string{form.Error: "错误", form.Warning: "警告", form.Info: "提示"}

// writeText prints a report people read on a terminal; quiet leaves out the
// files without errors or warnings.
func writeText(w io.Writer, r jsonReport, lang validate.Lang, quiet bool) {
	for _, f := range r.Files {
		if f.Status == "unreadable" {
			fmt.Fprintf(w, "%s%s\n  %s\n", f.Path, tr(lang, "：无法读取", ": cannot be read"), f.Error)
			continue
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
			continue
		}
		if lang == "en" {
			fmt.Fprintf(w, "%s  [%s] %s  total %s  grade %s  errors %d, warnings %d, notes %d\n", path, f.Kind, f.Project, total, f.Grade, e, wn, in)
		} else {
			fmt.Fprintf(w, "%s  [%s] %s  总分 %s  等级 %s  错误 %d，警告 %d，提示 %d\n", path, f.Kind, f.Project, total, f.Grade, e, wn, in)
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
		if f.Status == "unwritable" {
			fmt.Fprintf(w, "  %s%s\n", tr(lang, "无法写回（原文件未改动）：", "cannot be written back (the file is unchanged): "), f.Error)
		}
	}
	s := r.Summary
	var unwritable string
	if s.Unwritable > 0 {
		unwritable = fmt.Sprintf(tr(lang, "，无法写回 %d", ", %d unwritable"), s.Unwritable)
	}
	if lang == "en" {
		fmt.Fprintf(w, "%d file(s): %d ok, %d invalid, %d unreadable%s; %d errors, %d warnings\n", s.Files, s.OK, s.Invalid, s.Unreadable, unwritable, s.Errors, s.Warnings)
	} else {
		fmt.Fprintf(w, "共 %d 个文件：通过 %d，未通过 %d，无法读取 %d%s；错误 %d 条，警告 %d 条\n", s.Files, s.OK, s.Invalid, s.Unreadable, unwritable, s.Errors, s.Warnings)
	}
}

// exitCode maps a report to the contract's exit codes; the highest wins.
func exitCode(r jsonReport) int {
	switch {
	case r.Summary.Unwritable > 0:
		return exitUnwritable
	case r.Summary.Unreadable > 0:
		return exitUnreadable
	case r.Summary.Invalid > 0:
		return exitInvalid
	}
	return exitOK
}

// report writes the report of evs in the format asked for and returns the
// exit code the contract gives it.
func (g *engine) report(w io.Writer, evs []*evaluation, format string, strict, quiet bool) error {
	r := buildReport(evs, g.profile.Name, strict)
	if format == "json" {
		if err := writeJSON(w, r); err != nil {
			return err
		}
	} else {
		writeText(w, r, g.lang, quiet)
	}
	if code := exitCode(r); code != exitOK {
		return &exitError{code: code}
	}
	return nil
}
