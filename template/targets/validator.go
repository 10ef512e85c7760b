package targets

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/selfeval/selfeval/workbook/form/value"
)

// check is the validator with the tags of targets files:
//
//	year    four digits
//	amount  a number ≥ 0 as people type it (1,040,000.00)
//	weight  a number > 0
//	target  a 年度指标值 that is either quantitative and readable or plainly
//	        qualitative (≥6.00(个), 好; not ≥abc or 约100)
type check struct{ v *validator.Validate }

var yearPattern = regexp.MustCompile(`^[12][0-9]{3}$`)

func newValidator() check {
	v := validator.New()
	must := func(tag string, fn func(string) bool) {
		if err := v.RegisterValidation(tag, func(fl validator.FieldLevel) bool { return fn(fl.Field().String()) }); err != nil {
			panic(err) // the tags above are valid; a failure is a programming error
		}
	}
	must("year", yearPattern.MatchString)
	must("amount", func(s string) bool {
		d, err := value.ParseNumber(s)
		return err == nil && !d.IsNegative()
	})
	must("weight", func(s string) bool {
		d, err := value.ParseNumber(s)
		return err == nil && d.IsPositive()
	})
	must("target", func(s string) bool {
		_, err := value.ParseTarget(s)
		return err == nil
	})
	return check{v}
}

// check validates s against tags and returns what is wrong in Chinese and
// in English, or "".
func (c check) check(s, tags string) (zh, en string) {
	err := c.v.Var(s, tags)
	if err == nil {
		return "", ""
	}
	errs, ok := err.(validator.ValidationErrors)
	if !ok || len(errs) == 0 {
		return err.Error(), err.Error()
	}
	fe := errs[0]
	switch fe.Tag() {
	case "required":
		return "未填写", "not filled in"
	case "max":
		return fmt.Sprintf("过长（不超过 %s 个字符）", fe.Param()), fmt.Sprintf("too long (at most %s characters)", fe.Param())
	case "year":
		return fmt.Sprintf("年度“%s”应为四位数字，如 2024", s), fmt.Sprintf("the year %q should be four digits, e.g. 2024", s)
	case "amount":
		return fmt.Sprintf("金额“%s”应为不小于 0 的数字，不带单位", s), fmt.Sprintf("the amount %q should be a number of at least 0, without a unit", s)
	case "weight":
		return fmt.Sprintf("分值“%s”应为大于 0 的数字", s), fmt.Sprintf("the weight %q should be a number greater than 0", s)
	case "target":
		_, perr := value.ParseTarget(s)
		return fmt.Sprintf("年度指标值“%s”无法识别（%v）；定量写作 ≥6.00(个)，定性写文字", s, perr),
			fmt.Sprintf("the target %q cannot be read (%v); write a quantity as ≥6.00(个), a quality in words", s, perr)
	case "oneof":
		return fmt.Sprintf("“%s”应为 %s 之一", s, strings.ReplaceAll(fe.Param(), " ", "、")),
			fmt.Sprintf("%q should be one of %s", s, strings.ReplaceAll(fe.Param(), " ", ", "))
	}
	return fmt.Sprintf("“%s”不符合 %s", s, fe.Tag()), fmt.Sprintf("%q does not satisfy %s", s, fe.Tag())
}
