package ooxml

import (
	"bytes"
	"io"
	"strconv"
	"strings"
)

// Comments is a comments part (a worksheet's legacy notes) read to be
// written again: its authors and its notes, each as written, and where
// they are, so that Bytes replaces the list of notes (and adds an author)
// and leaves every other byte as it was.
type Comments struct {
	Authors    []string
	List       []Comment
	data       []byte
	prefix     string
	authorsEnd int // where </authors> starts, -1 for none
	authorsTag Tag
	listStart  int // the content of commentList
	listEnd    int
	listTag    Tag
}

// Comment is one <comment> element.
type Comment struct {
	Ref      string // its ref attribute as written (decoded)
	Raw      []byte // the element as written
	Author   int    // its authorId, -1 when it has none
	Threaded bool   // the legacy face of a threaded comment: its author is "tc=…"
	Runs     []Run  // the children of its <text>, in order
}

// Run is one child of a note's <text>: a run (<r>), a plain text (<t>) or
// a phonetic hint, with the text it holds.
type Run struct {
	Name       string // local name: "r", "t", "rPh", …
	Start, End int    // Raw[Start:End] is the element
	Text       string // the text of its <t>
}

// EditComments reads a comments part whose root is comments in the
// namespace ns (one of them). It fails (ErrMarkup) on markup the tag scanner does not
// take, on another root and on a part without a commentList.
func EditComments(data []byte, ns ...string) (*Comments, error) {
	cm := &Comments{data: data, authorsEnd: -1, listStart: -1, listEnd: -1}
	first := true
	var okRoot bool
	inAuthor, aStart := false, 0
	cStart := -1
	err := ScanTags(data, func(t Tag) bool {
		if first {
			first = false
			cm.prefix, okRoot = RootPrefix(data, t, "comments", ns...)
			return okRoot
		}
		switch Local(t.Name) {
		case "authors":
			switch t.Kind {
			case TagStart:
				cm.authorsTag = t
			case TagEnd:
				cm.authorsEnd = t.Start
			case TagEmpty:
				cm.authorsTag = t
			}
		case "author":
			switch t.Kind {
			case TagStart:
				inAuthor, aStart = true, t.End
			case TagEnd:
				if inAuthor {
					cm.Authors = append(cm.Authors, TextOf(data[aStart:t.Start]))
				}
				inAuthor = false
			case TagEmpty:
				cm.Authors = append(cm.Authors, "")
			}
		case "commentList":
			switch t.Kind {
			case TagStart:
				cm.listTag, cm.listStart = t, t.End
			case TagEnd:
				cm.listEnd = t.Start
			case TagEmpty:
				cm.listTag, cm.listStart, cm.listEnd = t, t.Start, t.End
			}
		case "comment":
			switch t.Kind {
			case TagStart:
				cStart = t.Start
			case TagEnd, TagEmpty:
				if t.Kind == TagEmpty {
					cStart = t.Start
				}
				if cStart >= 0 {
					cm.List = append(cm.List, commentOf(data[cStart:t.End]))
				}
				cStart = -1
			}
		}
		return true
	})
	if err != nil || !okRoot || cm.listStart < 0 || cm.listEnd < 0 {
		return nil, ErrMarkup
	}
	for i := range cm.List {
		c := &cm.List[i]
		if c.Author >= 0 && c.Author < len(cm.Authors) && strings.HasPrefix(cm.Authors[c.Author], "tc=") {
			c.Threaded = true
		}
	}
	return cm, nil
}

// commentOf reads one <comment> element: its cell, its author and the
// children of its text with their text.
func commentOf(raw []byte) Comment {
	end := bytes.IndexByte(raw, '>')
	open := raw[:end+1]
	c := Comment{Raw: raw, Author: -1}
	c.Ref, _ = AttrValue(open, "ref")
	id, _ := AttrValue(open, "authorId")
	if n, err := strconv.Atoi(id); err == nil {
		c.Author = n
	}
	depth, textDepth := 0, -1
	var cur *Run
	inT, tStart := false, 0
	_ = ScanTags(raw, func(t Tag) bool {
		name := Local(t.Name)
		if t.Kind == TagEnd {
			depth--
			// The text first: a <t> straight under <text> (openpyxl writes
			// notes so) ends its child too.
			if name == "t" && inT && cur != nil {
				cur.Text += TextOf(raw[tStart:t.Start])
				inT = false
			}
			if depth == textDepth+1 && cur != nil {
				cur.End = t.End
				c.Runs = append(c.Runs, *cur)
				cur = nil
			}
			if depth == textDepth {
				textDepth = -1
			}
			return true
		}
		if name == "text" && textDepth < 0 && depth == 1 {
			textDepth = depth
		} else if textDepth >= 0 && depth == textDepth+1 {
			cur = &Run{Start: t.Start, End: t.End, Name: name}
			if t.Kind == TagEmpty {
				c.Runs = append(c.Runs, *cur)
				cur = nil
			}
			if name == "t" && t.Kind == TagStart {
				inT, tStart = true, t.End
			}
		} else if cur != nil && name == "t" && t.Kind == TagStart && cur.Name == "r" {
			inT, tStart = true, t.End
		}
		if t.Kind == TagStart {
			depth++
		}
		return true
	})
	return c
}

