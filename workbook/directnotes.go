package workbook

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"

	"github.com/selfeval/selfeval/workbook/form"
)

// notes writes our notes for the findings of a sheet (cells; sorted, their
// cells in row order) into its comments part, keeping a person's notes: a note of a person alone stays
// byte for byte with its box; on a cell with findings our text follows the
// person's after noteSep; our notes of an earlier run are replaced, and
// removed where nothing is left to say. A threaded comment (Excel's
// conversations, shown through a legacy note whose author is "tc=…") is
// never merged into: the cell keeps it and gets no note of ours. Shapes of
// the drawing that are not note boxes (controls) stay.
func (d *directPkg) notes(sm *sheetMap, sheetPart string, cells map[string][]form.Finding, sorted []string) error {
	relsName := ooxml.RelsOf(sheetPart)
	relsData, err := d.read(relsName)
	if err != nil {
		return err
	}
	re, err := ooxml.EditRels(sheetPart, relsData)
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
	for _, r := range re.List {
		switch {
		case strings.HasSuffix(r.Type, ooxml.RelComments) && cmtPart == "":
			cmtPart, cmtID = r.Target, r.ID
		case strings.HasSuffix(r.Type, ooxml.RelVML) && r.ID == vmlID && ld != nil:
			vmlPart = r.Target
		}
	}
	if ld != nil && vmlPart == "" {
		return partError(sheetPart, i18n.New("批注框所在的绘图（legacyDrawing）没有对应的关系", "the drawing of its note boxes (legacyDrawing) has no relationship"))
	}
	var cm *commentsMap
	cmtSize := 0
	if cmtPart != "" {
		data, err := d.read(cmtPart)
		if err != nil {
			return err
		}
		cmtSize = len(data)
		if data != nil {
			if cm, err = mapComments(data); err != nil {
				return partError(cmtPart, errCannotEdit)
			}
		}
	}
	if cm == nil && len(cells) == 0 {
		return nil
	}
	// Many new notes (no comments part yet) are written into the comments
	// part's compressor as they are made, not held.
	var stream *packer
	if cm == nil && 1024+700*len(cells) >= ooxml.StoreBelow && !wholeParts {
		stream = &packer{}
	}
	list, drawn, err := d.noteList(cm, cells, sorted, stream)
	if err != nil {
		return err
	}
	// The drawing: the boxes of the notes rebuilt or dropped go, those of
	// the notes written come. It is read once the notes are written (a
	// large one's notes are no longer held then).
	readVML := func() (*ooxml.VML, error) {
		if vmlPart == "" {
			return nil, nil
		}
		data, err := d.read(vmlPart)
		if err != nil || data == nil {
			return nil, err
		}
		vml, err := ooxml.EditVML(data)
		if err != nil {
			return nil, partError(vmlPart, errCannotEdit)
		}
		return vml, nil
	}
	if len(list.items) == 0 && stream == nil {
		vml, err := readVML()
		if err != nil {
			return err
		}
		// No note left: the comments part goes, and the drawing too when it
		// holds nothing else.
		if cmtPart != "" {
			d.remove(cmtPart)
			re.Remove(cmtID)
		}
		if vml != nil && vml.Others(drawn) == 0 {
			d.remove(vmlPart)
			re.Remove(vmlID)
			sm.sp = append(sm.sp, ooxml.Splice{Start: ld.start, End: ld.end, Text: nil})
		} else if vml != nil {
			d.put(vmlPart, vml.Bytes(drawn, nil, nil))
		}
		d.put(relsName, re.Bytes())
		return nil
	}
	changedRels := false
	if cmtPart == "" {
		cmtPart = d.freeName("xl/comments%d.xml")
		re.Add(d.fl.RelType("comments"), cmtPart)
		d.types.AddOverride(cmtPart, ctCmt)
		changedRels = true
	}
	if vmlPart == "" {
		vmlPart = d.freeName("xl/drawings/vmlDrawing%d.vml")
		vmlID = re.Add(d.fl.RelType("vmlDrawing"), vmlPart)
		sm.insertTop("legacyDrawing", ooxml.LegacyDrawing(sm.data[sm.root.Start:sm.root.End], d.fl.Rel, vmlID))
		d.types.AddDefault("vml", ctVML)
		changedRels = true
	}
	if changedRels {
		d.put(relsName, re.Bytes())
	}
	switch {
	case stream != nil:
		if err := d.putPacked(cmtPart, stream); err != nil {
			return err
		}
	case cm != nil && wholeParts:
		d.put(cmtPart, cm.Bytes(list.raws(), noteAuthor, list.addAuthor))
	case cm != nil:
		// The part's own bytes and the notes written into the compressor
		// as they are (a small part is kept as it is).
		pk := d.packer(cmtSize)
		if err := cm.WriteTo(pk, list.raws(), noteAuthor, list.addAuthor); err != nil {
			return err
		}
		if err := d.putPacked(cmtPart, pk); err != nil {
			return err
		}
	default:
		raws := list.raws()
		size := 512
		for _, r := range raws {
			size += len(r)
		}
		if size < ooxml.StoreBelow {
			d.put(cmtPart, d.keep(ooxml.AppendNewComments(d.buffer(size), d.fl.Main, noteAuthor, raws)))
		} else {
			// Large: the notes written into the compressor as they are.
			pk := &packer{}
			if err := ooxml.WriteNewComments(pk, d.fl.Main, noteAuthor, raws); err != nil {
				return err
			}
			if err := d.putPacked(cmtPart, pk); err != nil {
				return err
			}
		}
	}
	list.items = nil // written: only the boxes are left to draw
	cm = nil
	vml, err := readVML()
	if err != nil {
		return err
	}
	for _, box := range list.keptBoxes {
		if vml == nil || !vml.HasBox(box.Ref) {
			list.boxes = append(list.boxes, box)
		}
	}
	var kept []int
	if vml != nil {
		kept = vml.KeptBlocks(drawn)
	}
	blocks, err := d.vmlBlocks(vmlPart, kept, len(list.boxes))
	if err != nil {
		return err
	}
	size := 1024 + 700*len(list.boxes)
	switch {
	case vml != nil && wholeParts:
		d.put(vmlPart, vml.Bytes(drawn, list.boxes, blocks))
	case vml != nil:
		pk := d.packer(vml.Size() + boxSize*len(list.boxes))
		if err := vml.WriteTo(pk, drawn, list.boxes, blocks, packChunk); err != nil {
			return err
		}
		return d.putPacked(vmlPart, pk)
	case size < ooxml.StoreBelow || wholeParts:
		d.put(vmlPart, d.keep(ooxml.AppendNewVML(d.buffer(size), list.boxes, blocks)))
	default:
		// Large: the boxes drawn into the compressor a group at a time.
		pk := &packer{}
		if err := ooxml.WriteNewVML(pk, d.keep(d.buffer(packChunk+4096)), packChunk, list.boxes, blocks); err != nil {
			return err
		}
		return d.putPacked(vmlPart, pk)
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
		for _, b := range ooxml.VMLUsedBlocks(data) {
			used[b] = true
		}
	}
	return ooxml.FreeBlocks(used, n), nil
}

