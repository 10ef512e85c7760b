package rollup

import (
	"testing"
	"time"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

func dp(s string) *decimal.Decimal {
	v := decimal.RequireFromString(s)
	return &v
}

func row(file, year, kind, project, unit, budget string, mod int) Row {
	return Row{File: file, Year: year, Kind: kind, Project: project, Unit: unit, MoneyUnit: "万元",
		Budget: dp(budget), Spent: dp(budget), Rate: dp("100"), Total: dp("95"), Grade: "优", Status: StatusOK,
		ID: form.Identity{Year: year, Kind: kind, Project: project, Unit: unit}, Modified: time.Unix(int64(mod), 0)}
}

// Two copies of one project and one of another count two projects.
func TestSupersedeCountsOnce(t *testing.T) {
	rows := []Row{
		row("a.xlsx", "2024", "mof2020", "项目甲", "单位", "10", 2),
		row("a(修改后).xlsx", "2024", "mof2020", "项目甲 ", "单位", "12", 3),
		row("b.xlsx", "2024", "mof2020", "项目乙", "单位", "5", 1),
	}
	Supersede(rows)
	if rows[0].Status != StatusSuperseded || rows[1].Status != StatusOK || rows[2].Status != StatusOK {
		t.Fatalf("statuses %s %s %s", rows[0].Status, rows[1].Status, rows[2].Status)
	}
	tally := TallyOf(rows, time.Time{}, time.Now())
	if tally.Forms != 2 {
		t.Errorf("forms %d, want 2", tally.Forms)
	}
	tot := Totals(rows)
	if len(tot) != 1 || tot[0].Forms != 2 || !tot[0].Budget.Equal(decimal.NewFromInt(17)) {
		t.Errorf("totals %+v", tot)
	}
	byGrade, _ := Counts(rows, []string{"优"})
	if byGrade[0] != 2 {
		t.Errorf("grade count %d, want 2", byGrade[0])
	}
}

func TestTotalsApart(t *testing.T) {
	rows := []Row{
		row("a", "2024", "mof2020", "甲", "u", "10", 1),
		row("b", "2023", "mof2020", "乙", "u", "10", 1),
		row("c", "2024", "sh2019", "丙", "u", "10", 1),
		row("d", "2024", "mof2020", "丁", "u", "10", 1),
	}
	tot := Totals(rows)
	if len(tot) != 3 || tot[0].Forms != 2 || tot[1].Year != "2023" || tot[2].Kind != "sh2019" {
		t.Errorf("totals %+v", tot)
	}
}

func TestAddMissingAndDeadline(t *testing.T) {
	rows := []Row{row("a", "2024", "mof2020", "甲", "u", "10", 1), row("f", "", "mof2020", "外来", "u", "1", 1)}
	rows = AddMissing(rows, []Expected{
		{ID: form.Identity{Year: "2024", Kind: "mof2020", Project: "甲", Unit: "u"}},
		{ID: form.Identity{Year: "2024", Kind: "mof2020", Project: "乙", Unit: "u"}, Source: "t.csv 第 3 行"},
		{ID: form.Identity{Year: "2024", Kind: "mof2020", Project: "外来", Unit: "u"}}, // a form naming no year stands for any
	})
	if len(rows) != 3 || rows[2].Status != StatusMissing || rows[2].Project != "乙" || rows[2].Counts() {
		t.Fatalf("rows %+v", rows)
	}
	today := time.Date(2025, 3, 29, 15, 0, 0, 0, time.UTC)
	if d := *TallyOf(rows, time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), today).DaysLeft; d != 2 {
		t.Errorf("days left %d, want 2", d)
	}
	if d := *TallyOf(rows, time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC), today).DaysLeft; d != -9 {
		t.Errorf("days left %d, want -9", d)
	}
}

// A foreign copy (no year) of a stamped form is the same form.
func TestSupersedeForeignCopy(t *testing.T) {
	rows := []Row{
		row("stamped.xlsx", "2024", "mof2020", "项目甲", "单位", "10", 1),
		row("foreign.xlsx", "", "mof2020", "项目甲", "单位", "10", 2),
		row("other-year.xlsx", "2023", "mof2020", "项目乙", "单位", "10", 1),
		row("two-years-a.xlsx", "2023", "mof2020", "项目丙", "单位", "10", 1),
		row("two-years-b.xlsx", "2024", "mof2020", "项目丙", "单位", "10", 1),
		row("two-years-foreign.xlsx", "", "mof2020", "项目丙", "单位", "10", 3),
	}
	Supersede(rows)
	want := []string{StatusSuperseded, StatusOK, StatusOK, StatusOK, StatusOK, StatusOK}
	for i, w := range want {
		if rows[i].Status != w {
			t.Errorf("%s: %s, want %s", rows[i].File, rows[i].Status, w)
		}
	}
}
