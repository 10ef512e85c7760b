package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// runQuiet runs the CLI in-process and returns its exit code and output.
func runQuiet(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), append([]string{"selfeval"}, args...), &stdout, &stderr))
	return code, stdout.String(), stderr.String()
}

func TestSafeNames(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "机关服务费.XLSX"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got := uniqueNames(dir, []string{"机关服务费", "a/b:c*?", "CON", "  项目. ", "合作交流", "合作交流", "", strings.Repeat("长", 80)})
	want := []string{"机关服务费-2.xlsx", "a_b_c__.xlsx", "_CON.xlsx", "项目.xlsx", "合作交流.xlsx", "合作交流-2.xlsx", "项目-2.xlsx", strings.Repeat("长", 60) + ".xlsx"}
	for i := range want {
		if filepath.Base(got[i]) != want[i] {
			t.Errorf("name %d = %q, want %q", i, filepath.Base(got[i]), want[i])
		}
	}
}

// protection returns the sheet and workbook protection elements of a saved
// workbook, as stored.
func protection(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	re := regexp.MustCompile(`<(sheetProtection|workbookProtection)[^>]*>`)
	var out []string
	for _, f := range zr.File {
		if f.Name != "xl/workbook.xml" && f.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		out = append(out, re.FindAllString(string(data), -1)...)
	}
	return strings.Join(out, "\n")
}

// TestPasswordSurvivesScore: a template issued with --password keeps its
// protection, password hash included, through score.
func TestPasswordSurvivesScore(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "issued")
	if code, o, e := runQuiet("template", "--kind", "mof2020", "--from", filepath.Join("..", "..", "samples", "targets", "mof2020-targets.csv"),
		"--password", "secret", "--out-dir", out); code != exitOK {
		t.Fatalf("template: exit %d\n%s%s", code, o, e)
	}
	path := filepath.Join(out, "机关服务费.xlsx")
	before := protection(t, path)
	if !strings.Contains(before, `algorithmName="SHA-512"`) || !strings.Contains(before, "hashValue=") {
		t.Fatalf("issued protection has no password hash:\n%s", before)
	}
	if code, o, e := runQuiet("score", path); code == exitUnreadable || code == exitUsage {
		t.Fatalf("score: exit %d\n%s%s", code, o, e)
	}
	if after := protection(t, path); after != before {
		t.Errorf("protection changed by score\nbefore:\n%s\nafter:\n%s", before, after)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n, _ := f.GetSheetIndex("校验结果"); n < 0 {
		t.Error("score wrote no 校验结果 sheet")
	}
	if err := f.UnprotectSheet("自评表", "wrong"); err == nil {
		t.Error("a wrong password unprotects the scored form")
	}
	if err := f.UnprotectSheet("自评表", "secret"); err != nil {
		t.Errorf("the password no longer unprotects the scored form: %v", err)
	}
}