// Bytes returns the part with its notes replaced by items (<comment>
// elements written without a prefix, or as read), and with author added to
// the authors when add is set.
func (cm *Comments) Bytes(items [][]byte, author string, add bool) []byte {
	sp := cm.authorEdit(author, add)
	own := func(text string) []byte { return PrefixNames([]byte(text), cm.prefix) }
	// Items written without a prefix take the part's; the rest stay as
	// they are.
	var body bytes.Buffer
	for _, it := range items {
		body.Write(PrefixNames(it, cm.prefix))
	}
	if cm.listTag.Kind == TagEmpty {
		t := cm.listTag
		sp = append(sp, Splice{Start: t.Start, End: t.End, Text: append(append(own(`<commentList>`), body.Bytes()...), own(`</commentList>`)...)})
	} else {
		sp = append(sp, Splice{Start: cm.listStart, End: cm.listEnd, Text: body.Bytes()})
	}
	return ApplySplices(cm.data, sp)
}

// WriteTo writes Bytes(items, author, add) to w, the items one by one: the
// part is never held whole.
func (cm *Comments) WriteTo(w io.Writer, items [][]byte, author string, add bool) error {
	sp := cm.authorEdit(author, add)
	own := func(text string) []byte { return PrefixNames([]byte(text), cm.prefix) }
	start, end := cm.listStart, cm.listEnd
	var open, close []byte
	if cm.listTag.Kind == TagEmpty {
		start, end = cm.listTag.Start, cm.listTag.End
		open, close = own(`<commentList>`), own(`</commentList>`)
	}
	for _, x := range sp {
		if x.End > start { // the authors after the notes
			_, err := w.Write(cm.Bytes(items, author, add))
			return err
		}
	}
	if err := WriteSplices(w, cm.data[:start], sp); err != nil {
		return err
	}
	if _, err := w.Write(open); err != nil {
		return err
	}
	for _, it := range items {
		if _, err := w.Write(PrefixNames(it, cm.prefix)); err != nil {
			return err
		}
	}
	if _, err := w.Write(close); err != nil {
		return err
	}
	_, err := w.Write(cm.data[end:])
	return err
}

// authorEdit is the splice adding author to the authors when add is set.
func (cm *Comments) authorEdit(author string, add bool) []Splice {
	if !add {
		return nil
	}
	own := func(text string) []byte { return PrefixNames([]byte(text), cm.prefix) }
	a := own(`<author>` + EscapeText(author) + `</author>`)
	switch {
	case cm.authorsEnd >= 0:
		return []Splice{{Start: cm.authorsEnd, End: cm.authorsEnd, Text: a}}
	case cm.authorsTag.Kind == TagEmpty:
		t := cm.authorsTag
		return []Splice{{Start: t.Start, End: t.End, Text: append(append(own(`<authors>`), a...), own(`</authors>`)...)}}
	default:
		at := cm.listTag.Start
		return []Splice{{Start: at, End: at, Text: append(append(own(`<authors>`), a...), own(`</authors>`)...)}}
	}
}

// NewComments is a new comments part in the namespace ns with one author
// holding the notes items (<comment> elements).
func NewComments(ns, author string, items [][]byte) []byte {
	size := 512
	for _, it := range items {
		size += len(it)
	}
	return AppendNewComments(make([]byte, 0, size), ns, author, items)
}

// AppendNewComments appends NewComments(ns, author, items) to dst.
func AppendNewComments(dst []byte, ns, author string, items [][]byte) []byte {
	dst = append(dst, XMLHead+`<comments xmlns="`...)
	dst = append(dst, ns...)
	dst = append(dst, `"><authors><author>`...)
	dst = AppendEscaped(dst, author)
	dst = append(dst, `</author></authors><commentList>`...)
	for _, it := range items {
		dst = append(dst, it...)
	}
	return append(dst, `</commentList></comments>`...)
}

// WriteNewComments writes NewComments(ns, author, items) to w, the items
// as they are: the part is never held whole.
func WriteNewComments(w io.Writer, ns, author string, items [][]byte) error {
	head := AppendEscaped([]byte(XMLHead+`<comments xmlns="`+ns+`"><authors><author>`), author)
	head = append(head, `</author></authors><commentList>`...)
	if _, err := w.Write(head); err != nil {
		return err
	}
	for _, it := range items {
		if _, err := w.Write(it); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, `</commentList></comments>`)
	return err
}
