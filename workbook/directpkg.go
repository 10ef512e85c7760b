package workbook

import (
	"archive/zip"
	"bytes"
	"path"
	"strings"
	"time"

	"github.com/selfeval/selfeval/internal/ooxml"
)

// dropCalcChain removes the calculation chain, which lists the formula
// cells and would name the ones replaced by values: spreadsheets rebuild
// it.
func (d *directPkg) dropCalcChain() error {
	dir := path.Dir(d.p.wbPart)
	relsName := path.Join(dir, "_rels", path.Base(d.p.wbPart)+".rels")
	data, err := d.read(relsName)
	if err != nil {
		return err
	}
	re, err := ooxml.EditRels(d.p.wbPart, data)
	if err != nil {
		return partError(relsName, errCannotEdit)
	}
	for _, r := range re.List {
		if strings.HasSuffix(r.Type, "/calcChain") {
			re.Remove(r.ID)
			d.remove(r.Target)
			d.put(relsName, re.Bytes())
		}
	}
	return nil
}

// outputs keeps the buffers of written packages for the next file (see
// releaseOutput): a new one for every file, cleared and faulted in, cost
// about as much as writing the package's untouched parts into it. It is a
// small free list, not a sync.Pool, which each garbage collection empties
// (a collection comes every few forms).
var outputs = make(chan []byte, 4)

// maxPooledOutput bounds the buffers outputs keeps (at most 4 MiB in all):
// a large form's buffer costs little next to its other work, and is not
// kept from one file to the next.
const maxPooledOutput = 1 << 20

// outputBuffer returns an empty buffer of capacity at least n.
func outputBuffer(n int) []byte {
	select {
	case b := <-outputs:
		if cap(b) >= n {
			return b[:0]
		}
		// Too small: dropped, so that the buffers kept grow to the size of
		// the larger packages rather than stay of the smaller ones.
	default:
	}
	c := 64 << 10 // a power of two: packages of similar sizes share buffers
	for c < n {
		c *= 2
	}
	return make([]byte, 0, c)
}

// releaseOutput gives back the buffer of a package written by zip once it
// is saved (or dropped): nothing may use data afterwards.
func releaseOutput(data []byte) {
	if cap(data) == 0 || cap(data) > maxPooledOutput {
		return
	}
	select {
	case outputs <- data[:0]:
	default: // enough kept
	}
}

// partBuffers keeps the buffers of the parts a write-back built (a
// worksheet, styles.xml, the result sheet) for the next file, by size
// class: powers of two from minPart to maxPart. They live only until the
// package is zipped (directPkg.release), and making them anew for every
// file was a good part of the write-back's garbage.
var partBuffers [partClasses]chan []byte

const (
	minPart     = 4 << 10
	maxPart     = 256 << 10
	partClasses = 7 // 4 KiB … 256 KiB
)

func init() {
	// A file takes up to about eight buffers of one class, and two files
	// are written at once; the larger classes keep fewer (at most 3.5 MiB
	// in all).
	for i := range partBuffers {
		n := 16
		if minPart<<i > 64<<10 {
			n = 4
		}
		partBuffers[i] = make(chan []byte, n)
	}
}

// partClass is the size class of a buffer of capacity n: the smallest
// class that holds n, or -1 when n is over maxPart.
func partClass(n int) int {
	c, size := 0, minPart
	for size < n {
		size *= 2
		c++
	}
	if c >= partClasses {
		return -1
	}
	return c
}

// buffer returns an empty buffer of capacity at least n for a part, kept
// by d to be given back by release.
func (d *directPkg) buffer(n int) []byte {
	c := partClass(n)
	if c < 0 {
		return make([]byte, 0, n)
	}
	select {
	case b := <-partBuffers[c]:
		return b[:0]
	default:
	}
	return make([]byte, 0, minPart<<c)
}

// keep notes a part's buffer (from buffer, grown or not) for release. A
// buffer over maxPart is not kept: release would drop it, and kept until
// then it would stay live through the whole write-back.
func (d *directPkg) keep(b []byte) []byte {
	if cap(b) <= maxPart {
		d.scratch = append(d.scratch, b)
	}
	return b
}

// release gives back the buffers of the parts built, once nothing uses
// them: the package is zipped or the write failed.
func (d *directPkg) release() {
	for _, b := range d.scratch {
		// A buffer goes back to the largest class it holds.
		if cap(b) < minPart || cap(b) > maxPart {
			continue
		}
		c := 0
		for minPart<<(c+1) <= cap(b) {
			c++
		}
		select {
		case partBuffers[c] <- b[:0]:
		default:
		}
	}
	d.scratch = nil
}

// firstDOSDate, 1980-01-01 00:00, is the date of the parts the write-back
// adds, as Excel dates its own: an entry with no date would carry the DOS
// date 0, which is no day (1980-00-00).
var firstDOSDate = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// zip writes the package: parts not changed are copied still compressed.
func (d *directPkg) zip() ([]byte, error) {
	size := 0
	for _, zf := range d.p.Files {
		size += int(zf.CompressedSize64) + len(zf.Name) + 100
	}
	for _, data := range d.set {
		if len(data) < ooxml.StoreBelow {
			size += len(data) // stored: no regrowing the buffer
		}
	}
	for _, pp := range d.packed {
		size += len(pp.data)
	}
	buf := bytes.NewBuffer(outputBuffer(size + 16<<10))
	zw := zip.NewWriter(buf)
	zw.RegisterCompressor(zip.Deflate, ooxml.FastDeflate)
	write := func(hdr *zip.FileHeader, data []byte) error {
		hdr.Method = zip.Deflate
		if len(data) < ooxml.StoreBelow {
			hdr.Method = zip.Store
		}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	for _, zf := range d.p.Files {
		switch data, set := d.set[zf.Name]; {
		case d.del[zf.Name]:
		case set:
			// A zero DOS date reads as 1979-11-30, which archive/zip
			// writes back as 2107: such an entry gets the first DOS
			// date, so a part written again has the same header on
			// every score.
			mod := zf.Modified
			if mod.Year() < 1980 {
				mod = firstDOSDate
			}
			if pp := d.packed[zf.Name]; pp != nil {
				if err := writePacked(zw, zf.Name, mod, pp); err != nil {
					return nil, err
				}
				continue
			}
			hdr := &zip.FileHeader{Name: zf.Name, Modified: mod}
			if err := write(hdr, data); err != nil {
				return nil, err
			}
		default:
			if err := ooxml.CopyRaw(zw, zf, d.p.Data); err != nil {
				return nil, err
			}
		}
	}
	for _, name := range d.added {
		if d.del[name] {
			continue
		}
		if pp := d.packed[name]; pp != nil {
			if err := writePacked(zw, name, firstDOSDate, pp); err != nil {
				return nil, err
			}
			continue
		}
		if err := write(&zip.FileHeader{Name: name, Modified: firstDOSDate}, d.set[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
