package workbook_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestProducerCorpus scores, twice each, packages as other programs and
// people write them: six producers' files (ours as excelize writes it,
// LibreOffice's and openpyxl's re-saves with their own notes, an export of
// another system, the sh2019 and the 部门整体 forms) each edited ten ways (character
// references, a byte order mark, single quotes, attributes in another
// order, prefixed elements, UTF-16 parts, a header picture with a person's
// note, a threaded comment, hand-edited XML with comments and CDATA, rows
// without numbers and LibreOffice's short protection tag) — 60 packages.
// After each score: no two zip entries with one name, every XML part
// well-formed, the checks of checkPackage, the person's notes, the form
// sheet's views and protection as they were; the second score changes no
// byte of any part.
func TestProducerCorpus(t *testing.T) {
	bases := []string{
		"../samples/mof2020-liaison.xlsx",
		"../samples/sh2019-kunming.xlsx",
		"../samples/dept-chongqing.xlsx",
		"testdata/corpus/libreoffice-mof2020-cooperation.xlsx",
		"testdata/corpus/openpyxl-mof2020-cooperation.xlsx",
		"../cmd/selfeval/testdata/foreign/mof2020-liaison-export.xlsx",
	}
	n := 0
	for _, base := range bases {
		for _, v := range producerEdits() {
			n++
			name := strings.TrimSuffix(filepath.Base(base), ".xlsx") + "/" + v.name
			t.Run(name, func(t *testing.T) {
				out := runOneway(t, base, onewayCase{
					name: v.name,
					edit: func(t *testing.T, z *zipFiles) { v.edit(t, z, formPartOf(t, z)) },
					check: func(before, after *zipFiles) []string {
						return keptAsItWas(before, after, formPartOf(t, before), formPartOf(t, after))
					},
				})
				// SELFEVAL_CORPUS_OUT keeps the scored packages for the
				// real clients (cmd/selfeval's integration test).
				if dir := os.Getenv("SELFEVAL_CORPUS_OUT"); dir != "" && out != "" {
					b, err := os.ReadFile(out)
					if err == nil {
						err = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(name, "/", "--")+".xlsx"), b, 0o644)
					}
					if err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
	if n < 50 {
		t.Errorf("%d packages, want at least 50", n)
	}
}

type producerEdit struct {
	name string
	edit func(t *testing.T, z *zipFiles, form string)
}

func formPartOf(t *testing.T, z *zipFiles) string {
	t.Helper()
	sheets := sheetsOf(z)
	if len(sheets) == 0 {
		// A part this test made unreadable to encoding/xml's Unmarshal
		// (UTF-16): the first worksheet.
		return "xl/worksheets/sheet1.xml"
	}
	return sheets[0].part
}

var (
	tagRe   = regexp.MustCompile(`<[A-Za-z][^<>]*>`)
	attrRe  = regexp.MustCompile(`\s+([A-Za-z_:][\w:.-]*)="([^"]*)"`)
	tRe     = regexp.MustCompile(`<t>([^<]+)</t>`)
	rowRRe  = regexp.MustCompile(`(<(?:x:)?row) r="\d+"`)
	cellRRe = regexp.MustCompile(`(<(?:x:)?c) r="[A-Z]+\d+"`)
	protRe  = regexp.MustCompile(`<sheetProtection [^>]*>(</sheetProtection>)?`)
	rootRe  = regexp.MustCompile(`(<\?xml[^>]*\?>\s*)?(<[A-Za-z][^>]*>)`)
)

func xmlParts(z *zipFiles) []string {
	var out []string
	for _, n := range z.names {
		if e := path.Ext(n); e == ".xml" || e == ".rels" {
			out = append(out, n)
		}
	}
	return out
}

func producerEdits() []producerEdit {
	return []producerEdit{
		{"char-references", func(t *testing.T, z *zipFiles, form string) {
			for _, p := range []string{"xl/workbook.xml", "xl/sharedStrings.xml", form, "docProps/custom.xml"} {
				if z.data[p] != nil {
					z.data[p] = bytes.ReplaceAll(z.data[p], []byte("自评"), []byte("&#33258;&#x8BC4;"))
				}
			}
		}},
		{"byte-order-mark", func(t *testing.T, z *zipFiles, form string) {
			for _, p := range xmlParts(z) {
				z.data[p] = append([]byte("\xEF\xBB\xBF"), z.data[p]...)
			}
		}},
		{"single-quotes", func(t *testing.T, z *zipFiles, form string) {
			for _, p := range xmlParts(z) {
				z.data[p] = tagRe.ReplaceAllFunc(z.data[p], func(tag []byte) []byte {
					return attrRe.ReplaceAllFunc(tag, func(a []byte) []byte {
						if bytes.IndexByte(a, '\'') >= 0 {
							return a
						}
						return bytes.ReplaceAll(a, []byte(`"`), []byte(`'`))
					})
				})
			}
		}},
		{"attribute-order", func(t *testing.T, z *zipFiles, form string) {
			for _, p := range []string{"xl/workbook.xml", "xl/styles.xml", form} {
				z.data[p] = tagRe.ReplaceAllFunc(z.data[p], func(tag []byte) []byte {
					attrs := attrRe.FindAll(tag, -1)
					if len(attrs) < 2 {
						return tag
					}
					first := attrRe.FindIndex(tag)
					var b bytes.Buffer
					b.Write(tag[:first[0]])
					for i := len(attrs) - 1; i >= 0; i-- {
						b.Write(attrs[i])
					}
					rest := attrRe.ReplaceAll(tag[first[0]:], nil)
					b.Write(rest)
					return b.Bytes()
				})
			}
		}},
		{"prefixed", func(t *testing.T, z *zipFiles, form string) {
			for _, p := range []string{"xl/workbook.xml", "xl/styles.xml", form} {
				s := string(z.data[p])
				const main = `"http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
				bind := `xmlns:x=` + main
				if strings.Contains(s, bind) { // bound already (excelize's styles)
					bind = ""
				}
				s = strings.Replace(s, `xmlns=`+main, bind, 1)
				s = anyTag.ReplaceAllString(s, "<${1}x:${2}")
				z.data[p] = []byte(s)
			}
		}},
		{"utf-16", func(t *testing.T, z *zipFiles, form string) {
			for _, p := range []string{ctPart, wbRels, relsPart(form)} {
				if z.data[p] == nil {
					continue
				}
				s := string(z.data[p])
				if m := rootRe.FindStringSubmatch(s); m != nil && m[1] != "" {
					s = strings.Replace(s, m[1], `<?xml version="1.0" encoding="UTF-16" standalone="yes"?>`, 1)
				}
				var b bytes.Buffer
				b.Write([]byte{0xFF, 0xFE})
				_ = binary.Write(&b, binary.LittleEndian, utf16.Encode([]rune(s)))
				z.data[p] = b.Bytes()
			}
		}},
		{"header-picture-and-note", func(t *testing.T, z *zipFiles, form string) {
			if !hasComments(z, form) {
				personNote(t, z, form, freePart(z, "xl/comments%d.xml"), freePart(z, "xl/drawings/vmlDrawing%d.vml"), 1)
			}
			headerPicture(t, z, freePart(z, "xl/drawings/vmlDrawing%d.vml"))
		}},
		{"threaded-comment", func(t *testing.T, z *zipFiles, form string) {
			if hasComments(z, form) {
				return // a second comments part is not ours to make
			}
			personNote(t, z, form, freePart(z, "xl/comments%d.xml"), freePart(z, "xl/drawings/vmlDrawing%d.vml"), 1)
			for _, n := range z.names {
				if strings.HasPrefix(n, "xl/comments") && bytes.Contains(z.data[n], []byte("张三")) {
					z.data[n] = bytes.Replace(z.data[n], []byte("<author>张三</author>"), []byte("<author>tc={6F9E7B2A-1C4D-4E5F-8A9B-0C1D2E3F4A5B}</author>"), 1)
				}
			}
		}},
		{"hand-edited", func(t *testing.T, z *zipFiles, form string) {
			for _, p := range []string{"xl/workbook.xml", "xl/styles.xml", form, wbRels, ctPart} {
				if m := rootRe.FindSubmatchIndex(z.data[p]); m != nil {
					at := m[5]
					z.data[p] = append(z.data[p][:at:at], append([]byte("<!-- 手工修改 -->\n  "), z.data[p][at:]...)...)
				}
			}
			// (The reader of the form sheet takes no CDATA in cells.)
			if p := "xl/sharedStrings.xml"; z.data[p] != nil {
				z.data[p] = tRe.ReplaceAll(z.data[p], []byte("<t><![CDATA[$1]]></t>"))
			}
			z.data[form] = bytes.Replace(z.data[form], []byte("</sheetData>"), []byte("</sheetData><!-- 以下为打印设置 -->"), 1)
			z.data[wbPart] = afterElement.ReplaceAll(z.data[wbPart], []byte("$1\n  <"))
		}},
		{"unnumbered-rows-short-protection", func(t *testing.T, z *zipFiles, form string) {
			z.data[form] = rowRRe.ReplaceAll(z.data[form], []byte("$1"))
			z.data[form] = cellRRe.ReplaceAll(z.data[form], []byte("$1"))
			z.data[form] = protRe.ReplaceAll(z.data[form], []byte(`<sheetProtection sheet="true" objects="true" scenarios="true"/>`))
		}},
	}
}

func hasComments(z *zipFiles, part string) bool {
	return bytes.Contains(z.data[relsPart(part)], []byte("/comments\""))
}

func freePart(z *zipFiles, pattern string) string {
	for i := 1; ; i++ {
		p := fmt.Sprintf(pattern, i)
		taken := false
		for _, n := range z.names {
			if strings.EqualFold(n, p) {
				taken = true
			}
		}
		if !taken {
			return p
		}
	}
}

// keptAsItWas: the person's notes, the form sheet's views and its
// protection are as in the input.
func keptAsItWas(before, after *zipFiles, formBefore, formAfter string) []string {
	var bad []string
	for _, text := range personNotes(before) {
		found := false
		for _, got := range allNotes(after) {
			if strings.Contains(got, text) {
				found = true
			}
		}
		if !found {
			bad = append(bad, fmt.Sprintf("the person's note %q is gone", text))
		}
	}
	for _, el := range []string{"sheetViews", "sheetProtection"} {
		a, b := canonical(decoded(before.data[formBefore]), el), canonical(decoded(after.data[formAfter]), el)
		if a != b {
			bad = append(bad, fmt.Sprintf("the form sheet's %s changed:\n  %s\n  %s", el, a, b))
		}
	}
	return bad
}

// decoded returns a part in UTF-8.
func decoded(b []byte) []byte {
	if len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE {
		u := make([]uint16, (len(b)-2)/2)
		for i := range u {
			u[i] = binary.LittleEndian.Uint16(b[2+2*i:])
		}
		return []byte(strings.Replace(string(utf16.Decode(u)), `encoding="UTF-16"`, `encoding="UTF-8"`, 1))
	}
	return b
}

// canonical is the first element named el of a part, as names and
// attributes (any prefix, any attribute order).
func canonical(data []byte, el string) string {
	root := parseXML(data)
	if root == nil {
		return "(the part does not parse)"
	}
	for _, n := range root.all(el) {
		var b strings.Builder
		n.walk(func(c *xnode) {
			b.WriteString("<" + c.XMLName.Local)
			var attrs []string
			for _, a := range c.Attrs {
				attrs = append(attrs, a.Name.Local+"="+a.Value)
			}
			sortStrings(attrs)
			b.WriteString(" " + strings.Join(attrs, " ") + ">")
		})
		return b.String()
	}
	return ""
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// personNotes lists the texts of the notes that are not ours alone (the
// person's part of each).
func personNotes(z *zipFiles) []string {
	var out []string
	for _, text := range allNotes(z) {
		if i := strings.Index(text, "【selfeval 校验】"); i >= 0 {
			text = strings.TrimSuffix(text[:i], "\n————————————\n")
		}
		if strings.TrimSpace(text) != "" {
			out = append(out, text)
		}
	}
	return out
}

func allNotes(z *zipFiles) []string {
	var out []string
	for _, n := range z.names {
		if !strings.Contains(strings.ToLower(n), "comment") || !strings.HasSuffix(n, ".xml") {
			continue
		}
		root := parseXML(decoded(z.data[n]))
		for _, c := range root.all("comment") {
			var b strings.Builder
			c.walk(func(x *xnode) {
				if x.XMLName.Local == "t" {
					b.WriteString(x.Text)
				}
			})
			out = append(out, b.String())
		}
	}
	return out
}
