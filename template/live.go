package template

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/selfeval/selfeval/internal/memo"
	"github.com/selfeval/selfeval/workbook/form"
)

// maxLiveRows bounds the table sizes LiveFormulas tries.
const maxLiveRows = 200

// LiveFormulas returns the formula (without "=") of each computed cell of a
// form read from our stamped template, as the current template writes it
// with the rules r, by cell reference: score keeps a form live with them,
// restoring the formulas an older version turned into constants and
// bringing older ones up to date. It returns nil for a foreign form, or when
// no template layout puts the computed cells exactly where the form has
// them. The map is shared by every form of the same layout: callers must
// not change it.
func LiveFormulas(fm *form.Form, r *Rules) map[string]string {
	if fm == nil || fm.Stamp == nil || fm.Kind == nil || fm.Stamp.Kind != fm.Kind.Name {
		return nil
	}
	rules := rulesText(r)
	if l := liveLayout(fm.Kind, maxLiveRows, r, rules); l != nil {
		for _, row := range fm.Rows {
			if row.Line > l.Last {
				return nil // more rows than any table tried holds
			}
		}
	}
	for rows := 1; rows <= maxLiveRows; rows++ {
		l := liveLayout(fm.Kind, rows, r, rules)
		if l == nil || !l.matches(fm) {
			continue
		}
		if out, ok := liveOut.Load(l); ok {
			return out.(map[string]string)
		}
		out := l.liveFormulas(fm.Kind)
		liveOut.Store(l, out)
		return out
	}
	return nil
}

// liveFormulas is the formula of each computed cell of kind k in layout l.
func (l *Layout) liveFormulas(k *form.Kind) map[string]string {
	out := map[string]string{}
	for _, list := range [][]form.Field{k.Fields, k.Footer} {
		for _, fd := range list {
			p := l.Fields[fd.Key]
			if !fd.Computed || fd.Formula == "" {
				continue
			}
			if f, err := l.Expand(fd.Formula, p.Row); err == nil {
				out[p.Ref] = f
			}
		}
	}
	if g := k.Grid; g != nil {
		for i, gr := range g.Rows {
			for _, c := range g.Cols {
				if !c.Computed || c.Formula == "" || (c.TotalOnly && i > 0) {
					continue
				}
				if f, err := l.Expand(c.Formula, l.GridRows[gr.Key]); err == nil {
					out[l.Grid[gr.Key][c.Key]] = f
				}
			}
		}
	}
	// Computed columns of the table (dept 指标得分), on every row: also a
	// row the unit inserted, which a spreadsheet may leave without it.
	for _, c := range k.Table.Columns {
		if c.Formula == "" || c.Col == "" {
			continue
		}
		for row := l.First; row <= l.Last; row++ {
			if f, err := l.Expand(c.Formula, row); err == nil {
				out[c.Col+strconv.Itoa(row)] = f
			}
		}
	}
	return out
}

// liveOut holds LiveFormulas' answer for each layout liveLayout keeps
// (cleared with them): score asks for the same few on every form.
var liveOut sync.Map // *Layout -> map[string]string

// rulesText is r printed, the key of the layouts made with r; it is kept
// for the few *Rules a process uses (score passes one for every form).
func rulesText(r *Rules) string {
	if r == nil {
		return ""
	}
	return rulesTexts.Get(r, func() string { return fmt.Sprintf("%v", *r) })
}

// rulesTexts bounds the texts kept: the Rules are made once per profile,
// but a caller making one per form must not make the cache grow.
var rulesTexts = memo.New[*Rules, string](64)

// matches reports whether the form's computed cells and indicator rows sit
// where the layout puts them.
func (l *Layout) matches(fm *form.Form) bool {
	k := fm.Kind
	for _, list := range [][]form.Field{k.Fields, k.Footer} {
		for _, fd := range list {
			if !fd.Computed {
				continue
			}
			if c := fm.Fields[fd.Key]; c.Ref == "" || c.Ref != l.Fields[fd.Key].Ref || (c.Sheet != "" && c.Sheet != fm.Sheet) {
				return false
			}
		}
	}
	if g := k.Grid; g != nil {
		for _, gr := range g.Rows {
			for _, c := range g.Cols {
				if c.Computed && fm.Grid[gr.Key][c.Key].Ref != l.Grid[gr.Key][c.Key] {
					return false
				}
			}
		}
	}
	for _, r := range fm.Rows {
		if r.Line < l.First || r.Line > l.Last {
			return false
		}
	}
	return true
}

// liveLayout is LayoutOf(k, Options{Rows: rows, Rules: r}), kept for the
// next form: score asks for the same few layouts on every form of a batch,
// and making one costs about as much as checking a small form. The cache
// holds at most maxLiveLayouts layouts (it starts again when full); rules
// is r printed.
func liveLayout(k *form.Kind, rows int, r *Rules, rules string) *Layout {
	key := layoutKey{k: k, rows: rows, rules: rules}
	liveLayouts.Lock()
	l, ok := liveLayouts.m[key]
	liveLayouts.Unlock()
	if ok {
		return l
	}
	l = LayoutOf(k, Options{Rows: rows, Rules: r})
	liveLayouts.Lock()
	if liveLayouts.m == nil || len(liveLayouts.m) >= maxLiveLayouts {
		liveLayouts.m = map[layoutKey]*Layout{}
		liveOut.Clear()
	}
	liveLayouts.m[key] = l
	liveLayouts.Unlock()
	return l
}

type layoutKey struct {
	k     *form.Kind
	rows  int
	rules string // the Rules, printed
}

// maxLiveLayouts bounds the layouts liveLayout keeps: every table size
// LiveFormulas tries, for a few kinds.
const maxLiveLayouts = 4 * maxLiveRows

var liveLayouts struct {
	sync.Mutex
	m map[layoutKey]*Layout
}
