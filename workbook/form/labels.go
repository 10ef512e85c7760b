package form

// Vocabulary: every label of a kind — field, funds row and column, table
// column, footer — is its official text (Label) with the variants published
// forms print (Aliases), in the kind's table above. A rules profile may add
// variants for a region (labels: in the rules file) without a new release.

// Structure vocabulary: the words by which the reader tells the parts of a
// form that are not a kind's labels. A kind's file may add to them in an
// init function.
var (
	// OperatorColumns head a column that holds a target's operator (≥ ≤ =)
	// or says 定量/定性, beside the target's number.
	OperatorColumns = []string{"指标性质", "指标方向", "运算符号", "符号", "计算符号", "比较符号", "运算符", "符号方向", "指标类型", "计算方式"}
	// UnitColumns head a column that holds a target's unit.
	UnitColumns = []string{"度量单位", "计量单位", "单位", "指标单位"}
	// Closers start a row under the indicator table: a narrative or
	// signature block, a note.
	Closers = []string{"填表人", "填报人", "填表单位", "填报单位", "审核人", "联系人", "联系电话", "单位负责人", "注:", "说明:", "备注:", "填表说明", "填报说明",
		"评价结论", "自评结论", "存在问题", "存在的问题", "改进措施", "改进建议", "项目负责人", "财务负责人", "部门负责人", "负责人", "填表日期", "填报日期", "日期:",
		"指标说明", "备注"}
	// GuideWords in a sheet's name or title mark a sheet that explains the
	// form or holds its lists, not a form.
	GuideWords = []string{"填报说明", "填表说明", "说明", "示例", "样表", "样例", "范例", "模板示例", "下拉", "选项", "字典", "参数", "列表", "仅供参考"}
)

// LabelKeys returns, for every label of k that may take variants, its key
// and official text: fields, footer fields, funds columns and rows, table
// columns, in that order.
func (k *Kind) LabelKeys() [][2]string {
	var out [][2]string
	for _, list := range [][]Field{k.Fields, k.Footer} {
		for _, f := range list {
			out = append(out, [2]string{f.Key, f.Label})
		}
	}
	if g := k.Grid; g != nil {
		for _, c := range g.Cols {
			out = append(out, [2]string{c.Key, c.Label})
		}
		for _, r := range g.Rows {
			out = append(out, [2]string{r.Key, r.Label})
		}
	}
	for _, c := range k.Table.Columns {
		out = append(out, [2]string{c.Key, c.Label})
	}
	return out
}

// WithAliases returns k with more label variants: extra maps a label's key
// or official text to variants. k itself is not changed; without a variant
// for k it is returned as it is.
func (k *Kind) WithAliases(extra map[string][]string) *Kind {
	if len(extra) == 0 {
		return k // nothing to add: no copy
	}
	more := func(key, label string, have []string) ([]string, bool) {
		add := append(append([]string(nil), extra[key]...), extra[label]...)
		if len(add) == 0 {
			return have, false
		}
		return append(append([]string(nil), have...), add...), true
	}
	c := *k
	changed := false
	fields := func(list []Field) []Field {
		out := append([]Field(nil), list...)
		for i := range out {
			var ok bool
			if out[i].Aliases, ok = more(out[i].Key, out[i].Label, out[i].Aliases); ok {
				changed = true
			}
		}
		return out
	}
	c.Fields, c.Footer = fields(k.Fields), fields(k.Footer)
	if k.Grid != nil {
		g := *k.Grid
		g.Cols = append([]GridCol(nil), g.Cols...)
		for i := range g.Cols {
			var ok bool
			if g.Cols[i].Aliases, ok = more(g.Cols[i].Key, g.Cols[i].Label, g.Cols[i].Aliases); ok {
				changed = true
			}
		}
		g.Rows = append([]GridRow(nil), g.Rows...)
		for i := range g.Rows {
			var ok bool
			if g.Rows[i].Aliases, ok = more(g.Rows[i].Key, g.Rows[i].Label, g.Rows[i].Aliases); ok {
				changed = true
			}
		}
		c.Grid = &g
	}
	c.Table.Columns = append([]Column(nil), k.Table.Columns...)
	for i := range c.Table.Columns {
		var ok bool
		col := &c.Table.Columns[i]
		if col.Aliases, ok = more(col.Key, col.Label, col.Aliases); ok {
			changed = true
		}
	}
	if !changed {
		return k
	}
	return &c
}
