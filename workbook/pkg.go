package workbook

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/ooxml"
)

// pkg is the read side of a workbook package: the zip directory, the sheet
// list, and, parsed once when first asked for, the shared strings and the
// cell formats. It reads only the parts a form needs (never the theme,
// drawings or calculation chain), straight from the file's bytes, through
// the zip index of internal/ooxml. The write-back edits the same bytes.
type pkg struct {
	path       string
	*ooxml.Zip                   // the zip directory, the package's bytes
	wbPart     string            // the workbook part
	cache      map[string][]byte // parts read (up to maxCachedPart), by name as asked
	sheets     []pkgSheet        // in workbook order
	names      []string          // defined names of the workbook
	date1904   bool

	sst     []string // shared strings, nil until loaded
	sstErr  error
	styles  *styleTable
	stylErr error

	bigSheet  bool                // a worksheet part over maxCachedPart was read (see collectAfterBig)
	shown     map[shownKey]string // values formatted by their number format (see shownText)
	stamp     *stampInfo          // readStamp's answer, once stampRead
	stampRead bool
}

// pkgSheet is one sheet of the workbook as listed in xl/workbook.xml.
type pkgSheet struct {
	name, part string
	hidden     bool // state="hidden" or "veryHidden"
}

// styleTable is what the reader uses of xl/styles.xml: for each cell format
// (cellXfs, by style id) its number format and whether it locks the cell,
// and the custom number format codes.
type styleTable struct {
	xfs     []xfInfo
	numFmts map[int]numFmtCode
}

type xfInfo struct {
	numFmt int
	locked bool // excelize's reading: locked unless a protection element says otherwise
}

type numFmtCode struct {
	code   string // formatCode
	code16 string // x16r2:formatCode16, preferred for display when present
}

// openPkg indexes the zip directory of b and reads the sheet list.
func openPkg(filePath string, b []byte) (*pkg, error) {
	z, err := ooxml.OpenZip(b)
	if err != nil {
		return nil, fileError(filePath, ErrNotXLSX, i18n.New("文件不完整或已损坏（可能只复制了一部分）", "the file is incomplete or damaged (perhaps only partly copied)"))
	}
	return indexPkg(filePath, z)
}

// indexPkg is openPkg on the package's zip index.
func indexPkg(filePath string, z *ooxml.Zip) (*pkg, error) {
	p := &pkg{path: filePath, Zip: z}
	if err := p.readSheetList(); err != nil {
		return nil, fileError(filePath, ErrNotXLSX, err)
	}
	if len(p.sheets) == 0 {
		return nil, fileError(filePath, ErrNotXLSX, i18n.New("工作簿中没有工作表", "the workbook has no sheets"))
	}
	return p, nil
}

// read returns the content of the named part, nil when it is absent.
// A part is unpacked once: the write-back edits the parts the reader read.
// The returned bytes must not be changed.
func (p *pkg) read(name string) ([]byte, error) {
	if data, ok := p.cache[name]; ok {
		return data, nil
	}
	zf := p.Part(name)
	if zf == nil {
		return nil, nil
	}
	data, err := ooxml.ReadZipFile(zf)
	if err != nil {
		return nil, i18n.Errorf("无法解压部件 %s：%w", "cannot unpack the part %s: %w", name, err)
	}
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		// A part in UTF-16 is read (and edited) in UTF-8.
		if data, err = asUTF8(name, data); err != nil {
			return nil, err
		}
	}
	if len(data) > maxCachedPart {
		// A large part (the sheet of a form of thousands of rows) is
		// unpacked again when asked for again: the reader asks once and
		// the write-back once more, and holding it between the two would
		// add its size to the peak of reading and checking.
		return data, nil
	}
	if p.cache == nil {
		p.cache = map[string][]byte{}
	}
	p.cache[name] = data
	return data, nil
}

// maxCachedPart is the size above which a part read is not kept for the
// next read.
const maxCachedPart = 1 << 20

// rels reads the relationships of the part source ("" for the package's
// own) into Id → target part name.
func (p *pkg) rels(source string) (map[string]string, error) {
	relsPart := ooxml.RelsOf(source)
	data, err := p.read(relsPart)
	if err != nil || data == nil {
		return nil, err
	}
	// Well-formed as the tokenizer reads it, with its error wording.
	err = ooxml.CheckXML(data)
	var rs *ooxml.Rels
	if err == nil {
		rs, err = ooxml.ParseRels(source, data)
	}
	if err != nil {
		return nil, i18n.Errorf("部件 %s 不是有效的 XML：%w", "the part %s is not valid XML: %w", relsPart, err)
	}
	return rs.ByID(), nil
}

