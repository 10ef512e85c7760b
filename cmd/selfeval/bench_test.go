package main

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchFiles copies the liaison sample n times into a temp folder.
func benchFiles(b *testing.B, n int) []string {
	b.Helper()
	src, err := os.ReadFile("../../samples/mof2020-liaison.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("f%03d.xlsx", i))
		if err := os.WriteFile(paths[i], src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return paths
}

func benchEngine(b *testing.B) *engine {
	g, err := newEngine(nil, rulesOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkCheck: one form, read and validated (the check command's work).
func BenchmarkCheck(b *testing.B) {
	g, paths := benchEngine(b), benchFiles(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		if ev := g.evaluate(paths[0])[0]; ev.Err != nil {
			b.Fatal(ev.Err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "forms/s")
}

// BenchmarkScore: one form, read, validated and written back in place.
func BenchmarkScore(b *testing.B) {
	g, paths := benchEngine(b), benchFiles(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		if ev := g.score(paths[0], "", false)[0]; ev.Err != nil {
			b.Fatal(ev.Err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "forms/s")
}

// BenchmarkCheckBatch: 100 forms through the parallel path of the CLI.
func BenchmarkCheckBatch(b *testing.B) {
	g, paths := benchEngine(b), benchFiles(b, 100)
	b.ReportAllocs()
	for b.Loop() {
		for _, ev := range flatten(each(b.Context(), paths, nil, g.evaluate)) {
			if ev.Err != nil {
				b.Fatal(ev.Err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(paths))/b.Elapsed().Seconds(), "forms/s")
}

// BenchmarkFloorUnzipXML is the floor to compare against: unzip the same
// file and tokenise every XML part, doing nothing with it.
func BenchmarkFloorUnzipXML(b *testing.B) {
	paths := benchFiles(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		z, err := zip.OpenReader(paths[0])
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range z.File {
			r, err := f.Open()
			if err != nil {
				b.Fatal(err)
			}
			d := xml.NewDecoder(r)
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					break
				}
			}
			r.Close()
		}
		z.Close()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "forms/s")
}
