package dump

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetXML is what the dump takes from a worksheet part directly.
type sheetXML struct {
	cols       []map[string]string
	rows       []map[string]string
	cells      []cellXML
	protection map[string]string
	page       map[string][]map[string]string // element name → attributes (pageSetup, pageMargins, …)
	headers    []string                       // headerFooter children as name=text
	links      []map[string]string
}

type cellXML struct {
	Ref  string
	Type string // the t attribute, "" for numbers
	Has  bool   // has a value or formula
}

func readSheet(doc []byte) (*sheetXML, error) {
	s := &sheetXML{page: map[string][]map[string]string{}}
	row, col := 0, 0
	start := func(e *element) {
		switch {
		case strings.HasSuffix(e.Path, "cols/col"):
			s.cols = append(s.cols, e.Attrs)
		case strings.HasSuffix(e.Path, "sheetData/row"):
			row++
			if r, err := strconv.Atoi(e.Attrs["r"]); err == nil {
				row = r
			}
			col = 0
			s.rows = append(s.rows, e.Attrs)
		case strings.HasSuffix(e.Path, "sheetData/row/c"):
			col++
			ref := e.Attrs["r"]
			if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
				col, row = c, r
			} else {
				ref, _ = excelize.CoordinatesToCellName(col, row)
			}
			s.cells = append(s.cells, cellXML{Ref: ref, Type: e.Attrs["t"]})
		case strings.HasSuffix(e.Path, "sheetData/row/c/v"), strings.HasSuffix(e.Path, "sheetData/row/c/f"),
			strings.HasSuffix(e.Path, "sheetData/row/c/is"):
			if n := len(s.cells); n > 0 {
				s.cells[n-1].Has = true
			}
		case e.Name == "sheetProtection":
			s.protection = e.Attrs
		case e.Name == "pageSetup", e.Name == "pageMargins", e.Name == "printOptions", e.Name == "pageSetUpPr":
			s.page[e.Name] = append(s.page[e.Name], e.Attrs)
		case strings.HasSuffix(e.Path, "hyperlinks/hyperlink"):
			s.links = append(s.links, e.Attrs)
		}
	}
	end := func(e *element) {
		if strings.Contains(e.Path, "headerFooter/") && strings.TrimSpace(e.Text) != "" {
			s.headers = append(s.headers, e.Name+"="+strconv.Quote(e.Text))
		}
	}
	return s, walk(doc, start, end)
}

func sheetSection(w *strings.Builder, p *pkg, g *excelize.File, info sheetInfo) {
	fmt.Fprintf(w, "\nsheet %q (%s, %s)\n", info.Name, info.Kind, info.State)
	if info.Kind != "worksheet" {
		return
	}
	doc, err := p.part(info.Part)
	if err != nil || doc == nil {
		fmt.Fprintf(w, "! part %s: %v\n", info.Part, err)
		return
	}
	s, err := readSheet(doc)
	if err != nil {
		fmt.Fprintf(w, "! %v\n", err)
	}
	w.WriteString("  columns:\n")
	for _, c := range s.cols {
		fmt.Fprintf(w, "    %s-%s %s\n", colName(c["min"]), colName(c["max"]), attrs(c, []string{"min", "max", "style"}, nil))
	}
	w.WriteString("  rows:\n")
	for _, r := range s.rows {
		if a := attrs(r, []string{"r", "spans", "s", "customFormat", "x14ac:dyDescent", "dyDescent"}, nil); a != "" {
			fmt.Fprintf(w, "    %s %s\n", r["r"], a)
		}
	}
	mergedSection(w, g, info.Name)
	cellsSection(w, g, info.Name, s.cells)
	validationsSection(w, g, info.Name)
	linksSection(w, g, info.Name, s.links)
	commentsSection(w, g, info.Name)
	condSection(w, g, info.Name)
	if s.protection != nil {
		fmt.Fprintf(w, "  protection: %s\n", attrs(s.protection, []string{"spinCount"},
			[]string{"hashValue", "saltValue", "password"}))
	} else {
		w.WriteString("  protection: none\n")
	}
	w.WriteString("  page:\n")
	for _, name := range []string{"pageSetUpPr", "pageSetup", "pageMargins", "printOptions"} {
		for _, a := range s.page[name] {
			fmt.Fprintf(w, "    %s %s\n", name, attrs(a, []string{"id"}, nil))
		}
	}
	for _, h := range s.headers {
		fmt.Fprintf(w, "    %s\n", h)
	}
}

func colName(n string) string {
	i, err := strconv.Atoi(n)
	if err != nil {
		return n
	}
	name, err := excelize.ColumnNumberToName(i)
	if err != nil {
		return n
	}
	return name
}

func mergedSection(w *strings.Builder, g *excelize.File, sheet string) {
	w.WriteString("  merged:\n")
	merged, err := g.GetMergeCells(sheet, true)
	if err != nil {
		fmt.Fprintf(w, "! %v\n", err)
		return
	}
	type rng struct {
		ref      string
		row, col int
	}
	var list []rng
	for _, m := range merged {
		c, r, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		list = append(list, rng{m.GetStartAxis() + ":" + m.GetEndAxis(), r, c})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].row != list[j].row {
			return list[i].row < list[j].row
		}
		return list[i].col < list[j].col
	})
	for _, m := range list {
		fmt.Fprintf(w, "    %s\n", m.ref)
	}
}
