// Package rollup is the roll-up of a season's forms (`selfeval summary`):
// one row per form, resubmissions counted once, the expected forms that
// never came back, totals that never add up forms of different years,
// kinds or money units, and the workbook, CSV and JSON it is written as.
package rollup

import (
	"strings"
	"time"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// Statuses of a form in the roll-up.
const (
	StatusOK         = "通过"   // read, no error finding
	StatusInvalid    = "待更正"  // read, has error findings
	StatusUnreadable = "无法读取" // could not be read at all
	StatusMissing    = "未提交"  // expected, not returned
	StatusSuperseded = "已被替代" // a later file of the same form counts instead
)

// Row is one form in a roll-up.
type Row struct {
	Project, Department, Unit, Year, Kind string
	MoneyUnit                             string           // unit of Budget and Spent: 万元 or 元
	Budget, Spent, Rate                   *decimal.Decimal // nil when unknown
	Total                                 *decimal.Decimal
	Grade                                 string
	Status                                string // one of the Status constants
	Errors, Warnings                      int
	Review                                []string // the reviewer's findings (review.*), short labels
	File                                  string   // as given, relative to the argument it was found under
	Path                                  string   // the file's path as opened (not written out)
	Sheet                                 string   // the form's sheet (not written out)
	Problem                               string   // why the file could not be read, or which file replaces it
	ID                                    form.Identity
	Modified                              time.Time // the file's modification time: the latest of one form counts
}

// Header is the column header of the roll-up, in order.
var Header = []string{"项目名称", "主管部门", "实施单位", "年度", "表单类型", "金额单位", "预算数", "执行数",
	"执行率(%)", "总分", "评分等级", "状态", "错误", "警告", "复核提示", "文件", "说明"}

// Values returns the row's cells in Header order: decimals as float64 for
// the spreadsheet (display only), blanks as nil.
func (r Row) Values() []any {
	return []any{r.Project, r.Department, r.Unit, r.Year, r.Kind, r.MoneyUnit, num2(r.Budget), num2(r.Spent),
		num2(r.Rate), num2(r.Total), r.Grade, r.Status, r.Errors, r.Warnings, strings.Join(r.Review, "；"), r.File, r.Problem}
}

// Counts reports whether the row is added into totals, counts and charts:
// a form read, not replaced by a later file, not merely expected.
func (r Row) Counts() bool {
	return r.Status == StatusOK || r.Status == StatusInvalid
}

func num2(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return d.Round(2).InexactFloat64()
}

// Supersede marks every row but the latest of each identity StatusSuperseded
// (its 说明 naming the file that counts). The latest is the one modified last;
// of equal times, the one listed last. A form that names no year (a foreign
// form) is the same form as one of its project that does, when there is
// exactly one such year. Rows that could not be read, or have no project
// name, have no identity and are left alone.
func Supersede(rows []Row) {
	years := map[string]map[string]bool{} // identity without the year → identities with one
	for _, r := range rows {
		if r.Counts() && strings.TrimSpace(r.ID.Year) != "" {
			k := noYear(r.ID)
			if years[k] == nil {
				years[k] = map[string]bool{}
			}
			years[k][r.ID.Key()] = true
		}
	}
	keyOf := func(r Row) string {
		if strings.TrimSpace(r.ID.Year) == "" && len(years[noYear(r.ID)]) == 1 {
			for k := range years[noYear(r.ID)] {
				return k
			}
		}
		return r.ID.Key()
	}
	latest := map[string]int{}
	for i, r := range rows {
		if !r.Counts() || strings.TrimSpace(r.Project) == "" {
			continue
		}
		k := keyOf(r)
		j, ok := latest[k]
		if !ok || !r.Modified.Before(rows[j].Modified) {
			latest[k] = i
		}
	}
	for i, r := range rows {
		if !r.Counts() || strings.TrimSpace(r.Project) == "" {
			continue
		}
		if j := latest[keyOf(r)]; j != i {
			rows[i].Status = StatusSuperseded
			rows[i].Problem = "已被 " + rows[j].File + " 替代"
		}
	}
}

func noYear(id form.Identity) string {
	id.Year = ""
	return id.Key()
}

// Expected is a form the season expects back.
type Expected struct {
	ID         form.Identity
	Department string
	Source     string // where it was expected: the targets file and row, or the issued template
}

// AddMissing appends a StatusMissing row for every expected form no row has
// the identity of, in the order expected, and returns the rows. A returned
// form that names no year (a foreign form says it only in its title)
// stands for its project in any year.
func AddMissing(rows []Row, expected []Expected) []Row {
	have, anyYear := map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		if r.Status == StatusUnreadable || r.Status == StatusMissing {
			continue
		}
		have[r.ID.Key()] = true
		if strings.TrimSpace(r.ID.Year) == "" {
			id := r.ID
			anyYear[id.Key()] = true
		}
	}
	for _, e := range expected {
		k := e.ID.Key()
		if have[k] || anyYear[noYear(e.ID)] {
			continue
		}
		have[k] = true
		rows = append(rows, Row{Project: e.ID.Project, Department: e.Department, Unit: e.ID.Unit, Year: e.ID.Year,
			Kind: e.ID.Kind, Status: StatusMissing, File: e.Source, ID: e.ID})
	}
	return rows
}

