package workbook_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/selfeval/selfeval/workbook"
	"github.com/xuri/excelize/v2"
)

// A foreign sh2019 form, typed by hand from row 2 on, is found by its title
// and labels.
func ExampleWorkbook_Read() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	f := excelize.NewFile()
	rows := [][]any{
		{nil},
		{"2019年度财政项目绩效自评价"},
		{"项目名称：", "合作交流工作业务费", nil, "预算单位：", "驻昆明办事处"},
		{"一级指标", "指标名称", "指标解释", "权重", "自评分", "备注"},
		{"投入与管理（36分）", "预算执行率", "反映预算执行进度", 36, 36},
		{"合计", nil, nil, 36, 36},
	}
	for i, r := range rows {
		_ = f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r)
	}
	path := filepath.Join(dir, "form.xlsx")
	_ = f.SaveAs(path)

	wb, err := workbook.Load(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fm, err := wb.Read()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fm.Kind.Name, fm.Fields["project"].Ref, fm.Fields["project"].Text)
	for _, r := range fm.Rows {
		fmt.Println(r.Line, r.Group, r.Cell("name").Text, r.Cell("score").Text)
	}
	fmt.Println("合计", fm.Fields["total"].Ref, fm.Fields["total"].Text)
	// Output:
	// sh2019 B3 合作交流工作业务费
	// 5 投入与管理（36分） 预算执行率 36
	// 合计 E6 36
}

// Load names the file and says what is wrong with it.
func ExampleLoad() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "report.xlsx")
	_ = os.WriteFile(path, []byte("项目名称,金额\n"), 0o644)
	_, err := workbook.Load(path)
	fmt.Println(err == nil, filepath.Base(path))
	fmt.Println(err.Error()[len(dir)+1:])
	// Output:
	// false report.xlsx
	// report.xlsx：不是有效的 Excel 工作簿（.xlsx/.xlsm）：文件不是 zip 压缩包，可能是改了扩展名的文本或其他文件
}
