package template

import (
	"errors"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
)

func TestOptionErrors(t *testing.T) {
	cases := []struct {
		name string
		kind *form.Kind
		opts Options
		want string
	}{
		{"no kind", nil, Options{}, `模板选项 Kind="" 无效：未指定表单类型`},
		{"negative rows", form.MOF2020, Options{Rows: -1}, `模板选项 Rows="-1" 无效：指标行数必须大于 0`},
		{"too many rows", form.MOF2020, Options{Rows: 501}, `模板选项 Rows="501" 无效：指标行数不能超过 500`},
		{"bad year", form.SH2019, Options{Year: "19"}, `模板选项 Year="19" 无效：年度应为四位数字，如 2024`},
		{"year with text", form.SH2019, Options{Year: "2019年"}, `模板选项 Year="2019年" 无效：年度应为四位数字，如 2024`},
		{"long password", form.MOF2020, Options{Password: strings.Repeat("p", 256)}, `模板选项 Password="…" 无效：密码不能超过 255 个字符`},
		{"long profile", form.MOF2020, Options{Profile: strings.Repeat("p", 65)}, `模板选项 Profile="` + strings.Repeat("p", 65) + `" 无效：规则配置名称不能超过 64 个字符`},
		{"prefill of another kind", form.MOF2020, Options{Prefill: &form.Entry{Kind: "sh2019"}},
			`模板选项 Prefill="sh2019" 无效：预填数据的表单类型与模板 mof2020 不符`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Build(c.kind, c.opts)
			if f != nil {
				t.Error("Build returned a workbook with an error")
			}
			if err == nil || err.Error() != c.want {
				t.Fatalf("Build error = %v\nwant %s", err, c.want)
			}
			var oe *OptionError
			if !errors.As(err, &oe) {
				t.Errorf("error is %T, want *OptionError", err)
			}
			if l := LayoutOf(c.kind, c.opts); l != nil {
				t.Error("LayoutOf returned a layout for invalid options")
			}
		})
	}
}

func TestPrefillErrors(t *testing.T) {
	_, err := Build(form.MOF2020, Options{Rows: 1, Prefill: &form.Entry{
		Fields: map[string]string{"total": "100"},
		Rows:   make([]form.EntryRow, 2),
	}})
	want := "预填数据无法放入模板：fields.total：总分 由工具计算，不能填写\nrows[1]：超出模板的 1 个指标行（可加大行数）"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant %s", err, want)
	}
}

func TestBadDefinition(t *testing.T) {
	bad := *form.SH2019
	bad.Fields = append([]form.Field{}, bad.Fields...)
	bad.Fields[0].ValueAt = "B:Z"
	_, err := Build(&bad, Options{})
	want := "表单定义 sh2019 有误：字段 project 的取值列：列 \"B:Z\" 超出表单宽度 F"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant %s", err, want)
	}
	formula := *form.SH2019
	formula.Footer = append([]form.Field{}, formula.Footer...)
	formula.Footer[0].Formula = "SUM({col:nope}{first})"
	if _, err := Build(&formula, Options{}); err == nil || !strings.Contains(err.Error(), "{col:nope}") {
		t.Fatalf("error = %v, want one naming {col:nope}", err)
	}
}
