package main

import (
	"path/filepath"
	"testing"
)

// layout4Dir holds the fourth set of layouts (make_layouts4.py), written
// apart from the reader and first measured as a held-out set: see its
// README.
const layout4Dir = "testdata/layouts4"

// layout4 is a file of the fourth set as its manifest lists it.
type layout4 struct {
	layout3
	Layout string `json:"layout"`
	Half   string `json:"half"`
	Forms  int    `json:"forms"` // forms on the file's sheets, when more than one
	Known  string `json:"known"` // why the layout still misreads, when it does
}

// TestLayouts4: every file of the set reads right (assertLayout3; on a file
// of several forms, the seed's form), but for the layouts marked known,
// which must be flagged rather than read wrong in silence (assertFlagged).
func TestLayouts4(t *testing.T) {
	for _, lf := range layouts4(t) {
		t.Run(lf.File, func(t *testing.T) {
			assertLayout4(t, filepath.Join(layout4Dir, lf.File), lf)
		})
	}
}

// layouts4 are the files of the fourth set, as its manifest lists them.
func layouts4(t *testing.T) []layout4 {
	return layoutManifest[layout4](t, layout4Dir, "make_layouts4.py", 43)
}

// assertLayout4 checks the file at path as TestLayouts4 says.
func assertLayout4(t *testing.T, path string, lf layout4) {
	t.Helper()
	switch {
	case lf.Known != "":
		assertFlagged(t, path, lf)
	case lf.Forms > 1:
		_, forms, out := checkForms(t, path)
		if len(forms) != lf.Forms {
			t.Fatalf("%d forms, want %d\n%s", len(forms), lf.Forms, out)
		}
		project := sampleReport(t, lf.Seed).Project
		for _, f := range forms {
			if f.Project == project {
				assertLayoutForm(t, f, lf.layout3, out)
				return
			}
		}
		t.Fatalf("no form of project %s\n%s", project, out)
	default:
		assertLayout3(t, path, lf.layout3)
	}
}

// assertFlagged checks that a file of a layout the reader still misreads is
// not passed in silence: it is not read as a form, or every form read has
// an error and no grade. A file that reads right has its known mark to drop.
func assertFlagged(t *testing.T, path string, lf layout4) {
	t.Helper()
	_, forms, out := checkForms(t, path)
	want := sampleReport(t, lf.Seed)
	for _, f := range forms {
		if f.Status == "unreadable" {
			continue
		}
		errs := 0
		for _, x := range f.Findings {
			if x.Severity == "error" {
				errs++
			}
		}
		if errs == 0 {
			if f.Kind == lf.Kind && f.Total != nil && *f.Total == *want.Total && f.Grade == lf.Grade {
				t.Fatalf("reads right now: drop its known mark (%s)\n%s", lf.Known, out)
			}
			t.Fatalf("%s total %v grade %q with no error: a misread passed in silence\n%s", f.Kind, f.Total, f.Grade, out)
		}
		if f.Grade != "" {
			t.Errorf("grade %q given to a form with %d errors", f.Grade, errs)
		}
	}
}