// errCannotEdit: a part whose markup the write-back cannot edit.
var errCannotEdit = i18n.New("标记无法解析，不能编辑", "its markup cannot be parsed for editing")

// noteItem is one note of the comments part written: a person's kept as
// written (raw), or one made.
type noteItem struct {
	raw []byte
	ref string
}

type noteListing struct {
	items []noteItem
	boxes []ooxml.NoteBox
	// keptBoxes are the boxes of the person's notes our part left: drawn
	// only where the drawing has none.
	keptBoxes []ooxml.NoteBox
	addAuthor bool // our author is to be added to the authors
	ourAuthor int
}

// raws returns the notes as written.
func (l *noteListing) raws() [][]byte {
	out := make([][]byte, len(l.items))
	for i, it := range l.items {
		out[i] = it.raw
	}
	return out
}

// noteList lists the notes the comments part is to hold, and the cells
// whose boxes are redrawn or dropped (drawn). With stream (only when there
// is no comments part, cm == nil) it writes the new comments part into
// stream as the notes are made, and lists no items; the boxes then keep
// the number of lines of their text, not the text.
func (d *directPkg) noteList(cm *commentsMap, cells map[string][]form.Finding, sorted []string, stream *packer) (*noteListing, map[string]bool, error) {
	l := &noteListing{}
	drawn := map[string]bool{}
	if cm != nil {
		l.ourAuthor = -1
		for i, a := range cm.Authors {
			if a == noteAuthor {
				l.ourAuthor = i
				break
			}
		}
		if l.ourAuthor < 0 {
			l.ourAuthor, l.addAuthor = len(cm.Authors), true
		}
	}
	// The notes made are appended to one buffer; made holds where each
	// item's is (items[i].raw is set once the buffer is done).
	var buf []byte
	if stream == nil {
		buf = d.buffer(1024 + 700*len(cells))
	} else {
		buf = d.keep(d.buffer(2 * packChunk))
		buf = append(buf, xmlHead+`<comments xmlns="`...)
		buf = append(buf, d.fl.Main...)
		buf = append(buf, `"><authors><author>`...)
		buf = ooxml.AppendEscaped(buf, noteAuthor)
		buf = append(buf, `</author></authors><commentList>`...)
	}
	type span struct{ item, start, end int }
	var made []span
	head := func(ref string, author int) {
		buf = append(buf, `<comment ref="`...)
		buf = append(buf, ref...)
		buf = append(buf, `" authorId="`...)
		buf = strconv.AppendInt(buf, int64(author), 10)
		buf = append(buf, `"><text>`...)
	}
	// ours appends our runs: the marker, then body less the marker.
	ours := func(body string) {
		buf = append(buf, `<r><rPr><b/><sz val="9"/></rPr>`...)
		buf = appendTElem(buf, noteMarker)
		buf = append(buf, `</r><r><rPr><sz val="9"/></rPr>`...)
		buf = appendTElem(buf, body[len(noteMarker):])
		buf = append(buf, `</r>`...)
	}
	done := make(map[string]bool, len(cm.list()))
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
		// A note that loses our part and keeps the person's keeps its box
		// too (the next run keeps both as the person's, so the ids of our
		// boxes come out the same then as now); it is drawn only when the
		// drawing has none for it (see notes).
		keepBox := len(fs) == 0
		if !keepBox {
			drawn[c.ref] = true
		}
		start := len(buf)
		head(c.ref, c.authorID(l.ourAuthor))
		buf = append(buf, c.person...)
		text := c.personText
		if len(fs) > 0 {
			if len(c.person) > 0 {
				buf = append(buf, `<r><rPr><sz val="9"/></rPr>`...)
				buf = appendTElem(buf, noteSep)
				buf = append(buf, `</r>`...)
				text += noteSep
			}
			body := noteText(fs)
			ours(body)
			text += body
		}
		buf = append(buf, `</text></comment>`...)
		made = append(made, span{len(l.items), start, len(buf)})
		l.items = append(l.items, noteItem{ref: c.ref})
		box := ooxml.NoteBox{Ref: c.ref, Lines: strings.Count(text, "\n") + 1}
		if keepBox {
			l.keptBoxes = append(l.keptBoxes, box)
		} else {
			l.boxes = append(l.boxes, box)
		}
	}
	for _, at := range sorted {
		if done[at] {
			continue
		}
		if cm == nil {
			l.ourAuthor = 0
		} else if !l.addAuthor && l.ourAuthor < 0 {
			l.ourAuthor, l.addAuthor = len(cm.Authors), true
		}
		drawn[at] = true
		body := noteText(cells[at])
		start := len(buf)
		head(at, l.ourAuthor)
		ours(body)
		buf = append(buf, `</text></comment>`...)
		if stream != nil {
			l.boxes = append(l.boxes, ooxml.NoteBox{Ref: at, Lines: strings.Count(body, "\n") + 1})
			if len(buf) >= packChunk {
				if _, err := stream.Write(buf); err != nil {
					return nil, nil, err
				}
				buf = buf[:0]
			}
			continue
		}
		made = append(made, span{len(l.items), start, len(buf)})
		l.items = append(l.items, noteItem{ref: at})
		l.boxes = append(l.boxes, ooxml.NoteBox{Ref: at, Lines: strings.Count(body, "\n") + 1})
	}
	if stream != nil {
		buf = append(buf, `</commentList></comments>`...)
		if _, err := stream.Write(buf); err != nil {
			return nil, nil, err
		}
		return l, drawn, nil
	}
	d.keep(buf)
	for _, m := range made {
		l.items[m.item].raw = buf[m.start:m.end:m.end]
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

// commentsMap is a comments part and its notes as the write-back sees
// them: ours, a person's, or both in one.
type commentsMap struct {
	*ooxml.Comments
	comments []commentEl
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
	c, err := ooxml.EditComments(data, nsMain, ooxml.NSMainStrict)
	if err != nil {
		return nil, err
	}
	cm := &commentsMap{Comments: c, comments: make([]commentEl, 0, len(c.List))}
	for _, x := range c.List {
		cm.comments = append(cm.comments, commentOf(x))
	}
	c.List = nil // what the write-back uses of each note is in comments
	return cm, nil
}

// commentOf reads one note: its cell, its author, whether it holds our
// marker and the runs that precede our part.
func commentOf(x ooxml.Comment) commentEl {
	raw := x.Raw
	c := commentEl{raw: raw, author: x.Author, threaded: x.Threaded}
	c.ref, _ = cleanRef(x.Ref)
	kids := x.Runs
	var full strings.Builder
	for _, k := range kids {
		full.WriteString(k.Text)
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
			writeRun(&b, raw[k.Start:k.End], k.Name)
		}
		c.person = b.Bytes()
		return c
	}
	c.ours = true
	// Words a person added after ours (a reply typed at the end of the
	// note) are theirs: they move before our part, where the next run
	// keeps them as the person's.
	reply := strings.TrimSpace(full.String()[cut+replyAt(full.String()[cut:]):])
	before := full.String()[:cut]
	if strings.HasSuffix(before, noteSep) {
		cut -= len(noteSep)
	}
	var b bytes.Buffer
	if strings.TrimSpace(full.String()[:cut]) != "" {
		c.personText = full.String()[:cut]
		pos := 0
		for _, k := range kids {
			if pos >= cut {
				break
			}
			if pos+len(k.Text) <= cut {
				writeRun(&b, raw[k.Start:k.End], k.Name)
			} else {
				b.WriteString(`<r>` + tElem(k.Text[:cut-pos]) + `</r>`)
			}
			pos += len(k.Text)
		}
	}
	if reply != "" {
		if c.personText != "" {
			reply = "\n" + reply
		}
		c.personText += reply
		b.WriteString(`<r>` + tElem(reply) + `</r>`)
	}
	if b.Len() > 0 {
		c.person = b.Bytes()
	}
	return c
}

// replyAt returns where a person's own words begin in ours, the text of a
// note from our marker on: at the first line after the marker's that is
// none of those noteText writes (a finding, 错误：…, or its hint, 建议：…);
// len(ours) when there is none.
func replyAt(ours string) int {
	at := strings.IndexByte(ours, '\n')
	if at < 0 {
		return len(ours)
	}
	for at++; at < len(ours); {
		line, next := ours[at:], len(ours)
		if end := strings.IndexByte(line, '\n'); end >= 0 {
			line, next = line[:end], at+end+1
		}
		if !ourLine(line) {
			return at
		}
		at = next
	}
	return len(ours)
}

// ourLine reports whether a line of a note is one noteText writes.
func ourLine(line string) bool {
	line = strings.TrimRight(strings.TrimLeft(line, " \t\u3000"), "\r")
	if strings.HasPrefix(line, "建议：") {
		return true
	}
	for _, label := range severityLabel {
		if strings.HasPrefix(line, label+"：") {
			return true
		}
	}
	return false
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
