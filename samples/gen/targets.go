package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/samples"
	"github.com/selfeval/selfeval/template/targets"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// writeTargets writes the approved targets of the seed projects of each kind
// the way a budget system exports them: one row per indicator with the
// project's values repeated, as CSV (Chinese headers), XLSX (a title row,
// then the same table) and JSON (English keys).
func writeTargets(dir string) error {
	all, err := samples.All()
	if err != nil {
		return err
	}
	by := map[string][]*form.Entry{}
	var kinds []string
	for _, s := range all {
		if by[s.Entry.Kind] == nil {
			kinds = append(kinds, s.Entry.Kind)
		}
		by[s.Entry.Kind] = append(by[s.Entry.Kind], s.Entry)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, kind := range kinds {
		if kind == form.Dept.Name {
			// The published dept form leaves two indicators without a
			// target: it makes no approved-targets file.
			continue
		}
		cols := targets.Columns(kind)
		var rows [][]string
		for _, e := range by[kind] {
			for _, r := range e.Rows {
				var line []string
				for _, c := range cols {
					line = append(line, valueOf(e, r, c.To))
				}
				rows = append(rows, line)
			}
		}
		base := filepath.Join(dir, kind+"-targets")
		if err := writeCSV(base+".csv", cols, rows); err != nil {
			return err
		}
		if err := writeXLSX(base+".xlsx", kind, cols, rows); err != nil {
			return err
		}
		if err := writeJSON(base+".json", cols, rows); err != nil {
			return err
		}
	}
	return nil
}

func valueOf(e *form.Entry, r form.EntryRow, to string) string {
	parts := strings.Split(to, ".")
	switch parts[0] {
	case "year", "fields", "grid":
		return targets.ProjectValue(e, to)
	case "group":
		for _, g := range form.Lookup(e.Kind).Table.Groups {
			if g.Key == r.Group {
				return g.Label()
			}
		}
		return r.Group
	case "rows":
		return r.Cells[parts[1]]
	}
	return ""
}

func writeCSV(path string, cols []targets.Column, rows [][]string) error {
	var b bytes.Buffer
	b.WriteString("\ufeff") // so that Excel opens it as UTF-8
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	var head []string
	for _, c := range cols {
		head = append(head, c.Header)
	}
	if err := w.WriteAll(append([][]string{head}, rows...)); err != nil {
		return err
	}
	fmt.Println("wrote", path)
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func writeXLSX(path, kind string, cols []targets.Column, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "绩效目标"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, "A1", "项目绩效目标批复表（"+kind+"）"); err != nil {
		return err
	}
	var head []any
	for _, c := range cols {
		head = append(head, c.Header)
	}
	if err := f.SetSheetRow(sheet, "A2", &head); err != nil {
		return err
	}
	for i, r := range rows {
		line := make([]any, len(r))
		for j, v := range r {
			line[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := f.SetSheetRow(sheet, cell, &line); err != nil {
			return err
		}
	}
	fmt.Println("wrote", path)
	return f.SaveAs(path)
}

func writeJSON(path string, cols []targets.Column, rows [][]string) error {
	var list []map[string]string
	for _, r := range rows {
		obj := map[string]string{}
		for i, c := range cols {
			if r[i] != "" {
				obj[c.Key] = r[i]
			}
		}
		list = append(list, obj)
	}
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	fmt.Println("wrote", path)
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
