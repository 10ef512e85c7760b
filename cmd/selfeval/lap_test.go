package main

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/selfeval/selfeval/workbook/stamp"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// lapCopy copies the 驻外办 sample into a temp folder.
func lapCopy(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "samples", "mof2020-liaison.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "liaison.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// editCells sets cells of the form sheet as a program that does not
// recalculate leaves them: other cells keep their cached values.
func editCells(t *testing.T, path string, cells map[string]any) {
	t.Helper()
	setCells(t, path, "自评表", cells)
}

// jsonOf runs `selfeval CMD --format json FILE` and returns its one file.
func jsonOf(t *testing.T, cmd, path string) reportFile {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), []string{"selfeval", cmd, "--format", "json", path}, &stdout, &stderr))
	var rep struct {
		Files []reportFile `json:"files"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || len(rep.Files) != 1 {
		t.Fatalf("%s %s: exit %d, no JSON report with one file (%v)\nstdout: %s\nstderr: %s", cmd, path, code, err, stdout.String(), stderr.String())
	}
	return rep.Files[0]
}

func findingAt(rep reportFile, code, cell string) string {
	for _, f := range rep.Findings {
		if f.Code == code && (cell == "" || f.Cell == cell) {
			return f.Message
		}
	}
	return ""
}

func scoreAt(rep reportFile, cell string) (float64, bool) {
	for _, in := range rep.Indicators {
		if in.Cell == cell {
			return in.Score, true
		}
	}
	return 0, false
}

// TestLapFilledIsTheTools: a 得分 the rules filled is recorded as the
// tool's; edited rows get it recomputed on the next read, never held
// against the person; a value the person types over it is theirs.
func TestLapFilledIsTheTools(t *testing.T) {
	path := lapCopy(t)
	editCells(t, path, map[string]any{"G16": nil}) // =100.00(%) met: the rules give 10
	if rep := jsonOf(t, "score", path); rep.Status != "ok" || rep.Grade != "优" {
		t.Fatalf("first score: %s %q", rep.Status, rep.Grade)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	formula, _ := f.GetCellFormula("自评表", "G16")
	v, _ := f.GetCellValue("自评表", "G16")
	rows, _ := f.GetRows(stamp.Sheet)
	f.Close()
	if !strings.Contains(formula, `E16&""="100.00(%)"`) || v != "10.00" {
		t.Errorf("G16 holds %q = %q, want the fill formula showing 10.00", formula, v)
	}
	var record string
	for _, r := range rows {
		if len(r) > 1 && r[0] == stamp.FilledKey {
			record = r[1]
		}
	}
	if record != "G16=10" {
		t.Errorf("the record of the filled cells is %q, want G16=10", record)
	}

	// The actual lowered in a program that does not recalculate: G16 still
	// shows the tool's 10, which is recomputed, not blamed.
	editCells(t, path, map[string]any{"E16": "80.00(%)"})
	rep := jsonOf(t, "check", path)
	if s, ok := scoreAt(rep, "G16"); !ok || s != 8 {
		t.Errorf("G16 scores %v (%v), want the rules' 8 for 80 %%", s, ok)
	}
	for _, fd := range rep.Findings {
		if fd.Cell == "G16" && fd.Severity != "info" {
			t.Errorf("%s %s at G16, a value the tool wrote: %s", fd.Severity, fd.Code, fd.Message)
		}
	}
	if msg := findingAt(rep, "form.stale", ""); !strings.Contains(msg, "G33") || !strings.Contains(msg, "F34") && rep.Grade != "优" {
		t.Errorf("form.stale = %q, want it to name 总分 G33", msg)
	}
	if rep = jsonOf(t, "score", path); findingAt(rep, "form.stale", "") != "" {
		t.Errorf("score reports form.stale: %s", findingAt(rep, "form.stale", ""))
	}
	if rep = jsonOf(t, "check", path); findingAt(rep, "form.stale", "") != "" {
		t.Errorf("check after score still reports form.stale: %s", findingAt(rep, "form.stale", ""))
	}

	// The person types over the tool's value: theirs, and checked as theirs.
	editCells(t, path, map[string]any{"G16": 9.5})
	rep = jsonOf(t, "check", path)
	if s, ok := scoreAt(rep, "G16"); !ok || s != 9.5 {
		t.Errorf("G16 scores %v (%v), want the person's 9.5", s, ok)
	}
	if rep = jsonOf(t, "score", path); rep.Status == "unwritable" {
		t.Fatalf("score: %s", rep.Error)
	}
	f, err = excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	formula, _ = f.GetCellFormula("自评表", "G16")
	rows, _ = f.GetRows(stamp.Sheet)
	for _, r := range rows {
		if len(r) > 1 && r[0] == stamp.FilledKey && r[1] != "" {
			t.Errorf("the record still lists %q after the person typed G16", r[1])
		}
	}
	if formula != "" {
		t.Errorf("G16 got a formula %q over the person's value", formula)
	}
}

// TestLapStatusKept: a form sent back 待更正 keeps its grade formula and
// records the status the formula reads; a later passing score clears it.
func TestLapStatusKept(t *testing.T) {
	path := lapCopy(t)
	editCells(t, path, map[string]any{"G13": 15}) // above its 分值 10
	if rep := jsonOf(t, "score", path); rep.Status != "invalid" {
		t.Fatalf("status %s, want invalid", rep.Status)
	}
	status := func() (string, string, string) {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		formula, _ := f.GetCellFormula("自评表", "F34")
		v, _ := f.GetCellValue("自评表", "F34")
		rows, _ := f.GetRows(stamp.Sheet)
		st := ""
		for _, r := range rows {
			if len(r) > 1 && r[0] == stamp.StatusKey {
				st = r[1]
			}
		}
		return formula, v, st
	}
	if formula, v, st := status(); formula == "" || v != "待更正" || st != "待更正" {
		t.Errorf("F34 %q shows %q, recorded status %q; want the formula kept, 待更正 shown and recorded", formula, v, st)
	}
	editCells(t, path, map[string]any{"G13": 10})
	if rep := jsonOf(t, "check", path); !strings.Contains(findingAt(rep, "form.stale", ""), "F34") {
		t.Errorf("check of the corrected form: form.stale = %q, want 评分等级 F34 named", findingAt(rep, "form.stale", ""))
	}
	if rep := jsonOf(t, "score", path); rep.Status != "ok" {
		t.Fatalf("status %s, want ok", rep.Status)
	}
	if formula, v, st := status(); formula == "" || v != "优" || st != "" {
		t.Errorf("F34 %q shows %q, recorded status %q; want the formula kept, 优 shown, no status", formula, v, st)
	}
}

// runText runs selfeval with args and returns the exit code and stdout and
// stderr.
func runText(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := exitStatus(&stderr, run(context.Background(), append([]string{"selfeval"}, args...), &stdout, &stderr))
	return code, stdout.String(), stderr.String()
}

// TestScoreOutputNotReplaced: score -o refuses an existing file unless
// --force, and leaves it as it was.
func TestScoreOutputNotReplaced(t *testing.T) {
	in := lapCopy(t)
	out := filepath.Join(filepath.Dir(in), "other.xlsx")
	if err := os.WriteFile(out, []byte("another unit's form"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runText("score", in, "-o", out)
	if b, _ := os.ReadFile(out); code == exitOK || string(b) != "another unit's form" || !strings.Contains(stderr, "已存在") {
		t.Errorf("score -o over an existing file: exit %d, stderr %q, file now %d bytes; want a refusal and the file kept", code, stderr, len(b))
	}
	if code, _, stderr := runText("score", in, "-o", out, "--force"); code != exitOK {
		t.Errorf("score -o --force: exit %d: %s", code, stderr)
	}
	if f, err := excelize.OpenFile(out); err != nil {
		t.Errorf("score -o --force did not write a workbook: %v", err)
	} else {
		f.Close()
	}
}

// TestScoreInPlaceSaysWritten: an in-place score says the file was
// written; --dry-run does not; scoring it again with nothing new says it
// was left as it was.
func TestScoreInPlaceSaysWritten(t *testing.T) {
	in := lapCopy(t)
	_, dry, _ := runText("score", "--dry-run", in)
	_, wet, _ := runText("score", in)
	if strings.Contains(dry, "已写回") || !strings.Contains(wet, "→ 已写回本文件") {
		t.Errorf("--dry-run says:\n%s\nin place says:\n%s\nwant only the second to say 已写回本文件", dry, wet)
	}
	_, again, _ := runText("score", in)
	if strings.Contains(again, "已写回") || !strings.Contains(again, "→ 文件已是本次评分结果，未改写") {
		t.Errorf("scored again with nothing new says:\n%s\nwant 未改写", again)
	}
}

// TestLangEnWritesChinese: --lang en changes the messages, not what is
// written into the Chinese form.
func TestLangEnWritesChinese(t *testing.T) {
	path := lapCopy(t)
	editCells(t, path, map[string]any{"G13": 15}) // above its 分值: 待更正
	code, stdout, stderr := runText("--lang", "en", "score", path)
	if !strings.Contains(stdout, "to be corrected") {
		t.Errorf("exit %d: the English report does not say to be corrected:\n%s%s", code, stdout, stderr)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("自评表", "F34"); v != "待更正" {
		t.Errorf("F34 = %q, want 待更正", v)
	}
	rows, err := f.GetRows(workbook.ResultSheet)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, " ") + "\n")
	}
	if s := text.String(); strings.Contains(s, "exceeds") || strings.Contains(s, " the ") || strings.Contains(s, "to be corrected") || !strings.Contains(s, "分值") {
		t.Errorf("the result sheet is not in Chinese:\n%s", s)
	}
}

// TestLapFormulasRestored: a form scored by an older version, its computed
// cells turned into constants, gets its live formulas back from the next
// score — our stamp says the form is ours.
func TestLapFormulasRestored(t *testing.T) {
	path := lapCopy(t)
	editCells(t, path, map[string]any{"G6": 75.21, "H6": 7.52, "G33": 93.52, "F34": "优"})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if formula, _ := f.GetCellFormula("自评表", "G33"); formula != "" {
		t.Fatalf("G33 still has the formula %q", formula)
	}
	f.Close()
	if rep := jsonOf(t, "score", path); rep.Status != "ok" {
		t.Fatalf("score: %s", rep.Status)
	}
	f, err = excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for ref, want := range map[string]string{"G6": "TRUNC(N(E6)/D6*100,2)", "H6": "MIN(N(E6)/D6,1)*F6", "G33": `"待评分"`, "F34": `"status"`} {
		if formula, _ := f.GetCellFormula("自评表", ref); !strings.Contains(formula, want) {
			t.Errorf("%s = %q, want the template's live formula (with %s)", ref, formula, want)
		}
	}
	if v, _ := f.GetCellValue("自评表", "F34"); v != "优" {
		t.Errorf("F34 shows %q, want 优 as the cached result", v)
	}
}

// TestLapFilledTakenBack: a score the tool filled that the rules no longer
// fill (the actual cannot be read now) is taken back, not left behind as if
// the person had typed it.
func TestLapFilledTakenBack(t *testing.T) {
	path := lapCopy(t)
	editCells(t, path, map[string]any{"G16": nil})
	jsonOf(t, "score", path)
	editCells(t, path, map[string]any{"E16": "大约一半"})
	if rep := jsonOf(t, "score", path); rep.Status != "invalid" {
		t.Fatalf("status %s, want invalid (the actual is no number)", rep.Status)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	formula, _ := f.GetCellFormula("自评表", "G16")
	v, _ := f.GetCellValue("自评表", "G16")
	if formula != "" || v != "" {
		t.Errorf("G16 = %q (%q), want it blank again", v, formula)
	}
	if rep := jsonOf(t, "check", path); findingAt(rep, "cell.formula", "G16") != "" {
		t.Errorf("G16 is blamed: %s", findingAt(rep, "cell.formula", "G16"))
	}
}

// TestLapFilledUnstamped: in a form not issued by this tool (no stamp, no
// lap record), a 得分 the rules filled holds the tool's fill formula and is
// the tool's on the next read: recomputed when its row changes, never
// blamed; a second score changes no byte; a value typed over it is the
// person's.
func TestLapFilledUnstamped(t *testing.T) {
	var l *corpusLayout
	for _, x := range corpusLayouts() {
		if x.name == "central-dept" {
			l = x
		}
	}
	if l == nil {
		t.Fatal("no central-dept layout in the corpus")
	}
	path := filepath.Join(t.TempDir(), "central.xlsx")
	buildCorpusFile(t, l, []string{"mof2020-liaison"}, path)
	in, err := workbook.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, err := in.Read()
	if err != nil {
		t.Fatal(err)
	}
	if fm.Stamp != nil {
		t.Fatal("the corpus file carries a stamp")
	}
	var score, actual string
	for _, r := range fm.Rows {
		if r.Cell("name").Text == "服务保障覆盖率" { // =100.00(%), met: the rules give 10
			score, actual = r.Cell("score").Ref, r.Cell("actual").Ref
		}
	}
	if score == "" || actual == "" {
		t.Fatal("no 服务保障覆盖率 row with 得分 and 实际完成值 cells")
	}
	edit := func(cells map[string]any) {
		t.Helper()
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for ref, v := range cells {
			if err := f.SetCellValue(fm.Sheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
	}
	cell := func() (string, string) {
		t.Helper()
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		formula, _ := f.GetCellFormula(fm.Sheet, score)
		v, _ := f.GetCellValue(fm.Sheet, score)
		return formula, v
	}
	total := fm.Fields["total"].Ref
	if total == "" {
		t.Fatal("no 总分 cell")
	}
	edit(map[string]any{score: nil, total: nil}) // 总分 left for the tool too
	if rep := jsonOf(t, "score", path); rep.Status != "ok" || findingAt(rep, "score.filled", score) == "" {
		t.Fatalf("first score: %s, want ok with score.filled at %s", rep.Status, score)
	}
	if formula, _ := cell(); !strings.HasPrefix(formula, "IF(AND(") || !strings.Contains(formula, actual+`&""=`) {
		t.Fatalf("%s holds %q, want the tool's fill formula", score, formula)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if tf, _ := f.GetCellFormula(fm.Sheet, total); !form.IsMark(tf) {
		t.Errorf("总分 %s holds formula %q, want the tool's marker", total, tf)
	}
	f.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	jsonOf(t, "score", path)
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a second score changed the file")
	}

	// The actual lowered in a program that does not recalculate: the
	// cell still shows the tool's 10, which is recomputed, not blamed.
	edit(map[string]any{actual: "80.00(%)"})
	rep := jsonOf(t, "check", path)
	if s, ok := scoreAt(rep, score); !ok || s != 8 {
		t.Errorf("%s scores %v (%v), want the rules' 8 for 80 %%", score, s, ok)
	}
	for _, fd := range rep.Findings {
		if (fd.Cell == score || fd.Cell == total) && fd.Severity != "info" {
			t.Errorf("%s %s at %s, a value the tool wrote: %s", fd.Severity, fd.Code, fd.Cell, fd.Message)
		}
	}
	if rep = jsonOf(t, "score", path); rep.Status == "unwritable" {
		t.Fatalf("score after the edit: %s", rep.Error)
	}
	if formula, v := cell(); !strings.Contains(formula, `="80.00(%)"`) || v != "8.00" {
		t.Errorf("%s holds %q = %q, want the fill formula of the edited row showing 8.00", score, formula, v)
	}

	// The person types over the tool's value: theirs.
	edit(map[string]any{score: 9.5})
	if s, ok := scoreAt(jsonOf(t, "check", path), score); !ok || s != 9.5 {
		t.Errorf("%s scores %v (%v), want the person's 9.5", score, s, ok)
	}
	if rep = jsonOf(t, "score", path); rep.Status == "unwritable" {
		t.Fatalf("score: %s", rep.Error)
	}
	if formula, _ := cell(); formula != "" {
		t.Errorf("%s got a formula %q over the person's value", score, formula)
	}
}
