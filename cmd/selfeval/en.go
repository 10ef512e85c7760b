package main

import (
	"strings"

	"github.com/selfeval/selfeval/validate"
	"github.com/urfave/cli/v2"
)

// The help in English (--lang en). The commands are defined in Chinese, the
// default; this gives each command's usage, description and flags their
// English text. The examples are taken from the Chinese description, so
// there is one list of them.
var commandsEn = map[string]struct{ usage, description string }{
	"template": {"issue the official form as a template (labels and computed cells locked, input cells open with dropdowns and hints)",
		"--from reads approved targets (CSV, XLSX or JSON, one row per indicator, the project's fields and budget repeated),\n" +
			"checks them by the rules first (every problem listed by line, nothing written), then makes one template per project,\n" +
			"named from the project (a clash gets -2, -3), with the approved targets and weights filled in and locked:\n" +
			"units can only type actuals, scores and reasons.\n\n" +
			"-o never overwrites an existing file (unless --force) and wants a name ending in .xlsx."},
	"check": {"read-only check: each file's scores, grade and every finding; never writes",
		"A folder stands for the .xlsx/.xlsm/.xls/.et/.ods files under it (~$ owner and temp files skipped); * and ? are expanded by selfeval.\n" +
			"Exit codes: 0 no errors; 1 errors (warnings too with --strict); 2 usage error; 3 a file could not be read."},
	"score": {"check, score and write the results back into the file (computed cells, blank scores, a 校验结果 sheet, notes)",
		"The write-back is atomic: a temp file in the same folder, then a rename; on failure the file is unchanged.\n" +
			"What a person typed is never changed; running again replaces the previous feedback.\n" +
			"-o writes only the named file (.xlsx; .xlsm for a macro workbook) and leaves the input alone.\n" +
			"A failed write-back exits 4, with the findings reported."},
	"watch": {"watch a shared folder: score, write back and file each workbook dropped into inbox/",
		"Folders under DIR: inbox/ (drop here), processing/, done/ (scored and passed), returned/ (to be corrected,\n" +
			"the feedback written in), failed/ (could not be processed, with a .error.txt),\n" +
			"and the append-only ledger ledger.jsonl. Polling first (SMB/NFS shares), file events as a hint on local disks.\n" +
			"First Ctrl-C / SIGTERM: finish the file in hand and stop; second: stop at once.\n\n" +
			"--once processes what is there and exits; exit code 1 when a form was returned (errors, or warnings with --strict),\n" +
			"3 when a file failed."},
	"summary": {"roll up many forms: one row each (project, unit, budget, spent, rate, total, grade, problem counts, reviewer's notes), with a grade chart",
		"Writes a .csv and a .json of the same name beside it; the -o folder is made when missing.\n" +
			"Folders are searched for .xlsx/.xlsm/.xls/.et/.ods (hidden and ~$ files skipped).\n" +
			"A form (same year, kind, project and unit) sent several times counts once: the latest; the others are 已被替代,\n" +
			"out of totals and charts. Forms of different years, kinds or money units are totalled apart. --expect names the\n" +
			"approved targets file or the folder of issued templates: forms not returned are listed as 未提交.\n" +
			"The 复核提示 column holds the reviewer's checks (review.*, RULES §6); they are never written into a unit's form.\n" +
			"Exit codes: 0 every form passed; 1 a form did not pass (errors, or warnings with --strict); 2 usage error;\n" +
			"3 a file could not be read; 4 the roll-up could not be written."},
	"sample": {"抽查: pick a reproducible share of the forms per 主管部门 and write the list",
		"Each 主管部门 gets forms × rate picked (rounded half up, at least one); the same forms and seed always pick the same,\n" +
			"and the seed is written into the list. A form sent several times takes part once, as its latest file.\n" +
			"The list is .xlsx, .csv or .json by the -o extension; --copy-to copies the picked files into a folder.\n" +
			"--pick names files by hand (no random draw). Give the list to selfeval review to make the review workbook."},
	"review": {"复核: make a review workbook for sampled forms; read a filled one back with its deviations and difference table",
		"Given forms, folders or a list from selfeval sample, and -o with an .xlsx: makes the review workbook, one sheet per form\n" +
			"with its indicators, weights and self-scores; only 复核得分 and 复核意见 can be typed, the rest is locked.\n" +
			"Given a filled review workbook alone: reads it back, with the deviation (self − review) ÷ self per indicator and\n" +
			"per form and the difference table; a form above review.deviation_above (10 % by default) gets review.deviation;\n" +
			"-o also saves the difference table as a workbook.\n" +
			"Exit codes: 0 read back (a deviation is a note; with --strict it fails); 1 --strict and a form deviates;\n" +
			"2 usage error; 3 a file could not be read."},
	"publish": {"publication: print every form into one PDF, one page each, in order, with page numbers (by LibreOffice)",
		"Each form gets a page of its own (scaled to fit), with \"第 n 页，共 N 页\" in the footer. Order: --order department (default)\n" +
			"by 主管部门, 实施单位, 项目名称; --order file by file name. A form sent several times is printed once, as its latest file;\n" +
			"files that cannot be read are not printed and are reported.\n" +
			"Needs LibreOffice (soffice) and pdfunite (poppler-utils); without them a clear message and exit code 2."},
	"export": {"export to the budget system (预算管理一体化): the three standard self-evaluation tables as CSV and JSON",
		"--format yth writes PM_PERF_SELF_EVAL (a row per form), PM_SELF_EVAL_INDICATOR (a row per indicator) and PM_PERF_SELF_BGT (funds),\n" +
			"each as a .csv (UTF-8 with BOM, as Excel opens it) and a .json, with the standard tables' field names.\n" +
			"A form sent several times is exported once, as its latest file; unreadable files are reported (exit code 3)."},
	"demo": {"the whole job on the built-in samples: issue templates, fill them, score and write back, print the report",
		"Uses the built-in seed projects (three 2024 Shanghai mof2020 forms, the 2019 Kunming office sh2019 form)\n" +
			"and writes blank templates and scored workbooks into the --out folder, to open in Excel/WPS/LibreOffice."},
	"help": {"show the commands, or the help of one command", ""},
}

