package dump

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// builtinFormats names the built-in number formats a form uses; others are
// shown by their id.
var builtinFormats = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
	14: "mm-dd-yy", 22: "m/d/yy h:mm", 49: "@",
}

// look is the part of a cell style a dump shows.
type look struct {
	locked bool
	fill   string
	text   string
}

type looks struct {
	g     *excelize.File
	cache map[int]look
}

func (l *looks) of(id int) look {
	if lk, ok := l.cache[id]; ok {
		return lk
	}
	lk := look{locked: true}
	st, err := l.g.GetStyle(id)
	if err != nil || st == nil {
		lk.text = fmt.Sprintf("style=%d?", id)
		l.cache[id] = lk
		return lk
	}
	var parts []string
	if st.Protection != nil {
		lk.locked = st.Protection.Locked
		if st.Protection.Hidden {
			parts = append(parts, "hidden")
		}
	}
	if st.Fill.Type == "pattern" && st.Fill.Pattern != 0 && len(st.Fill.Color) > 0 {
		lk.fill = strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
	} else if st.Fill.Type == "gradient" {
		lk.fill = "gradient"
	}
	switch {
	case st.CustomNumFmt != nil:
		parts = append(parts, fmt.Sprintf("fmt=%q", *st.CustomNumFmt))
	case st.NumFmt != 0:
		if name, ok := builtinFormats[st.NumFmt]; ok {
			parts = append(parts, fmt.Sprintf("fmt=%q", name))
		} else {
			parts = append(parts, fmt.Sprintf("fmt=#%d", st.NumFmt))
		}
	}
	if f := st.Font; f != nil {
		font := fmt.Sprintf("font=%s/%g", f.Family, f.Size)
		if f.Bold {
			font += "/b"
		}
		if f.Italic {
			font += "/i"
		}
		if f.Color != "" && !strings.EqualFold(f.Color, "FF000000") && !strings.EqualFold(f.Color, "000000") {
			font += "/" + strings.ToUpper(f.Color)
		}
		parts = append(parts, font)
	}
	if a := st.Alignment; a != nil {
		al := "align=" + or(a.Horizontal, "-") + "/" + or(a.Vertical, "-")
		if a.WrapText {
			al += "/wrap"
		}
		parts = append(parts, al)
	}
	if len(st.Border) > 0 {
		var sides []string
		for _, b := range st.Border {
			if b.Style != 0 && b.Type != "" {
				sides = append(sides, fmt.Sprintf("%s%d", b.Type[:1], b.Style))
			}
		}
		sort.Strings(sides)
		if len(sides) > 0 {
			parts = append(parts, "border="+strings.Join(sides, ","))
		}
	}
	lk.text = strings.Join(parts, " ")
	l.cache[id] = lk
	return lk
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

var cellTypes = map[string]string{"": "n", "n": "n", "s": "s", "str": "str", "inlineStr": "is", "b": "b", "e": "e", "d": "d"}

// cellsSection lists every cell that holds a value or formula, or is
// unlocked or filled (an input cell of a blank form).
func cellsSection(w *strings.Builder, g *excelize.File, sheet string, cells []cellXML) {
	w.WriteString("  cells:\n")
	lks := &looks{g: g, cache: map[int]look{}}
	for _, c := range cells {
		id, err := g.GetCellStyle(sheet, c.Ref)
		if err != nil {
			fmt.Fprintf(w, "! %s: %v\n", c.Ref, err)
			continue
		}
		lk := lks.of(id)
		if !c.Has && lk.locked && lk.fill == "" {
			continue
		}
		line := "    " + c.Ref
		if c.Has {
			v, _ := g.GetCellValue(sheet, c.Ref, excelize.Options{RawCellValue: true})
			t, ok := cellTypes[c.Type]
			if !ok {
				t = c.Type
			}
			line += fmt.Sprintf(" %s %q", t, v)
			if formula, _ := g.GetCellFormula(sheet, c.Ref); formula != "" {
				line += " =" + formula
			}
		} else {
			line += " -"
		}
		if lk.locked {
			line += " locked"
		} else {
			line += " unlocked"
		}
		if lk.fill != "" {
			line += " fill=" + lk.fill
		}
		if lk.text != "" {
			line += " " + lk.text
		}
		w.WriteString(line + "\n")
	}
}

func validationsSection(w *strings.Builder, g *excelize.File, sheet string) {
	w.WriteString("  validations:\n")
	dvs, err := g.GetDataValidations(sheet)
	if err != nil {
		fmt.Fprintf(w, "! %v\n", err)
	}
	for _, dv := range dvs {
		line := fmt.Sprintf("    %s type=%s", dv.Sqref, or(dv.Type, "none"))
		if dv.Operator != "" {
			line += " op=" + dv.Operator
		}
		if dv.Formula1 != "" {
			line += " f1=" + dv.Formula1
		}
		if dv.Formula2 != "" {
			line += " f2=" + dv.Formula2
		}
		if dv.AllowBlank {
			line += " allowBlank"
		}
		if dv.ShowDropDown {
			line += " noDropDown" // the attribute's meaning is inverted in the file format
		}
		if dv.ShowInputMessage {
			line += fmt.Sprintf(" prompt=%q/%q", deref(dv.PromptTitle), deref(dv.Prompt))
		}
		if dv.ShowErrorMessage {
			line += fmt.Sprintf(" error=%s:%q/%q", or(deref(dv.ErrorStyle), "stop"), deref(dv.ErrorTitle), deref(dv.Error))
		} else {
			line += " error=off"
		}
		w.WriteString(line + "\n")
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func linksSection(w *strings.Builder, g *excelize.File, sheet string, links []map[string]string) {
	w.WriteString("  hyperlinks:\n")
	for _, l := range links {
		target := l["location"]
		if l["id"] != "" {
			if _, t, err := g.GetCellHyperLink(sheet, topLeft(l["ref"])); err == nil && t != "" {
				target = t
			}
		}
		fmt.Fprintf(w, "    %s -> %q", l["ref"], target)
		if d := l["display"]; d != "" {
			fmt.Fprintf(w, " display=%q", d)
		}
		w.WriteString("\n")
	}
}

func topLeft(ref string) string {
	first, _, _ := strings.Cut(ref, ":")
	return first
}

func commentsSection(w *strings.Builder, g *excelize.File, sheet string) {
	w.WriteString("  notes:\n")
	comments, err := g.GetComments(sheet)
	if err != nil {
		fmt.Fprintf(w, "! %v\n", err)
		return
	}
	sort.SliceStable(comments, func(i, j int) bool { return cellLess(comments[i].Cell, comments[j].Cell) })
	for _, c := range comments {
		text := c.Text
		if text == "" {
			for _, r := range c.Paragraph {
				text += r.Text
			}
		}
		fmt.Fprintf(w, "    %s author=%q %q\n", c.Cell, c.Author, text)
	}
}

func condSection(w *strings.Builder, g *excelize.File, sheet string) {
	w.WriteString("  conditional formats:\n")
	cf, err := g.GetConditionalFormats(sheet)
	if err != nil {
		fmt.Fprintf(w, "! %v\n", err)
		return
	}
	refs := make([]string, 0, len(cf))
	for ref := range cf {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	for _, ref := range refs {
		for _, o := range cf[ref] {
			line := fmt.Sprintf("    %s type=%s", ref, o.Type)
			if o.Criteria != "" {
				line += " criteria=" + o.Criteria
			}
			if o.Value != "" {
				line += fmt.Sprintf(" value=%q", o.Value)
			}
			if o.Format != nil {
				if st, err := g.GetConditionalStyle(*o.Format); err == nil && st != nil {
					if len(st.Fill.Color) > 0 {
						line += " fill=" + strings.ToUpper(st.Fill.Color[0])
					}
					if st.Font != nil && st.Font.Color != "" {
						line += " color=" + strings.ToUpper(st.Font.Color)
					}
				}
			}
			if o.StopIfTrue {
				line += " stop"
			}
			w.WriteString(line + "\n")
		}
	}
}

// cellLess orders cell references by row, then column.
func cellLess(a, b string) bool {
	ca, ra, err1 := excelize.CellNameToCoordinates(a)
	cb, rb, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return a < b
	}
	if ra != rb {
		return ra < rb
	}
	return ca < cb
}
