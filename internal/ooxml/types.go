package ooxml

import (
	"bytes"
	"path"
	"strings"
)

// NSContentTypes is the namespace of [Content_Types].xml (the same in
// transitional and strict packages).
const NSContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"

// ContentTypes is [Content_Types].xml read to be looked up and edited as
// text: overrides added and removed, defaults added, every other byte kept.
type ContentTypes struct {
	data      []byte
	overrides map[string]typeEntry // lower-case part name, without "/"
	defaults  map[string]string    // lower-case extension → content type
	close     int                  // where </Types> starts
	sp        []Splice
	prefix    string
}

// typeEntry is one Override: its content type and where its element is
// (start -1 for one added).
type typeEntry struct {
	typ        string
	start, end int
}

// EditContentTypes reads [Content_Types].xml. It fails (ErrMarkup) on
// markup the tag scanner does not take, on a root that is not Types in
// NSContentTypes and on a root not closed.
func EditContentTypes(data []byte) (*ContentTypes, error) {
	ct := &ContentTypes{data: data, overrides: map[string]typeEntry{}, defaults: map[string]string{}, close: -1}
	rooted, plain := false, false
	err := ScanTags(data, func(t Tag) bool {
		if !rooted {
			rooted = true
			ct.prefix, plain = RootPrefix(data, t, "Types", NSContentTypes)
			if !plain {
				return false
			}
		}
		tag := data[t.Start:t.End]
		switch Local(t.Name) {
		case "Override":
			if t.Kind != TagEnd {
				name, _ := AttrValue(tag, "PartName")
				typ, _ := AttrValue(tag, "ContentType")
				ct.overrides[strings.ToLower(strings.TrimPrefix(name, "/"))] = typeEntry{typ, t.Start, t.End}
			}
		case "Default":
			if t.Kind != TagEnd {
				ext, _ := AttrValue(tag, "Extension")
				typ, _ := AttrValue(tag, "ContentType")
				ct.defaults[strings.ToLower(ext)] = typ
			}
		case "Types":
			if t.Kind == TagEnd {
				ct.close = t.Start
			}
		}
		return true
	})
	if err != nil || !plain || ct.close < 0 {
		return nil, ErrMarkup
	}
	return ct, nil
}

// TypeOf returns the content type of a part (a part name): its Override,
// or else the Default of its extension; "" when neither is there.
func (ct *ContentTypes) TypeOf(part string) string {
	if o, ok := ct.overrides[strings.ToLower(strings.TrimPrefix(part, "/"))]; ok {
		return o.typ
	}
	return ct.defaults[strings.ToLower(strings.TrimPrefix(path.Ext(part), "."))]
}

// AddOverride lists part with the content type typ, unless it is listed.
func (ct *ContentTypes) AddOverride(part, typ string) {
	if _, ok := ct.overrides[strings.ToLower(part)]; ok {
		return
	}
	ct.overrides[strings.ToLower(part)] = typeEntry{typ, -1, -1}
	ct.sp = append(ct.sp, Splice{Start: ct.close, End: ct.close, Text: []byte(`<Override PartName="/` + EscapeText(part) + `" ContentType="` + typ + `"/>`)})
}

// AddDefault gives the extension ext the content type typ, unless it has
// one.
func (ct *ContentTypes) AddDefault(ext, typ string) {
	if _, ok := ct.defaults[ext]; ok {
		return
	}
	ct.defaults[ext] = typ
	ct.sp = append(ct.sp, Splice{Start: ct.close, End: ct.close, Text: []byte(`<Default Extension="` + ext + `" ContentType="` + typ + `"/>`)})
}

// RemoveOverride drops the Override of part, if it is an empty element of
// the part as read (one with content is left).
func (ct *ContentTypes) RemoveOverride(part string) {
	if s, ok := ct.overrides[strings.ToLower(part)]; ok && s.start >= 0 && !bytes.HasSuffix(ct.data[s.start:s.end], []byte("/>")) {
		return // an Override with content: leave it
	} else if ok && s.start >= 0 {
		ct.sp = append(ct.sp, Splice{Start: s.start, End: s.end, Text: nil})
		delete(ct.overrides, strings.ToLower(part))
	}
}

// Changed reports whether anything was added or removed.
func (ct *ContentTypes) Changed() bool { return len(ct.sp) > 0 }

// Bytes returns the part with the edits made.
func (ct *ContentTypes) Bytes() []byte {
	PrefixAll(ct.sp, ct.prefix)
	return ApplySplices(ct.data, ct.sp)
}
