package workbook

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"

	"github.com/selfeval/selfeval/workbook/form"
)

// notes writes our notes for the findings of a sheet (cells) into its
// comments part, keeping a person's notes: a note of a person alone stays
// byte for byte with its box; on a cell with findings our text follows the
// person's after noteSep; our notes of an earlier run are replaced, and
// removed where nothing is left to say. A threaded comment (Excel's
// conversations, shown through a legacy note whose author is "tc=…") is
// never merged into: the cell keeps it and gets no note of ours. Shapes of
// the drawing that are not note boxes (controls) stay.
func (d *directPkg) notes(sm *sheetMap, sheetPart string, cells map[string][]form.Finding) error {
	relsName := ooxml.RelsOf(sheetPart)
	relsData, err := d.read(relsName)
	if err != nil {
		return err
	}
	re, err := editRels(sheetPart, relsData)
	if err != nil {
		return partError(relsName, errCannotEdit)
	}
	// The note boxes are the VML drawing <legacyDrawing> names; another
	// one (<legacyDrawingHF>: header and footer pictures) is not ours.
	ld := sm.topNamed("legacyDrawing")
	var cmtPart, vmlPart, cmtID, vmlID string
	if ld != nil {
		vmlID = attrOr(sm.data[ld.open.Start:ld.open.End], "id")
	}
	for _, r := range re.rels {
		switch {
		case strings.HasSuffix(r.typ, ooxml.RelComments) && cmtPart == "":
			cmtPart, cmtID = r.target, r.id
		case strings.HasSuffix(r.typ, ooxml.RelVML) && r.id == vmlID && ld != nil:
			vmlPart = r.target
		}
	}
	if ld != nil && vmlPart == "" {
		return partError(sheetPart, i18n.New("批注框所在的绘图（legacyDrawing）没有对应的关系", "the drawing of its note boxes (legacyDrawing) has no relationship"))
	}
	var cm *commentsMap
	if cmtPart != "" {
		data, err := d.read(cmtPart)
		if err != nil {
			return err
		}
		if data != nil {
			if cm, err = mapComments(data); err != nil {
				return partError(cmtPart, errCannotEdit)
			}
		}
	}
	if cm == nil && len(cells) == 0 {
		return nil
	}
	list, drawn, err := d.noteList(cm, cells)
	if err != nil {
		return err
	}
	// The drawing: the boxes of the notes rebuilt or dropped go, those of
	// the notes written come.
	var vml *vmlMap
	if vmlPart != "" {
		data, err := d.read(vmlPart)
		if err != nil {
			return err
		}
		if data != nil {
			if vml, err = mapVML(data); err != nil {
				return partError(vmlPart, errCannotEdit)
			}
		}
	}
	if len(list.items) == 0 {
		// No note left: the comments part goes, and the drawing too when it
		// holds nothing else.
		if cmtPart != "" {
			d.remove(cmtPart)
			re.remove(cmtID)
		}
		if vml != nil && vml.others(drawn) == 0 {
			d.remove(vmlPart)
			re.remove(vmlID)
			sm.sp = append(sm.sp, ooxml.Splice{Start: ld.start, End: ld.end, Text: nil})
		} else if vml != nil {
			d.put(vmlPart, vml.bytes(drawn, nil, nil))
		}
		d.put(relsName, re.bytes())
		return nil
	}
	changedRels := false
	if cmtPart == "" {
		cmtPart = d.freeName("xl/comments%d.xml")
		re.add(relCmt, cmtPart)
		d.types.addOverride(cmtPart, ctCmt)
		changedRels = true
	}
	if vmlPart == "" {
		vmlPart = d.freeName("xl/drawings/vmlDrawing%d.vml")
		vmlID = re.add(relVMLType, vmlPart)
		prefix := rPrefix(sm.data[sm.root.Start:sm.root.End])
		el := `<legacyDrawing ` + prefix + `:id="` + vmlID + `"/>`
		if prefix == "" {
			el = `<legacyDrawing xmlns:r="` + nsRel + `" r:id="` + vmlID + `"/>`
		}
		sm.insertTop("legacyDrawing", []byte(el))
		d.types.addDefault("vml", ctVML)
		changedRels = true
	}
	if changedRels {
		d.put(relsName, re.bytes())
	}
	if cm != nil {
		d.put(cmtPart, cm.bytes(list))
	} else {
		d.put(cmtPart, newComments(list))
	}
	var kept []int
	if vml != nil {
		kept = vml.keptBlocks(drawn)
	}
	blocks, err := d.vmlBlocks(vmlPart, kept, len(list.boxes))
	if err != nil {
		return err
	}
	if vml != nil {
		d.put(vmlPart, vml.bytes(drawn, list.boxes, blocks))
	} else {
		d.put(vmlPart, newVML(list.boxes, blocks))
	}
	return nil
}

