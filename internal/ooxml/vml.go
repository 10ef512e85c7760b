package ooxml

import (
	"bytes"
	"io"
	"sort"
	"strconv"
	"strings"
)

// VML drawings: the boxes of a worksheet's legacy notes, and the shape ids
// every VML drawing of a package takes from blocks of 1024 (o:idmap); two
// drawings sharing a block make Excel repair the file.

// The namespaces a VML drawing of notes binds.
const (
	nsV = "urn:schemas-microsoft-com:vml"
	nsO = "urn:schemas-microsoft-com:office:office"
	nsX = "urn:schemas-microsoft-com:office:excel"
)

// VML is a VML drawing read to be edited: its shapes, which of them are
// note boxes and of which cell, and the shape-id blocks they use.
type VML struct {
	Shapes []Shape
	data   []byte
	close  int // where the root's end tag starts
	idmap  Tag
	hasMap bool
	hasT   bool // the note shape type _x0000_t202 is defined
	decls  bool // the root binds v, o and x as the boxes are written
}

// Shape is one shape of a VML drawing.
type Shape struct {
	Start, End int
	Note       bool   // the box of a note (ClientData ObjectType="Note")
	Ref        string // the note's cell, from its Row and Column
	Blocks     []int  // the shape-id blocks its id and spid are in
}

// EditVML reads a VML drawing. It fails (ErrMarkup) on markup the tag
// scanner does not take and on a root not closed.
func EditVML(data []byte) (*VML, error) {
	vm := &VML{data: data, close: -1}
	depth := 0
	var cur *Shape
	inRow, inCol, tStart := false, false, 0
	row, col := -1, -1
	first := true
	err := ScanTags(data, func(t Tag) bool {
		tag := data[t.Start:t.End]
		name := Local(t.Name)
		if first && t.Kind != TagEnd {
			first = false
			bound := 0
			for _, a := range TagAttrs(tag) {
				switch {
				case a.Name == "xmlns:v" && a.Raw == nsV,
					a.Name == "xmlns:o" && a.Raw == nsO,
					a.Name == "xmlns:x" && a.Raw == nsX:
					bound++
				}
			}
			vm.decls = bound == 3
		}
		if t.Kind == TagEnd {
			depth--
			switch {
			case depth == 0:
				vm.close = t.Start
			case depth == 1 && cur != nil:
				cur.End = t.End
				if cur.Note && row >= 0 && col >= 0 {
					cur.Ref = Ref(row, col)
				}
				vm.Shapes = append(vm.Shapes, *cur)
				cur = nil
			}
			if inRow && name == "Row" {
				row, _ = strconv.Atoi(strings.TrimSpace(TextOf(data[tStart:t.Start])))
				inRow = false
			}
			if inCol && name == "Column" {
				col, _ = strconv.Atoi(strings.TrimSpace(TextOf(data[tStart:t.Start])))
				inCol = false
			}
			return true
		}
		switch {
		case depth == 1 && name == "shapetype" && attr(tag, "id") == "_x0000_t202":
			vm.hasT = true
		case depth == 1 && name == "shapelayout":
		case depth == 2 && name == "idmap":
			vm.idmap, vm.hasMap = t, true
		case depth == 1 && name != "shapetype":
			cur = &Shape{Start: t.Start, End: t.End}
			row, col = -1, -1
			cur.Blocks = shapeBlocks(tag, cur.Blocks)
			if t.Kind == TagEmpty {
				vm.Shapes = append(vm.Shapes, *cur)
				cur = nil
			}
		case cur != nil && name == "ClientData":
			cur.Note = attr(tag, "ObjectType") == "Note"
		case cur != nil && name == "Row":
			inRow, tStart = t.Kind == TagStart, t.End
		case cur != nil && name == "Column":
			inCol, tStart = t.Kind == TagStart, t.End
		}
		if t.Kind == TagStart {
			depth++
		}
		return true
	})
	if err != nil || vm.close < 0 {
		return nil, ErrMarkup
	}
	return vm, nil
}

func attr(tag []byte, name string) string {
	v, _ := AttrValue(tag, name)
	return v
}

// shapeBlocks appends the shape-id blocks of the shape tag's id and spid.
func shapeBlocks(tag []byte, out []int) []int {
	for _, a := range []string{"id", "spid"} {
		if v, ok := strings.CutPrefix(attr(tag, a), "_x0000_s"); ok {
			if id, err := strconv.Atoi(v); err == nil {
				out = append(out, id/1024)
			}
		}
	}
	return out
}

// gone reports whether a shape is a note box redrawn or dropped: the box
// of a cell in redrawn.
func gone(s Shape, redrawn map[string]bool) bool {
	return s.Note && redrawn[s.Ref]
}

// HasBox reports whether the drawing holds a note box of the cell ref.
func (vm *VML) HasBox(ref string) bool {
	for _, s := range vm.Shapes {
		if s.Note && s.Ref == ref {
			return true
		}
	}
	return false
}

