//go:build integration

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestIntegrationDeptResave: every published dept layout, and the dept
// sample in our template, re-saved by LibreOffice, still reads as dept with
// its total, grade and warnings.
func TestIntegrationDeptResave(t *testing.T) {
	o := needTools(t)
	src, out := t.TempDir(), t.TempDir()
	layouts := deptLayouts(t)
	var files []string
	for _, l := range layouts {
		files = append(files, l.write(t, src))
	}
	sample, err := filepath.Abs("../../samples/dept-chongqing.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, sample)
	o.convertAll(t, "xlsx", out, files)
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			assertDept(t, l, filepath.Join(out, "dept-"+l.name+".xlsx"))
		})
	}
	t.Run("sample", func(t *testing.T) {
		path := filepath.Join(out, "dept-chongqing.xlsx")
		if _, err := os.Stat(path); err != nil {
			t.Fatal(err)
		}
		assertDept(t, deptLayout{name: "sample", total: 97.6, grade: "优", warnings: []string{"dept.coef_above_result@I18"}}, path)
	})
}
