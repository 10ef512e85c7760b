package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/samples"
	"github.com/xuri/excelize/v2"
)

// TestExitCodes pins the exit-code contract.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	all, err := samples.All()
	if err != nil {
		t.Fatal(err)
	}
	var liaison samples.Sample
	for _, s := range all {
		if s.Name == "mof2020-liaison" {
			liaison = s
		}
	}
	good := filepath.Join(dir, "good.xlsx")
	saveSample(t, liaison, good)
	// The same project with the reason for its 16/20 deduction removed: an error.
	bad := liaison
	e := *bad.Entry
	e.Rows = append(e.Rows[:0:0], e.Rows...)
	e.Rows[2].Cells = map[string]string{}
	for k, v := range liaison.Entry.Rows[2].Cells {
		if k != "reason" {
			e.Rows[2].Cells[k] = v
		}
	}
	bad.Entry = &e
	invalid := filepath.Join(dir, "invalid.xlsx")
	saveSample(t, bad, invalid)
	plain := excelize.NewFile()
	plain.SetCellValue("Sheet1", "A1", "这不是自评表")
	other := filepath.Join(dir, "other.xlsx")
	if err := plain.SaveAs(other); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		stdout string
	}{
		{"ok", []string{"check", good}, exitOK, "", "93.52"},
		{"invalid", []string{"check", invalid}, exitInvalid, "", "错误"},
		{"ok and invalid", []string{"check", good, invalid}, exitInvalid, "", ""},
		{"empty file", []string{"check", write("empty.xlsx", nil)}, exitUnreadable, "", "empty.xlsx"},
		{"text renamed", []string{"check", write("text.xlsx", []byte("hello"))}, exitUnreadable, "", "text.xlsx"},
		{"legacy xls", []string{"check", write("old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0})}, exitUnreadable, "", ".xlsx"},
		{"unknown form", []string{"check", other}, exitUnreadable, "", "mof2020"},
		{"unreadable wins", []string{"check", invalid, write("e2.xlsx", nil)}, exitUnreadable, "", ""},
		{"no files", []string{"check"}, exitUsage, "selfeval: 错误：", ""},
		{"bad format", []string{"check", "--format", "xml", good}, exitUsage, "text 或 json", ""},
		{"unknown flag", []string{"check", "--nosuch", good}, exitUsage, "", ""},
		{"unknown command", []string{"nosuch"}, exitUsage, "", ""},
		{"bad lang", []string{"check", "--lang", "fr", good}, exitUsage, "zh 或 en", ""},
		{"missing rules file", []string{"check", "--rules", filepath.Join(dir, "none.yaml"), good}, exitUsage, "none.yaml", ""},
		{"-o with two files", []string{"score", "-o", "x.xlsx", good, invalid}, exitUsage, "-o", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := exitStatus(&errb, run(context.Background(), append([]string{"selfeval"}, tt.args...), &out, &errb))
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out.String(), errb.String())
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", errb.String(), tt.stderr)
			}
			if !strings.Contains(out.String(), tt.stdout) {
				t.Errorf("stdout %q does not contain %q", out.String(), tt.stdout)
			}
		})
	}
}

func saveSample(t *testing.T, s samples.Sample, path string) {
	t.Helper()
	f, err := s.Workbook()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
