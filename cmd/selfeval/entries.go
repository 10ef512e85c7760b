package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/selfeval/selfeval/workbook/form"
)

// readEntries reads the project list of `template --from`: a JSON array of
// form.Entry. Entries without a kind take k; entries of another kind are refused.
func readEntries(path string, k *form.Kind) ([]*form.Entry, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s：不是普通文件，无法读取项目清单", path) // a FIFO would block the read
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s：无法读取项目清单：%w", path, err)
	}
	var list []*form.Entry
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("%s：项目清单不是有效的 JSON 数组：%w", path, err)
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("%s：项目清单为空", path)
	}
	for i, e := range list {
		if e.Kind == "" {
			e.Kind = k.Name
		}
		if e.Kind != k.Name {
			return nil, fmt.Errorf("%s：第 %d 个项目的类型是 %s，与 --kind %s 不符", path, i+1, e.Kind, k.Name)
		}
	}
	return list, nil
}
