package template

import (
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// Look of the template.
const (
	fontName   = "宋体" // SimSun, the font of the paper forms
	fontSize   = 11
	titleSize  = 18
	headSize   = 12
	inputTint  = "FFF2CC" // light yellow: the cells a person types into
	fmtAmount  = 4        // built-in "#,##0.00"
	fmtTwoDec  = 2        // built-in "0.00"
	fmtText    = 49       // built-in "@": what is typed stays text (=100%, ≥90%, 001)
	dateFormat = "yyyy-m-d"
)

// role is what a cell is for; together with its type it decides its style.
type role int

const (
	roleLabel    role = iota // a locked label or blank cell of the form
	roleTitle                // the first heading line
	roleSubtitle             // further heading lines (the year line)
	roleInput                // an unlocked, tinted input cell
	roleLocked               // a locked value: computed or prefilled
)

type styleKey struct {
	role role
	typ  form.Type
}

// styles creates each distinct cell style once.
type styles struct {
	f     *excelize.File
	cache map[styleKey]int
}

func newStyles(f *excelize.File) *styles {
	return &styles{f: f, cache: map[styleKey]int{}}
}

// id returns the style of a cell with the given role and value type.
func (s *styles) id(r role, t form.Type) (int, error) {
	key := styleKey{r, t}
	if id, ok := s.cache[key]; ok {
		return id, nil
	}
	id, err := s.f.NewStyle(styleOf(r, t))
	if err != nil {
		return 0, err
	}
	s.cache[key] = id
	return id, nil
}

func styleOf(r role, t form.Type) *excelize.Style {
	st := &excelize.Style{
		Font:       &excelize.Font{Family: fontName, Size: fontSize},
		Alignment:  &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Protection: &excelize.Protection{Locked: true},
	}
	switch r {
	case roleTitle:
		st.Font.Size, st.Font.Bold = titleSize, true
		return st
	case roleSubtitle:
		st.Font.Size = headSize
		return st
	case roleLabel:
		st.Border = thinBorder()
		return st
	}
	st.Border = thinBorder()
	if r == roleInput {
		st.Protection.Locked = false
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{inputTint}}
	}
	switch t {
	case form.LongText, form.Text, form.Target, form.Actual, form.Level1, form.Level2, form.YesNo:
		// Text format, so that a spreadsheet keeps =100%, ≥90(%) and 001
		// as typed instead of making a formula or a number of them.
		st.NumFmt = fmtText
	}
	switch t {
	case form.LongText:
		st.Alignment.Horizontal, st.Alignment.Vertical = "left", "top"
	case form.Text:
		st.Alignment.Horizontal = "left"
	case form.Amount:
		st.Alignment.Horizontal = "right"
		st.NumFmt = fmtAmount
	case form.Score, form.Percent:
		st.Alignment.Horizontal = "right"
		st.NumFmt = fmtTwoDec
	case form.Date:
		f := dateFormat
		st.CustomNumFmt = &f
	}
	return st
}

func thinBorder() []excelize.Border {
	var out []excelize.Border
	for _, side := range []string{"left", "top", "right", "bottom"} {
		out = append(out, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return out
}