// vmlBlocks returns free shape-id blocks for n note boxes: blocks of 1024
// ids that no other VML drawing of the package maps (o:idmap) or uses, nor
// the shapes kept in the drawing own.
func (d *directPkg) vmlBlocks(own string, kept []int, n int) ([]int, error) {
	used := map[int]bool{}
	for _, b := range kept {
		used[b] = true
	}
	// Every drawing of the package, those made in this write included.
	names := make([]string, 0, len(d.p.Files)+len(d.added))
	for _, zf := range d.p.Files {
		names = append(names, zf.Name)
	}
	names = append(names, d.added...)
	for _, entry := range names {
		name := strings.TrimPrefix(strings.ReplaceAll(entry, "\\", "/"), "/")
		if !strings.HasSuffix(strings.ToLower(name), ".vml") || d.entry(name) == d.entry(own) || d.del[entry] {
			continue
		}
		data, err := d.read(name)
		if err != nil {
			return nil, err
		}
		for _, b := range vmlUsedBlocks(data) {
			used[b] = true
		}
	}
	var out []int
	for b := 1; len(out) < n/1023+1; b++ {
		if !used[b] {
			out = append(out, b)
		}
	}
	return out, nil
}

// vmlUsedBlocks lists the shape-id blocks a VML drawing maps or uses.
func vmlUsedBlocks(data []byte) []int {
	var out []int
	_ = ooxml.ScanTags(data, func(t ooxml.Tag) bool {
		if t.Kind == ooxml.TagEnd {
			return true
		}
		tag := data[t.Start:t.End]
		switch ooxml.Local(t.Name) {
		case "idmap":
			for _, f := range strings.Split(attrOr(tag, "data"), ",") {
				if b, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && b > 0 {
					out = append(out, b)
				}
			}
		case "shape", "rect", "oval", "line", "polyline", "roundrect", "arc", "group", "image", "curve":
			for _, a := range []string{"id", "spid"} {
				if v, ok := strings.CutPrefix(attrOr(tag, a), "_x0000_s"); ok {
					if id, err := strconv.Atoi(v); err == nil {
						out = append(out, id/1024)
					}
				}
			}
		}
		return true
	})
	return out
}

// errCannotEdit: a part whose markup the write-back cannot edit.
var errCannotEdit = i18n.New("标记无法解析，不能编辑", "its markup cannot be parsed for editing")

// noteItem is one note of the comments part written: a person's kept as
// written (raw), or one made.
type noteItem struct {
	raw []byte
	ref string
}

// noteBox is the box of a note made.
type noteBox struct {
	ref  string
	text string // the note's whole text, for its height
}

type noteListing struct {
	items     []noteItem
	boxes     []noteBox
	addAuthor bool // our author is to be added to the authors
	ourAuthor int
}

