package workbook

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/workbook/form"
)

// notes replaces the form sheet's notes with ours for the findings: the
// sheet may have notes only of an earlier write-back.
func (d *directPkg) notes(sm *sheetMap, formPart string, cells map[string][]form.Finding) error {
	relsName := relsOf(formPart)
	relsData, err := d.read(relsName)
	if err != nil {
		return errIndirect
	}
	re, err := editRels(formPart, relsData)
	if err != nil {
		return errIndirect
	}
	// The note boxes are the VML drawing <legacyDrawing> names; another
	// one (<legacyDrawingHF>: header and footer pictures) is not ours.
	ld := sm.topNamed("legacyDrawing")
	var cmtPart, vmlPart, cmtID, vmlID string
	if ld != nil {
		vmlID = attrOr(sm.data[ld.open.start:ld.open.end], "id")
	}
	for _, r := range re.rels {
		switch {
		case strings.HasSuffix(r.typ, relComments) && cmtPart == "":
			cmtPart, cmtID = r.target, r.id
		case strings.HasSuffix(r.typ, relVML) && r.id == vmlID && ld != nil:
			vmlPart = r.target
		}
	}
	if ld != nil && (vmlPart == "" || cmtPart == "") {
		return errIndirect // a drawing of controls, or one we cannot match
	}
	if cmtPart != "" {
		if vmlPart == "" || ld == nil {
			return errIndirect
		}
		if ok, err := d.onlyOurNotes(cmtPart, vmlPart); err != nil || !ok {
			return errIndirect
		}
	}
	if len(cells) == 0 {
		if cmtPart == "" {
			return nil
		}
		d.remove(cmtPart)
		d.remove(vmlPart)
		re.remove(cmtID)
		re.remove(vmlID)
		sm.sp = append(sm.sp, splice{ld.start, ld.end, nil})
		d.put(relsName, re.bytes())
		return nil
	}
	refs := sortedCells(cells)
	if cmtPart == "" {
		cmtPart = d.freeName("xl/comments%d.xml")
		vmlPart = d.freeName("xl/drawings/vmlDrawing%d.vml")
		re.add(relCmt, cmtPart)
		vmlID = re.add(relVMLType, vmlPart)
		prefix := rPrefix(sm.data[sm.root.start:sm.root.end])
		el := `<legacyDrawing ` + prefix + `:id="` + vmlID + `"/>`
		if prefix == "" {
			el = `<legacyDrawing xmlns:r="` + nsRel + `" r:id="` + vmlID + `"/>`
		}
		sm.insertTop("legacyDrawing", []byte(el))
		d.types.addOverride(cmtPart, ctCmt)
		d.types.addDefault("vml", ctVML)
		d.put(relsName, re.bytes())
	}
	d.put(cmtPart, commentsXML(refs, cells))
	blocks, err := d.vmlBlocks(vmlPart, len(refs))
	if err != nil {
		return err
	}
	d.put(vmlPart, vmlXML(refs, cells, blocks))
	return nil
}

