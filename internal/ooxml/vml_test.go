package ooxml

import (
	"bytes"
	"strings"
	"testing"
)

func TestVML(t *testing.T) {
	in := `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
		`<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="3"/></o:shapelayout>` +
		`<v:shapetype id="_x0000_t202"/>` +
		`<v:shape id="_x0000_s3073"><x:ClientData ObjectType="Note"><x:Row>1</x:Row><x:Column>2</x:Column></x:ClientData></v:shape>` +
		`<v:shape id="_x0000_s3074" o:spid="_x0000_s5121"><x:ClientData ObjectType="Button"/></v:shape></xml>`
	vm, err := EditVML([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(vm.Shapes) != 2 || !vm.Shapes[0].Note || vm.Shapes[0].Ref != "C2" || vm.Shapes[1].Note || len(vm.Shapes[1].Blocks) != 2 || vm.Shapes[1].Blocks[1] != 5 {
		t.Fatalf("shapes %+v", vm.Shapes)
	}
	redrawn := map[string]bool{"C2": true}
	if vm.Others(redrawn) != 1 || vm.Others(nil) != 2 {
		t.Error("Others")
	}
	if kept := vm.KeptBlocks(redrawn); len(kept) != 2 || kept[0] != 3 || kept[1] != 5 {
		t.Errorf("KeptBlocks = %v", kept)
	}
	used := map[int]bool{}
	for _, b := range VMLUsedBlocks([]byte(in)) {
		used[b] = true
	}
	if !used[3] || !used[5] || len(used) != 2 {
		t.Errorf("VMLUsedBlocks = %v", used)
	}
	blocks := FreeBlocks(used, 1500)
	if len(blocks) != 2 || blocks[0] != 1 || blocks[1] != 2 {
		t.Errorf("FreeBlocks = %v", blocks)
	}
	out := string(vm.Bytes(redrawn, []NoteBox{{Ref: "B3", Text: "x\ny"}}, []int{1}))
	if strings.Contains(out, "_x0000_s3073") || !strings.Contains(out, `<v:shape id="_x0000_s1025"`) || !strings.Contains(out, `data="1,3"`) ||
		!strings.Contains(out, "<x:Row>2</x:Row><x:Column>1</x:Column>") || strings.Count(out, `id="_x0000_t202"`) != 1 {
		t.Errorf("Bytes = %s", out)
	}
	if again, err := EditVML([]byte(out)); err != nil || len(again.Shapes) != 2 || again.Shapes[1].Ref != "B3" {
		t.Errorf("Bytes does not read back: %v", err)
	}
	// a new drawing of notes
	nv := NewVML([]NoteBox{{Ref: "A1"}, {Ref: "D9"}}, []int{4})
	got, err := EditVML(nv)
	if err != nil || len(got.Shapes) != 2 || got.Shapes[1].Ref != "D9" || got.Shapes[1].Blocks[0] != 4 {
		t.Errorf("NewVML: %s, %v", nv, err)
	}
}

func TestLegacyDrawing(t *testing.T) {
	const ns = "urn:rel"
	if got := string(LegacyDrawing([]byte(`<worksheet xmlns="m" xmlns:rr="urn:rel">`), ns, "rId4")); got != `<legacyDrawing rr:id="rId4"/>` {
		t.Errorf("got %s", got)
	}
	if got := string(LegacyDrawing([]byte(`<worksheet xmlns="m">`), ns, "rId4")); got != `<legacyDrawing xmlns:r="urn:rel" r:id="rId4"/>` {
		t.Errorf("got %s", got)
	}
}

// TestWriteNewVML: the drawing written a group of boxes at a time is
// NewVML's, whatever the group.
func TestWriteNewVML(t *testing.T) {
	var boxes []NoteBox
	for i := range 3000 {
		boxes = append(boxes, NoteBox{Ref: Ref(i+1, i%5), Text: strings.Repeat("第一行\n", i%4)})
	}
	blocks := FreeBlocks(map[int]bool{1: true}, len(boxes))
	want := NewVML(boxes, blocks)
	for _, chunk := range []int{1, 700, 5000, 1 << 20} {
		var b bytes.Buffer
		if err := WriteNewVML(&b, nil, chunk, boxes, blocks); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("chunk %d: %d bytes, NewVML %d", chunk, b.Len(), len(want))
		}
	}
}

// TestVMLWriteTo: the drawing edited and written a group of boxes at a
// time is Bytes', whether the root maps blocks, defines the shape type and
// declares the namespaces or not.
func TestVMLWriteTo(t *testing.T) {
	ours := `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
		`<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="3"/></o:shapelayout><v:shapetype id="_x0000_t202"/>` +
		`<v:shape id="_x0000_s3073"><x:ClientData ObjectType="Note"><x:Row>1</x:Row><x:Column>2</x:Column></x:ClientData></v:shape>` +
		`<v:shape id="_x0000_s3074"><x:ClientData ObjectType="Button"/></v:shape></xml>`
	bare := `<xml><v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel" id="_x0000_s1025"><x:ClientData ObjectType="Note"><x:Row>4</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>`
	var boxes []NoteBox
	for i := range 700 {
		boxes = append(boxes, NoteBox{Ref: Ref(i+1, 2), Text: strings.Repeat("行\n", i%3)})
	}
	for _, in := range []string{ours, bare} {
		for _, n := range []int{0, 1, len(boxes)} {
			vm, err := EditVML([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			redrawn := map[string]bool{"C2": true, "A5": true}
			blocks := []int{1}
			want := vm.Bytes(redrawn, boxes[:n], blocks)
			var b bytes.Buffer
			if err := vm.WriteTo(&b, redrawn, boxes[:n], blocks, 3000); err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("%d boxes into %.40s…: WriteTo\n%.300s\nBytes\n%.300s", n, in, b.String(), want)
			}
		}
	}
}