// noteList lists the notes the comments part is to hold, and the cells
// whose boxes are redrawn or dropped (drawn).
func (d *directPkg) noteList(cm *commentsMap, cells map[string][]form.Finding) (*noteListing, map[string]bool, error) {
	l := &noteListing{}
	drawn := map[string]bool{}
	if cm != nil {
		l.ourAuthor = -1
		for i, a := range cm.authors {
			if a == noteAuthor {
				l.ourAuthor = i
				break
			}
		}
		if l.ourAuthor < 0 {
			l.ourAuthor, l.addAuthor = len(cm.authors), true
		}
	}
	done := map[string]bool{}
	for _, c := range cm.list() {
		fs := cells[c.ref]
		done[c.ref] = true
		switch {
		case c.threaded || (!c.ours && len(fs) == 0):
			l.items = append(l.items, noteItem{raw: c.raw, ref: c.ref})
			continue
		case len(fs) == 0 && len(c.person) == 0:
			drawn[c.ref] = true
			continue
		}
		drawn[c.ref] = true
		var b bytes.Buffer
		fmt.Fprintf(&b, `<comment ref="%s" authorId="%d"><text>`, c.ref, c.authorID(l.ourAuthor))
		b.Write(c.person)
		text := c.personText
		if len(fs) > 0 {
			if len(c.person) > 0 {
				fmt.Fprintf(&b, `<r><rPr><sz val="9"/></rPr>%s</r>`, tElem(noteSep))
				text += noteSep
			}
			fmt.Fprintf(&b, `<r><rPr><b/><sz val="9"/></rPr>%s</r><r><rPr><sz val="9"/></rPr>%s</r>`, tElem(noteMarker), tElem("\n"+noteBody(fs)))
			text += noteMarker + "\n" + noteBody(fs)
		}
		b.WriteString(`</text></comment>`)
		l.items = append(l.items, noteItem{raw: b.Bytes(), ref: c.ref})
		l.boxes = append(l.boxes, noteBox{ref: c.ref, text: text})
	}
	for _, at := range sortedCells(cells) {
		if done[at] {
			continue
		}
		if cm == nil {
			l.ourAuthor = 0
		} else if !l.addAuthor && l.ourAuthor < 0 {
			l.ourAuthor, l.addAuthor = len(cm.authors), true
		}
		drawn[at] = true
		nb := noteBody(cells[at])
		body := noteMarker + "\n" + nb
		raw := fmt.Sprintf(`<comment ref="%s" authorId="%d"><text><r><rPr><b/><sz val="9"/></rPr>%s</r><r><rPr><sz val="9"/></rPr>%s</r></text></comment>`,
			at, l.ourAuthor, tElem(noteMarker), tElem("\n"+nb))
		l.items = append(l.items, noteItem{raw: []byte(raw), ref: at})
		l.boxes = append(l.boxes, noteBox{ref: at, text: body})
	}
	if cm != nil && !l.addAuthor {
		return l, drawn, nil
	}
	if cm != nil {
		// Only add our author when a note of ours is written.
		uses := false
		for _, it := range l.items {
			if bytes.Contains(it.raw, []byte(`authorId="`+strconv.Itoa(l.ourAuthor)+`"`)) {
				uses = true
			}
		}
		l.addAuthor = uses
	}
	return l, drawn, nil
}

// commentsMap is where the parts of a comments part are.
type commentsMap struct {
	data               []byte
	prefix             string
	authors            []string
	authorsEnd         int // where </authors> starts, -1 for none
	authorsTag         ooxml.Tag
	listStart, listEnd int // the content of commentList
	listTag            ooxml.Tag
	comments           []commentEl
}

type commentEl struct {
	ref        string
	raw        []byte
	author     int
	ours       bool   // holds our marker
	threaded   bool   // the legacy face of a threaded comment
	person     []byte // the person's runs, before our part
	personText string
}

func (c commentEl) authorID(ours int) int {
	if len(c.person) > 0 {
		return c.author
	}
	return ours
}

func (cm *commentsMap) list() []commentEl {
	if cm == nil {
		return nil
	}
	return cm.comments
}

