package form

// Vocabulary: every label of a kind — field, funds row and column, table
// column, footer — is its official text (Label) with the variants published
// forms print (Aliases), in the kind's table above. A rules profile may add
// variants for a region (labels: in the rules file) without a new release.

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
