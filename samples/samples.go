package samples

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

//go:embed data/*.json
var data embed.FS

// Sample is one seed project.
type Sample struct {
	Name  string // file stem, e.g. "mof2020-cooperation"
	Entry *form.Entry
}

// All returns the seed projects in name order. It fails only if the embedded
// data is broken.
func All() ([]Sample, error) {
	files, err := data.ReadDir("data")
	if err != nil {
		return nil, err
	}
	var out []Sample
	for _, f := range files {
		b, err := data.ReadFile(path.Join("data", f.Name()))
		if err != nil {
			return nil, err
		}
		var e form.Entry
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, fmt.Errorf("samples: %s: %w", f.Name(), err)
		}
		if form.Lookup(e.Kind) == nil {
			return nil, fmt.Errorf("samples: %s: unknown kind %q", f.Name(), e.Kind)
		}
		out = append(out, Sample{Name: strings.TrimSuffix(f.Name(), ".json"), Entry: &e})
	}
	return out, nil
}

// Workbook builds the sample as a person would have it: our template for its
// kind and year, filled with its values.
func (s Sample) Workbook() (*excelize.File, error) {
	k := form.Lookup(s.Entry.Kind)
	opts := template.Options{Year: s.Entry.Year}
	f, err := template.Build(k, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	if err := template.Fill(f, k, opts, s.Entry); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	return f, nil
}
