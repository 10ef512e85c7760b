package workbook

import (
	"bytes"
	"encoding/xml"
	"sort"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// Highlights are conditional formats, so they never change a cell's style or
// locked state. Each is its own <conditionalFormatting> element with a single
// "expression" rule whose formula is highlightFormula: always TRUE, and the
// mark by which the next write-back finds and removes exactly the rules it
// added, leaving every other conditional format alone.
const highlightFormula = `ISTEXT("selfeval")`

// highlightFill is the fill colour of each severity.
var highlightFill = map[form.Severity]string{
	form.Error:   "FFC7CE", // light red
	form.Warning: "F4B084", // orange, clearly apart from the input tint FFF2CC and the error red
	form.Info:    "DDEBF7", // light blue
}

// severityRank orders severities, most serious first.
var severityRank = map[form.Severity]int{form.Error: 0, form.Warning: 1, form.Info: 2}

// writeHighlights adds one highlight per severity on each sheet, covering the
// cells whose most serious finding has that severity. ours are the dxf
// (conditional style) ids of the highlights removed from the previous run,
// reused so that styles do not pile up.
func writeHighlights(f *excelize.File, cells map[string]map[string][]form.Finding, ours []int) error {
	dxf := map[string]int{}
	for _, id := range ours {
		st, err := f.GetConditionalStyle(id)
		if err == nil && len(st.Fill.Color) == 1 {
			dxf[strings.ToUpper(strings.TrimPrefix(st.Fill.Color[0], "#"))] = id
		}
	}
	for _, sh := range sortedKeys(cells) {
		bySev := map[form.Severity][]string{}
		for _, at := range sortedCells(cells[sh]) {
			sev := worst(cells[sh][at])
			bySev[sev] = append(bySev[sev], at)
		}
		for _, sev := range []form.Severity{form.Error, form.Warning, form.Info} {
			refs := bySev[sev]
			if len(refs) == 0 {
				continue
			}
			color := highlightFill[sev]
			id, ok := dxf[color]
			if !ok {
				var err error
				id, err = f.NewConditionalStyle(&excelize.Style{
					Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
				})
				if err != nil {
					return err
				}
				dxf[color] = id
			}
			err := f.SetConditionalFormat(sh, strings.Join(refs, " "), []excelize.ConditionalFormatOptions{
				{Type: "formula", Criteria: highlightFormula, Format: &id},
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// worst returns the most serious severity among findings.
func worst(fs []form.Finding) form.Severity {
	best := form.Info
	for _, x := range fs {
		if r, ok := severityRank[x.Severity]; ok && r < severityRank[best] {
			best = x.Severity
		}
	}
	return best
}

// stripSheetHighlights cuts our <conditionalFormatting> elements out of a
// worksheet's XML and returns the dxf ids they used. Malformed XML is left
// as it is: excelize reports it when the sheet is opened.
func stripSheetHighlights(data []byte) ([]byte, []int) {
	type span struct{ start, end int64 }
	var cuts []span
	var ids []int
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	depth := 0
	var (
		start   int64
		inCF    bool
		ours    bool
		rules   int
		inF     bool
		formula strings.Builder
		cfIDs   []int
	)
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2 && t.Name.Local == "conditionalFormatting":
				inCF, ours, rules, start, cfIDs = true, true, 0, off, nil
			case inCF && t.Name.Local == "cfRule":
				rules++
				if attr(t, "type") != "expression" {
					ours = false
				}
				if id, err := strconv.Atoi(attr(t, "dxfId")); err == nil {
					cfIDs = append(cfIDs, id)
				}
			case inCF && t.Name.Local == "formula":
				inF = true
				formula.Reset()
			}
		case xml.CharData:
			if inF {
				formula.Write(t)
			}
		case xml.EndElement:
			switch {
			case inF && t.Name.Local == "formula":
				inF = false
				if strings.TrimSpace(formula.String()) != highlightFormula {
					ours = false
				}
			case depth == 2 && inCF && t.Name.Local == "conditionalFormatting":
				inCF = false
				if ours && rules > 0 {
					cuts = append(cuts, span{start, d.InputOffset()})
					ids = append(ids, cfIDs...)
				}
			}
			depth--
		}
	}
	if len(cuts) == 0 {
		return data, nil
	}
	var out bytes.Buffer
	prev := int64(0)
	for _, c := range cuts {
		out.Write(data[prev:c.start])
		prev = c.end
	}
	out.Write(data[prev:])
	return out.Bytes(), ids
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
