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
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/samples/batch"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

func main() {
	bin := flag.String("bin", "bin/selfeval", "the selfeval binaries to measure, comma-separated (each is run in every round, in turn)")
	sizes := flag.String("n", "1000", "batch sizes, comma-separated")
	seed := flag.Uint64("seed", 1, "generator seed")
	work := flag.String("dir", "", "folder for the generated forms (default: a temp folder, removed after)")
	openpyxl := flag.Bool("openpyxl", false, "also time openpyxl's read-only load (python3) on the first batch")
	rows := flag.String("rows", "100,1000,10000", "indicator rows of the single forms timed for linearity (empty: skip)")
	rounds := flag.Int("rounds", 3, "interleaved rounds over each set of forms; the figures are their medians")
	resaved := flag.Int("resaved", 300, "forms of each batch also saved again by openpyxl and by LibreOffice, measured as sets of their own (0: none)")
	saveOnly := flag.String("save-floor", "", "only save over each file named the file of the same name in this folder, and print the CPU and wall time it took (what the bench runs to measure the save's floor)")
	flag.Parse()
	if *saveOnly != "" {
		m := saveFloor(*saveOnly, flag.Args())
		fmt.Println(m.cpu.Nanoseconds(), m.wall.Nanoseconds())
		return
	}
	if err := run(strings.Split(*bin, ","), *sizes, *seed, *work, *openpyxl, *rows, *rounds, *resaved); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// formSet is a set of forms measured together: the generated forms as
// excelize writes them, or the same forms saved again by another program.
type formSet struct {
	writer string
	paths  []string
}

func run(bins []string, sizes string, seed uint64, work string, openpyxl bool, rows string, rounds, resaved int) error {
	if work == "" {
		d, err := os.MkdirTemp("", "selfeval-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		work = d
	}
	rounds = max(rounds, 1)
	fmt.Printf("selfeval bench: %s, seed %d, medians of %d interleaved rounds\n", strings.Join(bins, ", "), seed, rounds)
	fmt.Printf("%-7s %-44s %10s %12s %10s %9s\n", "forms", "what", "forms/s", "CPU/form", "peak MB", "×floor")
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
		sets := []formSet{{"excelize", paths}}
		if resaved > 0 {
			some := paths[:min(resaved, len(paths))]
			for _, w := range []string{"openpyxl", "libreoffice"} {
				out, err := resave(w, some, dir+"-"+w)
				if err != nil {
					return err
				}
				sets = append(sets, formSet{w, out})
			}
		}
		for j, set := range sets {
			if err := measureSet(work, bins, set, rounds, openpyxl && i == 0 && j == 0); err != nil {
				return err
			}
		}
	}
	if rows != "" {
		fmt.Printf("\n%-7s %-44s %12s %12s %10s\n", "rows", "what", "CPU", "CPU/row", "peak MB")
		for _, s := range strings.Split(rows, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return err
			}
			p, err := bigForm(work, n)
			if err != nil {
				return err
			}
			if err := measureRows(work, bins, p, n, rounds); err != nil {
				return err
			}
		}
	}
	return nil
}

// measureRows measures check, score --dry-run and score of the single form
// p of n indicator rows (score on a fresh copy each time) in interleaved
// rounds, and prints the median CPU and peak memory of each.
func measureRows(work string, bins []string, p string, n, rounds int) error {
	cmds := [][]string{{"check", "--format", "json"}, {"score", "--dry-run"}, {"score"}}
	got := make([][][]measure, len(bins))
	for b := range bins {
		got[b] = make([][]measure, len(cmds))
	}
	for range rounds {
		for b, bin := range bins {
			for c, args := range cmds {
				copies, err := copyAll([]string{p}, filepath.Join(work, fmt.Sprintf("rows-copy-%d", n)))
				if err != nil {
					return err
				}
				syscall.Sync()
				m, err := child(copies, bin, args...)
				if err != nil {
					return err
				}
				got[b][c] = append(got[b][c], m)
			}
		}
	}
	_ = os.RemoveAll(filepath.Join(work, fmt.Sprintf("rows-copy-%d", n)))
	for b, bin := range bins {
		for c, args := range cmds {
			cpu, peak := median(got[b][c]), medianPeak(got[b][c])
			fmt.Printf("%-7d %-44s %12s %12s %10.1f\n", n, label(bins, bin, "selfeval "+strings.Join(args, " ")),
				cpu.cpu.Round(time.Millisecond), (cpu.cpu / time.Duration(n)).Round(100*time.Nanosecond), float64(peak)/(1<<20))
		}
	}
	return nil
}

// medianPeak returns the median peak memory of ms, in bytes.
func medianPeak(ms []measure) int64 {
	p := make([]int64, len(ms))
	for i, m := range ms {
		p[i] = m.peak
	}
	sort.Slice(p, func(i, j int) bool { return p[i] < p[j] })
	return p[len(p)/2]
}

