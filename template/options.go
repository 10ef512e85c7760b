package template

import (
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/selfeval/selfeval/workbook/form"
)

// Version is the template version recorded in the stamp. Raise it when the
// layout of a kind changes in a way a reader must know about.
const Version = "2"

// Defaults and limits of Options.
const (
	DefaultYear    = "2024"    // Options.Year when empty
	DefaultProfile = "default" // Options.Profile when empty
	MaxRows        = 500       // largest Options.Rows (per group for kinds with groups)
	maxPassword    = 255       // Excel's limit on a protection password
)

// Options are the choices of one template.
type Options struct {
	Year     string      // the year of the form; "" means DefaultYear
	Rows     int         // input rows of the table (per group when the kind has groups); 0 means Kind.Table.Rows
	Password string      // sheet and workbook protection password (SHA-512); "" means none
	Profile  string      // rules profile name recorded in the stamp; "" means Rules.Name
	Rules    *Rules      // settings the live formulas use; nil means DefaultRules()
	Key      []byte      // key of the stamp's keyed signature (HMAC); nil means unsigned
	Prefill  *form.Entry // values written into their cells and locked (approved targets); nil means none
	// Spare is the number of blank rows a prefilled template offers after
	// its projects' rows (per group for kinds with groups). A prefilled
	// template without Rows has exactly its rows plus Spare.
	Spare int
	// Batch names the issue batch recorded in a prefilled template's form
	// id (see form.Identity); "" records none.
	Batch string
}

// rowsFor returns the input rows of the table (group "" for kinds without
// groups) for resolved options: Rows when given, else for a prefilled
// template the prefilled rows of the group plus Spare (at least one).
func (o Options) rowsFor(group string) int {
	if o.Rows > 0 || o.Prefill == nil {
		return o.Rows
	}
	n := o.Spare
	for _, r := range o.Prefill.Rows {
		if r.Group == group {
			n++
		}
	}
	return max(n, 1)
}

// groupLabel returns the printed label of a group for resolved options.
func (o Options) groupLabel(g form.Group) string { return o.Rules.groupLabel(g) }

// OptionError reports an option that Build, LayoutOf or Fill cannot use.
type OptionError struct {
	Option string // Options field name, e.g. "Rows"
	Value  string // the value given
	Reason string // why it is refused, in Chinese
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("模板选项 %s=%q 无效：%s", e.Option, e.Value, e.Reason)
}

var yearPattern = regexp.MustCompile(`^[12][0-9]{3}$`)

// resolve returns opts with defaults applied, or an *OptionError.
func (o Options) resolve(k *form.Kind) (Options, error) {
	if k == nil {
		return o, &OptionError{Option: "Kind", Value: "", Reason: "未指定表单类型"}
	}
	if o.Year == "" {
		o.Year = DefaultYear
	}
	if o.Rules == nil {
		o.Rules = DefaultRules()
	}
	if o.Profile == "" {
		o.Profile = o.Rules.Name
	}
	if o.Profile == "" {
		o.Profile = DefaultProfile
	}
	if err := o.Rules.check(); err != nil {
		return o, &OptionError{Option: "Rules", Value: o.Rules.Name, Reason: err.Error()}
	}
	if o.Rows == 0 && o.Prefill == nil {
		o.Rows = k.Table.Rows
	}
	switch {
	case !yearPattern.MatchString(o.Year):
		return o, &OptionError{Option: "Year", Value: o.Year, Reason: "年度应为四位数字，如 2024"}
	case o.Spare < 0 || o.Spare > MaxRows:
		return o, &OptionError{Option: "Spare", Value: strconv.Itoa(o.Spare), Reason: fmt.Sprintf("空白行数应在 0 到 %d 之间", MaxRows)}
	case o.Rows < 0 || (o.Rows == 0 && o.Prefill == nil):
		return o, &OptionError{Option: "Rows", Value: strconv.Itoa(o.Rows), Reason: "指标行数必须大于 0"}
	case o.Rows > MaxRows:
		return o, &OptionError{Option: "Rows", Value: strconv.Itoa(o.Rows),
			Reason: fmt.Sprintf("指标行数不能超过 %d", MaxRows)}
	case utf8.RuneCountInString(o.Password) > maxPassword:
		return o, &OptionError{Option: "Password", Value: "…",
			Reason: fmt.Sprintf("密码不能超过 %d 个字符", maxPassword)}
	case utf8.RuneCountInString(o.Profile) > 64:
		return o, &OptionError{Option: "Profile", Value: o.Profile, Reason: "规则配置名称不能超过 64 个字符"}
	case o.Prefill != nil && o.Prefill.Kind != "" && o.Prefill.Kind != k.Name:
		return o, &OptionError{Option: "Prefill", Value: o.Prefill.Kind,
			Reason: fmt.Sprintf("预填数据的表单类型与模板 %s 不符", k.Name)}
	}
	return o, nil
}
