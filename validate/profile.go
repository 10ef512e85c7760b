package validate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// Rate rounding modes (RULES §2.1): how the shown execution rate is cut to 2
// decimals.
const (
	RateTruncate = "truncate"
	RateHalfUp   = "half_up"
)

// Reverse formulas (RULES §2.4): the score of a missed ≤ / < target.
const (
	ReverseRatio  = "ratio"
	ReverseLinear = "linear"
)

// Profile holds every setting of the rule book that differs by region
// (RULES §4). DefaultProfile reproduces the seed forms; LoadProfile reads
// overrides from YAML. Percentages are in percent units (30 means 30%).
type Profile struct {
	Name        string `yaml:"name" validate:"required,max=64"`
	Description string `yaml:"description" validate:"max=500"`
	// Grades are the lower bounds of 优, 良 and 中 (inclusive).
	Grades Grades `yaml:"grades"`
	// ExecutionWeight is the 分值 of the execution rate (mof2020).
	ExecutionWeight decimal.Decimal `yaml:"execution_weight" validate:"dgt=0,dlte=100"`
	// IndicatorTotal is the required Σ 分值 of the indicator rows (mof2020);
	// with ExecutionWeight it makes 100.
	IndicatorTotal decimal.Decimal `yaml:"indicator_total" validate:"dgt=0,dlte=100"`
	// RateRounding cuts the shown rate: RateTruncate or RateHalfUp.
	RateRounding string `yaml:"rate_rounding" validate:"oneof=truncate half_up"`
	// ReverseFormula scores a missed ≤ target: ReverseRatio or ReverseLinear.
	ReverseFormula string `yaml:"reverse_formula" validate:"oneof=ratio linear"`
	// Floors are the qualitative band floors as shares of 分值.
	Floors Floors `yaml:"qualitative_floors"`
	// DeviationThreshold is the deviation (percent) above which a reason is due.
	DeviationThreshold decimal.Decimal `yaml:"deviation_threshold" validate:"dgt=0,dlte=1000"`
	// Tolerance bounds the difference between written and recomputed values.
	Tolerance Tolerance `yaml:"tolerance"`
	// SH2019 are the sh2019 category weights, used when a label carries none.
	SH2019 SH2019Weights `yaml:"sh2019_weights"`
	// Split is the recommended 产出 / 效益 / 满意度 split of the indicator
	// weights (mof2020, 成本 counted with 产出); a different split is an info.
	// It is checked only when it sums to IndicatorTotal.
	Split Split `yaml:"recommended_split"`
	// ExecutionReasonBelow (percent, mof2020) asks for a reason in the
	// funds block's 偏差原因 when the execution rate is below it; 0 = never.
	ExecutionReasonBelow decimal.Decimal `yaml:"execution_reason_below" validate:"dgte=0,dlte=100"`
	// Review are the reviewer's checks (RULES §6, review.*): shown to
	// reviewers, never written into a unit's form; they do not change a
	// score, so they are not part of Hash.
	Review ReviewSettings `yaml:"review"`
	// DeptDeductions scores the common indicators of the dept form by
	// deduction (RULES §3a); a rules file's list replaces the default one.
	DeptDeductions []Deduction `yaml:"dept_deductions" validate:"dive"`
	// Labels adds label variants the reader accepts, by a label's official
	// text or key: 年度指标值: [预期值]. They do not change any score.
	Labels map[string][]string `yaml:"labels"`
}

