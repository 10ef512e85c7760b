package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/samples/batch"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

func main() {
	bin := flag.String("bin", "bin/selfeval", "the selfeval binary to measure")
	sizes := flag.String("n", "1000", "batch sizes, comma-separated")
	seed := flag.Uint64("seed", 1, "generator seed")
	work := flag.String("dir", "", "folder for the generated forms (default: a temp folder, removed after)")
	openpyxl := flag.Bool("openpyxl", false, "also time openpyxl's read-only load (python3) on the first batch")
	rows := flag.String("rows", "100,1000,10000", "indicator rows of the single forms timed for linearity (empty: skip)")
	flag.Parse()
	if err := run(*bin, *sizes, *seed, *work, *openpyxl, *rows); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(bin, sizes string, seed uint64, work string, openpyxl bool, rows string) error {
	if work == "" {
		d, err := os.MkdirTemp("", "selfeval-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		work = d
	}
	fmt.Printf("selfeval bench: %s, seed %d\n", bin, seed)
	fmt.Printf("%-7s %-22s %10s %12s %10s %9s\n", "forms", "what", "forms/s", "CPU/form", "peak MB", "×floor")
	for i, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return err
		}
		dir := filepath.Join(work, fmt.Sprintf("batch-%d", n))
		paths, err := ensure(dir, seed, n)
		if err != nil {
			return err
		}
		floor := inProcess(paths, floorRead)
		line(n, "floor (unzip+xml)", floor, floor)
		line(n, "excelize open+rows", inProcess(paths, excelizeRead), floor)
		if openpyxl && i == 0 {
			m, err := child(paths, python, "-c", pyRead)
			if err != nil {
				return err
			}
			line(n, "openpyxl read-only", m, floor)
		}
		check, err := child(paths, bin, "check", "--format", "json")
		if err != nil {
			return err
		}
		line(n, "selfeval check", check, floor)
		copies, err := copyAll(paths, filepath.Join(work, fmt.Sprintf("score-%d", n)))
		if err != nil {
			return err
		}
		// The copies are flushed to disk before score runs: otherwise the
		// first fsync of each write-back would pay for writing them.
		syscall.Sync()
		dry, err := child(copies, bin, "score", "--dry-run")
		if err != nil {
			return err
		}
		line(n, "score --dry-run", dry, floor)
		score, err := child(copies, bin, "score")
		if err != nil {
			return err
		}
		line(n, "selfeval score", score, floor)
		fmt.Printf("%-7d %-22s %.2f× check CPU (without saving the files: %.2f×)\n", n, "score/check",
			score.cpu.Seconds()/check.cpu.Seconds(), dry.cpu.Seconds()/check.cpu.Seconds())
		_ = os.RemoveAll(filepath.Dir(copies[0]))
	}
	if rows != "" {
		fmt.Printf("\n%-7s %-22s %12s %12s\n", "rows", "what", "CPU", "CPU/row")
		for _, s := range strings.Split(rows, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return err
			}
			p, err := bigForm(work, n)
			if err != nil {
				return err
			}
			m, err := child([]string{p}, bin, "check", "--format", "json")
			if err != nil {
				return err
			}
			fmt.Printf("%-7d %-22s %12s %12s\n", n, "selfeval check", m.cpu.Round(time.Millisecond), (m.cpu / time.Duration(n)).Round(100*time.Nanosecond))
		}
	}
	return nil
}

type measure struct {
	forms int
	wall  time.Duration
	cpu   time.Duration
	peak  int64 // bytes, 0 when not measured
}

func line(n int, what string, m, floor measure) {
	perForm := m.cpu / time.Duration(m.forms)
	peak := "-"
	if m.peak > 0 {
		peak = fmt.Sprintf("%.0f", float64(m.peak)/(1<<20))
	}
	fmt.Printf("%-7d %-22s %10.0f %12s %10s %8.2f×\n", n, what, float64(m.forms)/m.wall.Seconds(),
		perForm.Round(time.Microsecond), peak, m.cpu.Seconds()/floor.cpu.Seconds())
}

