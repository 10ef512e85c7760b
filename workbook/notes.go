package workbook

import (
	"sort"
	"strings"

	"github.com/selfeval/selfeval/internal/ooxml"
	"github.com/selfeval/selfeval/workbook/form"
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

// cleanRef turns "$E$20" or "E20:F21" into "E20".
func cleanRef(s string) (string, bool) {
	s, _, _ = strings.Cut(strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "$", "")), ":")
	c, r, err := cellCoords(s)
	if err != nil {
		return "", false
	}
	if i := strings.IndexAny(s, "0123456789"); i > 0 && s[i] != '0' {
		return s, true // written as Ref writes it: no new string
	}
	return ooxml.Ref(r-1, c-1), true
}

// sortedCells returns the cell references of m in row-major order.
func sortedCells[V any](m map[string]V) []string {
	type key struct {
		ref      string
		row, col int
	}
	keys := make([]key, 0, len(m))
	for ref := range m {
		c, r, _ := cellCoords(ref)
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

// noteText is our note's text: noteMarker, a line break, and the findings
// one per line with their hints.
// oneLine is s with its line breaks made spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)), " ")
}

func noteText(fs []form.Finding) string {
	n := len(noteMarker) + 1
	for _, x := range fs {
		n += 1 + len(severityLabel[x.Severity]) + len("：") + len(x.Message) + len("\n  建议：") + len(x.Hint)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(noteMarker + "\n")
	for i, x := range fs {
		if i > 0 {
			b.WriteString("\n")
		}
		// One line a finding and one its hint, so that replyAt knows
		// every line of ours.
		b.WriteString(severityLabel[x.Severity])
		b.WriteString("：")
		b.WriteString(oneLine(x.Message))
		if x.Hint != "" {
			b.WriteString("\n  建议：")
			b.WriteString(oneLine(x.Hint))
		}
	}
	return b.String()
}