// vmlBlocks returns free shape-id blocks for n note boxes: blocks of 1024
// ids that no other VML drawing of the package maps (o:idmap) or uses.
func (d *directPkg) vmlBlocks(own string, n int) ([]int, error) {
	used := map[int]bool{}
	for _, zf := range d.p.files {
		name := partName(zf.Name)
		if !strings.HasSuffix(strings.ToLower(name), ".vml") || d.entry(name) == d.entry(own) || d.del[zf.Name] {
			continue
		}
		data, err := d.read(name)
		if err != nil {
			return nil, errIndirect
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
	_ = scanTags(data, func(t xtag) bool {
		if t.kind == tagEnd {
			return true
		}
		tag := data[t.start:t.end]
		switch local(t.name) {
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

// onlyOurNotes reports whether every note of a comments part is ours alone
// and every shape of its drawing is a note.
func (d *directPkg) onlyOurNotes(cmtPart, vmlPart string) (bool, error) {
	data, err := d.read(cmtPart)
	if err != nil || data == nil {
		return false, err
	}
	ours := true
	start := -1
	err = scanTags(data, func(t xtag) bool {
		if local(t.name) != "comment" {
			return true
		}
		switch t.kind {
		case tagStart:
			start = t.start
		case tagEnd:
			_, _, _, text := cellContent(data[start:t.end])
			if !strings.HasPrefix(strings.TrimSpace(text), noteMarker) {
				ours = false
				return false
			}
		case tagEmpty:
			ours = false
			return false
		}
		return true
	})
	if err != nil || !ours {
		return false, err
	}
	vml, err := d.read(vmlPart)
	if err != nil || vml == nil {
		return false, err
	}
	shapes, notes := 0, 0
	err = scanTags(vml, func(t xtag) bool {
		if t.kind == tagEnd {
			return true
		}
		switch local(t.name) {
		case "shape":
			shapes++
		case "ClientData":
			if attrOr(vml[t.start:t.end], "ObjectType") == "Note" {
				notes++
			}
		}
		return true
	})
	return err == nil && shapes == notes, nil
}

// rootPrefix reports whether the root tag t of a part is the element name
// in the namespace ns, and the prefix it binds to ns ("" when ns is the
// default namespace): the elements the write-back adds take that prefix.
func rootPrefix(data []byte, t xtag, name, ns string) (string, bool) {
	if local(t.name) != name || t.kind == tagEnd {
		return "", false
	}
	prefix, _, _ := strings.Cut(t.name, ":")
	if prefix == t.name {
		v, ok := attrValue(data[t.start:t.end], "xmlns")
		return "", ok && v == ns
	}
	for _, a := range tagAttrs(data[t.start:t.end]) {
		if a.name == "xmlns:"+prefix {
			return prefix, a.raw == ns
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
	var sp []splice
	_ = scanTags(text, func(t xtag) bool {
		if !strings.Contains(t.name, ":") {
			at := t.start + 1
			if t.kind == tagEnd {
				at++
			}
			sp = append(sp, splice{at, at, []byte(p + ":")})
		}
		return true
	})
	return applySplices(text, sp)
}

// prefixAll is prefixNames on the text of each splice.
func prefixAll(sp []splice, p string) {
	if p == "" {
		return
	}
	for i := range sp {
		sp[i].text = prefixNames(sp[i].text, p)
	}
}

// rPrefix returns the prefix the root tag binds to the relationships
// namespace, "" when it binds none.
func rPrefix(root []byte) string {
	for _, a := range tagAttrs(root) {
		if strings.HasPrefix(a.name, "xmlns:") && a.raw == nsRel {
			return strings.TrimPrefix(a.name, "xmlns:")
		}
	}
	return ""
}

// commentsXML is the comments part of our notes.
func commentsXML(refs []string, cells map[string][]form.Finding) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHead + `<comments xmlns="` + nsMain + `"><authors><author>` + noteAuthor + `</author></authors><commentList>`)
	for _, at := range refs {
		fmt.Fprintf(&b, `<comment ref="%s" authorId="0"><text><r><rPr><b/><sz val="9"/></rPr>%s</r><r><rPr><sz val="9"/></rPr>%s</r></text></comment>`,
			at, tElem(noteMarker), tElem("\n"+noteBody(cells[at])))
	}
	b.WriteString(`</commentList></comments>`)
	return b.Bytes()
}

// vmlXML is the VML drawing of the note boxes, hidden until pointed at.
// A box's anchor starts at its own cell, as excelize writes it: excelize
// finds the box of a note it deletes by that corner.
// The shapes take their ids from blocks (1024 ids each, the first of a
// block unused), which the drawing maps.
func vmlXML(refs []string, cells map[string][]form.Finding, blocks []int) []byte {
	var b bytes.Buffer
	idmap := make([]string, len(blocks))
	for i, n := range blocks {
		idmap[i] = strconv.Itoa(n)
	}
	b.WriteString(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
		`<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="` + strings.Join(idmap, ",") + `"/></o:shapelayout>` +
		`<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`)
	for i, at := range refs {
		col, row, _ := cellCoords(at)
		lines := strings.Count(noteMarker+"\n"+noteBody(cells[at]), "\n") + 1
		height := min(60+lines*14, 400) * 3 / 4 // points
		fmt.Fprintf(&b, `<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:%dpt;z-index:%d;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">`+
			`<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>`+
			`<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>%d, 23, %d, 0, %d, 0, %d, 36</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>`,
			blocks[i/1023]*1024+1+i%1023, height, i+1, col-1, row-1, col+2, row-1+height/15, row-1, col-1)
	}
	b.WriteString(`</xml>`)
	return b.Bytes()
}
