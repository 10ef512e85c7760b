package samples_test

import (
	"path/filepath"
	"testing"

	"github.com/selfeval/selfeval/internal/dump"
	"github.com/selfeval/selfeval/samples"
	"github.com/xuri/excelize/v2"
)

// TestWorkbooksUpToDate fails when a committed sample workbook no longer
// matches what its seed data and the current template give: run make samples.
func TestWorkbooksUpToDate(t *testing.T) {
	all, err := samples.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 5 {
		t.Fatalf("%d samples, want the 4 seed projects and the dept sample", len(all))
	}
	for _, s := range all {
		t.Run(s.Name, func(t *testing.T) {
			built, err := s.Workbook()
			if err != nil {
				t.Fatal(err)
			}
			defer built.Close()
			want, err := dump.Text(built)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(filepath.Join(".", s.Name+".xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := dump.Text(f)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s.xlsx is stale: run make samples", s.Name)
			}
		})
	}
}