// ReviewSettings are the reviewer's checks (RULES §6): the severity of each
// ("warning", "info" or "off") and its thresholds.
type ReviewSettings struct {
	Inflated           string          `yaml:"inflated" validate:"oneof=warning info off"`
	InflatedMargin     decimal.Decimal `yaml:"inflated_margin" validate:"dgte=0,dlte=100"` // percent
	LowExecution       string          `yaml:"low_execution" validate:"oneof=warning info off"`
	LowExecutionBelow  decimal.Decimal `yaml:"low_execution_below" validate:"dgte=0,dlte=100"` // percent
	AllFullMarks       string          `yaml:"all_full_marks" validate:"oneof=warning info off"`
	CostTarget         string          `yaml:"cost_target_direction" validate:"oneof=warning info off"`
	DuplicateLevels    string          `yaml:"duplicate_across_levels" validate:"oneof=warning info off"`
	Satisfaction       string          `yaml:"satisfaction_unsurveyed" validate:"oneof=warning info off"`
	CopiedText         string          `yaml:"copied_text" validate:"oneof=warning info off"`
	CopiedMinChars     decimal.Decimal `yaml:"copied_min_chars" validate:"dgte=1,dlte=10000"`
	Adjusted           string          `yaml:"adjusted_unexplained" validate:"oneof=warning info off"`
	AdjustedShare      decimal.Decimal `yaml:"adjusted_share" validate:"dgt=0,dlte=1000"` // percent
	AdjustedTotalAbove decimal.Decimal `yaml:"adjusted_total_above" validate:"dgte=0,dlte=100"`
	Deviation          string          `yaml:"deviation" validate:"oneof=warning info off"`
	DeviationAbove     decimal.Decimal `yaml:"deviation_above" validate:"dgte=0,dlte=1000"` // percent
	SampleRate         decimal.Decimal `yaml:"sample_rate" validate:"dgt=0,dlte=100"`       // percent
}

// DefaultReview returns the reviewer's checks as RULES §6 gives them.
func DefaultReview() ReviewSettings {
	return ReviewSettings{
		Inflated: "warning", InflatedMargin: dec(5),
		LowExecution: "info", LowExecutionBelow: dec(80),
		AllFullMarks: "info", CostTarget: "warning", DuplicateLevels: "warning", Satisfaction: "warning",
		CopiedText: "info", CopiedMinChars: dec(30),
		Adjusted: "warning", AdjustedShare: dec(30), AdjustedTotalAbove: dec(90),
		Deviation: "warning", DeviationAbove: dec(10),
		SampleRate: dec(15),
	}
}

// Grades are the lower bounds (inclusive) of the grades 优, 良, 中; below
// Fair the grade is 差.
type Grades struct {
	Excellent decimal.Decimal `yaml:"excellent" validate:"dgt=0,dlte=100"`
	Good      decimal.Decimal `yaml:"good" validate:"dgt=0,dlte=100"`
	Fair      decimal.Decimal `yaml:"fair" validate:"dgt=0,dlte=100"`
}

// Floors are the qualitative band floors (RULES §2.5) as shares of 分值:
// 达成 [Achieved·w, w], 部分达成 [Partial·w, Achieved·w), 未达成 [0, Partial·w).
type Floors struct {
	Achieved decimal.Decimal `yaml:"achieved" validate:"dgt=0,dlte=1"`
	Partial  decimal.Decimal `yaml:"partial" validate:"dgt=0,dlte=1"`
}

// Tolerance bounds written-versus-recomputed differences (RULES §2.1).
type Tolerance struct {
	Rate           decimal.Decimal `yaml:"rate" validate:"dgte=0,dlte=10"`            // percentage points
	Score          decimal.Decimal `yaml:"score" validate:"dgte=0,dlte=10"`           // points
	RoundedAmounts decimal.Decimal `yaml:"rounded_amounts" validate:"dgte=0,dlte=10"` // points, for scores computed from amounts in 万元
}

// SH2019Weights are the sh2019 category weights (RULES §3).
type SH2019Weights struct {
	Input  decimal.Decimal `yaml:"input" validate:"dgt=0,dlte=100"`  // 投入与管理
	Output decimal.Decimal `yaml:"output" validate:"dgt=0,dlte=100"` // 产出目标
	Effect decimal.Decimal `yaml:"effect" validate:"dgt=0,dlte=100"` // 效果目标
	Impact decimal.Decimal `yaml:"impact" validate:"dgt=0,dlte=100"` // 影响力目标
}

