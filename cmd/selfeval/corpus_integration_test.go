//go:build integration

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIntegrationProducerCorpus opens the 60 packages of the workbook
// package's producer corpus (TestProducerCorpus: six producers' files
// edited ten ways, each scored twice) with openpyxl, and converts them all
// with one LibreOffice run: every one must open and convert.
func TestIntegrationProducerCorpus(t *testing.T) {
	o := needTools(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-run", "TestProducerCorpus", "../../workbook")
	cmd.Env = append(os.Environ(), "SELFEVAL_CORPUS_OUT="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the corpus: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(files) < 60 {
		t.Fatalf("%d scored packages, want 60", len(files))
	}
	if out, err := exec.CommandContext(ctx, python, append([]string{"-c", openpyxlReadAll}, files...)...).CombinedOutput(); err != nil {
		t.Errorf("openpyxl: %v\n%s", err, out)
	}
	conv := t.TempDir()
	o.convertAll(t, "xlsx", conv, files)
	for _, f := range files {
		fi, err := os.Stat(filepath.Join(conv, filepath.Base(f)))
		if err != nil || fi.Size() == 0 {
			t.Errorf("LibreOffice did not convert %s: %v", strings.TrimSuffix(filepath.Base(f), ".xlsx"), err)
		}
	}
}
