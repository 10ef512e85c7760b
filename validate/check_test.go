package validate

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

func TestCheckOddForms(t *testing.T) {
	res := Check(nil, nil, "")
	equalLines(t, "nil form", summary(res.Findings), []string{"error template.unknown_kind "})
	res = Check(&form.Form{Kind: &form.Kind{Name: "mof2099"}}, nil, "fr")
	if len(res.Findings) != 1 || res.Findings[0].Message != "无法识别的表格类型“mof2099”" {
		t.Errorf("unknown kind findings = %+v", res.Findings)
	}
	// A form whose reader found nothing at all: every required cell is
	// reported, nothing panics.
	empty := &form.Form{Kind: form.MOF2020, Sheet: testSheet}
	res = Check(empty, nil, Chinese)
	equalLines(t, "empty mof2020", summary(res.Findings), []string{
		"error header.required ", "error header.required ", "error header.required ", "error narrative.required ", "error narrative.required ",
		"error funds.required ", "error funds.required ", "error funds.required ", "info funds.not_broken_down ", "error indicator.none ",
	})
	res = Check(&form.Form{Kind: form.SH2019, Sheet: testSheet}, nil, Chinese)
	if res.Grade != "" || len(res.Writes) != 0 {
		t.Errorf("empty sh2019: grade %s writes %v", res.Grade, res.Writes)
	}
}

func TestCountsAndOutcome(t *testing.T) {
	res := seedMOF1().check()
	if e, w, i := res.Counts(); e != 0 || w != 5 || i != 2 {
		t.Errorf("Counts() = %d, %d, %d; want 0, 5, 2", e, w, i)
	}
	p := DefaultProfile()
	out := res.Outcome(p, "v1.2.3", "abc123")
	if !out.Total.Equal(d("97.78")) || out.Grade != "优" || out.Profile != "default" || out.ProfileHash != p.Hash() ||
		out.Version != "v1.2.3" || out.InputHash != "abc123" || len(out.Findings) != 7 || len(out.Writes) != 0 {
		t.Errorf("Outcome() = %+v", out)
	}
	out.Findings[0].Code = "changed"
	if res.Findings[0].Code == "changed" {
		t.Errorf("Outcome shares its findings with the result")
	}
}

func TestFindingOrder(t *testing.T) {
	fs := []form.Finding{
		{Code: "a", Sheet: "其他", Cell: "A1"},
		{Code: "b", Sheet: testSheet, Cell: "B10"},
		{Code: "c", Sheet: testSheet, Cell: "AA2"},
		{Code: "d", Sheet: testSheet, Cell: "C2"},
		{Code: "e", Sheet: "", Cell: ""},
		{Code: "f", Sheet: testSheet, Cell: "$B$9"},
		{Code: "g", Sheet: "别的", Cell: "A1"},
		{Code: "h", Sheet: testSheet, Cell: "C2"},
	}
	sortFindings(fs, testSheet)
	var got []string
	for _, f := range fs {
		got = append(got, f.Code)
	}
	equalLines(t, "order", got, []string{"e", "d", "h", "c", "f", "b", "a", "g"})
}

// Check only reads the form, so checks of one form may run in parallel.
func TestCheckConcurrent(t *testing.T) {
	f := seedMOF1().build()
	want := fmt.Sprint(summary(Check(f, nil, Chinese).Findings))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := fmt.Sprint(summary(Check(f, nil, English).Findings)); got != want {
				t.Errorf("concurrent check = %s, want %s", got, want)
			}
		}()
	}
	wg.Wait()
}

// With --lang en the grade cell of a form with errors says "to be corrected".
func TestUngradedEnglish(t *testing.T) {
	res := Check(rows4(with(rowOutput, cScore, "99")).build(), nil, English)
	equalLines(t, "writes", writesSummary(res.Writes)[8:], []string{"F18=to be corrected"})
	if res.Grade != "" || !IsPending("To be corrected") || !IsPending(" 待更正 ") || IsPending("优") {
		t.Errorf("grade = %q; IsPending wrong", res.Grade)
	}
}

// TestTextNumber: in our template, a number stored as text in a cell a
// formula of the form reads is an error on that cell; the same text in a
// cell no formula reads, or in a form of another system, is read silently.
func TestTextNumber(t *testing.T) {
	find := func(res *Result, cell string) bool {
		for _, f := range res.Findings {
			if f.Code == "cell.text_number" && f.Cell == cell {
				return true
			}
		}
		return false
	}
	rate := "=IF(N(D6)>0,TRUNC(N(E6)/D6*100,2),0)|100"
	read := mof().stamped().gridCell("total", "budget", "'100").gridCell("total", "rate", rate).check()
	if !find(read, "D6") || read.Grade != "" {
		t.Errorf("budget typed as text under a formula: no cell.text_number at D6 or graded %q: %v", read.Grade, read.Findings)
	}
	unread := mof().stamped().gridCell("total", "initial", "'100").gridCell("total", "rate", rate).check()
	if find(unread, "C6") {
		t.Errorf("initial budget read by no formula: cell.text_number at C6: %v", unread.Findings)
	}
	foreign := mof().gridCell("total", "budget", "'100").gridCell("total", "rate", rate).check()
	if find(foreign, "D6") {
		t.Errorf("a form of another system: cell.text_number at D6: %v", foreign.Findings)
	}
}

// TestProfileChanged: a form issued with one rules profile and scored with
// another says so (a warning on its grade), and not when the profiles agree.
func TestProfileChanged(t *testing.T) {
	f := mof().stamped().build()
	p := DefaultProfile()
	f.Stamp.ProfileHash = p.Hash()
	for _, x := range Check(f, p, Chinese).Findings {
		if x.Code == "template.profile_changed" {
			t.Fatalf("the same profile: %s", x.Message)
		}
	}
	f.Stamp.Profile, f.Stamp.ProfileHash = "test-bands", "0123456789ab"
	found := false
	for _, x := range Check(f, p, Chinese).Findings {
		if x.Code == "template.profile_changed" {
			found = x.Severity == form.Warning && strings.Contains(x.Message, "test-bands") && strings.Contains(x.Message, p.Name)
		}
	}
	if !found {
		t.Error("no template.profile_changed warning naming both profiles")
	}
}
