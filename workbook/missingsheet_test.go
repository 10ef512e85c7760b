package workbook

import "testing"

// TestMissingSheet: a formula over a sheet the workbook does not have, or
// with a reference a spreadsheet broke, is found; text in quotes, other
// workbooks and the sheets there are not.
func TestMissingSheet(t *testing.T) {
	has := func(name string) bool { return name == "自评表" || name == "项目 2" || name == "_lists" }
	for f, want := range map[string]bool{
		`IF(IFERROR(VLOOKUP("status",'_selfeval'!$A:$B,2,FALSE)&"","")="待更正","待更正","")`: true,
		`IF(IFERROR(VLOOKUP("status",#REF!,2,FALSE)&"","")="待更正","待更正","")`:             true,
		`_selfeval!B2`:                                           true,
		`SUM(自评表!G13:G32)+'项目 2'!H6`:                             false,
		`'项目 3'!H6`:                                              true,
		`INDIRECT("SE_L2"&MATCH($A13,SE_L1,0))`:                  false,
		`"'_selfeval'!A1 is text"&"#REF!"`:                       false,
		`[1]Other!A1+'[2]Other sheet'!B2`:                        false,
		`'it''s'!A1`:                                             true,
		`ROUND(IF(N(D6)>0,MIN(N(E6)/D6,1)*F6,0)+SUM(G13:G32),2)`: false,
		`_lists!$A$1:$A$4`:                                       false,
		`'自评表:_lists'!A1`:                                        false,
	} {
		if got := missingSheet(f, has); got != want {
			t.Errorf("missingSheet(%s) = %v, want %v", f, got, want)
		}
	}
}
