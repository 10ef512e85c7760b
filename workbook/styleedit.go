package workbook

import (
	"bytes"
	"strconv"

	"github.com/selfeval/selfeval/internal/ooxml"
)

// styleEdit adds formats to xl/styles.xml as text: new fonts, fills,
// borders, cell formats and conditional formats are appended to their lists
// (an entry written exactly so already there, as an earlier direct
// write-back leaves it, is reused), and nothing else of the part changes.
type styleEdit struct {
	data   []byte
	lists  map[string]*styleList
	root   ooxml.Tag // the <styleSheet> start tag
	close  int       // where </styleSheet> starts
	prefix string
}

// styleList is one list of styles.xml (fonts, fills, …).
type styleList struct {
	open, close ooxml.Tag // the list's start and end tags; close.kind 0 when <name/>
	item        string    // the entries' element name
	items       [][]byte  // the entries as written
	added       [][]byte
}

// styleOrder is the order of the lists of a styles part.
var styleOrder = []string{"numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"}

// editStyles reads the lists of a styles part. It fails (errMarkup) on a
// part without fonts, fills, borders or cellXfs.
func editStyles(data []byte) (*styleEdit, error) {
	se := &styleEdit{data: data, lists: map[string]*styleList{}, close: -1}
	depth := 0
	var cur *styleList
	itemStart := -1
	err := ooxml.ScanTags(data, func(t ooxml.Tag) bool {
		name := ooxml.Local(t.Name)
		switch t.Kind {
		case ooxml.TagStart, ooxml.TagEmpty:
			switch depth {
			case 0:
				se.root = t
			case 1:
				if isStyleList(name) {
					cur = &styleList{open: t, item: styleItem[name]}
					se.lists[name] = cur
				}
			case 2:
				if cur != nil && name == cur.item {
					itemStart = t.Start
					if t.Kind == ooxml.TagEmpty {
						cur.addItem(data[t.Start:t.End])
						itemStart = -1
					}
				}
			}
			if t.Kind == ooxml.TagStart {
				depth++
			}
		case ooxml.TagEnd:
			depth--
			switch depth {
			case 0:
				se.close = t.Start
			case 1:
				if cur != nil {
					cur.close = t
					cur = nil
				}
			case 2:
				if cur != nil && itemStart >= 0 {
					cur.addItem(data[itemStart:t.End])
					itemStart = -1
				}
			}
		}
		return true
	})
	var ok bool
	if se.prefix, ok = rootPrefix(data, se.root, "styleSheet", nsMain); err != nil || se.close < 0 || !ok {
		return nil, ooxml.ErrMarkup
	}
	for _, name := range []string{"fonts", "fills", "borders", "cellXfs"} {
		if se.lists[name] == nil {
			return nil, ooxml.ErrMarkup
		}
	}
	return se, nil
}

func isStyleList(name string) bool { return styleItem[name] != "" }

// styleItem is the element of each list edited: only those count for the
// indexes (another element in a list, as a hand edit may leave, is kept
// but takes no index).
var styleItem = map[string]string{"fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf", "dxfs": "dxf"}

func (l *styleList) addItem(b []byte) { l.items = append(l.items, b) }

// add returns the index of entry el in list name, appending it unless an
// identical entry is there already.
func (se *styleEdit) add(name, el string) int {
	l := se.lists[name]
	if l == nil { // only dxfs may be missing
		l = &styleList{}
		se.lists[name] = l
	}
	// Entries are compared as written into the part: with its prefix.
	pel := prefixNames([]byte(el), se.prefix)
	for i, it := range l.items {
		if bytes.Equal(it, pel) {
			return i
		}
	}
	for i, it := range l.added {
		if bytes.Equal(it, pel) {
			return len(l.items) + i
		}
	}
	i := len(l.items) + len(l.added)
	l.added = append(l.added, pel)
	return i
}

// xf returns the cell format with index id as written, nil when there is
// none.
func (se *styleEdit) xf(id int) []byte {
	l := se.lists["cellXfs"]
	switch {
	case id >= 0 && id < len(l.items):
		return l.items[id]
	case id >= len(l.items) && id < len(l.items)+len(l.added):
		return l.added[id-len(l.items)]
	}
	return nil
}

// changed reports whether anything was added.
func (se *styleEdit) changed() bool {
	for _, l := range se.lists {
		if len(l.added) > 0 {
			return true
		}
	}
	return false
}

// bytes returns the part with the added entries.
func (se *styleEdit) bytes() []byte {
	var sp []ooxml.Splice
	for _, name := range styleOrder {
		l := se.lists[name]
		if l == nil || len(l.added) == 0 {
			continue
		}
		var body bytes.Buffer
		for _, a := range l.added {
			body.Write(a)
		}
		count := strconv.Itoa(len(l.items) + len(l.added))
		switch {
		case l.open.End == 0: // a new list
			text := "<" + name + ` count="` + count + `">` + body.String() + "</" + name + ">"
			at := se.insertAt(name) // scans the part for each list after name: once
			sp = append(sp, ooxml.Splice{Start: at, End: at, Text: []byte(text)})
		case l.open.Kind == ooxml.TagEmpty:
			open := ooxml.WithAttrs(se.data[l.open.Start:l.open.End], [][2]string{{"count", count}})
			open = append(open[:len(open)-2], '>')
			text := string(open) + body.String() + "</" + l.open.Name + ">"
			sp = append(sp, ooxml.Splice{Start: l.open.Start, End: l.open.End, Text: []byte(text)})
		default:
			if _, ok := ooxml.AttrValue(se.data[l.open.Start:l.open.End], "count"); ok {
				sp = append(sp, ooxml.Splice{Start: l.open.Start, End: l.open.End, Text: ooxml.WithAttrs(se.data[l.open.Start:l.open.End], [][2]string{{"count", count}})})
			}
			sp = append(sp, ooxml.Splice{Start: l.close.Start, End: l.close.Start, Text: body.Bytes()})
		}
	}
	if len(sp) == 0 {
		return se.data
	}
	prefixAll(sp, se.prefix)
	return ooxml.ApplySplices(se.data, sp)
}

// insertAt is where a new list goes: before the first list that follows it
// in styleOrder, or at the end of the part.
func (se *styleEdit) insertAt(name string) int {
	after := false
	at := se.close
	for _, n := range styleOrder {
		if n == name {
			after = true
			continue
		}
		if !after {
			continue
		}
		if pos := se.topLevel(n); pos >= 0 && pos < at {
			at = pos
		}
	}
	return at
}

// topLevel returns where the first child of styleSheet named name starts,
// -1 when there is none.
func (se *styleEdit) topLevel(name string) int {
	at, depth := -1, 0
	_ = ooxml.ScanTags(se.data, func(t ooxml.Tag) bool {
		switch t.Kind {
		case ooxml.TagStart, ooxml.TagEmpty:
			if depth == 1 && ooxml.Local(t.Name) == name {
				at = t.Start
				return false
			}
			if t.Kind == ooxml.TagStart {
				depth++
			}
		case ooxml.TagEnd:
			depth--
		}
		return true
	})
	return at
}
