package ooxml

import "strings"

// Namespaces: a part's elements may carry a prefix bound to the namespace
// of its root ("x:row"); what an editor adds to the part takes that prefix.

// RootPrefix reports whether the root tag t of a part is the element name
// in the namespace ns (one of them), and the prefix it binds to it (""
// when it is the default namespace): the elements an editor adds take that
// prefix.
func RootPrefix(data []byte, t Tag, name string, ns ...string) (string, bool) {
	if Local(t.Name) != name || t.Kind == TagEnd {
		return "", false
	}
	prefix, _, _ := strings.Cut(t.Name, ":")
	if prefix == t.Name {
		v, ok := AttrValue(data[t.Start:t.End], "xmlns")
		return "", ok && anyOf(v, ns)
	}
	for _, a := range TagAttrs(data[t.Start:t.End]) {
		if a.Name == "xmlns:"+prefix {
			return prefix, anyOf(a.Raw, ns)
		}
	}
	return "", false
}

// PrefixNames gives every element name without a prefix in the markup
// text the prefix p (none when p is ""): the text an editor adds to a
// part whose elements carry a prefix.
func PrefixNames(text []byte, p string) []byte {
	if p == "" || len(text) == 0 {
		return text
	}
	var sp []Splice
	_ = ScanTags(text, func(t Tag) bool {
		if !strings.Contains(t.Name, ":") {
			at := t.Start + 1
			if t.Kind == TagEnd {
				at++
			}
			sp = append(sp, Splice{Start: at, End: at, Text: []byte(p + ":")})
		}
		return true
	})
	return ApplySplices(text, sp)
}

// PrefixAll is PrefixNames on the text of each splice.
func PrefixAll(sp []Splice, p string) {
	if p == "" {
		return
	}
	for i := range sp {
		sp[i].Text = PrefixNames(sp[i].Text, p)
	}
}

// NSPrefix returns the prefix the tag text root binds to the namespace ns
// (one of them), "" when it binds none.
func NSPrefix(root []byte, ns ...string) string {
	for _, a := range TagAttrs(root) {
		if strings.HasPrefix(a.Name, "xmlns:") && anyOf(a.Raw, ns) {
			return strings.TrimPrefix(a.Name, "xmlns:")
		}
	}
	return ""
}
