package form

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Identity says which form of a season a workbook is: the same project of
// the same unit, year and kind is the same form, whatever the file is
// called and however often it is sent. Batch (the issue batch of a
// template) is recorded but is not part of the identity: a form re-issued
// in a later batch is still the same form.
type Identity struct {
	Year, Kind, Project, Unit string
	Batch                     string
}

// Key is the identity compared: year, kind, normalised 项目名称 and
// normalised 实施单位.
func (id Identity) Key() string {
	return strings.Join([]string{strings.TrimSpace(id.Year), strings.TrimSpace(id.Kind),
		NormalizeName(id.Project), NormalizeName(id.Unit)}, "|")
}

// FormID is the form id a template's stamp carries: the key's parts and
// the issue batch.
func (id Identity) FormID() string {
	return id.Key() + "|" + strings.TrimSpace(id.Batch)
}

// ParseFormID reads a stamp's form id; ok is false when it is not one.
func ParseFormID(s string) (id Identity, ok bool) {
	parts := strings.Split(s, "|")
	if len(parts) != 5 {
		return Identity{}, false
	}
	return Identity{Year: parts[0], Kind: parts[1], Project: parts[2], Unit: parts[3], Batch: parts[4]}, true
}

// NormalizeName is a name as compared: full-width letters, digits and
// brackets as half-width, no spaces or invisible characters, letters in
// lower case. "（修改后）" and the like stay: they belong to file names, and
// a project whose name says it is a new version is a new project.
func NormalizeName(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r), r == '|':
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
