package template

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// topLeft returns the first cell of a range "A1:B2" (or the cell itself).
func topLeft(rng string) string {
	first, _, _ := strings.Cut(rng, ":")
	return first
}

// corners returns the first and last cell of a range (equal for one cell).
func corners(rng string) (string, string) {
	first, last, ok := strings.Cut(rng, ":")
	if !ok {
		last = first
	}
	return first, last
}

// quoteSheet quotes a sheet name for use in a formula or defined name.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// sqref joins cell references and ranges into a data-validation sqref,
// merging single cells that follow each other in one column into a range.
func sqref(refs []string) string {
	type cell struct{ col, row int }
	var singles []cell
	var out []string
	for _, r := range refs {
		if strings.Contains(r, ":") {
			out = append(out, r)
			continue
		}
		c, row, err := excelize.CellNameToCoordinates(r)
		if err != nil {
			out = append(out, r)
			continue
		}
		singles = append(singles, cell{c, row})
	}
	sort.Slice(singles, func(i, j int) bool {
		if singles[i].col != singles[j].col {
			return singles[i].col < singles[j].col
		}
		return singles[i].row < singles[j].row
	})
	for i := 0; i < len(singles); {
		j := i
		for j+1 < len(singles) && singles[j+1].col == singles[i].col && singles[j+1].row == singles[j].row+1 {
			j++
		}
		a, _ := excelize.CoordinatesToCellName(singles[i].col, singles[i].row)
		if j == i {
			out = append(out, a)
		} else {
			b, _ := excelize.CoordinatesToCellName(singles[j].col, singles[j].row)
			out = append(out, a+":"+b)
		}
		i = j + 1
	}
	return strings.Join(out, " ")
}

// rangeOf returns "A1:B2" for two corners, or the cell when they are equal.
func rangeOf(col1 string, row1 int, col2 string, row2 int) string {
	if col1 == col2 && row1 == row2 {
		return fmt.Sprintf("%s%d", col1, row1)
	}
	return fmt.Sprintf("%s%d:%s%d", col1, row1, col2, row2)
}