// ensure generates the batch in dir unless it is already there.
func ensure(dir string, seed uint64, n int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, n)
	missing := 0
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("form-%05d.xlsx", i))
		if _, err := os.Stat(paths[i]); err != nil {
			missing++
		}
	}
	if missing > 0 {
		fmt.Printf("generating %d forms in %s\n", n, dir)
		if _, err := batch.Write(dir, seed, 0, n); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

func cpuSelf() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// inProcess runs fn over paths one at a time and measures it.
func inProcess(paths []string, fn func(string) error) measure {
	start, c0 := time.Now(), cpuSelf()
	for _, p := range paths {
		if err := fn(p); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", p, err)
		}
	}
	return measure{forms: len(paths), wall: time.Since(start), cpu: cpuSelf() - c0}
}

// floorRead unzips the file and tokenises its first worksheet and shared
// strings, doing nothing with the tokens.
func floorRead(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return err
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" && zf.Name != "xl/sharedStrings.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return err
		}
		d := xml.NewDecoder(rc)
		for {
			if _, err := d.RawToken(); err != nil {
				break
			}
		}
		rc.Close()
	}
	return nil
}

// excelizeRead opens the file with excelize and reads the first sheet's rows.
func excelizeRead(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.GetRows(f.GetSheetList()[0])
	return err
}

// pyRead loads each file named on the command line with openpyxl in
// read-only mode and reads every value of the first sheet.
const pyRead = `
import sys, openpyxl
for p in sys.argv[1:]:
    wb = openpyxl.load_workbook(p, read_only=True)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(values_only=True):
        pass
    wb.close()
`

// child runs a command over paths and measures its wall time, CPU and peak
// resident memory.
func child(paths []string, name string, args ...string) (measure, error) {
	args = append(args, paths...)
	cmd := exec.Command(name, args...)
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return measure{}, fmt.Errorf("%s: %v", name, err)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 && (code != 1 || name == python) {
		return measure{}, fmt.Errorf("%s: exit %d: %s", name, code, stderr.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return measure{forms: len(paths), wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), peak: ru.Maxrss * 1024}, nil
}

func copyAll(paths []string, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out[i] = filepath.Join(dir, filepath.Base(p))
		if err := os.WriteFile(out[i], b, 0o644); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// bigForm writes a mof2020 form with n indicator rows.
func bigForm(dir string, n int) (string, error) {
	p := filepath.Join(dir, fmt.Sprintf("rows-%d.xlsx", n))
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	k := form.Lookup("mof2020")
	e, _ := batch.Entry(7, 0)
	for e.Kind != "mof2020" {
		e, _ = batch.Entry(7, len(e.Rows)+1)
	}
	opts := template.Options{Year: e.Year, Rows: len(e.Rows)}
	f, err := template.Build(k, opts)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := template.Fill(f, k, opts, e); err != nil {
		return "", err
	}
	first := 0
	rows, _ := f.GetRows(k.Sheet)
	for r, row := range rows {
		if len(row) > 2 && row[2] == "三级指标" {
			first = r + 2
			break
		}
	}
	if first == 0 {
		return "", fmt.Errorf("no indicator header")
	}
	if err := f.InsertRows(k.Sheet, first+1, n-len(e.Rows)); err != nil {
		return "", err
	}
	for r := first + 1; r < first+1+n-len(e.Rows); r++ {
		if err := f.SetSheetRow(k.Sheet, fmt.Sprintf("A%d", r), &[]any{"产出指标", "数量指标", fmt.Sprintf("指标%d", r), "≥1(个)", "1(个)", 0, 0}); err != nil {
			return "", err
		}
	}
	return p, newfile.Save(f, p)
}

// python is the interpreter with openpyxl installed (the system one).
const python = "/usr/bin/python3"