// Split is a recommended split of the mof2020 indicator weights.
type Split struct {
	Output       decimal.Decimal `yaml:"output" validate:"dgte=0,dlte=100"`       // 产出 (with 成本)
	Effect       decimal.Decimal `yaml:"effect" validate:"dgte=0,dlte=100"`       // 效益
	Satisfaction decimal.Decimal `yaml:"satisfaction" validate:"dgte=0,dlte=100"` // 满意度
}

func dec(i int64) decimal.Decimal { return decimal.NewFromInt(i) }

// DefaultProfile returns the built-in profile, named "default", that
// reproduces the seed forms: grades 90/80/60, execution weight 10 with
// indicators 90, truncated rates, the ratio reverse formula, floors 0.8/0.6, a
// 30% deviation threshold, tolerances 0.02 pp / 0.01 / 0.02 and sh2019 weights
// 36/34/15/15.
func DefaultProfile() *Profile {
	return &Profile{
		Name:               "default",
		Grades:             Grades{Excellent: dec(90), Good: dec(80), Fair: dec(60)},
		ExecutionWeight:    dec(10),
		IndicatorTotal:     dec(90),
		RateRounding:       RateTruncate,
		ReverseFormula:     ReverseRatio,
		Floors:             Floors{Achieved: decimal.New(8, -1), Partial: decimal.New(6, -1)},
		DeviationThreshold: dec(30),
		Tolerance:          Tolerance{Rate: decimal.New(2, -2), Score: decimal.New(1, -2), RoundedAmounts: decimal.New(2, -2)},
		SH2019:             SH2019Weights{Input: dec(36), Output: dec(34), Effect: dec(15), Impact: dec(15)},
		Split:              Split{Output: dec(50), Effect: dec(30), Satisfaction: dec(10)},
		Review:             DefaultReview(),
		DeptDeductions:     defaultDeductions(),
	}
}

// Hash returns a short stable hash (12 hex digits) of the settings, without
// the name and description: two profiles that score alike hash alike.
func (p *Profile) Hash() string {
	var b strings.Builder
	line := func(key string, vals ...decimal.Decimal) {
		b.WriteString(key)
		for _, v := range vals {
			b.WriteString(" ")
			b.WriteString(v.String())
		}
		b.WriteString("\n")
	}
	line("grades", p.Grades.Excellent, p.Grades.Good, p.Grades.Fair)
	line("execution_weight", p.ExecutionWeight)
	line("indicator_total", p.IndicatorTotal)
	fmt.Fprintf(&b, "rate_rounding %s\nreverse_formula %s\n", p.RateRounding, p.ReverseFormula)
	line("qualitative_floors", p.Floors.Achieved, p.Floors.Partial)
	line("deviation_threshold", p.DeviationThreshold)
	line("tolerance", p.Tolerance.Rate, p.Tolerance.Score, p.Tolerance.RoundedAmounts)
	line("sh2019_weights", p.SH2019.Input, p.SH2019.Output, p.SH2019.Effect, p.SH2019.Impact)
	line("recommended_split", p.Split.Output, p.Split.Effect, p.Split.Satisfaction)
	if !p.ExecutionReasonBelow.IsZero() { // absent from older hashes
		line("execution_reason_below", p.ExecutionReasonBelow)
	}
	if t := deductionsText(p.DeptDeductions); t != defaultDeductionsText() { // absent from older hashes
		b.WriteString("dept_deductions " + t + "\n")
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])[:12]
}

// defaultDeductionsText is deductionsText(defaultDeductions()), made once.
var defaultDeductionsText = sync.OnceValue(func() string { return deductionsText(defaultDeductions()) })

// shownRate cuts a rate in percent units to 2 decimals per the profile.
func (p *Profile) shownRate(percent decimal.Decimal) decimal.Decimal {
	if p.RateRounding == RateHalfUp {
		return percent.Round(2)
	}
	return percent.Truncate(2)
}
