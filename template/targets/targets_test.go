package targets_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfeval/selfeval/internal/newfile"
	"github.com/selfeval/selfeval/samples"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/template/targets"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
)

// actuals returns what the unit types into a prefilled template: every value
// of the seed entry that the targets file did not provide.
func actuals(seed, pre *form.Entry) *form.Entry {
	out := &form.Entry{Kind: seed.Kind, Fields: map[string]string{}, Grid: map[string]map[string]string{}}
	for k, v := range seed.Fields {
		if _, ok := pre.Fields[k]; !ok {
			out.Fields[k] = v
		}
	}
	for r, cols := range seed.Grid {
		for c, v := range cols {
			if _, ok := pre.Grid[r][c]; !ok {
				if out.Grid[r] == nil {
					out.Grid[r] = map[string]string{}
				}
				out.Grid[r][c] = v
			}
		}
	}
	for i, row := range seed.Rows {
		er := form.EntryRow{Group: row.Group, Cells: map[string]string{}}
		for k, v := range row.Cells {
			if _, ok := pre.Rows[i].Cells[k]; !ok {
				er.Cells[k] = v
			}
		}
		out.Rows = append(out.Rows, er)
	}
	return out
}

// TestSeedTargetsScore issues the seed projects from each targets format,
// fills the templates with the seeds' actuals and scores them.
func TestSeedTargetsScore(t *testing.T) {
	all, err := samples.All()
	if err != nil {
		t.Fatal(err)
	}
	seeds := map[string]*form.Entry{}
	for _, s := range all {
		seeds[s.Entry.Fields["project"]] = s.Entry
	}
	want := map[string]string{
		"mof2020": "合作交流工作业务经费=97.78 驻外办驻外工作经费=93.52 机关服务费=100",
		"sh2019":  "合作交流工作业务费=89",
	}
	for _, kind := range []string{"mof2020", "sh2019"} {
		for _, ext := range []string{"csv", "xlsx", "json"} {
			t.Run(kind+"."+ext, func(t *testing.T) {
				k := form.Lookup(kind)
				projects, err := targets.Read(filepath.Join("..", "..", "samples", "targets", kind+"-targets."+ext), k, nil)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, p := range projects {
					seed := seeds[p.Name]
					if seed == nil {
						t.Fatalf("project %q is not a seed", p.Name)
					}
					opts := template.Options{Year: p.Entry.Year, Prefill: p.Entry}
					f, err := template.Build(k, opts)
					if err != nil {
						t.Fatal(err)
					}
					if err := template.Fill(f, k, opts, actuals(seed, p.Entry)); err != nil {
						t.Fatal(err)
					}
					path := filepath.Join(t.TempDir(), "t.xlsx")
					if err := newfile.Save(f, path); err != nil {
						t.Fatal(err)
					}
					f.Close()
					wb, err := workbook.Load(path)
					if err != nil {
						t.Fatal(err)
					}
					fm, err := wb.Read()
					if err != nil {
						t.Fatal(err)
					}
					res := validate.Check(fm, nil, validate.Chinese)
					if errs, _, _ := res.Counts(); errs > 0 {
						t.Errorf("%s: findings %+v", p.Name, res.Findings)
					}
					got = append(got, p.Name+"="+res.Total.String())
				}
				if s := strings.Join(got, " "); s != want[kind] {
					t.Errorf("totals %q, want %q", s, want[kind])
				}
			})
		}
	}
}

