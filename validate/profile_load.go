package validate

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// FieldError is one problem of a rules file, naming the field by its YAML
// path (grades.good) and saying, in Chinese, what is allowed.
type FieldError struct {
	File  string // the rules file
	Field string // YAML path, e.g. "grades.good"; "" for the file as a whole
	Line  int    // 1-based line, 0 when unknown
	Msg   string // what is wrong, in Chinese
	En    string // the same in English
}

// Error returns e.g. 规则文件 r.yaml 第 3 行：字段 grades.good：须大于 0.
func (e *FieldError) Error() string { return e.Localized(false) }

// Localized returns the message in English (rules file r.yaml line 3:
// field grades.good: must be greater than 0) or in Chinese.
func (e *FieldError) Localized(english bool) string {
	if english && e.En != "" {
		s := "rules file " + e.File
		if e.Line > 0 {
			s += fmt.Sprintf(" line %d", e.Line)
		}
		if e.Field != "" {
			s += ": field " + e.Field
		}
		return s + ": " + e.En
	}
	var b strings.Builder
	b.WriteString("规则文件 " + e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, " 第 %d 行", e.Line)
	}
	b.WriteString("：")
	if e.Field != "" {
		b.WriteString("字段 " + e.Field + "：")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxProfileSize bounds a rules file; real ones are a few hundred bytes.
const maxProfileSize = 1 << 20

// LoadProfile reads a YAML rules file. It starts from DefaultProfile, so the
// file names only what differs; without a name the profile is named after
// the file. A bad file is refused: the error joins one *FieldError per
// problem (unknown field, wrong type, value out of range, inconsistent
// settings), each naming the field and the allowed values.
func LoadProfile(path string) (*Profile, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, i18n.Errorf("读取规则文件：%s 不是普通文件", "reading the rules file: %s is not a regular file", path) // a FIFO would block the open
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, i18n.Errorf("读取规则文件：%w", "reading the rules file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxProfileSize+1))
	if err != nil {
		return nil, i18n.Errorf("读取规则文件：%w", "reading the rules file: %w", err)
	}
	file := filepath.Base(path)
	if len(data) > maxProfileSize {
		return nil, &FieldError{File: file, Msg: "文件过大，不是规则文件", En: "too large for a rules file"}
	}
	p := DefaultProfile()
	p.Name = strings.TrimSuffix(file, filepath.Ext(file))
	if err := decodeProfile(file, data, p); err != nil {
		return nil, err
	}
	return p, nil
}

// decodeProfile checks the YAML against the profile's fields, decodes what
// is sound over p and validates the result. Every problem is reported, not
// just the first: a key that is unknown or of the wrong type is left out of
// the decoding and reported, the rest is still checked, and the rules
// between fields are skipped only where one of their fields is already wrong.
func decodeProfile(file string, data []byte, p *Profile) error {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return &FieldError{File: file, Line: yamlLine(err), Msg: "不是有效的 YAML：" + yamlReason(err), En: "not valid YAML: " + yamlReason(err)}
	}
	if len(root.Content) == 0 {
		return nil
	}
	lines := map[string]int{}
	var errs []error
	doc := root.Content[0]
	if checkNode(file, doc, reflect.TypeOf(*p), "", lines, &errs) {
		if err := doc.Decode(p); err != nil {
			errs = append(errs, &FieldError{File: file, Line: yamlLine(err), Msg: yamlReason(err), En: yamlReason(err)})
		}
	}
	return errors.Join(append(errs, validateProfile(file, p, lines, errs)...)...)
}

var decimalType = reflect.TypeOf(decimal.Decimal{})

// checkNode walks a YAML mapping against a struct type: unknown keys, maps
// where scalars belong and numbers that are not numbers are reported with
// their path and line, and removed from n so that the rest decodes. lines
// records the line of every key. It returns false when n is not a mapping.
func checkNode(file string, n *yaml.Node, t reflect.Type, path string, lines map[string]int, errs *[]error) bool {
	if n.Kind != yaml.MappingNode {
		*errs = append(*errs, &FieldError{File: file, Field: path, Line: n.Line, Msg: "须为“键: 值”的映射，可用字段：" + strings.Join(yamlKeys(t), "、"),
			En: "must be a mapping of key: value; fields: " + strings.Join(yamlKeys(t), ", ")})
		return false
	}
	kept := n.Content[:0:0]
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := joinPath(path, k.Value)
		sf, ok := fieldByYAML(t, k.Value)
		if !ok {
			*errs = append(*errs, &FieldError{File: file, Field: key, Line: k.Line, Msg: "未知字段；可用字段：" + strings.Join(yamlKeys(t), "、"),
				En: "unknown field; fields: " + strings.Join(yamlKeys(t), ", ")})
			continue
		}
		lines[key] = k.Line
		sound := true
		switch {
		case sf.Type == decimalType || sf.Type == reflect.PointerTo(decimalType):
			if _, err := decimal.NewFromString(v.Value); v.Kind != yaml.ScalarNode || err != nil {
				*errs = append(*errs, &FieldError{File: file, Field: key, Line: v.Line, Msg: fmt.Sprintf("值 %q 不是数值", nodeText(v)), En: fmt.Sprintf("value %q is not a number", nodeText(v))})
				sound = false
			}
		case sf.Type.Kind() == reflect.Struct:
			sound = checkNode(file, v, sf.Type, key, lines, errs)
		case sf.Type.Kind() == reflect.Slice:
			sound = checkList(file, v, sf.Type.Elem(), key, lines, errs)
		case sf.Type.Kind() == reflect.Map:
			sound = checkLabels(file, v, key, lines, errs)
		case v.Kind != yaml.ScalarNode:
			*errs = append(*errs, &FieldError{File: file, Field: key, Line: v.Line, Msg: "须为文字", En: "must be text"})
			sound = false
		}
		if sound {
			kept = append(kept, k, v)
		}
	}
	n.Content = kept
	return true
}