// flagsEn are the flags' English usages, by "command.flag" or by flag name.
var flagsEn = map[string]string{
	"lang":              "language of messages: zh or en (before or after the command name)",
	"help":              "show help",
	"version":           "print the version",
	"rules":             "rules profile (YAML) overriding the default rules",
	"strict":            "count warnings as failures (exit code 1)",
	"format":            "output format: text or json",
	"quiet":             "list only files with errors or warnings, and the totals",
	"template.kind":     "form kind: mof2020 or sh2019",
	"template.year":     "year, by default the last completed one",
	"template.rows":     "input rows of the indicator table (sh2019: per category); default by form kind",
	"template.from":     "approved targets (.csv, .xlsx or .json): one prefilled template per project",
	"template.spare":    "blank rows after a prefilled project's rows (sh2019: per category)",
	"template.key-file": "signing key file: the template stamp is signed (HMAC) and checked with the same key on return",
	"template.rules":    "rules profile (YAML): the template's formulas follow it and the targets are checked by it",
	"template.password": "sheet protection password (SHA-512)",
	"template.output":   "output file",
	"template.out-dir":  "output folder (with --from)",
	"template.force":    "overwrite an existing output file",
	"template.batch":    "issue batch recorded in a prefilled template's form id; by default today's date",
	"review":            "also list the reviewer's checks (review.*, for reviewers; not counted as errors or warnings, never written into a form)",
	"summary.expect":    "the forms expected back: approved targets file (.csv, .xlsx, .json) or the folder of issued templates",
	"summary.deadline":  "deadline (YYYY-MM-DD): the roll-up says how many days are left or overdue",
	"summary.flagged":   "list only the forms with reviewer's notes (and those not returned)",
	"score.dry-run":     "check and score only, write nothing",
	"score.output":      "write to another file (one input only)",
	"watch.interval":    "polling interval",
	"watch.min-age":     "how long a file must be unchanged before it is taken",
	"watch.once":        "process what is there, then exit",
	"watch.workers":     "files processed at the same time",
	"watch.log-format":  "log format: text or json",
	"watch.inbox":       "name of the drop folder",
	"watch.processing":  "name of the processing folder",
	"watch.done":        "name of the done folder",
	"watch.failed":      "name of the failed folder",
	"watch.returned":    "name of the returned folder (forms with errors, to be corrected)",
	"summary.output":    "roll-up workbook (.xlsx)",
	"sample.output":     "the sample list (.xlsx, .csv or .json)",
	"sample.rate":       "share to pick (%); by default the profile's review.sample_rate (15)",
	"sample.seed":       "random seed (a whole number ≥ 0); without it one is taken from the clock and written into the list",
	"sample.by":         "what the sample is taken per: 主管部门, 实施单位 or 全部",
	"sample.copy-to":    "copy the picked files into this folder",
	"sample.pick":       "pick this file by hand (a name or a * pattern, may be given again); no random draw",
	"publish.output":    "the PDF to write",
	"publish.order":     "order: department (主管部门, 实施单位, 项目名称) or file (file name)",
	"export.output":     "output folder",
	"export.format":     "export format: yth (the 预算管理一体化 standard tables)",
	"review.output":     "making: the review workbook (.xlsx); reading back: the difference table workbook (.xlsx, optional)",
	"review.format":     "output format when reading back: text or json",
	"review.password":   "protection password of the review workbook",
	"demo.out":          "output folder",
}