func mapComments(data []byte) (*commentsMap, error) {
	cm := &commentsMap{data: data, authorsEnd: -1, listStart: -1, listEnd: -1}
	first := true
	var okRoot bool
	inAuthor, aStart := false, 0
	cStart := -1
	err := ooxml.ScanTags(data, func(t ooxml.Tag) bool {
		if first {
			first = false
			cm.prefix, okRoot = rootPrefix(data, t, "comments", nsMain)
			return okRoot
		}
		switch ooxml.Local(t.Name) {
		case "authors":
			switch t.Kind {
			case ooxml.TagStart:
				cm.authorsTag = t
			case ooxml.TagEnd:
				cm.authorsEnd = t.Start
			case ooxml.TagEmpty:
				cm.authorsTag = t
			}
		case "author":
			switch t.Kind {
			case ooxml.TagStart:
				inAuthor, aStart = true, t.End
			case ooxml.TagEnd:
				if inAuthor {
					cm.authors = append(cm.authors, ooxml.TextOf(data[aStart:t.Start]))
				}
				inAuthor = false
			case ooxml.TagEmpty:
				cm.authors = append(cm.authors, "")
			}
		case "commentList":
			switch t.Kind {
			case ooxml.TagStart:
				cm.listTag, cm.listStart = t, t.End
			case ooxml.TagEnd:
				cm.listEnd = t.Start
			case ooxml.TagEmpty:
				cm.listTag, cm.listStart, cm.listEnd = t, t.Start, t.End
			}
		case "comment":
			switch t.Kind {
			case ooxml.TagStart:
				cStart = t.Start
			case ooxml.TagEnd, ooxml.TagEmpty:
				if t.Kind == ooxml.TagEmpty {
					cStart = t.Start
				}
				if cStart >= 0 {
					cm.comments = append(cm.comments, commentOf(data[cStart:t.End]))
				}
				cStart = -1
			}
		}
		return true
	})
	if err != nil || !okRoot || cm.listStart < 0 || cm.listEnd < 0 {
		return nil, ooxml.ErrMarkup
	}
	for i := range cm.comments {
		c := &cm.comments[i]
		if c.author >= 0 && c.author < len(cm.authors) && strings.HasPrefix(cm.authors[c.author], "tc=") {
			c.threaded = true
		}
	}
	return cm, nil
}

