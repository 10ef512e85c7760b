package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

// A form whose report runs to many times the print buffer is printed line
// for line as the report built whole prints it.
func TestReportTextLong(t *testing.T) {
	g, err := newEngine(nil, rulesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	evs := g.evaluate("../../samples/mof2020-liaison.xlsx")
	if len(evs) != 1 || evs[0].Err != nil {
		t.Fatalf("evaluate: %+v", evs)
	}
	res := evs[0].Result
	for i := range 3000 {
		res.Findings = append(res.Findings, form.Finding{Code: "test.long", Severity: form.Warning, Sheet: "自评表", Cell: fmt.Sprintf("B%d", i+20), Message: fmt.Sprintf("第 %d 条", i), Hint: "建议"})
	}
	var got bytes.Buffer
	err = g.report(context.Background(), &got, []string{"f"}, func() {}, func(string) []*evaluation { return evs }, "text", false, false)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	writeText(&want, buildReport(evs, g.profile.Name, false, g.lang), g.lang, false)
	if got.Len() < 4*32<<10 || !strings.Contains(got.String(), "第 2999 条") {
		t.Fatalf("report of %d bytes, without the last finding", got.Len())
	}
	if got.String() != want.String() {
		t.Errorf("streamed report differs from the whole one:\n%s\n---\n%s", got.String()[:200], want.String()[:200])
	}
}
