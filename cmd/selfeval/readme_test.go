package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/validate"
)

var update = flag.Bool("update", false, "rewrite golden files and the README's code list")

const (
	codesBegin = "<!-- codes:begin (generated from validate.Catalogue by `go test ./cmd/selfeval -run README -update`) -->"
	codesEnd   = "<!-- codes:end -->"
)

var placeholder = regexp.MustCompile(`\{\d+\}`)

// codeTable renders the rule-code catalogue as a Markdown table.
func codeTable() string {
	var b strings.Builder
	b.WriteString("| code | severity | message (zh) | message (en) |\n| --- | --- | --- | --- |\n")
	for _, c := range validate.Catalogue() {
		zh := placeholder.ReplaceAllString(c.Zh, "…")
		en := placeholder.ReplaceAllString(c.En, "…")
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Code, c.Severity, strings.ReplaceAll(zh, "|", "\\|"), strings.ReplaceAll(en, "|", "\\|"))
	}
	return b.String()
}

// TestREADMECodes keeps the README's rule-code list equal to the catalogue.
func TestREADMECodes(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, codesBegin), strings.Index(s, codesEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q … %q", codesBegin, codesEnd)
	}
	want := codesBegin + "\n" + codeTable() + codesEnd
	got := s[i : j+len(codesEnd)]
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile("../../README.md", []byte(s[:i]+want+s[j+len(codesEnd):]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's code list is out of date with validate.Catalogue; run go test ./cmd/selfeval -run README -update")
}
