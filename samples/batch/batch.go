package batch

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"

	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/workbook/form"
	"github.com/xuri/excelize/v2"
)

// Entry returns form i of the batch seeded with seed, and the template
// options it is filled into.
func Entry(seed uint64, i int) (*form.Entry, template.Options) {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	rows := 5 + r.IntN(36)
	if r.IntN(3) == 0 {
		return sh2019(r, rows)
	}
	return mof2020(r, rows)
}

// Write writes forms first..first+n-1 of the batch seeded with seed into dir
// as form-NNNNN.xlsx and returns their paths in order. Templates are built
// once per kind and row count and reused.
func Write(dir string, seed uint64, first, n int) ([]string, error) {
	paths := make([]string, n)
	for j := range n {
		i := first + j
		e, opts := Entry(seed, i)
		b, err := templateBytes(e.Kind, opts)
		if err != nil {
			return nil, err
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		if err := template.Fill(f, form.Lookup(e.Kind), opts, e); err != nil {
			f.Close()
			return nil, fmt.Errorf("form %d: %w", i, err)
		}
		paths[j] = filepath.Join(dir, fmt.Sprintf("form-%05d.xlsx", i))
		err = newfile.Save(f, paths[j])
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return paths, nil
}

var (
	mu        sync.Mutex
	templates = map[string][]byte{}
)

func templateBytes(kind string, opts template.Options) ([]byte, error) {
	key := fmt.Sprintf("%s/%s/%d", kind, opts.Year, opts.Rows)
	mu.Lock()
	defer mu.Unlock()
	if b, ok := templates[key]; ok {
		return b, nil
	}
	f, err := template.Build(form.Lookup(kind), opts)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	templates[key] = buf.Bytes()
	return buf.Bytes(), nil
}

var (
	words = []string{"服务保障", "对口支援", "合作交流", "信息化建设", "课题研究", "党建工作", "门户网站维护",
		"审计", "绩效评价", "培训", "设备购置", "运行维护", "宣传", "调研", "会议组织"}
	units   = []string{"上海市人民政府合作交流办公室", "市政府驻昆明办事处", "市发展和改革委员会", "区财政局", "市教育委员会", "市卫生健康委员会"}
	level2s = map[string][]string{
		"成本指标":  {"经济成本指标", "社会成本指标"},
		"产出指标":  {"数量指标", "质量指标", "时效指标"},
		"效益指标":  {"社会效益指标", "经济效益指标", "可持续影响指标"},
		"满意度指标": {"服务对象满意度指标"},
	}
	level1s = []string{"成本指标", "产出指标", "产出指标", "效益指标", "满意度指标"}
	measure = []string{"个", "人", "次", "期", "项", "天"}
)

// text returns a sentence of about n characters.
func text(r *rand.Rand, n int) string {
	var b strings.Builder
	for b.Len() < 3*n {
		b.WriteString(words[r.IntN(len(words))])
		if r.IntN(4) == 0 {
			b.WriteString("，")
		}
	}
	return b.String() + "。"
}

func longText(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return text(r, 10)
	case 1:
		return text(r, 400)
	default:
		return text(r, 80)
	}
}

// weights splits total into n whole weights of at least 1.
func weights(r *rand.Rand, total, n int) []int {
	w := make([]int, n)
	for i := range w {
		w[i] = 1
	}
	for left := total - n; left > 0; left-- {
		w[r.IntN(n)]++
	}
	return w
}

func mof2020(r *rand.Rand, n int) (*form.Entry, template.Options) {
	e := &form.Entry{Kind: "mof2020", Year: fmt.Sprint(2020 + r.IntN(6)), Fields: map[string]string{
		"project":    text(r, 6+r.IntN(20)),
		"department": units[r.IntN(len(units))],
		"unit":       units[r.IntN(len(units))],
		"goal":       longText(r),
		"achieved":   longText(r),
	}, Grid: map[string]map[string]string{}}
	budget := float64(r.IntN(500000)) / 100
	spent := budget * (0.5 + r.Float64()*0.55)
	if r.IntN(10) == 0 {
		budget = float64(r.IntN(5000000)) // amounts typed in 元 by mistake
		spent = budget * 0.9
	}
	amt := func(v float64) string { return fmt.Sprintf("%.2f", v) }
	e.Grid["total"] = map[string]string{"initial": amt(budget), "budget": amt(budget), "spent": amt(spent)}
	e.Grid["appropriation"] = map[string]string{"initial": amt(budget), "budget": amt(budget), "spent": amt(spent)}
	e.Grid["carryover"] = map[string]string{"initial": "0.00", "budget": "0.00", "spent": "0.00"}
	e.Grid["other"] = map[string]string{"initial": "0", "budget": "0", "spent": "0"}
	w := weights(r, 90, n)
	for i := range n {
		l1 := level1s[min(i*len(level1s)/n, len(level1s)-1)]
		l2 := level2s[l1][r.IntN(len(level2s[l1]))]
		c := map[string]string{"level1": l1, "level2": l2, "name": text(r, 3+r.IntN(8)), "weight": fmt.Sprint(w[i])}
		score := w[i]
		switch r.IntN(4) {
		case 0: // qualitative
			c["target"] = "按照标准执行"
			c["actual"] = []string{"达成指标", "达成指标", "部分达成指标"}[r.IntN(3)]
			if c["actual"] != "达成指标" {
				score = w[i] / 2
			}
		case 1: // percent
			c["target"] = "=100(%)"
			c["actual"] = fmt.Sprintf("%d(%%)", 90+r.IntN(11))
		case 2: // reverse
			m := measure[r.IntN(len(measure))]
			c["target"] = fmt.Sprintf("≤%d(%s)", 10+r.IntN(50), m)
			c["actual"] = fmt.Sprintf("%d(%s)", 5+r.IntN(60), m)
		default:
			m := measure[r.IntN(len(measure))]
			t := 1 + r.IntN(100)
			c["target"] = fmt.Sprintf("≥%d(%s)", t, m)
			c["actual"] = fmt.Sprintf("%d.00(%s)", t-r.IntN(3), m)
		}
		if score < w[i] {
			c["reason"] = text(r, 20)
		}
		if r.IntN(8) != 0 { // blank scores are left for score to fill
			c["score"] = fmt.Sprint(score)
		}
		e.Rows = append(e.Rows, form.EntryRow{Cells: c})
	}
	return e, template.Options{Year: e.Year, Rows: n}
}

func sh2019(r *rand.Rand, n int) (*form.Entry, template.Options) {
	budget := float64(100000 + r.IntN(5000000))
	e := &form.Entry{Kind: "sh2019", Year: fmt.Sprint(2017 + r.IntN(4)), Fields: map[string]string{
		"project":      text(r, 6+r.IntN(20)),
		"unit":         units[r.IntN(len(units))],
		"division":     text(r, 4),
		"recurring":    []string{"是", "否"}[r.IntN(2)],
		"budget":       fmt.Sprintf("%.2f", budget),
		"prior_budget": fmt.Sprintf("%.2f", budget*0.9),
		"spent":        fmt.Sprintf("%.2f", budget*(0.6+r.Float64()*0.4)),
		"goal":         longText(r),
		"date":         fmt.Sprintf("2020-%d-%d", 1+r.IntN(12), 1+r.IntN(28)),
		"performance":  longText(r),
		"problems":     longText(r),
		"measures":     longText(r),
	}}
	if r.IntN(5) == 0 {
		e.Fields["budget"] = strings.Replace(e.Fields["budget"], "0", ",0", 1)
	}
	per := max(2, (n+3)/4)
	k := form.Lookup("sh2019")
	for _, g := range k.Table.Groups {
		w := weights(r, g.Weight, per)
		for i := range per {
			c := map[string]string{"name": text(r, 4+r.IntN(6)), "explanation": text(r, 10+r.IntN(40)), "weight": fmt.Sprint(w[i])}
			s := w[i]
			if r.IntN(5) == 0 {
				s = w[i] - 1
				c["remark"] = text(r, 15)
			}
			if r.IntN(10) != 0 {
				c["score"] = fmt.Sprint(s)
			}
			e.Rows = append(e.Rows, form.EntryRow{Group: g.Key, Cells: c})
		}
	}
	return e, template.Options{Year: e.Year, Rows: per}
}
