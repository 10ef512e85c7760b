package workbook_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook"
)

// The namespaces of transitional and strict (ISO 29500) packages.
const (
	nsMainT = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRelT  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsMainS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
	nsRelS  = "http://purl.oclc.org/ooxml/officeDocument/relationships"
)

var toStrict = strings.NewReplacer(nsMainT, nsMainS, nsRelT, nsRelS)

// zipParts returns the parts of a package by name, and their names in zip
// order.
func zipParts(t *testing.T, data []byte) (map[string]string, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
		names = append(names, f.Name)
	}
	return parts, names
}

// strictCopy writes the package src with its spreadsheet and relationship
// namespaces (and so its relationship types) made strict.
func strictCopy(t *testing.T, src []byte, dst string) {
	t.Helper()
	parts, names := zipParts(t, src)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, toStrict.Replace(parts[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStrictWriteBack: a strict package (purl.oclc.org namespaces), which
// the reader reads, is written back as its transitional twin is: every
// part of the output is the twin's output with the namespaces made strict
// (so the notes, comments, drawings, relationships and the result sheet
// added take the strict namespaces), in two rounds, the second replacing
// the marks of the first.
func TestStrictWriteBack(t *testing.T) {
	for _, in := range []string{"../samples/mof2020-cooperation.xlsx", "../samples/sh2019-kunming.xlsx",
		"testdata/corpus/libreoffice-mof2020-cooperation.xlsx", "testdata/corpus/openpyxl-sh2019-kunming.xlsx"} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			tr, st := filepath.Join(dir, "t.xlsx"), filepath.Join(dir, "s.xlsx")
			if err := os.WriteFile(tr, src, 0o644); err != nil {
				t.Fatal(err)
			}
			strictCopy(t, src, st)
			for round := 1; round <= 2; round++ {
				scoreWith(t, tr, true, false)
				scoreWith(t, st, true, false)
				tb, err := os.ReadFile(tr)
				if err != nil {
					t.Fatal(err)
				}
				sb, err := os.ReadFile(st)
				if err != nil {
					t.Fatal(err)
				}
				tp, tn := zipParts(t, tb)
				sp, sn := zipParts(t, sb)
				sort.Strings(tn)
				sort.Strings(sn)
				if strings.Join(tn, " ") != strings.Join(sn, " ") {
					t.Fatalf("round %d: parts\n%v\nwant\n%v", round, sn, tn)
				}
				if _, ok := sp["xl/comments1.xml"]; !ok && strings.Contains(in, "samples/mof2020") {
					t.Errorf("round %d: no notes written", round) // the sample has findings
				}
				for _, n := range tn {
					if want := toStrict.Replace(tp[n]); sp[n] != want {
						t.Errorf("round %d: part %s differs from its transitional twin's", round, n)
					}
					if strings.Contains(sp[n], nsMainT) || strings.Contains(sp[n], nsRelT) {
						t.Errorf("round %d: part %s holds a transitional namespace", round, n)
					}
				}
			}
		})
	}
}

// TestRelsWithDocType: a workbook whose relationships part has a document
// type is read as before (the one relationships model reads it through the
// tokenizer); the write-back, which would edit that part to list the
// result sheet, refuses it naming the part.
func TestRelsWithDocType(t *testing.T) {
	z := readZip(t, "../samples/mof2020-liaison.xlsx")
	z.replace(t, "xl/_rels/workbook.xml.rels", `<Relationships `, `<!DOCTYPE Relationships><Relationships `)
	p := filepath.Join(t.TempDir(), "表.xlsx")
	z.write(t, p)
	wb, fm, out := outcomeOf(t, p, false)
	if fm.Sheet == "" {
		t.Fatal("no form read")
	}
	err := wb.WriteBack("", fm, out, workbook.WriteOptions{})
	if !errors.Is(err, workbook.ErrUnwritable) || !strings.Contains(err.Error(), "xl/_rels/workbook.xml.rels") {
		t.Errorf("err = %v, want ErrUnwritable naming the part", err)
	}
}
