package watch

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/selfeval/selfeval/internal/i18n"
)

// errBilingual stands for the workbook's errors, which say themselves in
// both languages.
var errBilingual = i18n.New("不是有效的 Excel 工作簿", "not a valid Excel workbook")

// langProc scores files starting with "PK" and fails the rest with a
// bilingual error naming the file.
type langProc struct{}

func (langProc) Process(_ context.Context, path string) (Outcome, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Outcome{}, err
	}
	if !bytes.HasPrefix(data, []byte("PK")) {
		return Outcome{}, i18n.Errorf("%s：%w", "%s: %w", filepath.Base(path), errBilingual)
	}
	return Outcome{Kind: "mof2020", Total: "90.00", Status: "ok"}, nil
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// TestEnglish: with Config.English the log lines, the error files and the
// ledger speak English; by default they speak Chinese.
func TestEnglish(t *testing.T) {
	cjk := regexp.MustCompile(`[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]`)
	for _, english := range []bool{false, true} {
		t.Run(map[bool]string{false: "zh", true: "en"}[english], func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "inbox"), 0o755); err != nil {
				t.Fatal(err)
			}
			for name, content := range map[string]string{"ok.xlsx": "PK ok", "bad.xlsx": "text", "old.xls": "x"} {
				writeFile(t, filepath.Join(dir, "inbox", name), content)
			}
			var logs lockedBuffer
			cfg := testConfig(dir)
			cfg.English = english
			cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug,
				ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
					if err, ok := a.Value.Any().(error); ok {
						a.Value = slog.StringValue(i18n.Text(err, english))
					}
					return a
				}}))
			runOnce(t, cfg, langProc{})
			failed := filepath.Join(dir, "failed")
			texts := map[string]string{"log": logs.b.String()}
			for _, f := range []string{"bad.xlsx.error.txt", "bad.xlsx.error.json", "old.xls.error.txt", "old.xls.error.json"} {
				texts[f] = readFile(t, filepath.Join(failed, f))
			}
			texts["ledger"] = readFile(t, filepath.Join(dir, "ledger.jsonl"))
			want := map[bool][]string{
				false: {"msg=开始监视", "msg=已处理", "msg=已停止", "不是有效的 Excel 工作簿", "出了什么问题："},
				true:  {"msg=watching", "msg=processed", "msg=stopped", "bad.xlsx: not a valid Excel workbook", "What went wrong:", "save it as .xlsx"},
			}[english]
			all := strings.Join([]string{texts["log"], texts["bad.xlsx.error.txt"], texts["old.xls.error.txt"], texts["ledger"]}, "\n")
			for _, s := range want {
				if !strings.Contains(all, s) {
					t.Errorf("%q missing from the log, error files and ledger:\n%s", s, all)
				}
			}
			for name, text := range texts {
				if english && cjk.MatchString(text) {
					t.Errorf("%s holds Chinese under English: %q", name, cjk.FindAllString(text, 5))
				}
				if !english && !cjk.MatchString(text) {
					t.Errorf("%s holds no Chinese by default:\n%s", name, text)
				}
			}
		})
	}
}