// checkList checks a YAML sequence whose items are of type elem (a struct
// or a scalar), as checkNode checks a mapping.
func checkList(file string, n *yaml.Node, elem reflect.Type, path string, lines map[string]int, errs *[]error) bool {
	if n.Kind != yaml.SequenceNode {
		*errs = append(*errs, &FieldError{File: file, Field: path, Line: n.Line, Msg: "须为列表（每项以 - 开头）", En: "must be a list (each item starting with -)"})
		return false
	}
	// Items that are not sound are reported and left out, so that the
	// others still decode and are checked; the ones before keep their index.
	kept := n.Content[:0:0]
	for i, item := range n.Content {
		key := fmt.Sprintf("%s[%d]", path, i)
		lines[key] = item.Line
		switch {
		case elem.Kind() == reflect.Struct:
			if !checkNode(file, item, elem, key, lines, errs) {
				continue
			}
		case item.Kind != yaml.ScalarNode:
			*errs = append(*errs, &FieldError{File: file, Field: key, Line: item.Line, Msg: "须为文字", En: "must be text"})
			continue
		}
		kept = append(kept, item)
	}
	n.Content = kept
	return true
}

func nodeText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return "…"
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func yamlName(sf reflect.StructField) string {
	name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
	return name
}

func fieldByYAML(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if yamlName(t.Field(i)) == key {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func yamlKeys(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		out = append(out, yamlName(t.Field(i)))
	}
	return out
}

func yamlLine(err error) int {
	var line int
	s := err.Error()
	if i := strings.Index(s, "line "); i >= 0 {
		fmt.Sscanf(s[i:], "line %d", &line)
	}
	return line
}

func yamlReason(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if i := strings.Index(s, ": "); i >= 0 && strings.HasPrefix(s, "line ") {
		s = s[i+2:]
	}
	return s
}

var (
	validatorOnce sync.Once
	validatorInst *validator.Validate
)

// profileValidator returns the validator with the decimal comparison tags
// dgt, dgte and dlte and YAML field names.
func profileValidator() *validator.Validate {
	validatorOnce.Do(func() {
		v := validator.New()
		v.RegisterTagNameFunc(yamlName)
		cmp := func(ok func(c int) bool) validator.Func {
			return func(fl validator.FieldLevel) bool {
				d, isDec := fl.Field().Interface().(decimal.Decimal)
				bound, err := decimal.NewFromString(fl.Param())
				return isDec && err == nil && ok(d.Cmp(bound))
			}
		}
		_ = v.RegisterValidation("dgt", cmp(func(c int) bool { return c > 0 }))
		_ = v.RegisterValidation("dgte", cmp(func(c int) bool { return c >= 0 }))
		_ = v.RegisterValidation("dlte", cmp(func(c int) bool { return c <= 0 }))
		validatorInst = v
	})
	return validatorInst
}

// validateProfile runs the field rules and then the rules between fields,
// skipping a rule between fields when one of them is among the problems
// already found (earlier).
func validateProfile(file string, p *Profile, lines map[string]int, earlier []error) []error {
	var errs []error
	wrong := map[string]bool{}
	for _, e := range earlier {
		if fe, ok := e.(*FieldError); ok {
			wrong[fe.Field] = true
		}
	}
	add := func(field, msg, en string) {
		errs = append(errs, &FieldError{File: file, Field: field, Line: lines[field], Msg: msg, En: en})
		wrong[field] = true
	}
	if err := profileValidator().Struct(p); err != nil {
		var ves validator.ValidationErrors
		if !errors.As(err, &ves) {
			return []error{&FieldError{File: file, Msg: err.Error(), En: err.Error()}}
		}
		for _, fe := range ves {
			field := fe.Namespace()
			if _, rest, ok := strings.Cut(field, "."); ok {
				field = rest
			}
			zh, en := fieldRuleText(fe)
			add(field, zh, en)
		}
	}
	sound := func(fields ...string) bool {
		for _, f := range fields {
			for w := range wrong {
				if w == f || strings.HasPrefix(w, f+".") || strings.HasPrefix(f, w+".") {
					return false
				}
			}
		}
		return true
	}
	g := p.Grades
	if sound("grades.good", "grades.excellent") && !g.Good.LessThan(g.Excellent) {
		add("grades.good", fmt.Sprintf("值 %s 无效：须小于 grades.excellent（%s），三个等级下限须依次递减", g.Good, g.Excellent),
			fmt.Sprintf("value %s is invalid: it must be less than grades.excellent (%s); the three grade floors must decrease", g.Good, g.Excellent))
	}
	if sound("grades.fair", "grades.good") && !g.Fair.LessThan(g.Good) {
		add("grades.fair", fmt.Sprintf("值 %s 无效：须小于 grades.good（%s），三个等级下限须依次递减", g.Fair, g.Good),
			fmt.Sprintf("value %s is invalid: it must be less than grades.good (%s); the three grade floors must decrease", g.Fair, g.Good))
	}
	if sum := p.ExecutionWeight.Add(p.IndicatorTotal); sound("execution_weight", "indicator_total") && !sum.Equal(dec(100)) {
		add("indicator_total", fmt.Sprintf("值 %s 无效：execution_weight（%s）与 indicator_total 之和须为 100，indicator_total 应为 %s",
			p.IndicatorTotal, p.ExecutionWeight, dec(100).Sub(p.ExecutionWeight)),
			fmt.Sprintf("value %s is invalid: execution_weight (%s) and indicator_total must add up to 100; indicator_total should be %s",
				p.IndicatorTotal, p.ExecutionWeight, dec(100).Sub(p.ExecutionWeight)))
	}
	if sound("qualitative_floors") && !p.Floors.Partial.LessThan(p.Floors.Achieved) {
		add("qualitative_floors.partial", fmt.Sprintf("值 %s 无效：须小于 qualitative_floors.achieved（%s）", p.Floors.Partial, p.Floors.Achieved),
			fmt.Sprintf("value %s is invalid: it must be less than qualitative_floors.achieved (%s)", p.Floors.Partial, p.Floors.Achieved))
	}
	w := p.SH2019
	if sum := w.Input.Add(w.Output).Add(w.Effect).Add(w.Impact); sound("sh2019_weights") && !sum.Equal(dec(100)) {
		add("sh2019_weights", fmt.Sprintf("四类权重之和为 %s，须为 100", sum), fmt.Sprintf("the four category weights add up to %s; they must add up to 100", sum))
	}
	return errs
}

// fieldRuleText says in Chinese and in English what a field allows, for a
// failed rule.
func fieldRuleText(fe validator.FieldError) (zh, en string) {
	val := fmt.Sprint(fe.Value())
	switch fe.Tag() {
	case "oneof":
		return fmt.Sprintf("值 %q 无效，可选值：%s", val, strings.Join(strings.Fields(fe.Param()), "、")),
			fmt.Sprintf("value %q is invalid; allowed: %s", val, strings.Join(strings.Fields(fe.Param()), ", "))
	case "required":
		return "不能为空", "must not be empty"
	case "max":
		return fmt.Sprintf("不能超过 %s 个字符", fe.Param()), fmt.Sprintf("must not be longer than %s characters", fe.Param())
	}
	zh, en = rangeText(fe)
	return fmt.Sprintf("值 %s 无效：须%s", val, zh), fmt.Sprintf("value %s is invalid: it must be %s", val, en)
}

// rangeText describes the whole numeric range of a field from its tags.
func rangeText(fe validator.FieldError) (zh, en string) {
	var low, high, lowEn, highEn string
	for _, rule := range rulesOf(fe) {
		tag, param, _ := strings.Cut(rule, "=")
		switch tag {
		case "dgt":
			low, lowEn = "大于 "+param, "greater than "+param
		case "dgte":
			low, lowEn = "不小于 "+param, "at least "+param
		case "dlte":
			high, highEn = "不大于 "+param, "at most "+param
		}
	}
	switch {
	case low != "" && high != "":
		return low + " 且" + high + " 的数", "a number " + lowEn + " and " + highEn
	case low != "":
		return low + " 的数", "a number " + lowEn
	}
	return high + " 的数", "a number " + highEn
}

// rulesOf returns the validate tag rules of the failed field.
func rulesOf(fe validator.FieldError) []string {
	t := reflect.TypeOf(Profile{})
	parts := strings.Split(fe.StructNamespace(), ".")
	var sf reflect.StructField
	for _, name := range parts[1:] {
		f, ok := t.FieldByName(name)
		if !ok {
			return []string{fe.Tag() + "=" + fe.Param()}
		}
		sf, t = f, f.Type
	}
	return strings.Split(sf.Tag.Get("validate"), ",")
}

// checkLabels checks the labels: mapping: each key a label of a form kind
// (its official text or key), each value a variant or a list of variants.
// A single variant is made a list so that it decodes.
func checkLabels(file string, n *yaml.Node, path string, lines map[string]int, errs *[]error) bool {
	if n.Kind != yaml.MappingNode {
		*errs = append(*errs, &FieldError{File: file, Field: path, Line: n.Line, Msg: "须为“标签: [写法, …]”的映射", En: "must be a mapping of label: [variant, …]"})
		return false
	}
	known := map[string]bool{}
	for _, k := range form.Kinds() {
		for _, l := range k.LabelKeys() {
			known[l[0]], known[l[1]] = true, true
		}
	}
	sound := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := joinPath(path, k.Value)
		lines[key] = k.Line
		if !known[k.Value] {
			*errs = append(*errs, &FieldError{File: file, Field: key, Line: k.Line, Msg: "不是表中的标签（写官方标签文字，如 年度指标值）", En: "not a label of a form (give its official text, e.g. 年度指标值)"})
			sound = false
			continue
		}
		if v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) != "" {
			*v = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.Line, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.Value, Line: v.Line}}}
		}
		ok := v.Kind == yaml.SequenceNode && len(v.Content) > 0
		for _, x := range v.Content {
			if x.Kind != yaml.ScalarNode || strings.TrimSpace(x.Value) == "" {
				ok = false
			}
		}
		if !ok {
			*errs = append(*errs, &FieldError{File: file, Field: key, Line: v.Line, Msg: "须为一个或几个写法", En: "must be one variant or a list of them"})
			sound = false
		}
	}
	return sound
}
