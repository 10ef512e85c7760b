package workbook_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/selfeval/selfeval"

// TestLayers: nothing under workbook/ reaches the rule book, the template
// builder, the command or excelize, directly or through another package of
// the module, and the OOXML layer has no domain package under it: the codec
// edits people's files on its own layer, and excelize only creates new
// files elsewhere.
func TestLayers(t *testing.T) {
	for _, tc := range []struct {
		root      string
		forbidden []string
	}{
		{"workbook", []string{module + "/validate", module + "/template", module + "/cmd", "github.com/xuri/excelize"}},
		{"internal/ooxml", []string{module + "/workbook", module + "/validate", module + "/template", module + "/cmd", "github.com/xuri/excelize"}},
	} {
		var pkgs []string
		filepath.WalkDir(filepath.Join("..", tc.root), func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() && d.Name() != "testdata" {
				rel, _ := filepath.Rel("..", p)
				pkgs = append(pkgs, module+"/"+filepath.ToSlash(rel))
			}
			return nil
		})
		for _, pkg := range pkgs {
			for dep, via := range reach(t, pkg) {
				for _, bad := range tc.forbidden {
					if dep == bad || strings.HasPrefix(dep, bad+"/") {
						t.Errorf("%s imports %s (through %s)", pkg, dep, via)
					}
				}
			}
		}
	}
}

// reach returns every package pkg imports, directly or through packages of
// this module, in non-test files, each with the module package that
// imports it.
func reach(t *testing.T, pkg string) map[string]string {
	out := map[string]string{}
	todo := []string{pkg}
	for len(todo) > 0 {
		p := todo[0]
		todo = todo[1:]
		for _, dep := range imports(t, p) {
			if _, seen := out[dep]; seen {
				continue
			}
			out[dep] = p
			if strings.HasPrefix(dep, module+"/") {
				todo = append(todo, dep)
			}
		}
	}
	return out
}

// imports lists the imports of the non-test Go files of a module package.
func imports(t *testing.T, pkg string) []string {
	dir := filepath.Join("..", filepath.FromSlash(strings.TrimPrefix(pkg, module+"/")))
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	set := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			set[path] = true
		}
	}
	var out []string
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