// inEnglish gives app's commands and flags their English text.
func inEnglish(app *cli.App) {
	app.Usage = "the project-expenditure performance self-evaluation form: issue templates, read, check and score, write results back"
	app.Description = "Known form kinds: " + strings.Join(kindList(), "; ") + "\n\n" +
		"Flags may stand before or after file names; everything after -- is a file name.\n\n" +
		"Examples:" + examplesOf(app.Description)
	setFlagsEn("", app.Flags)
	for _, c := range app.Commands {
		if en, ok := commandsEn[c.Name]; ok {
			c.Usage = en.usage
			if ex := examplesOf(c.Description); ex != "" {
				c.Description = en.description + "\n\nExamples:" + ex
			} else {
				c.Description = en.description
			}
		}
		setFlagsEn(c.Name+".", c.Flags)
	}
}

// examplesOf returns the example lines of a Chinese description.
func examplesOf(desc string) string {
	_, ex, _ := strings.Cut(desc, "示例：")
	return ex
}

func setFlagsEn(prefix string, flags []cli.Flag) {
	for _, f := range flags {
		name := f.Names()[0]
		en, ok := flagsEn[prefix+name]
		if !ok {
			en = flagsEn[name]
		}
		if en == "" {
			continue
		}
		switch f := f.(type) {
		case *cli.StringFlag:
			f.Usage = en
		case *cli.BoolFlag:
			f.Usage = en
		case *cli.IntFlag:
			f.Usage = en
		case *cli.DurationFlag:
			f.Usage = en
		}
	}
}

// helpFuncs are the template functions of our help templates.
var helpFuncs = map[string]any{
	// flagLine is a flag's help line in lang: no "(default: false)", and
	// the default in Chinese words.
	"flagLine": func(f cli.Flag, lang string) string {
		s := strings.Replace(cli.FlagStringer(f), " (default: false)", "", 1)
		if lang == string(validate.Chinese) {
			if i := strings.LastIndex(s, " (default: "); i >= 0 && strings.HasSuffix(s, ")") {
				s = s[:i] + "（默认：" + s[i+len(" (default: "):len(s)-1] + "）"
			}
			s = strings.ReplaceAll(s, " value", " 值")
		} else {
			s = strings.NewReplacer("显示帮助", flagsEn["help"], "显示版本", flagsEn["version"]).Replace(s)
		}
		return s
	},
	// commandUsage says urfave/cli's own help command in lang.
	"commandUsage": func(c *cli.Command, lang string) string {
		if c.Name == "help" {
			return tr(validate.Lang(lang), "显示命令列表或某个命令的帮助", "show the commands, or the help of one command")
		}
		return c.Usage
	},
}
