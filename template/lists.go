package template

import (
	"fmt"
	"strconv"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// ListsSheet is the hidden sheet that holds the dropdown lists.
const ListsSheet = "_lists"

// Defined names of the dropdown lists on ListsSheet. Names are ASCII so that
// a formula can build them: the 二级指标 list of the i-th 一级指标 of
// form.Taxonomy (1-based) is NameLevel2 + i, e.g. "SE_L2_3".
const (
	NameLevel1    = "SE_L1"       // the 一级指标
	NameLevel2    = "SE_L2_"      // prefix of each 一级指标's 二级指标
	NameLevel2All = "SE_L2_ALL"   // every 二级指标, offered while 一级指标 is blank or unknown
	NameOutcomes  = "SE_OUTCOMES" // the qualitative outcomes of 实际完成值
)

// lists writes the dropdown lists to the hidden sheet and names them, when
// some input cell needs one.
func (b *builder) lists() error {
	needed := false
	for _, in := range b.inputs {
		switch in.typ {
		case form.Level1, form.Level2, form.Actual:
			needed = true
		}
	}
	if !needed {
		return nil
	}
	if _, err := b.f.NewSheet(ListsSheet); err != nil {
		return err
	}
	var all []string
	cols := [][]string{nil}
	names := []string{NameLevel1}
	for i, lv := range form.Taxonomy {
		cols[0] = append(cols[0], lv.Name)
		cols = append(cols, lv.Children)
		names = append(names, NameLevel2+strconv.Itoa(i+1))
		all = append(all, lv.Children...)
	}
	cols = append(cols, all, form.Outcomes)
	names = append(names, NameLevel2All, NameOutcomes)
	for c, list := range cols {
		col, _ := excelize.ColumnNumberToName(c + 1)
		for r, v := range list {
			if err := b.f.SetCellStr(ListsSheet, col+strconv.Itoa(r+1), v); err != nil {
				return err
			}
		}
		if len(list) == 0 {
			continue
		}
		ref := fmt.Sprintf("%s!$%s$1:$%s$%d", quoteSheet(ListsSheet), col, col, len(list))
		if err := b.f.SetDefinedName(&excelize.DefinedName{Name: names[c], RefersTo: ref}); err != nil {
			return err
		}
	}
	if err := b.f.SetColWidth(ListsSheet, "A", "Z", 20); err != nil {
		return err
	}
	return b.f.SetSheetVisible(ListsSheet, false)
}
