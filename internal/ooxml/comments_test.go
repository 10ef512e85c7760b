package ooxml

import (
	"bytes"
	"strings"
	"testing"
)

func TestComments(t *testing.T) {
	in := `<?xml version="1.0"?><x:comments xmlns:x="urn:main"><x:authors><x:author>Ann</x:author><x:author>tc={1}</x:author></x:authors>` +
		`<x:commentList><x:comment ref="A1" authorId="0"><x:text><x:r><x:t>a&amp;</x:t></x:r><x:r><x:rPr/><x:t>b</x:t></x:r></x:text></x:comment>` +
		`<x:comment ref="$B$2" authorId="1"><x:text><x:t>c</x:t></x:text></x:comment><x:comment ref="C3"/></x:commentList></x:comments>`
	cm, err := EditComments([]byte(in), "urn:main")
	if err != nil {
		t.Fatal(err)
	}
	if len(cm.Authors) != 2 || cm.Authors[0] != "Ann" || len(cm.List) != 3 {
		t.Fatalf("authors %q, %d notes", cm.Authors, len(cm.List))
	}
	a, b, c := cm.List[0], cm.List[1], cm.List[2]
	if a.Ref != "A1" || a.Author != 0 || a.Threaded || len(a.Runs) != 2 || a.Runs[0].Text != "a&" || a.Runs[1].Text != "b" || a.Runs[1].Name != "r" {
		t.Errorf("first note %+v", a)
	}
	if got := string(a.Raw[a.Runs[1].Start:a.Runs[1].End]); got != `<x:r><x:rPr/><x:t>b</x:t></x:r>` {
		t.Errorf("run as written: %s", got)
	}
	if b.Ref != "$B$2" || !b.Threaded || len(b.Runs) != 1 || b.Runs[0].Name != "t" || b.Runs[0].Text != "c" {
		t.Errorf("second note %+v", b)
	}
	if c.Author != -1 || c.Runs != nil {
		t.Errorf("third note %+v", c)
	}
	// the notes replaced, an author added, every other byte kept
	got := string(cm.Bytes([][]byte{a.Raw, []byte(`<comment ref="D4" authorId="2"><text><t>n</t></text></comment>`)}, "New", true))
	want := `<?xml version="1.0"?><x:comments xmlns:x="urn:main"><x:authors><x:author>Ann</x:author><x:author>tc={1}</x:author><x:author>New</x:author></x:authors>` +
		`<x:commentList>` + string(a.Raw) + `<x:comment ref="D4" authorId="2"><x:text><x:t>n</x:t></x:text></x:comment></x:commentList></x:comments>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// no authors, an empty list
	cm, err = EditComments([]byte(`<comments xmlns="urn:main"><commentList/></comments>`), "urn:main")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(cm.Bytes([][]byte{[]byte(`<comment ref="A1"/>`)}, "N", true)); got != `<comments xmlns="urn:main"><authors><author>N</author></authors><commentList><comment ref="A1"/></commentList></comments>` {
		t.Errorf("got %s", got)
	}
	for _, bad := range []string{`<comments xmlns="urn:other"><commentList/></comments>`, `<comments xmlns="urn:main"></comments>`, `<comments xmlns="urn:main"><commentList>`} {
		if _, err := EditComments([]byte(bad), "urn:main"); err == nil {
			t.Errorf("took %s", bad)
		}
	}
	n := NewComments("urn:main", "N&M", [][]byte{[]byte(`<comment ref="A1"/>`)})
	if cm, err := EditComments(n, "urn:main"); err != nil || len(cm.List) != 1 || cm.Authors[0] != "N&M" || !strings.HasPrefix(string(n), XMLHead) {
		t.Errorf("NewComments: %s, %v", n, err)
	}
}

// TestWriteNewComments: the part written piece by piece is NewComments'.
func TestWriteNewComments(t *testing.T) {
	items := [][]byte{[]byte(`<comment ref="A1" authorId="0"><text><t>a</t></text></comment>`), []byte(`<comment ref="B2" authorId="0"><text><t>b&amp;</t></text></comment>`)}
	var b bytes.Buffer
	if err := WriteNewComments(&b, "urn:main", "N&M", items); err != nil {
		t.Fatal(err)
	}
	if want := NewComments("urn:main", "N&M", items); !bytes.Equal(b.Bytes(), want) {
		t.Errorf("got\n%s\nwant\n%s", b.Bytes(), want)
	}
}

// TestCommentsWriteTo: the part written note by note is Bytes', with an
// author added or not, prefixed or not, an empty list or none.
func TestCommentsWriteTo(t *testing.T) {
	items := [][]byte{[]byte(`<comment ref="D4" authorId="1"><text><t>n</t></text></comment>`), []byte(`<comment ref="E5" authorId="0"><text><t>m</t></text></comment>`)}
	for _, in := range []string{
		`<?xml version="1.0"?><x:comments xmlns:x="urn:main"><x:authors><x:author>Ann</x:author></x:authors><x:commentList><x:comment ref="A1" authorId="0"><x:text><x:t>a</x:t></x:text></x:comment></x:commentList></x:comments>`,
		`<comments xmlns="urn:main"><authors/><commentList/></comments>`,
		`<comments xmlns="urn:main"><commentList></commentList></comments>`,
		`<comments xmlns="urn:main"><commentList/></comments>`,
	} {
		for _, add := range []bool{false, true} {
			cm, err := EditComments([]byte(in), "urn:main")
			if err != nil {
				t.Fatal(err)
			}
			want := cm.Bytes(items, "新", add)
			var b bytes.Buffer
			if err := cm.WriteTo(&b, items, "新", add); err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("%s (add %v): WriteTo\n%s\nBytes\n%s", in, add, b.String(), want)
			}
		}
	}
}
