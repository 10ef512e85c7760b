//go:build integration

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestIntegrationLayouts: every layout fixture re-saved by LibreOffice reads
// as our own sample of its seed.
func TestIntegrationLayouts(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	cases := layoutCases()
	var files []string
	for _, lc := range cases {
		abs, err := filepath.Abs(filepath.Join(layoutDir, lc.file()))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, abs)
	}
	out := t.TempDir()
	lo.convertAll(t, "xlsx", out, files)
	for _, lc := range cases {
		t.Run(strings.TrimSuffix(lc.file(), ".xlsx"), func(t *testing.T) {
			p := filepath.Join(out, lc.file())
			if b, err := os.ReadFile(p); err != nil {
				t.Fatal(err)
			} else if orig, _ := os.ReadFile(filepath.Join(layoutDir, lc.file())); bytes.Equal(b, orig) {
				t.Fatal("the re-saved file is the fixture itself")
			}
			assertLayout(t, p, lc)
		})
	}
}

// TestIntegrationLayouts3: every file of layouts set 3 re-saved by
// LibreOffice reads right (assertLayout3).
func TestIntegrationLayouts3(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	files := layouts3(t)
	var names []string
	for _, lf := range files {
		names = append(names, lf.File)
	}
	out := resaved(t, lo, layout3Dir, names)
	for _, lf := range files {
		t.Run(lf.File, func(t *testing.T) {
			assertLayout3(t, filepath.Join(out, lf.File), lf)
		})
	}
}

// TestIntegrationLayouts4: every file of layouts set 4 re-saved by
// LibreOffice reads as TestLayouts4 says (assertLayout4).
func TestIntegrationLayouts4(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	files := layouts4(t)
	var names []string
	for _, lf := range files {
		names = append(names, lf.File)
	}
	out := resaved(t, lo, layout4Dir, names)
	for _, lf := range files {
		t.Run(lf.File, func(t *testing.T) {
			assertLayout4(t, filepath.Join(out, lf.File), lf)
		})
	}
}

// resaved is the folder of the files names of dir, each saved again by
// LibreOffice as .xlsx.
func resaved(t *testing.T, lo *office, dir string, names []string) string {
	t.Helper()
	var paths []string
	for _, n := range names {
		abs, err := filepath.Abs(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, abs)
	}
	out := t.TempDir()
	lo.convertAll(t, "xlsx", out, paths)
	return out
}

// TestIntegrationLegacyXLS: a project workbook saved as .xls by LibreOffice
// is checked, and scored to NAME.xlsx beside the untouched .xls.
func TestIntegrationLegacyXLS(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	lc := layoutCase{layout: "project-workbook", seeds: []string{"mof2020-cooperation"}}
	src, err := filepath.Abs(filepath.Join(layoutDir, lc.file()))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "回收 2024")
	lo.convertAll(t, "xls", dir, []string{src})
	xls := filepath.Join(dir, strings.TrimSuffix(lc.file(), ".xlsx")+".xls")
	before, err := os.ReadFile(xls)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(before, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		t.Fatalf("%s is not an OLE2 .xls", xls)
	}
	assertLayout(t, xls, lc)

	var stdout, stderr bytes.Buffer
	if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "score", xls}, &stdout, &stderr)); code != exitOK {
		t.Fatalf("score %s: exit %d\n%s%s", xls, code, stdout.String(), stderr.String())
	}
	after, err := os.ReadFile(xls)
	if err != nil || sha256.Sum256(after) != sha256.Sum256(before) {
		t.Errorf("the .xls changed (%v)", err)
	}
	scored := strings.TrimSuffix(xls, ".xls") + ".xlsx"
	assertLayout(t, scored, lc)
	f, err := excelize.OpenFile(scored)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"封面", "申报表", "执行监控", "自评表", resultSheetName, "评审报告"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets of %s: %q, want %q", scored, got, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %q, want the .xls and the .xlsx only", names)
	}

	// Scoring again replaces the earlier result; a NAME.xlsx of someone
	// else's is not replaced.
	stdout.Reset()
	if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "score", xls}, &stdout, &stderr)); code != exitOK {
		t.Fatalf("score again: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	other := filepath.Join(dir, "other.xls")
	if err := os.WriteFile(other, before, 0o644); err != nil {
		t.Fatal(err)
	}
	foreign, _ := os.ReadFile(src)
	if err := os.WriteFile(filepath.Join(dir, "other.xlsx"), foreign, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "score", other}, &stdout, &stderr)); code == exitOK || !strings.Contains(stdout.String(), "未覆盖") {
		t.Errorf("score %s beside a foreign other.xlsx: exit %d\n%s", other, code, stdout.String())
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "other.xlsx")); !bytes.Equal(b, foreign) {
		t.Errorf("other.xlsx was replaced")
	}
	os.Remove(other)
	os.Remove(filepath.Join(dir, "other.xlsx"))

	// score -o to a .xls name is refused and writes nothing.
	stdout.Reset()
	stderr.Reset()
	bad := filepath.Join(dir, "另存.xls")
	if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "score", "-o", bad, xls}, &stdout, &stderr)); code == exitOK {
		t.Errorf("score -o %s: exit 0, want a refusal", bad)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Errorf("%s was written", bad)
	}
}

