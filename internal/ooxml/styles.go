package ooxml

import (
	"bytes"
	"strconv"
)

// Styles adds formats to a styles part as text: new fonts, fills,
// borders, cell formats and differential formats are appended to their
// lists (an entry written exactly so already there, as an earlier edit
// leaves it, is reused), and nothing else of the part changes.
type Styles struct {
	data   []byte
	lists  map[string]*styleList
	root   Tag // the <styleSheet> start tag
	close  int // where </styleSheet> starts
	prefix string
	tops   map[string]int // where the first child of styleSheet of each name starts
}

// styleList is one list of styles.xml (fonts, fills, …).
type styleList struct {
	open, close Tag      // the list's start and end tags; close.kind 0 when <name/>
	item        string   // the entries' element name
	items       [][]byte // the entries as written
	added       [][]byte
}

// styleOrder is the order of the lists of a styles part.
var styleOrder = []string{"numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"}

// EditStyles reads the lists of a styles part. It fails (ErrMarkup) on
// markup the tag scanner does not take, on a root that is not styleSheet
// in the namespace ns (one of them), and on a part without fonts, fills, borders or
// cellXfs.
func EditStyles(data []byte, ns ...string) (*Styles, error) {
	se := &Styles{data: data, lists: map[string]*styleList{}, close: -1, tops: map[string]int{}}
	depth := 0
	var cur *styleList
	itemStart := -1
	// The children of an entry and of the parts' other children are
	// stepped over to their end tags (ElemEnd): only entries are read.
	base, skip := 0, -1
	scan := func(t Tag) bool {
		t.Start += base
		t.End += base
		name := Local(t.Name)
		switch t.Kind {
		case TagStart, TagEmpty:
			switch depth {
			case 0:
				se.root = t
			case 1:
				if _, ok := se.tops[name]; !ok {
					se.tops[name] = t.Start
				}
				if isStyleList(name) {
					cur = &styleList{open: t, item: styleItem[name]}
					se.lists[name] = cur
				} else if t.Kind == TagStart {
					skip = ElemEnd(data, t)
				}
			case 2:
				if cur != nil && name == cur.item {
					itemStart = t.Start
					if t.Kind == TagEmpty {
						cur.addItem(data[t.Start:t.End])
						itemStart = -1
					} else {
						skip = ElemEnd(data, t)
					}
				}
			}
			if t.Kind == TagStart {
				depth++
			}
		case TagEnd:
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
		return skip < 0
	}
	var err error
	for {
		if err = ScanTags(data[base:], scan); err != nil || skip < 0 {
			break
		}
		base, skip = skip, -1
	}
	var ok bool
	if se.prefix, ok = RootPrefix(data, se.root, "styleSheet", ns...); err != nil || se.close < 0 || !ok {
		return nil, ErrMarkup
	}
	for _, name := range []string{"fonts", "fills", "borders", "cellXfs"} {
		if se.lists[name] == nil {
			return nil, ErrMarkup
		}
	}
	return se, nil
}

func isStyleList(name string) bool { return styleItem[name] != "" }

// ElemEnd returns where the end tag of the element opened by t starts, or
// -1 (the element is then scanned tag by tag) when it holds markup other
// than elements and text (a comment, a CDATA section, a processing
// instruction) or an element of its own name.
func ElemEnd(data []byte, t Tag) int {
	for i := t.End; ; {
		k := bytes.IndexByte(data[i:], '<')
		if k < 0 {
			return -1
		}
		k += i
		switch {
		case k+1 >= len(data) || data[k+1] == '!' || data[k+1] == '?':
			return -1
		case data[k+1] == '/' && namedAt(data, k+2, t.Name):
			return k
		case namedAt(data, k+1, t.Name):
			return -1
		}
		i = k + 1
	}
}

// namedAt reports whether data holds the tag name name at i, followed by
// the end of the name.
func namedAt(data []byte, i int, name string) bool {
	n := i + len(name)
	return n < len(data) && string(data[i:n]) == name && bytes.IndexByte([]byte("> \t\r\n/"), data[n]) >= 0
}

// styleItem is the element of each list edited: only those count for the
// indexes (another element in a list, as a hand edit may leave, is kept
// but takes no index).
var styleItem = map[string]string{"fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf", "dxfs": "dxf"}

func (l *styleList) addItem(b []byte) { l.items = append(l.items, b) }

// Add returns the index of entry el (written without a prefix) in the
// list name ("fonts", "fills", "borders", "cellXfs", "dxfs"), appending it
// unless an identical entry is there already.
func (se *Styles) Add(name, el string) int {
	l := se.lists[name]
	if l == nil { // only dxfs may be missing
		l = &styleList{}
		se.lists[name] = l
	}
	// Entries are compared as written into the part: with its prefix.
	var pel []byte
	if se.prefix != "" {
		pel = PrefixNames([]byte(el), se.prefix)
		el = string(pel)
	}
	for i, it := range l.items {
		if string(it) == el {
			return i
		}
	}
	for i, it := range l.added {
		if string(it) == el {
			return len(l.items) + i
		}
	}
	if pel == nil {
		pel = []byte(el)
	}
	i := len(l.items) + len(l.added)
	l.added = append(l.added, pel)
	return i
}

// Item returns the entry with index id of the list name as written (or
// added), nil when there is none.
func (se *Styles) Item(name string, id int) []byte {
	l := se.lists[name]
	switch {
	case l == nil:
		return nil
	case id >= 0 && id < len(l.items):
		return l.items[id]
	case id >= len(l.items) && id < len(l.items)+len(l.added):
		return l.added[id-len(l.items)]
	}
	return nil
}

// Changed reports whether anything was added.
func (se *Styles) Changed() bool {
	for _, l := range se.lists {
		if len(l.added) > 0 {
			return true
		}
	}
	return false
}

// Bytes returns the part with the added entries.
func (se *Styles) Bytes() []byte {
	return se.AppendTo(nil)
}

// AppendTo appends the part with the added entries to dst.
func (se *Styles) AppendTo(dst []byte) []byte {
	var sp []Splice
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
			at := se.insertAt(name)
			sp = append(sp, Splice{Start: at, End: at, Text: []byte(text)})
		case l.open.Kind == TagEmpty:
			open := WithAttrs(se.data[l.open.Start:l.open.End], [][2]string{{"count", count}})
			open = append(open[:len(open)-2], '>')
			text := string(open) + body.String() + "</" + l.open.Name + ">"
			sp = append(sp, Splice{Start: l.open.Start, End: l.open.End, Text: []byte(text)})
		default:
			if _, ok := AttrValue(se.data[l.open.Start:l.open.End], "count"); ok {
				sp = append(sp, Splice{Start: l.open.Start, End: l.open.End, Text: WithAttrs(se.data[l.open.Start:l.open.End], [][2]string{{"count", count}})})
			}
			sp = append(sp, Splice{Start: l.close.Start, End: l.close.Start, Text: body.Bytes()})
		}
	}
	if len(sp) == 0 {
		if dst == nil {
			return se.data
		}
		return append(dst, se.data...)
	}
	PrefixAll(sp, se.prefix)
	if dst == nil {
		return ApplySplices(se.data, sp)
	}
	return AppendSplices(dst, se.data, sp)
}

// insertAt is where a new list goes: before the first list that follows it
// in styleOrder, or at the end of the part.
func (se *Styles) insertAt(name string) int {
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
func (se *Styles) topLevel(name string) int {
	if at, ok := se.tops[name]; ok {
		return at
	}
	return -1
}
