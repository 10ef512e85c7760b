package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/validate"
	"github.com/shopspring/decimal"
)

const rulesDoc = "../../docs/rules.md"

// profileTable renders every key of the rules profile with its default and
// what it allows, from validate.DefaultProfile and the field rules.
func profileTable() string {
	var b strings.Builder
	b.WriteString("| YAML key | default | allowed |\n| --- | --- | --- |\n")
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
			key := prefix + name
			fv := v.Field(i)
			if d, ok := fv.Interface().(decimal.Decimal); ok {
				fmt.Fprintf(&b, "| `%s` | %s | %s |\n", key, d.String(), allowedText(sf.Tag.Get("validate")))
				continue
			}
			if fv.Kind() == reflect.Struct {
				walk(fv, key+".")
				continue
			}
			if fv.Kind() == reflect.Slice {
				fmt.Fprintf(&b, "| `%s` | %d rows (RULES §3a) | a list of `name`, `aliases`, `threshold` (percent; absent: the form's target), `direction` (`le` or `ge`), `per_point` (> 0) |\n", key, fv.Len())
				continue
			}
			if fv.Kind() == reflect.Map {
				fmt.Fprintf(&b, "| `%s` | — | label: [variant, …] (official label text or key) |\n", key)
				continue
			}
			def := fmt.Sprint(fv.Interface())
			if def == "" {
				def = "—"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", key, def, allowedText(sf.Tag.Get("validate")))
		}
	}
	walk(reflect.ValueOf(*validate.DefaultProfile()), "")
	return b.String()
}

// allowedText says what a validate tag allows.
func allowedText(tag string) string {
	var parts []string
	for _, rule := range strings.Split(tag, ",") {
		k, v, _ := strings.Cut(rule, "=")
		switch k {
		case "oneof":
			parts = append(parts, "`"+strings.Join(strings.Fields(v), "` or `")+"`")
		case "required":
			parts = append(parts, "not empty")
		case "max":
			parts = append(parts, "at most "+v+" characters")
		case "dgt":
			parts = append(parts, "> "+v)
		case "dgte":
			parts = append(parts, "≥ "+v)
		case "dlte":
			parts = append(parts, "≤ "+v)
		}
	}
	if len(parts) == 0 {
		return "text"
	}
	return strings.Join(parts, ", ")
}

// TestRulesDoc keeps docs/rules.md's generated tables equal to the code
// (-update rewrites them) and its example profile loadable.
func TestRulesDoc(t *testing.T) {
	b, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	stale := false
	for _, part := range []struct{ name, body string }{{"profile", profileTable()}, {"codes", codeTable()}} {
		begin, end := "<!-- "+part.name+":begin -->", "<!-- "+part.name+":end -->"
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		if i < 0 || j < i {
			t.Fatalf("%s lacks the markers %s … %s", rulesDoc, begin, end)
		}
		want := begin + "\n" + part.body + end
		if doc[i:j+len(end)] != want {
			stale = true
			doc = doc[:i] + want + doc[j+len(end):]
		}
	}
	if stale && *update {
		if err := os.WriteFile(rulesDoc, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if stale {
		t.Errorf("%s is out of date with the code; run go test ./cmd/selfeval -run RulesDoc -update", rulesDoc)
	}

	// the example profile in the text loads
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(doc)
	if m == nil {
		t.Fatalf("%s has no yaml example", rulesDoc)
	}
	p := filepath.Join(t.TempDir(), "example.yaml")
	if err := os.WriteFile(p, []byte(m[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := validate.LoadProfile(p); err != nil {
		t.Errorf("the example profile in %s is refused: %v", rulesDoc, err)
	}
}
