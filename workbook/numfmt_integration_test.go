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
	compareWithLibreOffice(t, numFmtCodes, numFmtValues, nil)
}

// dateFmtCodes are the date, time, scientific and fraction formats
// formatOther renders.
var dateFmtCodes = []string{
	"yyyy-mm-dd", `yyyy"年"m"月"d"日"`, "yyyy/m/d h:mm", "hh:mm:ss", "h:mm AM/PM", "[h]:mm:ss",
	"mm:ss.0", "d-mmm-yy", "mmmm d, yyyy", "dddd", "0.00E+00", "# ??/??",
}

var dateFmtValues = []float64{1, 59, 61, 45000.125, 45352, 0.875, 1.5, 3.14159265358979, 1234.5}

// TestIntegrationDateFormats: our rendering of dates, times, scientific
// notation and fractions is LibreOffice's, except the dates before
// 1900-03-01: LibreOffice counts serial 1 as 1899-12-31, Excel and the file
// format as 1900-01-01 (with a 29 February 1900), as we do.
func TestIntegrationDateFormats(t *testing.T) {
	compareWithLibreOffice(t, dateFmtCodes, dateFmtValues, func(code string, v float64) bool {
		return v < 61 && hasCodeChar(code, "yYdD")
	})
}

// compareWithLibreOffice writes each value under each code, has LibreOffice
// export the cells as shown, and compares what the reader shows, except
// where skip says the two differ on purpose.
func compareWithLibreOffice(t *testing.T, codes []string, values []float64, skip func(code string, v float64) bool) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice (LibreOffice) is not installed; CI must run this test")
		}
		t.Skip("soffice (LibreOffice) is not installed")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "formats.xlsx")
	f := excelize.NewFile()
	for i, code := range codes {
		c := code
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &c})
		if err != nil {
			t.Fatal(err)
		}
		for j, v := range values {
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
	for i, code := range codes {
		for j, v := range values {
			if skip != nil && skip(code, v) {
				continue
			}
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