// label names what is measured, with the binary when there are several.
func label(bins []string, bin, what string) string {
	if len(bins) < 2 {
		return what
	}
	return what + " [" + filepath.Base(bin) + "]"
}

// measureSet measures the set in interleaved rounds: in each round the
// floor, then for each binary check, score --dry-run and score on fresh
// copies, so that a change of the machine's load falls on all of them
// alike. It prints the median of each figure and the medians of the
// per-round ratios.
func measureSet(work string, bins []string, set formSet, rounds int, openpyxl bool) error {
	n := len(set.paths)
	what := func(s string) string { return s + " (" + set.writer + ")" }
	var floors, saves []measure
	type runs struct{ check, dry, score []measure }
	per := make([]runs, len(bins))
	for range rounds {
		floors = append(floors, inProcess(set.paths, floorRead))
		for b, bin := range bins {
			check, err := child(set.paths, bin, "check", "--format", "json")
			if err != nil {
				return err
			}
			copies, err := copyAll(set.paths, filepath.Join(work, fmt.Sprintf("score-%s-%d", set.writer, n)))
			if err != nil {
				return err
			}
			// The copies are flushed to disk before score runs: otherwise
			// the first fsync of each write-back would pay for writing them.
			syscall.Sync()
			dry, err := child(copies, bin, "score", "--dry-run")
			if err != nil {
				return err
			}
			score, err := child(copies, bin, "score")
			if err != nil {
				return err
			}
			if b == 0 {
				// The save's own floor: the files as score wrote them
				// saved over fresh copies of the forms (a first save
				// costs more than saving a scored file again), in a
				// process of its own (a child's peak memory counts the
				// parent's).
				fresh, err := copyAll(set.paths, filepath.Join(work, fmt.Sprintf("floor-%s-%d", set.writer, n)))
				if err != nil {
					return err
				}
				syscall.Sync()
				m, err := childSaveFloor(filepath.Dir(copies[0]), fresh)
				if err != nil {
					return err
				}
				_ = os.RemoveAll(filepath.Dir(fresh[0]))
				saves = append(saves, m)
			}
			_ = os.RemoveAll(filepath.Dir(copies[0]))
			per[b].check = append(per[b].check, check)
			per[b].dry = append(per[b].dry, dry)
			per[b].score = append(per[b].score, score)
		}
	}
	floor := median(floors)
	line(n, what("floor (unzip+xml)"), floor, floor)
	line(n, what("floor (atomic save)"), median(saves), floor)
	line(n, what("excelize open+rows"), inProcess(set.paths, excelizeRead), floor)
	if openpyxl {
		m, err := child(set.paths, python, "-c", pyRead)
		if err != nil {
			return err
		}
		line(n, what("openpyxl read-only"), m, floor)
	}
	for b, bin := range bins {
		line(n, label(bins, bin, what("selfeval check")), median(per[b].check), floor)
		line(n, label(bins, bin, what("score --dry-run")), median(per[b].dry), floor)
		line(n, label(bins, bin, what("selfeval score")), median(per[b].score), floor)
		fmt.Printf("%-7d %-44s check %.2f× floor; score --dry-run %.2f× check; score %.2f× check\n", n, label(bins, bin, what("ratios")),
			ratio(per[b].check, floors), ratio(per[b].dry, per[b].check), ratio(per[b].score, per[b].check))
		// What score adds to a dry run, next to the bare save of the same
		// files: how far the save is from the disk's own cost, and the
		// least score ÷ check could be with this disk and this write-back.
		fmt.Printf("%-7d %-44s score − dry-run %.2f× save floor; dry-run + save floor %.2f× check\n", n, label(bins, bin, what("save")),
			ratioOf(per[b].score, per[b].dry, saves), sumRatio(per[b].dry, saves, per[b].check))
	}
	return nil
}

// perRound is the median over the rounds of f of each round.
func perRound(rounds int, f func(i int) time.Duration, over func(i int) time.Duration) float64 {
	rs := make([]float64, rounds)
	for i := range rs {
		rs[i] = f(i).Seconds() / over(i).Seconds()
	}
	sort.Float64s(rs)
	return rs[rounds/2]
}

// ratio is the median over rounds of a ÷ b, in CPU.
func ratio(a, b []measure) float64 {
	return perRound(len(a), func(i int) time.Duration { return a[i].cpu }, func(i int) time.Duration { return b[i].cpu })
}

// ratioOf is the median over rounds of (a − b) ÷ c, in CPU.
func ratioOf(a, b, c []measure) float64 {
	return perRound(len(a), func(i int) time.Duration { return a[i].cpu - b[i].cpu }, func(i int) time.Duration { return c[i].cpu })
}

