package ooxml

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
)

// MaxUnzipSize bounds what a package unpacks to, all parts together, and so
// any one part: a part is never read past it, whatever its header says.
const MaxUnzipSize = 128 << 20

// Zip is the index of a package's zip directory over the package's bytes:
// a part is found by its name, exactly or without case, and unpacked only
// when it is asked for (ReadZipFile), with FastInflate.
type Zip struct {
	Data  []byte      // the package's bytes
	Files []*zip.File // in the order of the zip directory
	parts map[string]*zip.File
}

// OpenZip indexes the zip directory of the package b. It fails as
// zip.NewReader does.
func OpenZip(b []byte) (*Zip, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	return IndexZip(zr, b), nil
}

// IndexZip is OpenZip on the zip directory of b already read.
func IndexZip(zr *zip.Reader, b []byte) *Zip {
	zr.RegisterDecompressor(zip.Deflate, FastInflate)
	z := &Zip{Data: b, Files: zr.File, parts: make(map[string]*zip.File, 2*len(zr.File))}
	for _, zf := range zr.File {
		name := strings.TrimPrefix(strings.ReplaceAll(zf.Name, "\\", "/"), "/")
		z.parts[name] = zf
		if lower := strings.ToLower(name); z.parts[lower] == nil {
			z.parts[lower] = zf
		}
	}
	return z
}

// Part returns the named part, matched exactly or without case, or nil.
func (z *Zip) Part(name string) *zip.File {
	if zf := z.parts[name]; zf != nil {
		return zf
	}
	return z.parts[strings.ToLower(name)]
}

// ReadZipFile unpacks one entry of a package, never past MaxUnzipSize.
func ReadZipFile(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// Sized from the header (bounded: a header can lie) to read in one go.
	buf := bytes.NewBuffer(make([]byte, 0, min(zf.UncompressedSize64, maxPrealloc)+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(rc, MaxUnzipSize))
	return buf.Bytes(), err
}

// maxPrealloc bounds the memory reserved for a part before it is read.
const maxPrealloc = 16 << 20

// CopyRaw copies an entry as it is compressed, from the package's bytes
// (zip.Writer.Copy would copy it through a new 32 KB buffer).
func CopyRaw(zw *zip.Writer, zf *zip.File, data []byte) error {
	off, err := zf.DataOffset()
	if err != nil {
		return err
	}
	end := off + int64(zf.CompressedSize64)
	if off < 0 || end < off || end > int64(len(data)) {
		return zip.ErrFormat
	}
	hdr := zf.FileHeader
	w, err := zw.CreateRaw(&hdr)
	if err != nil {
		return err
	}
	_, err = w.Write(data[off:end])
	return err
}

// StoreBelow is the size under which a changed part is stored as it is.
// Compressing the parts a score changes (the form sheet, styles, notes,
// the result sheet: about 40 KB on a form of twenty indicators) took a
// fifth of the write-back's time; stored, the file is about 30 KB larger
// and saving it costs no more (the fsyncs cost the same for 20 or 55 KB).
// A larger part (a form of thousands of rows) is compressed.
const StoreBelow = 64 << 10

// FastDeflate compresses the changed parts at the fastest level, with
// klauspost/compress's deflate (about three times as fast as the standard
// library's at that level, for the same size), compressors kept for reuse.
func FastDeflate(w io.Writer) (io.WriteCloser, error) {
	fw, _ := flatePool.Get().(*flate.Writer)
	if fw == nil {
		var err error
		if fw, err = flate.NewWriter(w, flate.BestSpeed); err != nil {
			return nil, err
		}
	} else {
		fw.Reset(w)
	}
	return &pooledFlate{fw}, nil
}

var flatePool sync.Pool

// FastInflate unpacks the parts the reader reads with klauspost/compress's
// inflate, three to four times as fast as the standard library's on the
// parts of a spreadsheet, decompressors kept for reuse with the buffered
// reader they read through (a zip entry is not an io.ByteReader: without
// one of its own each decompressor would make a new 4 KB buffer).
func FastInflate(r io.Reader) io.ReadCloser {
	in, _ := inflatePool.Get().(*inflater)
	if in == nil {
		in = &inflater{br: bufio.NewReader(nil)}
	}
	src := r
	if _, ok := r.(io.ByteReader); !ok {
		in.br.Reset(r)
		src = in.br
	}
	if in.fr == nil {
		in.fr = flate.NewReader(src)
	} else if err := in.fr.(flate.Resetter).Reset(src, nil); err != nil {
		in.fr = flate.NewReader(src)
	}
	return &pooledInflate{in}
}

var inflatePool sync.Pool

// inflater is a decompressor and the buffered reader it reads through.
type inflater struct {
	fr io.ReadCloser
	br *bufio.Reader
}

type pooledInflate struct{ in *inflater }

func (p *pooledInflate) Read(b []byte) (int, error) {
	if p.in == nil {
		return 0, errors.New("read after close")
	}
	return p.in.fr.Read(b)
}

func (p *pooledInflate) Close() error {
	if p.in == nil {
		return nil
	}
	err := p.in.fr.Close()
	p.in.br.Reset(nil)
	inflatePool.Put(p.in)
	p.in = nil
	return err
}

type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}