// TestIntegrationODS: a form saved by LibreOffice in its own format (.ods)
// reads as the .xlsx it came from and is scored into NAME.xlsx beside it, the
// .ods untouched; scoring it again replaces that result.
func TestIntegrationODS(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	lc := layoutCase{layout: "project-workbook", seeds: []string{"mof2020-liaison"}}
	src, err := filepath.Abs(filepath.Join(layoutDir, lc.file()))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "回收 2024")
	lo.convertAll(t, "ods", dir, []string{src})
	ods := filepath.Join(dir, strings.TrimSuffix(lc.file(), ".xlsx")+".ods")
	before, err := os.ReadFile(ods)
	if err != nil {
		t.Fatal(err)
	}
	assertLayout(t, ods, lc)
	scored := strings.TrimSuffix(ods, ".ods") + ".xlsx"
	for lap := range 2 {
		var stdout, stderr bytes.Buffer
		if code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "score", ods}, &stdout, &stderr)); code != exitOK {
			t.Fatalf("score %s (lap %d): exit %d\n%s%s", ods, lap+1, code, stdout.String(), stderr.String())
		}
		if after, err := os.ReadFile(ods); err != nil || !bytes.Equal(after, before) {
			t.Fatalf("the .ods changed (%v)", err)
		}
		assertLayout(t, scored, lc)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("folder holds %d entries, want the .ods and its .xlsx", len(entries))
	}
}

// TestIntegrationWatchLegacyXLS: the watcher scores an .xls dropped into
// the inbox to NAME.xlsx and files both under done/.
func TestIntegrationWatchLegacyXLS(t *testing.T) {
	t.Parallel()
	lo := needTools(t)
	src, err := filepath.Abs(filepath.Join(layoutDir, "project-workbook--mof2020-services.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	drop := t.TempDir()
	inbox := filepath.Join(drop, "inbox")
	lo.convertAll(t, "xls", inbox, []string{src})
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", "watch", "--once", "--interval", "50ms", "--min-age", "0s", drop}, &stdout, &stderr))
	if code != exitOK {
		t.Fatalf("watch: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, name := range []string{"project-workbook--mof2020-services.xls", "project-workbook--mof2020-services.xlsx"} {
		if _, err := os.Stat(filepath.Join(drop, "done", name)); err != nil {
			t.Errorf("done/%s: %v\n%s", name, err, stderr.String())
		}
	}
	_, forms, _ := checkForms(t, filepath.Join(drop, "done", "project-workbook--mof2020-services.xlsx"))
	if len(forms) != 1 || forms[0].Total == nil || *forms[0].Total != 100 {
		t.Errorf("the scored file reads %+v", forms)
	}
	led, err := os.ReadFile(filepath.Join(drop, "ledger.jsonl"))
	if err != nil || !strings.Contains(string(led), `"total":"100.00"`) {
		t.Errorf("ledger: %s (%v)", led, err)
	}
}
