package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/rollup"
	"github.com/selfeval/selfeval/template/targets"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/urfave/cli/v2"
)

// expected returns the forms a season expects back: from a folder of
// issued templates (their stamps' form ids, or their headers), or from the
// approved targets file the templates were issued from (one form per
// project; a project without a year is expected for the year a template
// would have had: the last full year).
func (g *engine) expected(c *cli.Context, path string) ([]rollup.Expected, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, usageError("--expect %s 不存在", "--expect %s does not exist", path)
	}
	if fi.IsDir() {
		found, err := workbooksUnder(path)
		if err != nil {
			return nil, say("无法读取文件夹 %s：%v", "cannot read the folder %s: %v", path, err).usage()
		}
		var out []rollup.Expected
		for _, p := range found {
			for _, ev := range g.evaluate(p) {
				if ev.Err != nil || ev.Result == nil || strings.TrimSpace(ev.ID.Project) == "" {
					continue // a blank template names no project
				}
				out = append(out, rollup.Expected{ID: ev.ID, Department: ev.Department, Source: displayPath([]string{path}, p)})
			}
		}
		if len(out) == 0 {
			return nil, usageError("--expect %s：文件夹里没有预填了项目的下发模板", "--expect %s: the folder holds no template issued for a project", path)
		}
		return out, nil
	}
	var lastErr error
	for _, k := range form.Kinds() {
		projects, err := targets.Read(path, k, g.profile)
		if err != nil {
			lastErr = err
			continue
		}
		var out []rollup.Expected
		for _, p := range projects {
			e := p.Entry
			year := e.Year
			if year == "" {
				year = lastYear()
			}
			out = append(out, rollup.Expected{
				ID:         form.Identity{Year: year, Kind: k.Name, Project: e.Fields["project"], Unit: e.Fields["unit"]},
				Department: e.Fields["department"],
				Source:     filepath.Base(path) + " " + p.At.String(),
			})
		}
		return out, nil
	}
	var te *targets.Error
	if errors.As(lastErr, &te) {
		return nil, &exitError{code: exitUsage, err: te}
	}
	return nil, &exitError{code: exitUsage, err: lastErr}
}
