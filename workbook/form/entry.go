package form

// Entry is what a person types into a form, by key: the values of the input
// cells of one project. Samples, prefill (--from) and tests fill templates
// from it. Values are strings as typed; the filler stores a value of a
// numeric type as a number when it parses as one, as a spreadsheet would.
type Entry struct {
	Kind   string                       `json:"kind"`
	Year   string                       `json:"year"`
	Fields map[string]string            `json:"fields"`         // by Field.Key
	Grid   map[string]map[string]string `json:"grid,omitempty"` // by GridRow.Key, then GridCol.Key
	Rows   []EntryRow                   `json:"rows"`
}

// EntryRow is one indicator row of an Entry.
type EntryRow struct {
	Group string            `json:"group,omitempty"` // Group.Key for kinds with fixed groups
	Cells map[string]string `json:"cells"`           // by Column.Key
}
