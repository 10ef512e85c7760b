package template

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/selfeval/selfeval/workbook/form"
)

const python = "/usr/bin/python3"

// checkScript reads a LibreOffice re-saved template with openpyxl and prints
// what the test asserts on, as JSON.
const checkScript = `
import json, sys, openpyxl
path, sheet = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(path)
vals = openpyxl.load_workbook(path, data_only=True)[sheet]
ws = wb[sheet]
out = {
  "sheets": [[s, wb[s].sheet_state] for s in wb.sheetnames],
  "protected": bool(ws.protection.sheet),
  "selectLocked": not ws.protection.selectLockedCells,
  "selectUnlocked": not ws.protection.selectUnlockedCells,
  "locked": {r: bool(ws[r].protection.locked) for r in sys.argv[3].split(",")},
  "validations": [[str(dv.sqref), dv.type or "", dv.formula1 or ""] for dv in ws.data_validations.dataValidation],
  "probes": {r: vals[r].value for r in ["J1", "J2", "J3"]},
}
print(json.dumps(out, ensure_ascii=False))
`

func skipWithout(t *testing.T, tool string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		msg := fmt.Sprintf("%s: %s not on PATH, LibreOffice round trip not checked", t.Name(), tool)
		skipOrFail(t, msg)
	}
	return path
}

// skipOrFail fails under CI (CI=true), where the real clients must run, and
// skips elsewhere.
func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal("CI: " + msg)
	}
	fmt.Fprintln(os.Stderr, "SKIPPED "+msg)
	t.Skip("SKIPPED " + msg)
}

// convert runs soffice with a private profile so parallel runs do not clash.
func convert(t *testing.T, soffice, to, in, outDir string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.Join(t.TempDir(), "lo-profile")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless",
		"--convert-to", to, "--outdir", outDir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, out)
	}
	ext, _, _ := strings.Cut(to, ":")
	out := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+"."+ext)
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("soffice produced no %s: %v", out, err)
	}
	return out
}

func TestLibreOffice(t *testing.T) {
	soffice := skipWithout(t, "soffice")
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		skipOrFail(t, "TestLibreOffice: "+python+" with openpyxl is not available")
	}
	dir := t.TempDir()
	f := build(t, form.MOF2020, Options{Rows: 20})
	// Probe cells outside the form evaluate the 二级指标 list formula the way
	// the dropdown does: row 13 has a 一级指标, row 14 is blank.
	dv := validationAt(t, f, "自评表", "B13")
	src := dv.Formula1
	_ = f.SetCellStr("自评表", "A13", "产出指标")
	_ = f.SetCellFormula("自评表", "J1", "INDEX("+src+",2)")
	_ = f.SetCellFormula("自评表", "J2", "INDEX("+strings.ReplaceAll(src, "$A13", "$A14")+",1)")
	_ = f.SetCellFormula("自评表", "J3", "ROWS("+src+")")
	in := filepath.Join(dir, "mof2020.xlsx")
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	pdf := convert(t, soffice, "pdf", in, outDir)
	xlsx := convert(t, soffice, "xlsx:Calc MS Excel 2007 XML", in, outDir)

	cells := []string{"A3", "C3", "C6", "F6", "G6", "A13", "B13", "H32", "F33"}
	out, err := exec.Command(python, "-c", checkScript, xlsx, "自评表", strings.Join(cells, ",")).Output()
	if err != nil {
		t.Fatalf("openpyxl check: %v", err)
	}
	var got struct {
		Sheets         [][2]string
		Protected      bool
		SelectLocked   bool
		SelectUnlocked bool
		Locked         map[string]bool
		Validations    [][3]string
		Probes         map[string]any
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !got.Protected || !got.SelectLocked || !got.SelectUnlocked {
		t.Errorf("re-saved protection: sheet %v, select locked %v, unlocked %v", got.Protected, got.SelectLocked, got.SelectUnlocked)
	}
	wantLocked := map[string]bool{"A3": true, "C3": false, "C6": false, "F6": true, "G6": true, "A13": false, "B13": false, "H32": false, "F33": true}
	for ref, want := range wantLocked {
		if got.Locked[ref] != want {
			t.Errorf("re-saved %s locked = %v, want %v", ref, got.Locked[ref], want)
		}
	}
	wantDV := map[string][2]string{
		"A13:A32": {"list", "SE_L1"},
		"B13:B32": {"list", src},
		"E13:E32": {"list", "SE_OUTCOMES"},
		"F13:F32": {"decimal", "0"},
		"C6:C9":   {"decimal", "0"},
	}
	seen := map[string][2]string{}
	for _, v := range got.Validations {
		seen[v[0]] = [2]string{v[1], v[2]}
	}
	for sq, want := range wantDV {
		if seen[sq] != want {
			t.Errorf("re-saved validation %s = %v, want %v", sq, seen[sq], want)
		}
	}
	if len(got.Validations) < 10 {
		t.Errorf("re-saved workbook keeps %d validations: %v", len(got.Validations), got.Validations)
	}
	wantProbes := map[string]any{"J1": "质量指标", "J2": "经济成本指标", "J3": float64(3)}
	for ref, want := range wantProbes {
		if got.Probes[ref] != want {
			t.Errorf("LibreOffice evaluates the 二级指标 list %s = %v, want %v", ref, got.Probes[ref], want)
		}
	}
	checkPDF(t, pdf)
}

// checkPDF checks the printed form is one A4 page when poppler is there, and
// renders it to PNG in $SELFEVAL_PNG_DIR (if set) for a person to look at.
func checkPDF(t *testing.T, pdf string) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		fmt.Fprintln(os.Stderr, "SKIPPED PDF page check: pdfinfo not on PATH")
		return
	}
	out, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	info := string(out)
	if !strings.Contains(info, "(A4)") || !strings.Contains(info, "Pages:           1\n") {
		t.Errorf("PDF is not one A4 page:\n%s", info)
	}
	if dir := os.Getenv("SELFEVAL_PNG_DIR"); dir != "" {
		if err := exec.Command("pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", pdf, filepath.Join(dir, "mof2020")).Run(); err != nil {
			t.Errorf("pdftoppm: %v", err)
		}
	}
}
