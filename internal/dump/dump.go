package dump

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetInfo is one entry of the workbook's sheet list.
type sheetInfo struct {
	Name  string
	State string // visible, hidden or veryHidden
	Part  string // the sheet's part name, "" when unknown
	Kind  string // worksheet, chartsheet, dialogsheet, …
}

// Text returns a deterministic text dump of f as it would be saved. It fails
// only when f cannot be saved or the saved package cannot be read back (for
// example an encrypted workbook); problems with a single section are written
// into the dump as lines starting with "!".
func Text(f *excelize.File) (string, error) {
	if f == nil {
		return "", errors.New("dump: no workbook")
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return "", fmt.Errorf("dump: save workbook: %w", err)
	}
	p, err := openPkg(buf.Bytes())
	if err != nil {
		return "", fmt.Errorf("dump: read saved workbook: %w", err)
	}
	g, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return "", fmt.Errorf("dump: reopen saved workbook: %w", err)
	}
	defer g.Close()
	var w strings.Builder
	sheets := workbookSection(&w, p)
	namesSection(&w, g)
	propsSection(&w, g)
	for _, s := range sheets {
		sheetSection(&w, p, g, s)
	}
	return w.String(), nil
}

// workbookPart returns the name of the main workbook part.
func workbookPart(p *pkg) string {
	rels, _ := p.rels("")
	for _, id := range sortedKeys(rels) {
		if strings.HasSuffix(rels[id], "workbook.xml") {
			return rels[id]
		}
	}
	return "xl/workbook.xml"
}

func workbookSection(w *strings.Builder, p *pkg) []sheetInfo {
	w.WriteString("workbook\n")
	part := workbookPart(p)
	doc, err := p.part(part)
	if err != nil || doc == nil {
		fmt.Fprintf(w, "! %s: %v\n", part, err)
		return nil
	}
	rels, _ := p.rels(part)
	var sheets []sheetInfo
	active := "0"
	var protection, calc map[string]string
	_ = walk(doc, func(e *element) {
		switch {
		case strings.HasSuffix(e.Path, "sheets/sheet"):
			s := sheetInfo{Name: e.Attrs["name"], State: e.Attrs["state"], Part: rels[e.Attrs["id"]]}
			if s.State == "" {
				s.State = "visible"
			}
			s.Kind = strings.TrimSuffix(path.Base(path.Dir(s.Part)), "s")
			sheets = append(sheets, s)
		case strings.HasSuffix(e.Path, "bookViews/workbookView"):
			if v := e.Attrs["activeTab"]; v != "" {
				active = v
			}
		case strings.HasSuffix(e.Path, "workbookProtection"):
			protection = e.Attrs
		case strings.HasSuffix(e.Path, "calcPr"):
			calc = e.Attrs
		}
	}, nil)
	w.WriteString("  sheets:\n")
	for i, s := range sheets {
		mark := ""
		if fmt.Sprint(i) == active {
			mark = " active"
		}
		fmt.Fprintf(w, "    %d %q %s %s%s\n", i+1, s.Name, s.Kind, s.State, mark)
	}
	if protection != nil {
		fmt.Fprintf(w, "  protection: %s\n", attrs(protection, []string{"workbookSpinCount", "revisionsSpinCount"},
			[]string{"workbookHashValue", "workbookSaltValue", "workbookPassword", "revisionsHashValue", "revisionsSaltValue", "revisionsPassword"}))
	} else {
		w.WriteString("  protection: none\n")
	}
	if a := attrs(calc, []string{"calcId"}, nil); a != "" {
		fmt.Fprintf(w, "  calc: %s\n", a)
	}
	return sheets
}

func namesSection(w *strings.Builder, g *excelize.File) {
	names := g.GetDefinedName()
	sort.SliceStable(names, func(i, j int) bool {
		if names[i].Scope != names[j].Scope {
			return names[i].Scope < names[j].Scope
		}
		return names[i].Name < names[j].Name
	})
	w.WriteString("defined names:\n")
	for _, n := range names {
		fmt.Fprintf(w, "  %s [%s] = %s\n", n.Name, n.Scope, n.RefersTo)
	}
}

func propsSection(w *strings.Builder, g *excelize.File) {
	w.WriteString("custom properties:\n")
	props, err := g.GetCustomProps()
	if err != nil {
		fmt.Fprintf(w, "! %v\n", err)
		return
	}
	sort.SliceStable(props, func(i, j int) bool { return props[i].Name < props[j].Name })
	for _, pr := range props {
		fmt.Fprintf(w, "  %s = %#v\n", pr.Name, pr.Value)
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
