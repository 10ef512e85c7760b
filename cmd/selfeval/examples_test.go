package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"github.com/selfeval/selfeval/cmd/selfeval/internal/season"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/samples"
	"github.com/selfeval/selfeval/workbook/form"
)

// readmeExamples returns the selfeval command lines in README.md's code
// blocks (a systemd ExecStart line included), without comments or pipes.
func readmeExamples(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	inBlock := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "```") {
			inBlock = !inBlock
			continue
		}
		if !inBlock {
			continue
		}
		line = strings.TrimPrefix(line, "ExecStart=/usr/local/bin/")
		line = strings.TrimPrefix(line, "go run ./cmd/selfeval ")
		if strings.HasPrefix(line, "demo ") || line == "demo" {
			line = "selfeval " + line
		}
		if !strings.HasPrefix(line, "selfeval ") {
			continue
		}
		out = append(out, cleanExample(line))
	}
	return out
}

// helpExamples returns the command lines `selfeval --help` and each
// `selfeval COMMAND --help` print, in both languages.
func helpExamples(t *testing.T) []string {
	t.Helper()
	var out []string
	cmds := [][]string{{"--help"}}
	for _, c := range newApp("zh", nil, nil).Commands {
		cmds = append(cmds, []string{c.Name, "--help"})
	}
	for _, lang := range []string{"zh", "en"} {
		for _, args := range cmds {
			var stdout, stderr bytes.Buffer
			args := append([]string{"selfeval", "--lang", lang}, args...)
			if code := exitStatus(&stderr, run(context.Background(), args, &stdout, &stderr)); code != exitOK {
				t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
			}
			inExamples := false
			for _, line := range strings.Split(stdout.String(), "\n") {
				l := strings.TrimSpace(line)
				switch {
				case l == "示例：" || l == "Examples:":
					inExamples = true
				case l == "":
					inExamples = false
				case inExamples:
					out = append(out, cleanExample(l))
				}
			}
		}
	}
	return out
}

// cleanExample drops a trailing comment and anything after a pipe.
func cleanExample(line string) string {
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	if i := strings.Index(line, " | "); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSpace(line)
}

// TestExamples runs every command example of the README and of --help, in
// a folder holding what the examples name (returned forms, a project list,
// a rules file, the watched folders), so none can rot. Watchers run with
// --once; absolute paths are taken inside the folder.
func TestExamples(t *testing.T) {
	if raceDetector {
		// It runs the binary many times; under -race that takes minutes.
		// make unit runs it again without -race.
		t.Skip("run without -race (make unit does)")
	}
	readme, help := readmeExamples(t), helpExamples(t)
	if len(readme) < 10 || len(help) < 10 {
		t.Fatalf("found %d README and %d --help examples; the extraction is broken", len(readme), len(help))
	}
	seen := map[string]bool{}
	for _, ex := range slices.Concat(readme, help) {
		if seen[ex] {
			continue
		}
		seen[ex] = true
		t.Run(ex, func(t *testing.T) {
			if _, err := season.OfficeBin(); err != nil && strings.Contains(ex, " publish ") {
				t.Skip("publish needs LibreOffice")
			}
			dir := t.TempDir()
			exampleFixtures(t, dir, ex)
			t.Chdir(dir)
			args := strings.Fields(ex)
			for i, a := range args {
				if strings.HasPrefix(a, "/") {
					args[i] = strings.TrimPrefix(a, "/") // inside dir
				}
			}
			if args[1] == "watch" && !slices.Contains(args, "--once") {
				args = append(args, "--once")
			}
			var stdout, stderr bytes.Buffer
			code := exitStatus(&stderr, run(context.Background(), args, &stdout, &stderr))
			// 1 is a verdict about the forms (the samples carry warnings, and
			// --strict counts them); anything else means the example is wrong.
			if code != exitOK && code != exitInvalid {
				t.Errorf("%s: exit %d\nstdout: %s\nstderr: %s", ex, code, stdout.String(), stderr.String())
			}
		})
	}
}

// exampleFixtures puts into dir what the examples read: returned forms in
// 回收/ and samples/, a form 自评表.xlsx (unless the example makes it), the
// project list 批复目标.json, the rules file 本地规则.yaml and the watched
// folders.
func exampleFixtures(t *testing.T, dir, ex string) {
	t.Helper()
	all, err := samples.All()
	if err != nil {
		t.Fatal(err)
	}
	var entries []*form.Entry
	for _, s := range all {
		saveSample(t, s, filepath.Join(mkdir(t, dir, "回收"), s.Name+".xlsx"))
		saveSample(t, s, filepath.Join(mkdir(t, dir, "samples"), s.Name+".xlsx"))
		if s.Entry.Kind == "mof2020" {
			entries = append(entries, s.Entry)
		}
		if s.Name == "mof2020-liaison" && !strings.Contains(ex, " template ") {
			saveSample(t, s, filepath.Join(dir, "自评表.xlsx"))
		}
	}
	b, err := json.Marshal(entries)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("批复目标.json", string(b))
	targets, err := os.ReadFile(filepath.Join("..", "..", "samples", "targets", "mof2020-targets.csv"))
	if err != nil {
		t.Fatal(err)
	}
	write("批复目标.csv", string(targets))
	targets, err = os.ReadFile(filepath.Join("..", "..", "samples", "targets", "mof2020-targets.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	write("批复目标.xlsx", string(targets))
	write("签名密钥.key", "a key of at least sixteen bytes\n")
	write("本地规则.yaml", "name: 本地规则\ndeviation_threshold: 50\n")
	for _, d := range []string{"srv/selfeval", "srv/drop", "mnt/share/自评表"} {
		mkdir(t, dir, d)
	}
	if strings.Contains(ex, " review 复核.xlsx") || strings.Contains(ex, " review 抽查名单") {
		// a review workbook and a sample list of the returned forms, made by the tool
		for _, args := range [][]string{
			{"selfeval", "sample", filepath.Join(dir, "回收"), "--seed", "1", "-o", filepath.Join(dir, "抽查名单.json")},
			{"selfeval", "sample", filepath.Join(dir, "回收"), "--seed", "1", "-o", filepath.Join(dir, "抽查名单.xlsx")},
			{"selfeval", "review", filepath.Join(dir, "回收"), "-o", filepath.Join(dir, "复核.xlsx")},
		} {
			var stdout, stderr bytes.Buffer
			if code := exitStatus(&stderr, run(context.Background(), args, &stdout, &stderr)); code != exitOK {
				t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
			}
		}
	}
}

func mkdir(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}
