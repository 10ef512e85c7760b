package pipeline

import (
	"strings"

	"github.com/selfeval/selfeval/internal/i18n"
	"github.com/selfeval/selfeval/internal/memo"
	"github.com/selfeval/selfeval/template"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/validate/review"
	"github.com/selfeval/selfeval/workbook"
	"github.com/selfeval/selfeval/workbook/form"
)

// Options say how files are checked and whether the outcome is written.
type Options struct {
	Profile *validate.Profile // rules profile; nil means validate.DefaultProfile()
	Lang    validate.Lang     // language of findings
	Version string            // tool version recorded in the result sheet
	Write   bool              // write the outcome back (score); false checks only
	Dst     string            // with Write: where to save, "" for in place
	DryRun  bool              // with Write: do everything but save
	Strict  bool              // warnings count as failures (validate.CheckStrict)
	// StampKey is the key templates were issued with; with it the stamp's
	// signature is checked (see workbook.WithStampKey).
	StampKey []byte
	// BeforeWrite, when set, is asked just before the write-back begins;
	// false leaves the file unwritten (the caller gave up on it).
	BeforeWrite func() bool
	// Admit, when set, is called once the file is loaded, with what it
	// costs (workbook.Workbook.Cost), before it is read; it may wait for
	// memory shared with other files. The release it returns is called
	// when Run is done with the file.
	Admit func(cost int64) (release func())
	// Syncs, with Write, takes the folder sync of the save for the end of
	// the batch (workbook.FolderSyncs); nil syncs at once.
	Syncs *workbook.FolderSyncs
}

// Record is what is kept of one processed form: a file holds one, or
// several (two projects on two sheets).
type Record struct {
	Path  string
	Sheet string // the sheet holding the form, "" when the file could not be read
	Forms int    // how many forms the file holds
	// Err is set when the file could not be read at all; nothing else is.
	Err error
	// WriteErr is set when the file was read and checked but the write-back
	// failed; the file is unchanged.
	WriteErr error
	// Unchanged is set when the write-back found the file already holding
	// what it would write (scored again with nothing new) and left it.
	Unchanged bool
	Result    *validate.Result
	// Header fields as written on the form (trimmed), "" when absent.
	Unit, Department, Year string
	MoneyUnit              string // unit of the form's amounts: 万元 or 元
	InputHash              string
	// ID is which form of a season this is: from the stamp's form id when
	// the template was issued with one, else from the form's header.
	ID form.Identity
	// Facts is what the reviewer's checks (validate/review) need of the form.
	Facts *review.Facts
}

// Run processes one file: one Record per form it holds, in sheet order, or
// one Record with Err when it cannot be read. With Write, every form is
// checked first and then all their outcomes are written back in one write
// of the file; each Record gets that write's error. It never panics on bad input: a panic inside a
// codec becomes an unreadable file.
func Run(path string, o Options) (recs []*Record) {
	fail := func(err error) []*Record { return []*Record{{Path: path, Err: err}} }
	defer func() {
		if r := recover(); r != nil {
			recs = fail(i18n.Errorf("%s：无法读取（内部错误：%v）", "%s: cannot be read (internal error: %v)", path, r))
		}
	}()
	p := o.Profile
	if p == nil {
		p = validate.DefaultProfile()
	}
	wb, err := workbook.Load(path)
	if err != nil {
		return fail(err)
	}
	if o.Admit != nil {
		defer o.Admit(wb.Cost())()
	}
	fms, err := wb.ReadAll(workbook.WithStampKey(o.StampKey), workbook.WithLabels(p.Labels))
	if err != nil {
		return fail(err)
	}
	var outs []workbook.FormOutcome
	for _, fm := range fms {
		rec := &Record{Path: path, Sheet: fm.Sheet, Forms: len(fms), InputHash: fm.InputHash()}
		check := validate.Check
		if o.Strict {
			check = validate.CheckStrict
		}
		res := check(fm, p, o.Lang)
		for i := range res.Findings {
			if res.Findings[i].Sheet == "" {
				res.Findings[i].Sheet = fm.Sheet // a finding about the form as a whole
			}
		}
		if !o.Write {
			validate.Stale(fm, res, o.Lang) // score refreshes them
		}
		rec.Result = res
		field := func(key string) string { return strings.TrimSpace(fm.Fields[key].Text) }
		rec.Unit, rec.Department, rec.MoneyUnit = field("unit"), field("department"), fm.Money
		rec.Year = fm.Year
		if fm.Stamp != nil && fm.Stamp.Year != "" {
			rec.Year = fm.Stamp.Year
		}
		rec.ID = identityOf(fm, res.Project, rec)
		rec.Facts = review.FactsOf(fm, res)
		if o.Write {
			// The form is Chinese whatever language the messages speak:
			// what is written into it comes from a Chinese check.
			wres := res
			if o.Lang == validate.English {
				wres = check(fm, p, validate.Chinese)
			}
			out := wres.Outcome(p, o.Version, rec.InputHash)
			liveFormulas(fm, p, out.Writes)
			outs = append(outs, workbook.FormOutcome{Form: fm, Outcome: out})
		}
		recs = append(recs, rec)
	}
	if o.Write && len(outs) > 0 && (o.BeforeWrite == nil || o.BeforeWrite()) {
		unchanged, err := wb.WriteBackAll(o.Dst, outs, workbook.WriteOptions{DryRun: o.DryRun, Syncs: o.Syncs})
		for _, rec := range recs {
			rec.WriteErr, rec.Unchanged = err, unchanged
		}
	}
	return recs
}

// identityOf is the form's identity: the stamp's form id when it has one,
// else year, kind, 项目名称 and 实施单位 as written.
func identityOf(fm *form.Form, project string, rec *Record) form.Identity {
	if fm.Stamp != nil {
		if id, ok := form.ParseFormID(fm.Stamp.FormID); ok {
			return id
		}
	}
	return form.Identity{Year: rec.Year, Kind: fm.Kind.Name, Project: project, Unit: rec.Unit}
}

// liveFormulas gives the computed cells of our stamped template their live
// formulas as the current template writes them (template.LiveFormulas),
// with the settings of profile p.
func liveFormulas(fm *form.Form, p *validate.Profile, writes []form.Write) {
	r := rulesOf(p)
	formulas := template.LiveFormulas(fm, r)
	for i, w := range writes {
		if f, ok := formulas[w.Ref]; ok && (w.Sheet == "" || w.Sheet == fm.Sheet) {
			writes[i].Formula = f
		}
	}
}

// rulesOf is RulesOf(p), made once per profile (hashing the profile costs
// about as much as the rest of liveFormulas): a profile is not changed once
// it is in use. At most 16 profiles are kept.
func rulesOf(p *validate.Profile) *template.Rules {
	return rulesCache.Get(p, func() *template.Rules { return RulesOf(p) })
}

var rulesCache = memo.New[*validate.Profile, *template.Rules](16)

// RulesOf returns the settings of profile p that a template's formulas and
// labels use.
func RulesOf(p *validate.Profile) *template.Rules {
	return &template.Rules{
		Name:            p.Name,
		Hash:            p.Hash(),
		Grades:          [3]string{p.Grades.Excellent.String(), p.Grades.Good.String(), p.Grades.Fair.String()},
		ExecutionWeight: p.ExecutionWeight.String(),
		RateRounding:    p.RateRounding,
		GroupWeights: map[string]string{
			"input": p.SH2019.Input.String(), "output": p.SH2019.Output.String(),
			"effect": p.SH2019.Effect.String(), "impact": p.SH2019.Impact.String(),
		},
	}
}
