package template

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// rowBreaks returns the rows after which the form sheet breaks pages.
func rowBreaks(t *testing.T, data []byte) []int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, _ := io.ReadAll(rc)
		rc.Close()
		var out []int
		for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllSubmatch(xml, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			out = append(out, n)
		}
		return out
	}
	t.Fatal("no form sheet")
	return nil
}

// TestPageBreaksKeepGroups builds sh2019 templates tall enough to need
// several pages and checks that no category label is split and that every
// page holds what it must.
func TestPageBreaksKeepGroups(t *testing.T) {
	for _, rows := range []int{6, 9, 14} {
		opts := Options{Rows: rows}
		f := build(t, form.SH2019, opts)
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		l := LayoutOf(form.SH2019, opts)
		breaks := rowBreaks(t, buf.Bytes())
		if len(breaks) == 0 {
			t.Errorf("rows %d: no page break in a %d-row form", rows, l.LastRow)
		}
		for _, b := range breaks {
			for _, g := range l.Groups {
				if b >= g.First && b < g.Last {
					t.Errorf("rows %d: page break after row %d splits %s (rows %d–%d)", rows, b, g.Label, g.First, g.Last)
				}
			}
		}
		page := (a4Height - (marginTop+marginBottom)*72) / (float64(printScale(form.SH2019.Widths)) / 100)
		first := 1
		for _, b := range append(breaks, l.LastRow) {
			var h float64
			if first > l.Header {
				h, _ = f.GetRowHeight(l.Sheet, l.Header)
			}
			for r := first; r <= b; r++ {
				rh, _ := f.GetRowHeight(l.Sheet, r)
				h += rh
			}
			if h > page {
				t.Errorf("rows %d: page of rows %d–%d is %.0f points, more than %.0f", rows, first, b, h, page)
			}
			first = b + 1
		}
	}
}
