package ooxml

import "slices"

// Flavour is the pair of namespaces a SpreadsheetML package is written in:
// its parts' main namespace and the namespace of relationship ids and
// types (ISO 29500 transitional, or strict with its purl.oclc.org names).
// What an editor adds to a package takes the package's flavour.
type Flavour struct{ Main, Rel string }

// The namespaces of transitional and strict packages.
const (
	NSMain       = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	NSRel        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	NSMainStrict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
	NSRelStrict  = "http://purl.oclc.org/ooxml/officeDocument/relationships"
)

var (
	Transitional = Flavour{NSMain, NSRel}
	Strict       = Flavour{NSMainStrict, NSRelStrict}
)

// FlavourOf returns the flavour of a part by the namespaces its root
// binds: Strict when it binds the strict main namespace, else
// Transitional.
func FlavourOf(data []byte) Flavour {
	fl := Transitional
	_ = ScanTags(data, func(t Tag) bool {
		for _, a := range TagAttrs(data[t.Start:t.End]) {
			if (a.Name == "xmlns" || len(a.Name) > 6 && a.Name[:6] == "xmlns:") && a.Raw == NSMainStrict {
				fl = Strict
			}
		}
		return false
	})
	return fl
}

// RelType is the relationship type of the given name ("worksheet",
// "comments") in the flavour.
func (f Flavour) RelType(name string) string { return f.Rel + "/" + name }

func anyOf(v string, ns []string) bool { return slices.Contains(ns, v) }