// readSheetList reads the sheet names, their parts and date1904 from the
// workbook part named by the package relationships.
func (p *pkg) readSheetList() error {
	wbPart := "xl/workbook.xml"
	if top, err := p.rels(""); err == nil {
		for _, t := range top {
			if strings.HasSuffix(strings.ToLower(t), "workbook.xml") && p.Part(t) != nil {
				wbPart = t
			}
		}
	}
	p.wbPart = wbPart
	data, err := p.read(wbPart)
	if err != nil {
		return err
	}
	if data == nil {
		return i18n.New("压缩包中没有工作簿内容（可能是其他 Office 文档）", "the zip holds no workbook (another Office document?)")
	}
	rels, err := p.rels(wbPart)
	if err != nil {
		return err
	}
	return ooxml.ScanXML(data, func(src ooxml.Tokens) error {
		p.sheets, p.names, p.date1904 = nil, nil, false
		for {
			t, err := src.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return i18n.Errorf("部件 %s 不是有效的 XML：%w", "the part %s is not valid XML: %w", wbPart, err)
			}
			if t.Kind != ooxml.StartToken {
				continue
			}
			switch string(t.Local) {
			case "workbookPr":
				v := string(t.Attr("date1904"))
				p.date1904 = v == "1" || v == "true"
			case "sheet":
				var id string
				for _, a := range t.Attrs {
					if string(a.Local) == "id" && len(a.Space) != 0 {
						id = string(a.Value)
					}
				}
				state := string(t.Attr("state"))
				p.sheets = append(p.sheets, pkgSheet{name: string(t.Attr("name")), part: rels[id], hidden: state == "hidden" || state == "veryHidden"})
			case "definedName":
				p.names = append(p.names, string(t.Attr("name")))
			}
		}
	})
}

// hasDefinedName reports whether the workbook defines name (without case).
func (p *pkg) hasDefinedName(name string) bool {
	for _, n := range p.names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// GetSheetList returns the sheet names in workbook order (named like
// excelize's method so that callers read the same either way).
func (p *pkg) GetSheetList() []string {
	out := make([]string, len(p.sheets))
	for i, s := range p.sheets {
		out[i] = s.name
	}
	return out
}

// findSheet returns the workbook's spelling of a sheet name, compared without
// case, or "".
func (p *pkg) findSheet(name string) string {
	for _, s := range p.sheets {
		if strings.EqualFold(s.name, name) {
			return s.name
		}
	}
	return ""
}

// sheetPart returns the part holding the named sheet.
func (p *pkg) sheetPart(name string) string {
	for _, s := range p.sheets {
		if s.name == name {
			return s.part
		}
	}
	return ""
}

// sharedStrings returns the shared string table, read once.
func (p *pkg) sharedStrings() ([]string, error) {
	if p.sst != nil || p.sstErr != nil {
		return p.sst, p.sstErr
	}
	p.sst = []string{}
	const part = "xl/sharedStrings.xml"
	data, err := p.read(part)
	if err != nil || data == nil {
		p.sstErr = err
		return p.sst, err
	}
	err = ooxml.ScanXML(data, func(src ooxml.Tokens) error {
		p.sst = []string{}
		var (
			b           []byte
			inSI, inRPh bool
			inT         bool
		)
		for {
			t, err := src.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return i18n.Errorf("部件 %s 不是有效的 XML：%w", "the part %s is not valid XML: %w", part, err)
			}
			switch t.Kind {
			case ooxml.StartToken:
				switch string(t.Local) {
				case "si":
					inSI = true
					b = b[:0]
				case "rPh":
					inRPh = true
				case "t":
					inT = inSI && !inRPh
				}
			case ooxml.EndToken:
				switch string(t.Local) {
				case "si":
					inSI = false
					p.sst = append(p.sst, bstrUnmarshal(string(b)))
				case "rPh":
					inRPh = false
				case "t":
					inT = false
				}
			case ooxml.TextToken:
				if inT {
					b = append(b, t.Text...)
				}
			}
		}
	})
	p.sstErr = err
	return p.sst, err
}

// styleTable returns the cell formats, read once. A workbook without a
// styles part has none.
func (p *pkg) styleTable() (*styleTable, error) {
	if p.styles != nil || p.stylErr != nil {
		return p.styles, p.stylErr
	}
	p.styles = &styleTable{numFmts: map[int]numFmtCode{}}
	const part = "xl/styles.xml"
	data, err := p.read(part)
	if err != nil || data == nil {
		p.stylErr = err
		return p.styles, err
	}
	// Only numFmts and cellXfs are needed: decode those two elements, not the
	// fonts, fills and borders between them.
	if i := elementAt(data, "numFmts"); i >= 0 {
		if err := p.readStyles(data[i:]); err != nil {
			p.stylErr = i18n.Errorf("部件 %s 不是有效的 XML：%w", "the part %s is not valid XML: %w", part, err)
			return p.styles, p.stylErr
		}
	}
	if i := elementAt(data, "cellXfs"); i >= 0 {
		if err := p.readStyles(data[i:]); err != nil {
			p.stylErr = i18n.Errorf("部件 %s 不是有效的 XML：%w", "the part %s is not valid XML: %w", part, err)
			return p.styles, p.stylErr
		}
	}
	return p.styles, nil
}

