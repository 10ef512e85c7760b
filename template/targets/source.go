package targets

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Location is where a value sits in a targets file.
type Location struct {
	Sheet  string // XLSX: the sheet
	Line   int    // CSV and XLSX: the 1-based line (row); 0 when not about a line
	Item   int    // JSON: the 1-based position of the object in the array
	Cell   string // CSV and XLSX: the A1 reference of the cell, "" for a whole row
	Column string // the header of the column, "" for a whole row
}

// String names the place for a person: “第 5 行（D5，年度指标值）”,
// “Sheet1!D5（年度指标值）” or “第 3 项（target）”.
func (l Location) String() string { return l.Localized(false) }

// Localized names the place in English (line 5 D5 "年度指标值") or in
// Chinese.
func (l Location) Localized(english bool) string {
	var where string
	switch {
	case l.Item == 0 && l.Line == 0 && l.Cell == "":
		where = pick(english, "表头", "header")
	case l.Item > 0:
		where = fmt.Sprintf(pick(english, "第 %d 项", "item %d"), l.Item)
	case l.Sheet != "" && l.Cell != "":
		where = l.Sheet + "!" + l.Cell
	case l.Sheet != "":
		where = fmt.Sprintf(pick(english, "%s 第 %d 行", "%s line %d"), l.Sheet, l.Line)
	case l.Cell != "":
		where = fmt.Sprintf(pick(english, "第 %d 行 %s", "line %d %s"), l.Line, l.Cell)
	default:
		where = fmt.Sprintf(pick(english, "第 %d 行", "line %d"), l.Line)
	}
	if l.Column != "" {
		if english {
			where += fmt.Sprintf(" %q", l.Column)
		} else {
			where += "「" + l.Column + "」"
		}
	}
	return where
}

func pick(english bool, zh, en string) string {
	if english {
		return en
	}
	return zh
}

// before orders locations by line (or item), then column.
func (l Location) before(o Location) bool {
	if a, b := l.Line+l.Item, o.Line+o.Item; a != b {
		return a < b
	}
	return len(l.Cell) < len(o.Cell) || (len(l.Cell) == len(o.Cell) && l.Cell < o.Cell)
}

// record is one data row of a targets file.
type record struct {
	cells []string
	at    func(col int) Location // where column col of this row sits
}

// table is a targets file as rows of text under a header.
type table struct {
	header  []string
	records []record
}

// maxFileSize bounds a targets file: exports of a whole budget year are a
// few megabytes.
const maxFileSize = 64 << 20

// load reads a CSV, XLSX or JSON targets file by its extension.
func load(path string) (*table, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, i18n.New("不是普通文件", "not a regular file")
	}
	if st.Size() > maxFileSize {
		return nil, i18n.Errorf("文件过大（%d 字节）", "the file is too large (%d bytes)", st.Size())
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return loadCSV(data)
	case ".xlsx", ".xlsm":
		return loadXLSX(path)
	case ".json":
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return loadJSON(data)
	}
	return nil, i18n.Errorf("不支持的文件类型 %q（应为 .csv、.xlsx 或 .json）", "unsupported file type %q (use .csv, .xlsx or .json)", filepath.Ext(path))
}

// loadCSV reads UTF-8 (with or without BOM) or GB18030 text, the two
// encodings budget systems export; the delimiter is a comma, or a tab or
// semicolon when the header has no comma.
func loadCSV(data []byte) (*table, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, i18n.New("文件编码无法识别（应为 UTF-8 或 GBK）", "unknown text encoding (use UTF-8 or GBK)")
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if !bytes.ContainsRune(first, ',') {
		switch {
		case bytes.ContainsRune(first, '\t'):
			r.Comma = '\t'
		case bytes.ContainsRune(first, ';'):
			r.Comma = ';'
		}
	}
	r.FieldsPerRecord = -1
	t := &table{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			if !emptyRow(rec) {
				t.header = rec
			}
			continue
		}
		ln := line
		t.records = append(t.records, record{cells: rec, at: func(col int) Location {
			name, _ := excelize.CoordinatesToCellName(col+1, ln)
			return Location{Line: ln, Cell: name}
		}})
	}
	return t, nil
}

// loadXLSX reads the first sheet that has a header row among its first ten
// rows (any non-empty row before it is a title and skipped).
func loadXLSX(path string) (*table, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, i18n.Errorf("无法打开工作簿：%w", "cannot open the workbook: %w", err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, err
		}
		for h := 0; h < len(rows) && h < 10; h++ {
			if len(match(allColumns(), rows[h])) < 2 {
				continue
			}
			t := &table{header: rows[h]}
			for i := h + 1; i < len(rows); i++ {
				line, sh := i+1, sheet
				t.records = append(t.records, record{cells: rows[i], at: func(col int) Location {
					name, _ := excelize.CoordinatesToCellName(col+1, line)
					return Location{Sheet: sh, Line: line, Cell: name}
				}})
			}
			return t, nil
		}
	}
	return &table{}, nil
}

// allColumns is every column of every kind, to recognise a header row.
func allColumns() []Column {
	var out []Column
	for _, k := range sortedKinds() {
		out = append(out, columns[k]...)
	}
	return out
}

func sortedKinds() []string {
	var ks []string
	for k := range columns {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// loadJSON reads an array of flat objects, one per indicator, keyed by the
// column headers or keys. Numbers are kept as written.
func loadJSON(data []byte) (*table, error) {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	dec.UseNumber()
	var items []map[string]any
	if err := dec.Decode(&items); err != nil {
		return nil, i18n.Errorf("不是由对象组成的 JSON 数组（每个指标一个对象）：%w", "not a JSON array of objects (one object per indicator): %w", err)
	}
	t := &table{}
	index := map[string]int{}
	for i, it := range items {
		var keys []string
		for k := range it {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		rec := make([]string, len(t.header))
		for _, k := range keys {
			c, ok := index[k]
			if !ok {
				c = len(t.header)
				index[k] = c
				t.header = append(t.header, k)
				rec = append(rec, "")
			}
			v, err := jsonText(it[k])
			if err != nil {
				return nil, i18n.Errorf("第 %d 项「%s」：%w", "item %d %q: %w", i+1, k, err)
			}
			rec[c] = v
		}
		item := i + 1
		t.records = append(t.records, record{cells: rec, at: func(int) Location { return Location{Item: item} }})
	}
	return t, nil
}

func jsonText(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		return strconv.FormatBool(v), nil
	}
	return "", i18n.New("值应为文字或数字，而不是对象或数组", "a value must be text or a number, not an object or an array")
}

func emptyRow(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
