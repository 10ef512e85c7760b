//go:build integration

package workbook

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// numFmtCodes are the custom number formats published forms use, and the
// parts of the format language renderNumber covers.
var numFmtCodes = []string{
	`0.00"(%)"`, `"≥"0.00"(个)"`, `"≤"0"(人)"`, `"="0.00"(%)"`, `0.00_ `, `#,##0.00`, `#,##0`,
	`#,##0.00;-#,##0.00;"-"`, `0.00_);(0.00)`, `#,##0.00_);[Red](#,##0.00)`, `0.0%`, `0%`, `0.00"%"`,
	`[>=90]"优";[>=80]"良";"差"`, `0.0#`, `#.##`, `#,##0,"千"`, `\≥0`, `0"元"`, `0.00"万元"`,
	`#,##0.00_ ;[Red]\-#,##0.00\ `, `0;-0;;@`,
}

var numFmtValues = []float64{0, 1, 6, 55, 100, 93.52, 0.875, -3.5, 1234.5, 1234567, 2.675, 0.5, 12}

// TestIntegrationNumberFormats: our rendering of numbers with custom
// formats is LibreOffice's (a CSV export saves cells as shown).
func TestIntegrationNumberFormats(t *testing.T) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "formats.xlsx")
	f := excelize.NewFile()
	for i, code := range numFmtCodes {
		c := code
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &c})
		if err != nil {
			t.Fatal(err)
		}
		for j, v := range numFmtValues {
			at, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellFloat("Sheet1", at, v, -1, 64); err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle("Sheet1", at, at, st); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "lo"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", dir, src).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	fh, err := os.Open(filepath.Join(dir, "formats.csv"))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	p, err := openPkg(src, b)
	if err != nil {
		t.Fatal(err)
	}
	s, err := loadSheet(p, "Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, code := range numFmtCodes {
		for j, v := range numFmtValues {
			want := ""
			if i < len(rows) && j < len(rows[i]) {
				want = rows[i][j]
			}
			if got := s.own(i, j); got != strings.TrimSpace(want) {
				t.Errorf("%v with %s: we show %q, LibreOffice %q", v, code, got, want)
			}
		}
	}
}
