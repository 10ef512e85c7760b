package watch

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		want class
	}{
		{"自评表.xlsx", classAccept},
		{"REPORT.XLSX", classAccept},
		{"macro.xlsm", classAccept},
		{"Macro.XLSM", classAccept},
		{"old.xls", classLegacy},
		{"wps.et", classLegacy},
		{"calc.ods", classLegacy},
		{"OLD.XLS", classLegacy},
		{"~$自评表.xlsx", classIgnore},
		{".~lock.自评表.xlsx#", classIgnore},
		{".hidden.xlsx", classIgnore},
		{".selfeval-123.tmp", classIgnore},
		{".selfeval-inflight-abc", classIgnore},
		{"a.xlsx.tmp", classIgnore},
		{"a.TMP", classIgnore},
		{"a.xlsx.part", classIgnore},
		{"a.xlsx.crdownload", classIgnore},
		{"a.xlsx.error.txt", classIgnore},
		{"a.xlsx.error.json", classIgnore},
		{"notes.txt", classIgnore},
		{"a.csv", classIgnore},
		{"Thumbs.db", classIgnore},
		{"A1B2C3D4", classIgnore}, // Excel's save temp has no extension
		{"xlsx", classIgnore},
		{"", classIgnore},
	}
	for _, tt := range tests {
		if got := classify(tt.name); got != tt.want {
			t.Errorf("classify(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestOwnerNames(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"a.xlsx", []string{"~$a.xlsx", ".~lock.a.xlsx#"}},
		{"abcdef.xlsx", []string{"~$abcdef.xlsx", ".~lock.abcdef.xlsx#"}},
		{"abcdefg.xlsx", []string{"~$abcdefg.xlsx", ".~lock.abcdefg.xlsx#", "~$cdefg.xlsx"}},
		{"项目支出绩效自评表.xlsx", []string{"~$项目支出绩效自评表.xlsx", ".~lock.项目支出绩效自评表.xlsx#", "~$支出绩效自评表.xlsx"}},
	}
	for _, tt := range tests {
		if got := ownerNames(tt.name); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ownerNames(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestScanInbox(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.xlsx", "b.xlsx", "~$B.XLSX", "c.xlsm", ".~lock.c.xlsm#", "d.xls",
		"e.txt", "f.xlsx.part", ".g.xlsx", "项目支出绩效自评表.xlsx", "~$支出绩效自评表.xlsx"} {
		writeFile(t, filepath.Join(dir, n), "x")
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.xlsx"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "link.xlsx")); err != nil {
		t.Fatal(err)
	}
	got, err := scanInbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		name string
		held bool
	}
	var rows []row
	for _, f := range got {
		if f.size != 1 {
			t.Errorf("%s: size %d", f.name, f.size)
		}
		rows = append(rows, row{f.name, f.held})
	}
	want := []row{{"a.xlsx", false}, {"b.xlsx", true}, {"c.xlsm", true}, {"d.xls", false}, {"项目支出绩效自评表.xlsx", true}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("scanInbox = %v, want %v", rows, want)
	}
}
