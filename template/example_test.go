package template_test

import (
	"fmt"

	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
)

func ExampleBuild() {
	opts := template.Options{Year: "2024", Rows: 20}
	f, err := template.Build(form.MOF2020, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	e := &form.Entry{
		Fields: map[string]string{"project": "合作交流工作业务经费"},
		Grid:   map[string]map[string]string{"total": {"budget": "161.05", "spent": "125.35"}},
		Rows:   []form.EntryRow{{Cells: map[string]string{"name": "成本控制", "weight": "20"}}},
	}
	if err := template.Fill(f, form.MOF2020, opts, e); err != nil {
		fmt.Println(err)
		return
	}
	l := template.LayoutOf(form.MOF2020, opts)
	project, _ := f.GetCellValue(l.Sheet, l.Fields["project"].Ref)
	weight, _ := f.GetCellValue(l.Sheet, l.Cell("weight", l.First))
	rate, _ := f.GetCellFormula(l.Sheet, l.Grid["total"]["rate"])
	fmt.Println(l.Fields["project"].Ref, project)
	fmt.Println(l.Cell("weight", l.First), weight)
	fmt.Println(l.Grid["total"]["rate"], rate)
	fmt.Println("table rows", l.First, "to", l.Last, "; 总分 at", l.Fields["total"].Ref)
	// Output:
	// C3 合作交流工作业务经费
	// F13 20.00
	// G6 IF(N(D6)>0,TRUNC(N(E6)/D6*100,2),0)
	// table rows 13 to 32 ; 总分 at G33
}