// sumRatio is the median over rounds of (a + b) ÷ c, in CPU.
func sumRatio(a, b, c []measure) float64 {
	return perRound(len(a), func(i int) time.Duration { return a[i].cpu + b[i].cpu }, func(i int) time.Duration { return c[i].cpu })
}

// median returns the measure of median CPU.
func median(ms []measure) measure {
	s := append([]measure(nil), ms...)
	sort.Slice(s, func(i, j int) bool { return s[i].cpu < s[j].cpu })
	return s[len(s)/2]
}

// resave saves each of paths again with the writer ("openpyxl" or
// "libreoffice") into dir, unless already there, and returns the new paths:
// the same forms as those programs write their packages.
func resave(writer string, paths []string, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	out := make([]string, len(paths))
	var missing []string
	for i, p := range paths {
		out[i] = filepath.Join(dir, filepath.Base(p))
		if _, err := os.Stat(out[i]); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	fmt.Printf("saving %d forms again with %s in %s\n", len(missing), writer, dir)
	// In chunks, each tried twice: a LibreOffice converting hundreds of
	// files in one run sometimes stops part way.
	for try := 0; try < 2; try++ {
		var left []string
		for _, p := range missing {
			if _, err := os.Stat(filepath.Join(dir, filepath.Base(p))); err != nil {
				left = append(left, p)
			}
		}
		for i := 0; i < len(left); i += 50 {
			if err := resaveSome(writer, left[i:min(i+50, len(left))], dir); err != nil && try == 1 {
				return nil, err
			}
		}
	}
	for _, p := range out {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("%s did not write %s", writer, p)
		}
	}
	return out, nil
}

// resaveSome saves the files with the writer into dir.
func resaveSome(writer string, missing []string, dir string) error {
	var cmd *exec.Cmd
	switch writer {
	case "openpyxl":
		cmd = exec.Command(python, append([]string{"-c", pyResave, dir}, missing...)...)
	case "libreoffice":
		profile, err := os.MkdirTemp("", "selfeval-bench-lo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(profile)
		// Its own profile: a LibreOffice already running for someone else
		// would otherwise take the job.
		args := []string{"-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir}
		cmd = exec.Command("soffice", append(args, missing...)...)
	default:
		return fmt.Errorf("no writer %s", writer)
	}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v: %s", writer, err, stderr.String())
	}
	return nil
}

// pyResave loads each file named after the folder with openpyxl and saves
// it into the folder under the same name.
const pyResave = `
import os, sys, openpyxl
out = sys.argv[1]
for p in sys.argv[2:]:
    wb = openpyxl.load_workbook(p)
    wb.save(os.path.join(out, os.path.basename(p)))
`

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
	fmt.Printf("%-7d %-44s %10.0f %12s %10s %8.2f×\n", n, what, float64(m.forms)/m.wall.Seconds(),
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

// saveFloor saves over each of paths the file of the same name in the
// folder from, the way score saves, bare, with as many at once as score's
// workers: a temp file in its folder, written, given its mode, synced,
// closed and renamed over it (which frees the old file), then each folder
// synced once. The files are read before the clock starts: score has its
// output in memory.
func saveFloor(from string, paths []string) measure {
	data := make([][]byte, len(paths))
	for i, p := range paths {
		data[i], _ = os.ReadFile(filepath.Join(from, filepath.Base(p)))
	}
	start, c0 := time.Now(), cpuSelf()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := bareSave(paths[i], data[i]); err != nil {
					fmt.Fprintln(os.Stderr, "bench:", paths[i], err)
				}
			}
		}()
	}
	for i := range paths {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	dirs := map[string]bool{}
	for _, p := range paths {
		dirs[filepath.Dir(p)] = true
	}
	for dir := range dirs {
		if d, err := os.Open(dir); err == nil {
			_ = d.Sync()
			_ = d.Close()
		}
	}
	return measure{forms: len(paths), wall: time.Since(start), cpu: cpuSelf() - c0}
}

// childSaveFloor runs saveFloor(from, paths) in a child process (this
// program with -save-floor) and returns what it measured.
func childSaveFloor(from string, paths []string) (measure, error) {
	self, err := os.Executable()
	if err != nil {
		return measure{}, err
	}
	out, err := exec.Command(self, append([]string{"-save-floor", from}, paths...)...).Output()
	if err != nil {
		return measure{}, fmt.Errorf("save floor: %v", err)
	}
	var cpu, wall int64
	if _, err := fmt.Sscan(string(out), &cpu, &wall); err != nil {
		return measure{}, fmt.Errorf("save floor: %q: %v", out, err)
	}
	return measure{forms: len(paths), wall: time.Duration(wall), cpu: time.Duration(cpu)}, nil
}

// bareSave is the save of saveFloor: no checks, nothing kept.
func bareSave(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".bench-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
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
