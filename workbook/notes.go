package workbook

import (
	"sort"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// A note we write starts with noteMarker; added to a person's note it
// follows noteSep. On the next write-back everything from the separator (or
// the marker) on is ours and is replaced; what precedes it is the person's
// and is kept.
const (
	noteAuthor = "selfeval"
	noteMarker = "【selfeval 校验】"
	noteSep    = "\n————————————\n"
)

// severityLabel is the Chinese name of each severity.
var severityLabel = map[form.Severity]string{
	form.Error:   "错误",
	form.Warning: "警告",
	form.Info:    "提示",
}

// findingCells groups findings by sheet and cell. A finding without a sheet
// belongs to the form sheet; a range points at its first cell; findings
// without a valid cell or on a sheet that does not exist are left out.
func findingCells(f *excelize.File, findings []form.Finding, formSheet string) map[string]map[string][]form.Finding {
	out := map[string]map[string][]form.Finding{}
	for _, x := range findings {
		sh := x.Sheet
		if sh == "" {
			sh = formSheet
		}
		if sh = findSheet(f, sh); sh == "" || sh == ResultSheet {
			continue
		}
		at, ok := cleanRef(x.Cell)
		if !ok {
			continue
		}
		if out[sh] == nil {
			out[sh] = map[string][]form.Finding{}
		}
		out[sh][at] = append(out[sh][at], x)
	}
	return out
}

// cleanRef turns "$E$20" or "E20:F21" into "E20".
func cleanRef(s string) (string, bool) {
	s, _, _ = strings.Cut(strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "$", "")), ":")
	c, r, err := excelize.CellNameToCoordinates(s)
	if err != nil {
		return "", false
	}
	return ref(r-1, c-1), true
}

// sortedCells returns the cell references of m in row-major order.
func sortedCells[V any](m map[string]V) []string {
	type key struct {
		ref      string
		row, col int
	}
	keys := make([]key, 0, len(m))
	for ref := range m {
		c, r, _ := excelize.CellNameToCoordinates(ref)
		keys = append(keys, key{ref, r, c})
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.row != b.row {
			return a.row < b.row
		}
		if a.col != b.col {
			return a.col < b.col
		}
		return a.ref < b.ref
	})
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.ref
	}
	return out
}

// writeNotes replaces the notes of the previous write-back with notes for
// the current findings, on every worksheet, keeping the person's own notes.
func writeNotes(f *excelize.File, cells map[string]map[string][]form.Finding) error {
	for _, sh := range f.GetSheetList() {
		if sh == ResultSheet {
			continue
		}
		comments, err := f.GetComments(sh)
		if err != nil {
			continue // not a worksheet
		}
		existing := map[string]excelize.Comment{}
		for _, c := range comments {
			if at, ok := cleanRef(c.Cell); ok {
				existing[at] = c
			}
		}
		todo := map[string]bool{}
		for at, c := range existing {
			if strings.Contains(commentText(c), noteMarker) {
				todo[at] = true
			}
		}
		for at := range cells[sh] {
			todo[at] = true
		}
		for _, at := range sortedCells(todo) {
			if err := rewriteNote(f, sh, at, existing, cells[sh][at]); err != nil {
				return err
			}
		}
	}
	return nil
}

// rewriteNote sets the note of one cell: the person's part of its current
// note, if any, followed by our text for the findings, if any.
func rewriteNote(f *excelize.File, sh, at string, existing map[string]excelize.Comment, fs []form.Finding) error {
	old, had := existing[at]
	var person []excelize.RichTextRun
	author := noteAuthor
	if had {
		person = personRuns(old)
		if len(person) > 0 {
			author = old.Author
		}
		if err := f.DeleteComment(sh, old.Cell); err != nil {
			return err
		}
	}
	if len(fs) == 0 {
		if len(person) == 0 {
			return nil
		}
		return f.AddComment(sh, excelize.Comment{Cell: at, Author: author, Paragraph: person})
	}
	body := noteBody(fs)
	runs := append([]excelize.RichTextRun{}, person...)
	if len(person) > 0 {
		runs = append(runs, excelize.RichTextRun{Text: noteSep})
	}
	runs = append(runs,
		excelize.RichTextRun{Text: noteMarker, Font: &excelize.Font{Bold: true, Size: 9}},
		excelize.RichTextRun{Text: "\n" + body, Font: &excelize.Font{Size: 9}},
	)
	lines := strings.Count(commentText(excelize.Comment{Paragraph: runs}), "\n") + 1
	return f.AddComment(sh, excelize.Comment{
		Cell: at, Author: author, Paragraph: runs,
		Width: 320, Height: uint(min(60+lines*14, 400)),
	})
}

// noteBody lists findings one per line with their hints.
func noteBody(fs []form.Finding) string {
	var b strings.Builder
	for i, x := range fs {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(severityLabel[x.Severity] + "：" + x.Message)
		if x.Hint != "" {
			b.WriteString("\n  建议：" + x.Hint)
		}
	}
	return b.String()
}

// commentRuns returns a note's text as runs: its plain text first, if any.
func commentRuns(c excelize.Comment) []excelize.RichTextRun {
	var runs []excelize.RichTextRun
	if c.Text != "" {
		runs = append(runs, excelize.RichTextRun{Text: c.Text})
	}
	return append(runs, c.Paragraph...)
}

func commentText(c excelize.Comment) string {
	var b strings.Builder
	for _, r := range commentRuns(c) {
		b.WriteString(r.Text)
	}
	return b.String()
}

// personRuns returns the runs of a note that precede our part: the whole
// note when it has no marker, nothing when it is ours alone.
func personRuns(c excelize.Comment) []excelize.RichTextRun {
	runs := commentRuns(c)
	full := commentText(c)
	cut := strings.Index(full, noteMarker)
	if cut < 0 {
		return runs
	}
	if strings.HasSuffix(full[:cut], noteSep) {
		cut -= len(noteSep)
	}
	var out []excelize.RichTextRun
	pos := 0
	for _, r := range runs {
		if pos >= cut {
			break
		}
		if pos+len(r.Text) > cut {
			r.Text = r.Text[:cut-pos]
		}
		pos += len(r.Text)
		if r.Text != "" {
			out = append(out, r)
		}
	}
	if strings.TrimSpace(full[:cut]) == "" {
		return nil
	}
	return out
}