// Total adds up the counted forms of one year, kind and money unit: forms of
// different years or kinds, and amounts in 万元 and in 元, are never added
// together.
type Total struct {
	Year, Kind, MoneyUnit string
	Forms                 int
	Budget, Spent         decimal.Decimal
	Rate                  *decimal.Decimal // Spent / Budget in percent, cut to 2 decimals; nil when Budget is 0
}

// Label is the total's line label, e.g. 合计（2024年度 mof2020，万元，3 份）.
func (t Total) Label() string {
	var parts []string
	if t.Year != "" {
		parts = append(parts, t.Year+"年度 "+t.Kind)
	} else {
		parts = append(parts, t.Kind)
	}
	return "合计（" + strings.Join(parts, "") + "，" + t.MoneyUnit + "，" + itoa(t.Forms) + " 份）"
}

// Totals returns one total per year, kind and money unit, in order of first
// appearance; forms without amounts and rows that do not count are left out.
func Totals(rows []Row) []Total {
	var out []Total
	at := map[string]int{}
	for _, r := range rows {
		if !r.Counts() || r.Budget == nil || r.Spent == nil || r.MoneyUnit == "" {
			continue
		}
		k := r.Year + "|" + r.Kind + "|" + r.MoneyUnit
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, Total{Year: r.Year, Kind: r.Kind, MoneyUnit: r.MoneyUnit})
		}
		t := &out[i]
		t.Forms++
		t.Budget = t.Budget.Add(*r.Budget)
		t.Spent = t.Spent.Add(*r.Spent)
	}
	for i := range out {
		if t := &out[i]; t.Budget.IsPositive() {
			rate := t.Spent.Mul(decimal.NewFromInt(100)).Div(t.Budget).Truncate(2) // cut, as the forms show a rate
			t.Rate = &rate
		}
	}
	return out
}

// RateBands are the execution-rate bands of the roll-up's chart.
var RateBands = []string{"低于60%", "60%–80%", "80%–90%", "90%–100%", "100%及以上"}

// RateBand returns the index in RateBands of an execution rate in percent.
func RateBand(rate decimal.Decimal) int {
	for i, limit := range []int64{60, 80, 90, 100} {
		if rate.LessThan(decimal.NewFromInt(limit)) {
			return i
		}
	}
	return len(RateBands) - 1
}

// Counts returns the number of counted forms per grade (in the order of
// grades) and per execution-rate band (RateBands).
func Counts(rows []Row, grades []string) (byGrade, byRate []int) {
	byGrade, byRate = make([]int, len(grades)), make([]int, len(RateBands))
	for _, r := range rows {
		if !r.Counts() {
			continue
		}
		for i, g := range grades {
			if r.Grade == g {
				byGrade[i]++
			}
		}
		if r.Rate != nil {
			byRate[RateBand(*r.Rate)]++
		}
	}
	return byGrade, byRate
}

// Tally is the season's state: forms per status, distinct forms counted
// and, with a deadline, the days left (negative: overdue).
type Tally struct {
	Statuses []StatusCount
	Forms    int    // distinct forms returned and counted
	Flagged  int    // counted forms with reviewer's findings
	Deadline string // YYYY-MM-DD, "" when none
	DaysLeft *int   // days from today to the deadline; negative when overdue
	// Notes are the batch's reviewer's notes, one line each (e.g. the share
	// of forms at full marks per 主管部门).
	Notes []string
}

// StatusCount is the number of rows of one status.
type StatusCount struct {
	Status string
	Rows   int
}

// TallyOf counts the rows; deadline (may be zero) is compared with today.
func TallyOf(rows []Row, deadline, today time.Time) Tally {
	var t Tally
	n := map[string]int{}
	for _, r := range rows {
		n[r.Status]++
		if r.Counts() {
			t.Forms++
			if len(r.Review) > 0 {
				t.Flagged++
			}
		}
	}
	for _, s := range []string{StatusOK, StatusInvalid, StatusUnreadable, StatusSuperseded, StatusMissing} {
		t.Statuses = append(t.Statuses, StatusCount{s, n[s]})
	}
	if !deadline.IsZero() {
		t.Deadline = deadline.Format("2006-01-02")
		d := int(dayOf(deadline).Sub(dayOf(today)).Hours() / 24)
		t.DaysLeft = &d
	}
	return t
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Lines are the tally in words, one line each, as the workbook and the
// terminal show them.
func (t Tally) Lines() []string {
	var parts []string
	for _, s := range t.Statuses {
		if s.Rows > 0 {
			parts = append(parts, s.Status+" "+itoa(s.Rows))
		}
	}
	out := []string{"共 " + itoa(t.Forms) + " 份表（同一项目多次提交只计最新一份）：" + strings.Join(parts, "，")}
	if t.Flagged > 0 {
		out = append(out, "有复核提示的表 "+itoa(t.Flagged)+" 份")
	}
	out = append(out, t.Notes...)
	if t.DaysLeft != nil {
		switch d := *t.DaysLeft; {
		case d > 0:
			out = append(out, "截止日期 "+t.Deadline+"，还剩 "+itoa(d)+" 天")
		case d == 0:
			out = append(out, "截止日期 "+t.Deadline+"，就是今天")
		default:
			out = append(out, "截止日期 "+t.Deadline+"，已逾期 "+itoa(-d)+" 天")
		}
	}
	return out
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }
