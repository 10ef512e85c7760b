package validate

import (
	"github.com/selfeval/selfeval/internal/memo"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// Result is what the rule book makes of one form.
type Result struct {
	Kind       string // form kind name
	Project    string // 项目名称 as written
	Execution  *Execution
	Indicators []Indicator
	Total      decimal.Decimal // rounded half-up to 2 decimals
	Grade      string          // 优 / 良 / 中 / 差
	Findings   []form.Finding  // every finding, in sheet order (row, then column)
	Writes     []form.Write    // computed cells and blank 得分 filled by the rules
	Strict     bool            // warnings count as failures (CheckStrict)
}

// Execution is the budget execution block. Rate is in percent units, cut to
// 2 decimals as shown on the form. For sh2019 Weight and Score are zero.
type Execution struct {
	Budget decimal.Decimal
	Spent  decimal.Decimal
	Rate   decimal.Decimal
	Weight decimal.Decimal
	Score  decimal.Decimal // min(rate, 1) × Weight, half-up to 2 decimals
}

// Indicator is one row of the indicator table as scored.
type Indicator struct {
	Cell        string // the score cell (A1)
	Level1      string // 一级指标; for sh2019 the category name
	Level2      string // 二级指标 (mof2020)
	Name        string // 三级指标 / 指标名称
	Target      string // 年度指标值 as written
	Actual      string // 实际完成值 as written
	Weight      decimal.Decimal
	Score       decimal.Decimal  // the score used, including one filled by the rules
	ComputedMax *decimal.Decimal // the rules' maximum for a quantitative row; nil otherwise
}

// Counts returns the number of error, warning and info findings.
func (r *Result) Counts() (errors, warnings, infos int) {
	for _, f := range r.Findings {
		switch f.Severity {
		case form.Error:
			errors++
		case form.Warning:
			warnings++
		case form.Info:
			infos++
		}
	}
	return errors, warnings, infos
}

// profileHashes is p.Hash() per profile, made once (a profile is not
// changed once it is in use; hashing it cost a few dozen µs per form
// scored). At most 16 profiles are kept.
var profileHashes = memo.New[*Profile, string](16)

// Outcome returns what the write-back needs: total, grade, profile name and
// hash, tool version, input fingerprint, the writes and the findings.
func (r *Result) Outcome(p *Profile, version, inputHash string) form.Outcome {
	if p == nil {
		p = DefaultProfile()
	}
	return form.Outcome{
		Total:       r.Total,
		Grade:       r.Grade,
		Profile:     p.Name,
		ProfileHash: profileHashes.Get(p, p.Hash),
		Version:     version,
		InputHash:   inputHash,
		Writes:      append([]form.Write(nil), r.Writes...),
		Findings:    append([]form.Finding(nil), r.Findings...),
		Strict:      r.Strict,
	}
}