// commentOf reads one <comment> element: its cell, its author, whether it
// holds our marker and the runs that precede our part.
func commentOf(raw []byte) commentEl {
	end := bytes.IndexByte(raw, '>')
	open := raw[:end+1]
	c := commentEl{raw: raw, author: -1}
	c.ref, _ = cleanRef(attrOr(open, "ref"))
	if n, err := strconv.Atoi(attrOr(open, "authorId")); err == nil {
		c.author = n
	}
	// The children of <text>, each with its text.
	type child struct {
		start, end int
		text       string
		name       string
	}
	var kids []child
	depth, textDepth := 0, -1
	var cur *child
	inT, tStart := false, 0
	_ = ooxml.ScanTags(raw, func(t ooxml.Tag) bool {
		name := ooxml.Local(t.Name)
		if t.Kind == ooxml.TagEnd {
			depth--
			// The text first: a <t> straight under <text> (openpyxl writes
			// notes so) ends its child too.
			if name == "t" && inT && cur != nil {
				cur.text += ooxml.TextOf(raw[tStart:t.Start])
				inT = false
			}
			if depth == textDepth+1 && cur != nil {
				cur.end = t.End
				kids = append(kids, *cur)
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
			cur = &child{start: t.Start, end: t.End, name: name}
			if t.Kind == ooxml.TagEmpty {
				kids = append(kids, *cur)
				cur = nil
			}
			if name == "t" && t.Kind == ooxml.TagStart {
				inT, tStart = true, t.End
			}
		} else if cur != nil && name == "t" && t.Kind == ooxml.TagStart && cur.name == "r" {
			inT, tStart = true, t.End
		}
		if t.Kind == ooxml.TagStart {
			depth++
		}
		return true
	})
	var full strings.Builder
	for _, k := range kids {
		full.WriteString(k.text)
	}
	cut := strings.Index(full.String(), noteMarker)
	if cut < 0 {
		c.person = nil
		c.personText = full.String()
		c.raw = raw
		// Not ours: the person's whole note (kept as written when there is
		// nothing to add).
		var b bytes.Buffer
		for _, k := range kids {
			writeRun(&b, raw[k.start:k.end], k.name)
		}
		c.person = b.Bytes()
		return c
	}
	c.ours = true
	before := full.String()[:cut]
	if strings.HasSuffix(before, noteSep) {
		cut -= len(noteSep)
	}
	if strings.TrimSpace(full.String()[:cut]) == "" {
		return c
	}
	c.personText = full.String()[:cut]
	var b bytes.Buffer
	pos := 0
	for _, k := range kids {
		if pos >= cut {
			break
		}
		if pos+len(k.text) <= cut {
			writeRun(&b, raw[k.start:k.end], k.name)
		} else {
			b.WriteString(`<r>` + tElem(k.text[:cut-pos]) + `</r>`)
		}
		pos += len(k.text)
	}
	c.person = b.Bytes()
	return c
}

// writeRun writes a child of a note's <text> as a run, for runs of ours to
// follow: a run as it is, a plain <t> inside a run (a text holds either one
// <t> or runs), phonetic hints left out (they may only follow the runs).
func writeRun(b *bytes.Buffer, raw []byte, name string) {
	switch name {
	case "r":
		b.Write(raw)
	case "t":
		b.WriteString("<r>")
		b.Write(raw)
		b.WriteString("</r>")
	}
}

// bytes returns the comments part holding the notes of l.
func (cm *commentsMap) bytes(l *noteListing) []byte {
	var body bytes.Buffer
	for _, it := range l.items {
		body.Write(it.raw)
	}
	var sp []ooxml.Splice
	own := func(text string) []byte { return prefixNames([]byte(text), cm.prefix) }
	if l.addAuthor {
		a := own(`<author>` + noteAuthor + `</author>`)
		switch {
		case cm.authorsEnd >= 0:
			sp = append(sp, ooxml.Splice{Start: cm.authorsEnd, End: cm.authorsEnd, Text: a})
		case cm.authorsTag.Kind == ooxml.TagEmpty:
			t := cm.authorsTag
			sp = append(sp, ooxml.Splice{Start: t.Start, End: t.End, Text: append(append(own(`<authors>`), a...), own(`</authors>`)...)})
		default:
			at := cm.listTag.Start
			sp = append(sp, ooxml.Splice{Start: at, End: at, Text: append(append(own(`<authors>`), a...), own(`</authors>`)...)})
		}
	}
	// Items of ours were written without a prefix; the person's as they are.
	var items bytes.Buffer
	for _, it := range l.items {
		items.Write(prefixNames(it.raw, cm.prefix))
	}
	if cm.listTag.Kind == ooxml.TagEmpty {
		t := cm.listTag
		sp = append(sp, ooxml.Splice{Start: t.Start, End: t.End, Text: append(append(own(`<commentList>`), items.Bytes()...), own(`</commentList>`)...)})
	} else {
		sp = append(sp, ooxml.Splice{Start: cm.listStart, End: cm.listEnd, Text: items.Bytes()})
	}
	return ooxml.ApplySplices(cm.data, sp)
}

// newComments is a new comments part holding the notes of l.
func newComments(l *noteListing) []byte {
	var b bytes.Buffer
	size := 512
	for _, it := range l.items {
		size += len(it.raw)
	}
	b.Grow(size)
	b.WriteString(xmlHead + `<comments xmlns="` + nsMain + `"><authors><author>` + noteAuthor + `</author></authors><commentList>`)
	for _, it := range l.items {
		b.Write(it.raw)
	}
	b.WriteString(`</commentList></comments>`)
	return b.Bytes()
}

// vmlMap is where the shapes of a VML drawing are.
type vmlMap struct {
	data   []byte
	close  int // where the root's end tag starts
	idmap  ooxml.Tag
	hasMap bool
	shapes []vmlShape
	hasT   bool // the note shape type _x0000_t202 is defined
	decls  bool // the root binds v, o and x as the boxes are written
}

type vmlShape struct {
	start, end int
	note       bool
	ref        string // the note's cell
	blocks     []int
}

func mapVML(data []byte) (*vmlMap, error) {
	vm := &vmlMap{data: data, close: -1}
	depth := 0
	var cur *vmlShape
	inRow, inCol, tStart := false, false, 0
	row, col := -1, -1
	first := true
	err := ooxml.ScanTags(data, func(t ooxml.Tag) bool {
		tag := data[t.Start:t.End]
		name := ooxml.Local(t.Name)
		if first && t.Kind != ooxml.TagEnd {
			first = false
			bound := 0
			for _, a := range ooxml.TagAttrs(tag) {
				switch {
				case a.Name == "xmlns:v" && a.Raw == "urn:schemas-microsoft-com:vml",
					a.Name == "xmlns:o" && a.Raw == "urn:schemas-microsoft-com:office:office",
					a.Name == "xmlns:x" && a.Raw == "urn:schemas-microsoft-com:office:excel":
					bound++
				}
			}
			vm.decls = bound == 3
		}
		if t.Kind == ooxml.TagEnd {
			depth--
			switch {
			case depth == 0:
				vm.close = t.Start
			case depth == 1 && cur != nil:
				cur.end = t.End
				if cur.note && row >= 0 && col >= 0 {
					cur.ref = ooxml.Ref(row, col)
				}
				vm.shapes = append(vm.shapes, *cur)
				cur = nil
			}
			if inRow && name == "Row" {
				row, _ = strconv.Atoi(strings.TrimSpace(ooxml.TextOf(data[tStart:t.Start])))
				inRow = false
			}
			if inCol && name == "Column" {
				col, _ = strconv.Atoi(strings.TrimSpace(ooxml.TextOf(data[tStart:t.Start])))
				inCol = false
			}
			return true
		}
		switch {
		case depth == 1 && name == "shapetype" && attrOr(tag, "id") == "_x0000_t202":
			vm.hasT = true
		case depth == 1 && name == "shapelayout":
		case depth == 2 && name == "idmap":
			vm.idmap, vm.hasMap = t, true
		case depth == 1 && name != "shapetype":
			cur = &vmlShape{start: t.Start, end: t.End}
			row, col = -1, -1
			for _, a := range []string{"id", "spid"} {
				if v, ok := strings.CutPrefix(attrOr(tag, a), "_x0000_s"); ok {
					if id, err := strconv.Atoi(v); err == nil {
						cur.blocks = append(cur.blocks, id/1024)
					}
				}
			}
			if t.Kind == ooxml.TagEmpty {
				vm.shapes = append(vm.shapes, *cur)
				cur = nil
			}
		case cur != nil && name == "ClientData":
			cur.note = attrOr(tag, "ObjectType") == "Note"
		case cur != nil && name == "Row":
			inRow, tStart = t.Kind == ooxml.TagStart, t.End
		case cur != nil && name == "Column":
			inCol, tStart = t.Kind == ooxml.TagStart, t.End
		}
		if t.Kind == ooxml.TagStart {
			depth++
		}
		return true
	})
	if err != nil || vm.close < 0 {
		return nil, ooxml.ErrMarkup
	}
	return vm, nil
}

// gone reports whether a shape is a note box redrawn or dropped.
func (vm *vmlMap) gone(s vmlShape, drawn map[string]bool) bool {
	return s.note && drawn[s.ref]
}

// others counts the shapes that stay.
func (vm *vmlMap) others(drawn map[string]bool) int {
	n := 0
	for _, s := range vm.shapes {
		if !vm.gone(s, drawn) {
			n++
		}
	}
	return n
}

// keptBlocks lists the shape-id blocks of the shapes that stay.
func (vm *vmlMap) keptBlocks(drawn map[string]bool) []int {
	var out []int
	for _, s := range vm.shapes {
		if !vm.gone(s, drawn) {
			out = append(out, s.blocks...)
		}
	}
	return out
}

// bytes returns the drawing with the boxes of drawn taken out and boxes
// added, in the blocks given, which the drawing's idmap then lists.
func (vm *vmlMap) bytes(drawn map[string]bool, boxes []noteBox, blocks []int) []byte {
	var sp []ooxml.Splice
	for _, s := range vm.shapes {
		if vm.gone(s, drawn) {
			sp = append(sp, ooxml.Splice{Start: s.start, End: s.end, Text: nil})
		}
	}
	if len(boxes) > 0 {
		var b bytes.Buffer
		b.Grow(512 + boxSize*len(boxes))
		if !vm.hasT {
			b.WriteString(noteShapeType)
		}
		writeBoxes(&b, boxes, blocks)
		text := b.Bytes()
		if !vm.decls {
			text = bytes.ReplaceAll(text, []byte("<v:shape "), []byte(`<v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" `))
		}
		if !vm.hasMap {
			text = append([]byte(shapeLayout(blocks)), text...)
		}
		sp = append(sp, ooxml.Splice{Start: vm.close, End: vm.close, Text: text})
		if vm.hasMap {
			tag := vm.data[vm.idmap.Start:vm.idmap.End]
			have := map[int]bool{}
			var list []int
			// The blocks it maps stay while shapes of others stay.
			mapped := attrOr(tag, "data")
			if vm.others(drawn) == 0 {
				mapped = ""
			}
			for _, f := range strings.Split(mapped, ",") {
				if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && !have[n] {
					have[n] = true
					list = append(list, n)
				}
			}
			for _, n := range blocks {
				if !have[n] {
					have[n] = true
					list = append(list, n)
				}
			}
			sort.Ints(list)
			strs := make([]string, len(list))
			for i, n := range list {
				strs[i] = strconv.Itoa(n)
			}
			sp = append(sp, ooxml.Splice{Start: vm.idmap.Start, End: vm.idmap.End, Text: ooxml.WithAttrs(tag, [][2]string{{"data", strings.Join(strs, ",")}})})
		}
	}
	return ooxml.ApplySplices(vm.data, sp)
}

// rootPrefix reports whether the root tag t of a part is the element name
// in the namespace ns, and the prefix it binds to ns ("" when ns is the
// default namespace): the elements the write-back adds take that prefix.
func rootPrefix(data []byte, t ooxml.Tag, name, ns string) (string, bool) {
	if ooxml.Local(t.Name) != name || t.Kind == ooxml.TagEnd {
		return "", false
	}
	prefix, _, _ := strings.Cut(t.Name, ":")
	if prefix == t.Name {
		v, ok := ooxml.AttrValue(data[t.Start:t.End], "xmlns")
		return "", ok && v == ns
	}
	for _, a := range ooxml.TagAttrs(data[t.Start:t.End]) {
		if a.Name == "xmlns:"+prefix {
			return prefix, a.Raw == ns
		}
	}
	return "", false
}

// prefixNames gives every element name without a prefix in the markup
// text the prefix p (none when p is ""): the text the write-back adds to a
// part whose elements carry a prefix.
func prefixNames(text []byte, p string) []byte {
	if p == "" || len(text) == 0 {
		return text
	}
	var sp []ooxml.Splice
	_ = ooxml.ScanTags(text, func(t ooxml.Tag) bool {
		if !strings.Contains(t.Name, ":") {
			at := t.Start + 1
			if t.Kind == ooxml.TagEnd {
				at++
			}
			sp = append(sp, ooxml.Splice{Start: at, End: at, Text: []byte(p + ":")})
		}
		return true
	})
	return ooxml.ApplySplices(text, sp)
}

// prefixAll is prefixNames on the text of each splice.
func prefixAll(sp []ooxml.Splice, p string) {
	if p == "" {
		return
	}
	for i := range sp {
		sp[i].Text = prefixNames(sp[i].Text, p)
	}
}

// rPrefix returns the prefix the root tag binds to the relationships
// namespace, "" when it binds none.
func rPrefix(root []byte) string {
	for _, a := range ooxml.TagAttrs(root) {
		if strings.HasPrefix(a.Name, "xmlns:") && a.Raw == nsRel {
			return strings.TrimPrefix(a.Name, "xmlns:")
		}
	}
	return ""
}

// noteShapeType is the shape type of the note boxes.
const noteShapeType = `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`

// shapeLayout maps the shape-id blocks of a drawing.
func shapeLayout(blocks []int) string {
	ids := make([]string, len(blocks))
	for i, n := range blocks {
		ids[i] = strconv.Itoa(n)
	}
	return `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="` + strings.Join(ids, ",") + `"/></o:shapelayout>`
}

// newVML is the VML drawing of the note boxes, hidden until pointed at.
func newVML(boxes []noteBox, blocks []int) []byte {
	var b bytes.Buffer
	b.Grow(1024 + boxSize*len(boxes))
	b.WriteString(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
		shapeLayout(blocks) + noteShapeType)
	writeBoxes(&b, boxes, blocks)
	b.WriteString(`</xml>`)
	return b.Bytes()
}

// boxSize is about the size of a note box written by writeBoxes, to size
// the drawing's buffer once.
const boxSize = 620

// writeBoxes writes the note boxes. A box's anchor starts at its own cell;
// the shapes take their ids from blocks (1024 ids each, the first of a block
// unused).
func writeBoxes(b *bytes.Buffer, boxes []noteBox, blocks []int) {
	for i, box := range boxes {
		col, row, _ := cellCoords(box.ref)
		lines := strings.Count(box.text, "\n") + 1
		height := min(60+lines*14, 400) * 3 / 4 // points
		fmt.Fprintf(b, `<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:%dpt;z-index:%d;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">`+
			`<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>`+
			`<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>%d, 23, %d, 0, %d, 0, %d, 36</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>`,
			blocks[i/1023]*1024+1+i%1023, height, i+1, col-1, row-1, col+2, row-1+height/15, row-1, col-1)
	}
}