// Others counts the shapes that stay when the note boxes of the cells in
// redrawn go.
func (vm *VML) Others(redrawn map[string]bool) int {
	n := 0
	for _, s := range vm.Shapes {
		if !gone(s, redrawn) {
			n++
		}
	}
	return n
}

// KeptBlocks lists the shape-id blocks of the shapes that stay.
func (vm *VML) KeptBlocks(redrawn map[string]bool) []int {
	var out []int
	for _, s := range vm.Shapes {
		if !gone(s, redrawn) {
			out = append(out, s.Blocks...)
		}
	}
	return out
}

// Bytes returns the drawing with the note boxes of the cells in redrawn
// taken out and boxes added, in the blocks given, which the drawing's
// idmap then lists.
func (vm *VML) Bytes(redrawn map[string]bool, boxes []NoteBox, blocks []int) []byte {
	sp := vm.edits(redrawn, len(boxes) > 0, blocks)
	if len(boxes) > 0 {
		text := make([]byte, 0, 512+boxSize*len(boxes))
		if !vm.hasT {
			text = append(text, noteShapeType...)
		}
		text = appendBoxes(text, boxes, blocks)
		if !vm.decls {
			text = bytes.ReplaceAll(text, []byte("<v:shape "), []byte(vm.declShape()))
		}
		if !vm.hasMap {
			text = append([]byte(shapeLayout(blocks)), text...)
		}
		sp = append(sp, Splice{Start: vm.close, End: vm.close, Text: text})
	}
	return ApplySplices(vm.data, sp)
}

// Size is the size of the drawing as read.
func (vm *VML) Size() int { return len(vm.data) }

// declShape is a box's opening "<v:shape " declaring the namespaces the
// root does not.
func (vm *VML) declShape() string {
	return `<v:shape xmlns:v="` + nsV + `" xmlns:o="` + nsO + `" xmlns:x="` + nsX + `" `
}

