package value

import (
	"errors"
	"testing"
	"time"
	"unicode"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
	"golang.org/x/text/width"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func sameErr(got, want error) bool {
	if got == nil || want == nil {
		return got == nil && want == nil
	}
	var g, w *ParseError
	if !errors.As(got, &g) || !errors.As(want, &w) {
		return got.Error() == want.Error()
	}
	return g.Input == w.Input && g.Err == w.Err
}

func sameTarget(a, b Target) bool {
	return a.Quantitative == b.Quantitative && a.Op == b.Op && a.Value.Equal(b.Value) && a.Unit == b.Unit && a.Text == b.Text
}

func TestParseTarget(t *testing.T) {
	q := func(op Op, v, unit, text string) Target {
		return Target{Quantitative: true, Op: op, Value: d(v), Unit: unit, Text: text}
	}
	qual := func(text string) Target { return Target{Text: text} }
	tests := []struct {
		name string
		in   string
		want Target
		err  error
	}{
		{"full-width everything", "≥１００（％）", q(GE, "100", "%", "≥100(%)"), nil},
		{"ascii ge", ">=90%", q(GE, "90", "%", ">=90%"), nil},
		{"百分比", "≥100百分比", q(GE, "100", "%", "≥100%"), nil},
		{"seed count", "≥6.00(个)", q(GE, "6", "个", "≥6.00(个)"), nil},
		{"seed percent", "=100(%)", q(EQ, "100", "%", "=100(%)"), nil},
		{"seed percent decimals", "=100.00(%)", q(EQ, "100", "%", "=100.00(%)"), nil},
		{"seed reverse", "≤55(人)", q(LE, "55", "人", "≤55(人)"), nil},
		{"seed reverse percent", "≤100.00(%)", q(LE, "100", "%", "≤100.00(%)"), nil},
		{"zero", "=0", q(EQ, "0", "", "=0"), nil},
		{"full-width less with bare unit", "＜5天", q(LT, "5", "天", "<5天"), nil},
		{"bare unit", "≥50个", q(GE, "50", "个", "≥50个"), nil},
		{"no operator means equal", "100.00(%)", q(EQ, "100", "%", "100.00(%)"), nil},
		{"≧ variant", "≧90％", q(GE, "90", "%", "≥90%"), nil},
		{"≦ variant", "≦3(天)", q(LE, "3", "天", "≤3(天)"), nil},
		{"=<", "=<10", q(LE, "10", "", "=<10"), nil},
		{"spaces and line break", " ≥ 6.00\n(个) ", q(GE, "6", "个", "≥6.00(个)"), nil},
		{"thousands", "≥1,000(元)", q(GE, "1000", "元", "≥1,000(元)"), nil},
		{"word operator", "不低于90%", q(GE, "90", "%", "不低于90%"), nil},
		{"word operator le", "不超过3天", q(LE, "3", "天", "不超过3天"), nil},
		{"suffix 以上", "90%以上", q(GE, "90", "%", "90%以上"), nil},
		{"suffix 内", "3个工作日内", q(LE, "3", "个工作日", "3个工作日内"), nil},
		{"unit with slash", "≤200元/人", q(LE, "200", "元/人", "≤200元/人"), nil},
		{"month deadline is qualitative", "12月底前完成", qual("12月底前完成"), nil},
		{"qualitative good", "好", qual("好"), nil},
		{"qualitative with spaces", "有效 支撑", qual("有效支撑"), nil},
		{"qualitative outcome text", "达成指标", qual("达成指标"), nil},
		{"word before text is qualitative", "高于同期水平", qual("高于同期水平"), nil},
		{"date phrase", "2024年12月31日前", qual("2024年12月31日前"), nil},
		{"approximate", "约100", qual("约100"), &ParseError{Input: "约100", Err: ErrApproximate}},
		{"operator without number", "≥较高水平", qual("≥较高水平"), &ParseError{Input: "≥较高水平", Err: ErrNotTarget}},
		{"blank", "  ", Target{}, &ParseError{Input: "", Err: ErrEmpty}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTarget(tt.in)
			if !sameTarget(got, tt.want) || !sameErr(err, tt.err) {
				t.Errorf("ParseTarget(%q) = %+v, %v; want %+v, %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Quantity
		err  error
	}{
		{"seed count", "12.00(个)", Quantity{d("12"), "个"}, nil},
		{"seed percent", "100.00(%)", Quantity{d("100"), "%"}, nil},
		{"full-width percent", "９８．５（％）", Quantity{d("98.5"), "%"}, nil},
		{"percent sign", "12.5%", Quantity{d("12.5"), "%"}, nil},
		{"百分比", "90百分比", Quantity{d("90"), "%"}, nil},
		{"bare unit", "40人", Quantity{d("40"), "人"}, nil},
		{"thousands and decimals", "1,040,000.00", Quantity{d("1040000"), ""}, nil},
		{"full-width comma thousands", "1，234.5", Quantity{d("1234.5"), ""}, nil},
		{"negative", "-3.5", Quantity{d("-3.5"), ""}, nil},
		{"leading dot", ".5", Quantity{d("0.5"), ""}, nil},
		{"empty brackets", "5()", Quantity{d("5"), ""}, nil},
		{"approximate prefix", "约100", Quantity{}, &ParseError{Input: "约100", Err: ErrApproximate}},
		{"approximate suffix", "100余人", Quantity{}, &ParseError{Input: "100余人", Err: ErrApproximate}},
		{"approximate 左右", "100人左右", Quantity{}, &ParseError{Input: "100人左右", Err: ErrApproximate}},
		{"以上 in an actual", "90%以上", Quantity{}, &ParseError{Input: "90%以上", Err: ErrApproximate}},
		{"bad grouping", "12,34", Quantity{}, &ParseError{Input: "12,34", Err: ErrNotNumber}},
		{"european", "1.234,5", Quantity{}, &ParseError{Input: "1.234,5", Err: ErrNotNumber}},
		{"outcome text", "达成指标", Quantity{}, &ParseError{Input: "达成指标", Err: ErrNotNumber}},
		{"phrase after number", "12月底前完成", Quantity{}, &ParseError{Input: "12月底前完成", Err: ErrNotNumber}},
		{"two numbers", "1-2", Quantity{}, &ParseError{Input: "1-2", Err: ErrNotNumber}},
		{"empty", "", Quantity{}, &ParseError{Input: "", Err: ErrEmpty}},
		{"too large", "1e20", Quantity{}, &ParseError{Input: "1e20", Err: ErrNotNumber}},
		{"huge", "1000000000000000", Quantity{}, &ParseError{Input: "1000000000000000", Err: ErrOutOfRange}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseQuantity(tt.in)
			if !got.Value.Equal(tt.want.Value) || got.Unit != tt.want.Unit || !sameErr(err, tt.err) {
				t.Errorf("ParseQuantity(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		err  error
	}{
		{"full-width digits", "１２３", "123", nil},
		{"thousands", "1,234.5", "1234.5", nil},
		{"seed amount", "1,027,026.81", "1027026.81", nil},
		{"stray spaces", " 161.05 \n", "161.05", nil},
		{"trailing dot", "12.", "12", nil},
		{"unit refused", "12个", "0", &ParseError{Input: "12个", Err: ErrNotNumber}},
		{"percent refused", "12.5%", "0", &ParseError{Input: "12.5%", Err: ErrNotNumber}},
		{"approximate", "约100", "0", &ParseError{Input: "约100", Err: ErrApproximate}},
		{"dash", "—", "0", &ParseError{Input: "—", Err: ErrNotNumber}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNumber(tt.in)
			if !got.Equal(d(tt.want)) || !sameErr(err, tt.err) {
				t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestCellQuantity(t *testing.T) {
	tests := []struct {
		name string
		cell form.Cell
		want Quantity
		err  error
	}{
		{"percent cell", form.Cell{Text: "12.5%", Raw: "0.125", Number: true, Percent: true}, Quantity{d("12.5"), "%"}, nil},
		{"percent cell 0.9", form.Cell{Text: "90%", Raw: "0.9", Number: true, Percent: true}, Quantity{d("90"), "%"}, nil},
		{"float noise", form.Cell{Text: "161.05", Raw: "161.05000000000001", Number: true}, Quantity{d("161.05"), ""}, nil},
		{"noise below a whole number", form.Cell{Text: "100", Raw: "99.999999999999986", Number: true}, Quantity{d("100"), ""}, nil},
		{"noise in a percent cell", form.Cell{Text: "58%", Raw: "0.57999999999999996", Number: true, Percent: true}, Quantity{d("58"), "%"}, nil},
		{"typed digits kept", form.Cell{Text: "99.99999999", Raw: "99.99999999", Number: true}, Quantity{d("99.99999999"), ""}, nil},
		{"number format unit", form.Cell{Text: "12.00(个)", Raw: "12", Number: true}, Quantity{d("12"), "个"}, nil},
		{"number stored as text", form.Cell{Text: "1,040,000.00", Raw: "1,040,000.00"}, Quantity{d("1040000"), ""}, nil},
		{"text in a percent cell stays text", form.Cell{Text: "98.75%", Raw: "98.75%", Percent: true}, Quantity{d("98.75"), "%"}, nil},
		{"raw only", form.Cell{Raw: "7.52", Number: true}, Quantity{d("7.52"), ""}, nil},
		{"approximate text", form.Cell{Text: "约100", Raw: "约100"}, Quantity{}, &ParseError{Input: "约100", Err: ErrApproximate}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CellQuantity(tt.cell)
			if !got.Value.Equal(tt.want.Value) || got.Unit != tt.want.Unit || !sameErr(err, tt.err) {
				t.Errorf("CellQuantity(%+v) = %v, %v; want %v, %v", tt.cell, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestCellNumber(t *testing.T) {
	tests := []struct {
		name string
		cell form.Cell
		want string
		err  error
	}{
		{"percent cell gives percent units", form.Cell{Text: "98.75%", Raw: "0.9875", Number: true, Percent: true}, "98.75", nil},
		{"text percent", form.Cell{Text: "98.75%"}, "98.75", nil},
		{"unit refused", form.Cell{Text: "40人"}, "0", &ParseError{Input: "40人", Err: ErrNotNumber}},
		{"unit typed as text refused", form.Cell{Text: "20.00(分)", Raw: "20.00(分)"}, "0", &ParseError{Input: "20.00(分)", Err: ErrNotNumber}},
		{"number cell whose format shows a unit", form.Cell{Text: "20.00(分)", Raw: "20", Number: true}, "20", nil},
	}
	for _, tt := range []struct {
		text, unit, want string
		ok               bool
	}{
		{"16分", "分", "16", true},
		{"161.05万元", "万元", "161.05", true},
		{"1,040,000.00元", "元", "1040000", true},
		{"161.05万元", "元", "0", false}, // another unit than the cell's: not read
		{"16个", "分", "0", false},
	} {
		got, err := CellNumber(form.Cell{Text: tt.text, Raw: tt.text}, tt.unit)
		if !got.Equal(d(tt.want)) || (err == nil) != tt.ok {
			t.Errorf("CellNumber(%q, %q) = %v, %v; want %v, ok %v", tt.text, tt.unit, got, err, tt.want, tt.ok)
		}
	}
	if q, err := CellTarget(form.Cell{Text: "'≥90(%)", Raw: "'≥90(%)"}); err != nil || !q.Quantitative || !q.Value.Equal(d("90")) {
		t.Errorf("a target with a leading apostrophe: %+v, %v; want ≥90(%%)", q, err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CellNumber(tt.cell)
			if !got.Equal(d(tt.want)) || !sameErr(err, tt.err) {
				t.Errorf("CellNumber(%+v) = %v, %v; want %v, %v", tt.cell, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestOutcome(t *testing.T) {
	tests := []struct {
		name           string
		actual, target string
		want           Band
	}{
		{"达成指标", "达成指标", "好", Achieved},
		{"达成", "达成", "好", Achieved},
		{"达成年度指标", "达成年度指标", "好", Achieved},
		{"达成预期指标", "达成预期指标", "好", Achieved},
		{"已完成", "已完成", "及时", Achieved},
		{"完成", "完成", "及时", Achieved},
		{"same as target", "有效 支撑", "有效支撑", Achieved},
		{"full stop", "达成指标。", "好", Achieved},
		{"部分达成", "部分达成", "好", Partial},
		{"部分达成指标", "部分达成指标", "好", Partial},
		{"部分达成年度指标并具有一定效果", "部分达成年度指标并具有一定效果", "好", Partial},
		{"未达成", "未达成", "好", NotAchieved},
		{"未达成指标", "未达成指标", "好", NotAchieved},
		{"未达成年度指标且效果较差", "未达成年度指标且效果较差", "好", NotAchieved},
		{"unknown", "较好", "好", Unknown},
		{"达成 with a rate is unknown", "达成率80%", "好", Unknown},
		{"blank", "", "好", Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Outcome(tt.actual, tt.target); got != tt.want {
				t.Errorf("Outcome(%q, %q) = %q, want %q", tt.actual, tt.target, got, tt.want)
			}
		})
	}
}

func TestDates(t *testing.T) {
	day := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		cell form.Cell
		want time.Time
		err  error
	}{
		{"seed text", form.Cell{Text: "2020-3-31"}, day(2020, 3, 31), nil},
		{"slashes", form.Cell{Text: "2020/03/31"}, day(2020, 3, 31), nil},
		{"chinese", form.Cell{Text: "2020年3月31日"}, day(2020, 3, 31), nil},
		{"full-width dots", form.Cell{Text: "２０２０．３．３１"}, day(2020, 3, 31), nil},
		{"eight digits", form.Cell{Text: "20200331"}, day(2020, 3, 31), nil},
		{"serial", form.Cell{Text: "2020/3/31", Raw: "43921", Number: true}, day(2020, 3, 31), nil},
		{"serial with time", form.Cell{Raw: "43921.5", Number: true}, day(2020, 3, 31), nil},
		{"serial before the leap quirk", form.Cell{Raw: "1", Number: true}, day(1900, 1, 1), nil},
		{"serial as text", form.Cell{Text: "43921"}, day(2020, 3, 31), nil},
		{"no such day", form.Cell{Text: "2020-2-30"}, time.Time{}, &ParseError{Input: "2020-2-30", Err: ErrNotDate}},
		{"signed part", form.Cell{Text: "2020-+3-31"}, time.Time{}, &ParseError{Input: "2020-+3-31", Err: ErrNotDate}},
		{"words", form.Cell{Text: "三月底"}, time.Time{}, &ParseError{Input: "三月底", Err: ErrNotDate}},
		{"blank", form.Cell{}, time.Time{}, &ParseError{Input: "", Err: ErrEmpty}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CellDate(tt.cell)
			if !got.Equal(tt.want) || !sameErr(err, tt.err) {
				t.Errorf("CellDate(%+v) = %v, %v; want %v, %v", tt.cell, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestParseErrorText(t *testing.T) {
	_, err := ParseNumber("约100")
	if got, want := err.Error(), "“约100”不是确切数值"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrApproximate) {
		t.Errorf("errors.Is(%v, ErrApproximate) = false", err)
	}
	_, err = ParseNumber("")
	if got, want := err.Error(), "值为空"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestIsDash(t *testing.T) {
	for in, want := range map[string]bool{"-": true, "—": true, "－": true, " — ": true, "": false, "-1": false, "0": false} {
		if got := IsDash(in); got != want {
			t.Errorf("IsDash(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestFoldWidth: FoldWidth is width.Fold on every rune, alone and between
// other text, and on bytes that are not UTF-8.
func TestFoldWidth(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0x3000 && r <= 0xFFFF || r%7 == 0 {
			s := "a" + string(r) + "中"
			if got, want := FoldWidth(s), width.Fold.String(s); got != want {
				t.Fatalf("FoldWidth(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"", "abc", "中文（１）", "ｶﾞ", "\xff\xfe", "a\xe4\xb8"} {
		if got, want := FoldWidth(s), width.Fold.String(s); got != want {
			t.Errorf("FoldWidth(%q) = %q, want %q", s, got, want)
		}
	}
}