// readStyles reads the numFmts or cellXfs element data starts with.
func (p *pkg) readStyles(data []byte) error {
	type numFmt struct {
		id   int
		code numFmtCode
	}
	var (
		fmts []numFmt
		xfs  []xfInfo
	)
	err := ooxml.ScanXML(data, func(src ooxml.Tokens) error {
		fmts, xfs = fmts[:0], xfs[:0]
		var inXfs bool
		cur := -1
		for {
			t, err := src.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			switch t.Kind {
			case ooxml.StartToken:
				switch string(t.Local) {
				case "numFmt":
					id, ok := atoi(t.Attr("numFmtId"))
					if ok {
						fmts = append(fmts, numFmt{id, numFmtCode{code: string(t.Attr("formatCode")), code16: string(t.Attr("formatCode16"))}})
					}
				case "cellXfs":
					inXfs = true
				case "xf":
					if inXfs {
						id, _ := atoi(t.Attr("numFmtId"))
						ap := string(t.Attr("applyProtection"))
						xfs = append(xfs, xfInfo{numFmt: id, locked: true})
						cur = len(xfs) - 1
						if ap == "0" || ap == "false" {
							cur = -1 // protection not applied: excelize reads the cell as locked
						}
					}
				case "protection":
					if inXfs && cur >= 0 {
						v := string(t.Attr("locked"))
						xfs[cur].locked = v == "1" || v == "true"
					}
				}
			case ooxml.EndToken:
				switch string(t.Local) {
				case "numFmts", "cellXfs":
					return nil
				case "xf":
					cur = -1
				}
			}
		}
	})
	for _, f := range fmts {
		p.styles.numFmts[f.id] = f.code
	}
	p.styles.xfs = append(p.styles.xfs, xfs...)
	return err
}

// elementAt returns the offset of the first start tag of an element with the
// given local name (any prefix), or -1.
func elementAt(data []byte, local string) int {
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte(local))
		if i < 0 {
			return -1
		}
		i += off
		off = i + len(local)
		if off >= len(data) || !bytes.ContainsRune([]byte(" \t\r\n/>"), rune(data[off])) {
			continue
		}
		j := i - 1
		for j >= 0 && data[j] != '<' && data[j] != ':' && data[j] != '>' && data[j] != ' ' {
			j--
		}
		if j >= 0 && data[j] == ':' {
			for j >= 0 && data[j] != '<' && data[j] != ' ' && data[j] != '>' {
				j--
			}
		}
		if j >= 0 && data[j] == '<' && (j == i-1 || data[i-1] == ':') {
			return j
		}
	}
}

// customProps returns the custom document properties, name and value text,
// in document order.
func (p *pkg) customProps() [][2]string {
	data, err := p.read("docProps/custom.xml")
	if err != nil || data == nil {
		return nil
	}
	var out [][2]string
	_ = ooxml.ScanXML(data, func(src ooxml.Tokens) error {
		out = nil
		name, depth := "", 0
		var b []byte
		for {
			t, err := src.Next()
			if err != nil {
				return err
			}
			switch t.Kind {
			case ooxml.StartToken:
				if string(t.Local) == "property" {
					name, depth = string(t.Attr("name")), 0
					b = b[:0]
				} else if name != "" {
					depth++
				}
			case ooxml.EndToken:
				if string(t.Local) == "property" {
					if name != "" {
						out = append(out, [2]string{name, string(b)})
					}
					name = ""
				}
			case ooxml.TextToken:
				if name != "" && depth > 0 {
					b = append(b, t.Text...)
				}
			}
		}
	})
	return out
}

// bstrUnmarshal decodes the _xHHHH_ escapes Office uses for characters XML
// cannot hold, as excelize does when it reads strings.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			if s[i:i+7] == "_x005F_" {
				b.WriteByte('_')
			} else {
				v, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
				if v < 0xD800 || v > 0xDFFF { // a lone surrogate decodes to nothing
					b.WriteRune(rune(v))
				}
			}
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// hiddenSheet reports whether the sheet named name is hidden.
func (p *pkg) hiddenSheet(name string) bool {
	for _, s := range p.sheets {
		if s.name == name {
			return s.hidden
		}
	}
	return false
}