// WriteTo writes Bytes(redrawn, boxes, blocks) to w, the boxes a group at
// a time (about chunk bytes): the drawing is never held whole.
func (vm *VML) WriteTo(w io.Writer, redrawn map[string]bool, boxes []NoteBox, blocks []int, chunk int) error {
	sp := vm.edits(redrawn, len(boxes) > 0, blocks)
	for _, x := range sp {
		if x.End > vm.close {
			_, err := w.Write(vm.Bytes(redrawn, boxes, blocks))
			return err
		}
	}
	if err := WriteSplices(w, vm.data[:vm.close], sp); err != nil {
		return err
	}
	if len(boxes) > 0 {
		var b []byte
		if !vm.hasMap {
			b = append(b, shapeLayout(blocks)...)
		}
		if !vm.hasT {
			b = append(b, noteShapeType...)
		}
		per := max(1, chunk/boxSize)
		for at := 0; at < len(boxes); at += per {
			end := min(at+per, len(boxes))
			from := len(b)
			b = appendBoxesFrom(b, boxes[at:end], blocks, at)
			if !vm.decls {
				// Only the boxes' opening tags hold "<v:shape ".
				b = append(b[:from], bytes.ReplaceAll(b[from:], []byte("<v:shape "), []byte(vm.declShape()))...)
			}
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(vm.data[vm.close:])
	return err
}

// edits are the splices of Bytes but the boxes added: the boxes of the
// cells in redrawn taken out and, when boxes are added, the idmap listing
// blocks.
func (vm *VML) edits(redrawn map[string]bool, adding bool, blocks []int) []Splice {
	var sp []Splice
	for _, s := range vm.Shapes {
		if gone(s, redrawn) {
			sp = append(sp, Splice{Start: s.Start, End: s.End, Text: nil})
		}
	}
	if adding && vm.hasMap {
		tag := vm.data[vm.idmap.Start:vm.idmap.End]
		have := map[int]bool{}
		var list []int
		// The blocks it maps stay while shapes of others stay.
		mapped := attr(tag, "data")
		if vm.Others(redrawn) == 0 {
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
		sp = append(sp, Splice{Start: vm.idmap.Start, End: vm.idmap.End, Text: WithAttrs(tag, [][2]string{{"data", strings.Join(strs, ",")}})})
	}
	return sp
}

// VMLUsedBlocks lists the shape-id blocks a VML drawing maps or uses.
func VMLUsedBlocks(data []byte) []int {
	var out []int
	_ = ScanTags(data, func(t Tag) bool {
		if t.Kind == TagEnd {
			return true
		}
		tag := data[t.Start:t.End]
		switch Local(t.Name) {
		case "idmap":
			for _, f := range strings.Split(attr(tag, "data"), ",") {
				if b, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && b > 0 {
					out = append(out, b)
				}
			}
		case "shape", "rect", "oval", "line", "polyline", "roundrect", "arc", "group", "image", "curve":
			out = shapeBlocks(tag, out)
		}
		return true
	})
	return out
}

// FreeBlocks returns the first shape-id blocks not in used, enough for n
// shapes (1023 a block: the first id of a block is not used).
func FreeBlocks(used map[int]bool, n int) []int {
	var out []int
	for b := 1; len(out) < n/1023+1; b++ {
		if !used[b] {
			out = append(out, b)
		}
	}
	return out
}

// NoteBox is the box of a note: its cell and its text, for its height.
type NoteBox struct {
	Ref  string
	Text string
	// Lines, when set, is the number of lines of Text, which is then not
	// needed (a drawing of thousands of boxes need not keep their texts).
	Lines int
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

// NewVML is a VML drawing of note boxes, hidden until pointed at, with
// shape ids from blocks.
func NewVML(boxes []NoteBox, blocks []int) []byte {
	return AppendNewVML(make([]byte, 0, 1024+boxSize*len(boxes)), boxes, blocks)
}

// AppendNewVML appends NewVML(boxes, blocks) to dst.
func AppendNewVML(dst []byte, boxes []NoteBox, blocks []int) []byte {
	dst = append(dst, `<xml xmlns:v="`+nsV+`" xmlns:o="`+nsO+`" xmlns:x="`+nsX+`">`...)
	dst = append(dst, shapeLayout(blocks)...)
	dst = append(dst, noteShapeType...)
	dst = appendBoxes(dst, boxes, blocks)
	return append(dst, `</xml>`...)
}

// WriteNewVML writes NewVML(boxes, blocks) to w a group of boxes at a
// time (about chunk bytes), in buf: the drawing is never held whole.
func WriteNewVML(w io.Writer, buf []byte, chunk int, boxes []NoteBox, blocks []int) error {
	b := append(buf[:0], `<xml xmlns:v="`+nsV+`" xmlns:o="`+nsO+`" xmlns:x="`+nsX+`">`...)
	b = append(b, shapeLayout(blocks)...)
	b = append(b, noteShapeType...)
	per := max(1, chunk/boxSize)
	for at := 0; at < len(boxes); at += per {
		end := min(at+per, len(boxes))
		b = appendBoxesFrom(b, boxes[at:end], blocks, at)
		if _, err := w.Write(b); err != nil {
			return err
		}
		b = b[:0]
	}
	b = append(b, `</xml>`...)
	_, err := w.Write(b)
	return err
}

// boxSize is about the size of a note box written by appendBoxes, to size
// the drawing's buffer once.
const boxSize = 620

// appendBoxes appends the note boxes. A box's anchor starts at its own cell;
// the shapes take their ids from blocks (1024 ids each, the first of a block
// unused).
func appendBoxes(b []byte, boxes []NoteBox, blocks []int) []byte {
	return appendBoxesFrom(b, boxes, blocks, 0)
}

// appendBoxesFrom appends the boxes of a drawing from its box first on.
func appendBoxesFrom(b []byte, boxes []NoteBox, blocks []int, first int) []byte {
	num := func(n int) { b = strconv.AppendInt(b, int64(n), 10) }
	for j, box := range boxes {
		i := first + j
		col, row, _ := ParseRef(box.Ref)
		lines := box.Lines
		if lines == 0 {
			lines = strings.Count(box.Text, "\n") + 1
		}
		height := min(60+lines*14, 400) * 3 / 4 // points
		b = append(b, `<v:shape id="_x0000_s`...)
		num(blocks[i/1023]*1024 + 1 + i%1023)
		b = append(b, `" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:`...)
		num(height)
		b = append(b, `pt;z-index:`...)
		num(i + 1)
		b = append(b, `;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">`+
			`<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>`+
			`<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>`...)
		num(col - 1)
		b = append(b, ", 23, "...)
		num(row - 1)
		b = append(b, ", 0, "...)
		num(col + 2)
		b = append(b, ", 0, "...)
		num(row - 1 + height/15)
		b = append(b, `, 36</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>`...)
		num(row - 1)
		b = append(b, `</x:Row><x:Column>`...)
		num(col - 1)
		b = append(b, `</x:Column></x:ClientData></v:shape>`...)
	}
	return b
}

// LegacyDrawing is the <legacyDrawing> element that links a worksheet
// whose root tag is root to the VML drawing of its notes under the
// relationship id: with the prefix the root binds to the relationships
// namespace nsRel, or a declaration of its own.
func LegacyDrawing(root []byte, nsRel, id string) []byte {
	prefix := NSPrefix(root, nsRel)
	if prefix == "" {
		return []byte(`<legacyDrawing xmlns:r="` + nsRel + `" r:id="` + id + `"/>`)
	}
	return []byte(`<legacyDrawing ` + prefix + `:id="` + id + `"/>`)
}
