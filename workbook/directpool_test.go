package workbook

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook/form"
)

// checked loads the form of path and checks it with the default profile.
func checked(t *testing.T, path string) (*Workbook, *form.Form, form.Outcome) {
	t.Helper()
	w, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, err := w.Read()
	if err != nil {
		t.Fatal(err)
	}
	p := validate.DefaultProfile()
	return w, fm, validate.Check(fm, p, validate.Chinese).Outcome(p, "test", fm.InputHash())
}

// The buffers kept from one write-back to the next are never shared: write-backs
// of two files at once, each many times over, give the bytes of one alone.
func TestDirectWriteBuffersNotShared(t *testing.T) {
	type job struct {
		w    *Workbook
		out  FormOutcome
		want []byte
	}
	var jobs []*job
	for _, name := range []string{"../samples/mof2020-cooperation.xlsx", "../samples/mof2020-liaison.xlsx"} {
		w, fm, out := checked(t, name)
		data, err := directWrite(w.pkg, fm, out)
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, &job{w: w, out: FormOutcome{Form: fm, Outcome: out}, want: bytes.Clone(data)})
		releaseOutput(data)
	}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 30 {
				data, err := directWriteAll(j.w.pkg, []FormOutcome{j.out})
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(data, j.want) {
					t.Errorf("%s: a write-back differs from the first", j.w.Path)
					return
				}
				releaseOutput(data)
			}
		}()
	}
	wg.Wait()
}

// cleanRef gives the reference as Ref writes it, whatever way it came.
func TestCleanRefCanonical(t *testing.T) {
	for in, want := range map[string]string{"E20": "E20", "$e$20": "E20", " E020 ": "E20", "E20:F21": "E20", "aa7": "AA7", "XFD1048576": "XFD1048576"} {
		if got, ok := cleanRef(in); !ok || got != want {
			t.Errorf("cleanRef(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "A0", "20", "E", "E2X", "XFE1"} {
		if got, ok := cleanRef(in); ok {
			t.Errorf("cleanRef(%q) = %q, want none", in, got)
		}
	}
}

// A cell's content is stepped over to its end tag, and scanned tag by tag
// where it holds a comment, CDATA or an element named c: each cell's
// element is found whole either way.
func TestMapSheetCellEnds(t *testing.T) {
	cellsIn := []string{
		`<c r="A1"><v>1</v></c>`,
		`<c r="B1"><!-- </c> --><v>2</v></c>`,
		`<c r="C1" t="inlineStr"><is><t><![CDATA[</c>]]></t></is></c>`,
		`<c r="D1"><f>SUM(A1:B1)</f><v>3</v></c>`,
		`<c r="E1" s="2"/>`,
		`<c r="F1"><extLst><c/></extLst><v>4</v></c>`,
	}
	data := []byte(`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1">` + strings.Join(cellsIn, "") + `</row><row r="2"><c r="A2"><v>5</v></c></row></sheetData></worksheet>`)
	sm, err := mapSheet(data, map[int]bool{1: true})
	if err != nil {
		t.Fatal(err)
	}
	r := sm.byRow(1)
	if r == nil || len(r.cells) != len(cellsIn) {
		t.Fatalf("row 1 has %v", r)
	}
	for i, c := range r.cells {
		if got := string(data[c.start:c.end]); got != cellsIn[i] {
			t.Errorf("cell %d = %s, want %s", i, got, cellsIn[i])
		}
	}
	if r2 := sm.byRow(2); r2 == nil || r2.mapped || len(r2.cells) != 0 {
		t.Errorf("row 2 not mapped is %+v", r2)
	}
	if got := string(sm.bytes()); got != string(data) {
		t.Errorf("an unedited sheet changed:\n%s", got)
	}
}
