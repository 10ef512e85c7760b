package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/selfeval/selfeval/internal/ooxml"
)

// Large parts (the form sheet, notes, their drawing and the result sheet
// of a form of thousands of rows: megabytes each) are written piece by
// piece into their compressor as they are made, and kept compressed until
// the package is zipped: held whole, they were most of a large form's
// memory. A part under ooxml.StoreBelow is kept as it is and stored, as
// before.

// packedPart is a part kept deflated: the bytes of its zip entry, its
// CRC-32 and size.
type packedPart struct {
	data []byte // deflated, as ooxml.FastDeflate writes it
	crc  uint32
	size int64
}

// packer builds a part written piece by piece (an io.Writer): the first
// bytes as they are, and once the part reaches ooxml.StoreBelow, all of it
// deflated. When given the part as it was (was), it tells whether the part
// written is the same.
type packer struct {
	head []byte // the part while it is under ooxml.StoreBelow
	out  *bytes.Buffer
	fw   io.WriteCloser
	crc  uint32 // once deflating
	n    int64
	err  error

	was     []byte
	changed bool
}

// packChunk is about how much of a large part its writer makes before
// handing it to the packer.
var packChunk = 32 << 10

// wholeParts makes every part whole, as before parts were packed (tests:
// the package must come out the same either way).
var wholeParts = false

func (pk *packer) Write(b []byte) (int, error) {
	if pk.err != nil {
		return 0, pk.err
	}
	if pk.was != nil && !pk.changed {
		if end := pk.n + int64(len(b)); end > int64(len(pk.was)) || !bytes.Equal(pk.was[pk.n:end], b) {
			pk.changed = true
		}
	}
	pk.n += int64(len(b))
	if pk.fw == nil {
		if len(pk.head)+len(b) < ooxml.StoreBelow {
			pk.head = append(pk.head, b...) // stored: no CRC-32 needed
			return len(b), nil
		}
		pk.crc = crc32.Update(0, crc32.IEEETable, pk.head)
		pk.out = new(bytes.Buffer)
		if pk.fw, pk.err = ooxml.FastDeflate(pk.out); pk.err != nil {
			return 0, pk.err
		}
		if len(pk.head) > 0 {
			if _, pk.err = pk.fw.Write(pk.head); pk.err != nil {
				return 0, pk.err
			}
		}
		pk.head = nil
	}
	pk.crc = crc32.Update(pk.crc, crc32.IEEETable, b)
	if _, pk.err = pk.fw.Write(b); pk.err != nil {
		return 0, pk.err
	}
	return len(b), nil
}

// same reports whether the part written is the part as it was.
func (pk *packer) same() bool {
	return pk.was != nil && !pk.changed && pk.n == int64(len(pk.was))
}

// drop ends a part not used.
func (pk *packer) drop() {
	if pk.fw != nil && pk.err == nil {
		pk.fw.Close()
	}
	pk.fw, pk.out, pk.head, pk.err = nil, nil, nil, errDropped
}

var errDropped = io.ErrClosedPipe

// putPacked sets the part written into pk: as it is when it is small, else
// deflated.
func (d *directPkg) putPacked(name string, pk *packer) error {
	if pk.err != nil {
		return pk.err
	}
	if pk.fw == nil {
		if pk.head == nil {
			pk.head = []byte{}
		}
		d.put(name, pk.head)
		return nil
	}
	if err := pk.fw.Close(); err != nil {
		return err
	}
	if wholeParts {
		data, err := (&packedPart{data: pk.out.Bytes(), size: pk.n}).unpack()
		if err != nil {
			return err
		}
		d.put(name, data)
		return nil
	}
	d.put(name, nil)
	d.packed[d.entry(name)] = &packedPart{data: pk.out.Bytes(), crc: pk.crc, size: pk.n}
	pk.fw, pk.out = nil, nil
	// What the part was made from is garbage now: a collection here keeps
	// the heap from growing by it before the next part is made.
	if pk.n >= 1<<20 {
		runtime.GC()
	}
	return nil
}

// packer returns a packer for a part of about size bytes, holding its first
// bytes in a buffer of the write-back's.
func (d *directPkg) packer(size int) *packer {
	return &packer{head: d.keep(d.buffer(min(size+4096, ooxml.StoreBelow)))}
}

// boxSize is about the size of a note box in a VML drawing.
const boxSize = 620

// unpack returns a packed part's bytes.
func (pp *packedPart) unpack() ([]byte, error) {
	r := ooxml.FastInflate(bytes.NewReader(pp.data))
	defer r.Close()
	out := make([]byte, 0, pp.size+bytes.MinRead)
	buf := bytes.NewBuffer(out)
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// writePacked writes a packed part's entry, with the header zip.Writer's
// CreateHeader would give it for the same part compressed by
// ooxml.FastDeflate (a data descriptor, the extended timestamp), so the
// package is the same whether a part was packed or not.
func writePacked(zw *zip.Writer, name string, mod time.Time, pp *packedPart) error {
	if !plainName(name) {
		// CreateHeader would mark the name as UTF-8: written so.
		data, err := pp.unpack()
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Modified: mod, Method: zip.Deflate})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	hdr := &zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		Flags:              0x8,
		CreatorVersion:     20,
		ReaderVersion:      20,
		CRC32:              pp.crc,
		CompressedSize64:   uint64(len(pp.data)),
		UncompressedSize64: uint64(pp.size),
	}
	// CreateRaw writes the DOS date and time as given (CreateHeader makes
	// them from Modified, in its location, as here).
	//lint:ignore SA1019 CreateRaw takes the DOS fields, not Modified
	hdr.ModifiedDate, hdr.ModifiedTime = uint16(mod.Day()+int(mod.Month())<<5+(mod.Year()-1980)<<9), uint16(mod.Second()/2+mod.Minute()<<5+mod.Hour()<<11)
	var ext [9]byte
	binary.LittleEndian.PutUint16(ext[0:], 0x5455) // extended timestamp
	binary.LittleEndian.PutUint16(ext[2:], 5)
	ext[4] = 1 // the modification time
	binary.LittleEndian.PutUint32(ext[5:], uint32(mod.Unix()))
	hdr.Extra = ext[:]
	w, err := zw.CreateRaw(hdr)
	if err != nil {
		return err
	}
	_, err = w.Write(pp.data)
	return err
}

// plainName reports whether zip.Writer writes name as it is, without
// marking it UTF-8 (the characters CP-437 and UTF-8 agree on).
func plainName(name string) bool {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c > 0x7d || c == 0x5c {
			return false
		}
	}
	return true
}

// collect runs a collection in the write-back of a large form (a sheet over
// maxCachedPart was read) between its steps, and gives the pages freed back
// to the system: reading and checking such a form, and each step of its
// write-back, leave megabytes of garbage, and the pages they took would
// otherwise add to the write-back's own (a 10 000-row form's peak is about
// 3 MB lower for it).
func (d *directPkg) collect() {
	if d.p.bigSheet {
		debug.FreeOSMemory()
	}
}