// TestBadTargets reports every bad row with its place and issues nothing.
func TestBadTargets(t *testing.T) {
	head := "项目名称,主管部门,实施单位,年初预算数,全年预算数,预期目标,一级指标,二级指标,三级指标,年度指标值,分值\n"
	proj := "甲项目,某局,某中心,10,10,目标,"
	tests := []struct {
		name, ext, body string
		want, en        []string
	}{
		{"project only", "json", `[{"project":"x"}]`,
			[]string{"表头：缺少列：主管部门、实施单位、年初预算数、全年预算数、预期目标、一级指标、二级指标、三级指标、年度指标值、分值"},
			[]string{"header: missing columns: department, unit, initial, budget, goal, level1, level2, name, target, weight (English keys or Chinese headers)"}},
		{"empty", "csv", head, []string{"表头：文件中没有数据行"}, []string{"header: the file has no data rows"}},
		{"bad rows", "csv", head +
			proj + "产出指标,数量指标,指标一,≥abc,50\n" +
			proj + "产出指标,社会效益指标,指标二,≥1(个),20\n" +
			proj + "效益指标,社会效益指标,,好,-3\n" +
			"甲项目,某局,另一中心,10,10,目标,满意度指标,服务对象满意度指标,满意度,≥90(%),10\n",
			[]string{
				"第 2 行 J2「年度指标值」：年度指标值“≥abc”无法识别",
				"第 3 行 H3「二级指标」：二级指标“社会效益指标”不属于一级指标“产出指标”",
				"第 4 行 I4「三级指标」：未填写",
				"第 4 行 K4「分值」：分值“-3”应为大于 0 的数字",
				"第 5 行 C5「实施单位」：与本项目第 1 个指标行的“某中心”不一致",
			},
			[]string{
				`line 2 J2 "年度指标值": the target "≥abc" cannot be read`,
				`line 3 H3 "二级指标": `,
				`line 4 I4 "三级指标": not filled in`,
				`line 4 K4 "分值": the weight "-3" should be a number greater than 0`,
				`line 5 C5 "实施单位": differs from "某中心" on indicator row 1 of this project`,
			}},
		{"weights", "csv", head +
			proj + "产出指标,数量指标,指标一,≥1(个),50\n" +
			proj + "效益指标,社会效益指标,指标二,好,30\n",
			[]string{"第 2 行 K2「分值」：各指标分值之和为 80.00，应为 90.00"}, []string{`line 2 K2 "分值": `}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "targets."+tc.ext)
			if err := os.WriteFile(path, []byte(tc.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := targets.Read(path, form.MOF2020, nil)
			te, ok := err.(*targets.Error)
			if !ok {
				t.Fatalf("error %v, want *targets.Error", err)
			}
			var got []string
			for _, p := range te.Problems {
				got = append(got, p.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n%s\nwant %d:\n%s", strings.Join(got, "\n"), len(tc.want), strings.Join(tc.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], tc.want[i])
				}
				if en := te.Problems[i].Localized(true); !strings.HasPrefix(en, tc.en[i]) {
					t.Errorf("problem %d in English:\n got %s\nwant %s…", i, en, tc.en[i])
				}
			}
			if en := te.Localized(true); !strings.HasPrefix(en, path+": the approved targets have ") || !strings.HasSuffix(en, te.Problems[len(got)-1].Localized(true)) {
				t.Errorf("English error %q", en)
			}
		})
	}
}

// TestExactRows: a prefilled template has exactly its project's rows, plus
// the spare rows asked for (per category for sh2019).
func TestExactRows(t *testing.T) {
	for _, tc := range []struct {
		kind        string
		spare, want int
	}{{"mof2020", 0, 19}, {"mof2020", 3, 22}, {"sh2019", 0, 14}, {"sh2019", 2, 22}} {
		k := form.Lookup(tc.kind)
		projects, err := targets.Read(filepath.Join("..", "..", "samples", "targets", tc.kind+"-targets.csv"), k, nil)
		if err != nil {
			t.Fatal(err)
		}
		l := template.LayoutOf(k, template.Options{Prefill: projects[0].Entry, Spare: tc.spare})
		if got := l.Last - l.First + 1; got != tc.want {
			t.Errorf("%s spare %d: %d rows, want %d", tc.kind, tc.spare, got, tc.want)
		}
	}
}
