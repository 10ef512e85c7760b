//go:build integration

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestIntegrationCorpus: every corpus file re-saved by LibreOffice reads as
// our own sample of its seed. Run one half with -run 'TestIntegrationCorpus/held'.
func TestIntegrationCorpus(t *testing.T) {
	o := needTools(t)
	cases := corpusCases()
	src := t.TempDir()
	paths := writeCorpus(t, src, cases)
	out := t.TempDir()
	o.convertAll(t, "xlsx", out, paths)
	for i, c := range cases {
		t.Run(c.name(), func(t *testing.T) {
			assertCorpus(t, filepath.Join(out, filepath.Base(paths[i])), c)
		})
	}
	_ = strings.TrimSpace
}
