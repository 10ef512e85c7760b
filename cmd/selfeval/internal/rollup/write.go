package rollup

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/workbook"
	"github.com/shopspring/decimal"
)

// Write writes OUT.xlsx and, beside it, OUT.csv (UTF-8 with BOM) and
// OUT.json, with the same rows, totals and counts; profile is the rules
// profile's name recorded in the JSON.
func Write(out string, rows []Row, tally Tally, grades []string, profile string) error {
	f, err := Workbook(rows, tally, grades)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := newfile.Save(f, out); err != nil {
		return err
	}
	totals := Totals(rows)
	stem := strings.TrimSuffix(out, filepath.Ext(out))
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(Header)
	for _, r := range rows {
		rec := make([]string, 0, len(Header))
		for _, v := range r.Values() {
			rec = append(rec, CSVCell(v))
		}
		_ = w.Write(rec)
	}
	for _, t := range totals {
		rate := ""
		if t.Rate != nil {
			rate = t.Rate.StringFixed(2)
		}
		_ = w.Write([]string{t.Label(), "", "", t.Year, t.Kind, t.MoneyUnit, t.Budget.StringFixed(2), t.Spent.StringFixed(2), rate})
	}
	for _, line := range tally.Lines() {
		_ = w.Write([]string{line})
	}
	w.Flush()
	if err := workbook.WriteFileAtomic(stem+".csv", append([]byte("\ufeff"), buf.Bytes()...)); err != nil {
		return err
	}
	b, err := json.MarshalIndent(jsonDoc(rows, tally, totals, grades, profile), "", "  ")
	if err != nil {
		return err
	}
	return workbook.WriteFileAtomic(stem+".json", append(b, '\n'))
}

// num is a JSON number with 2 decimals.
type num decimal.Decimal

func (n num) MarshalJSON() ([]byte, error) { return []byte(decimal.Decimal(n).StringFixed(2)), nil }

func numPtr(d *decimal.Decimal) *num {
	if d == nil {
		return nil
	}
	n := num(*d)
	return &n
}

type jrow struct {
	Project    string   `json:"project"`
	Department string   `json:"department"`
	Unit       string   `json:"unit"`
	Year       string   `json:"year"`
	Kind       string   `json:"kind"`
	MoneyUnit  string   `json:"money_unit"`
	Budget     *num     `json:"budget"`
	Spent      *num     `json:"spent"`
	Rate       *num     `json:"rate"`
	Total      *num     `json:"total"`
	Grade      string   `json:"grade"`
	Status     string   `json:"status"`
	Errors     int      `json:"errors"`
	Warnings   int      `json:"warnings"`
	Review     []string `json:"review"`
	File       string   `json:"file"`
	Error      string   `json:"error"`
	FormKey    string   `json:"form_key"`
}

type jtotal struct {
	Year      string `json:"year"`
	Kind      string `json:"kind"`
	MoneyUnit string `json:"money_unit"`
	Forms     int    `json:"forms"`
	Budget    num    `json:"budget"`
	Spent     num    `json:"spent"`
	Rate      *num   `json:"rate"`
}

type jcount struct {
	Label string `json:"label"`
	Forms int    `json:"forms"`
}

type jtally struct {
	Forms    int      `json:"forms"`
	Flagged  int      `json:"flagged"`
	Statuses []jcount `json:"statuses"`
	Deadline string   `json:"deadline"`
	DaysLeft *int     `json:"days_left"`
	Notes    []string `json:"notes"`
}

func jsonDoc(rows []Row, tally Tally, totals []Total, grades []string, profile string) any {
	doc := struct {
		Profile string   `json:"profile"`
		Forms   []jrow   `json:"forms"`
		Totals  []jtotal `json:"totals"`
		Grades  []jcount `json:"grades"`
		Rates   []jcount `json:"rates"`
		Tally   jtally   `json:"tally"`
	}{Profile: profile, Forms: []jrow{}, Totals: []jtotal{}}
	for _, r := range rows {
		review := r.Review
		if review == nil {
			review = []string{}
		}
		doc.Forms = append(doc.Forms, jrow{r.Project, r.Department, r.Unit, r.Year, r.Kind, r.MoneyUnit, numPtr(r.Budget),
			numPtr(r.Spent), numPtr(r.Rate), numPtr(r.Total), r.Grade, r.Status, r.Errors, r.Warnings, review, r.File, r.Problem, r.ID.Key()})
	}
	for _, t := range totals {
		doc.Totals = append(doc.Totals, jtotal{t.Year, t.Kind, t.MoneyUnit, t.Forms, num(t.Budget), num(t.Spent), numPtr(t.Rate)})
	}
	byGrade, byRate := Counts(rows, grades)
	for i, g := range grades {
		doc.Grades = append(doc.Grades, jcount{g, byGrade[i]})
	}
	for i, b := range RateBands {
		doc.Rates = append(doc.Rates, jcount{b, byRate[i]})
	}
	doc.Tally = jtally{Forms: tally.Forms, Flagged: tally.Flagged, Deadline: tally.Deadline, DaysLeft: tally.DaysLeft, Statuses: []jcount{}, Notes: append([]string{}, tally.Notes...)}
	for _, s := range tally.Statuses {
		doc.Tally.Statuses = append(doc.Tally.Statuses, jcount{s.Status, s.Rows})
	}
	return doc
}

// CSVCell renders a value for CSV; text that a spreadsheet would take for a
// formula gets a leading apostrophe.
func CSVCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if x != "" && strings.ContainsRune("=+-@", rune(x[0])) {
			return "'" + x
		}
		return x
	case float64:
		return decimal.NewFromFloat(x).StringFixed(2)
	default:
		return fmt.Sprint(x)
	}
}
