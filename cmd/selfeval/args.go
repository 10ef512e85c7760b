package main

import (
	"slices"
	"strings"

	"github.com/selfeval/selfeval/validate"
	"github.com/urfave/cli/v2"
)

// urfave/cli v2 stops reading flags at the first argument, so
// `selfeval check FILE --format json` would take "--format" for a file name.
// normalizeArgs puts a command line in the order it parses — global flags,
// command, the command's flags, "--", arguments — using each command's flag
// definitions to know which flags take a value. It is the one place where
// the command line is read before urfave/cli sees it, so it also refuses
// unknown commands and flags, flags without their value and missing required
// flags, in our voice.

// flagSpec is what normalizeArgs needs to know about a flag.
type flagSpec struct {
	name       string // the flag's first name
	takesValue bool
}

func specsOf(flags []cli.Flag, help bool) map[string]flagSpec {
	m := map[string]flagSpec{}
	for _, f := range flags {
		tv := false
		if t, ok := f.(interface{ TakesValue() bool }); ok {
			tv = t.TakesValue()
		}
		for _, n := range f.Names() {
			m[n] = flagSpec{name: f.Names()[0], takesValue: tv}
		}
	}
	if help {
		m["help"] = flagSpec{name: "help"}
		m["h"] = flagSpec{name: "help"}
	}
	return m
}

// langOf finds --lang anywhere before "--"; zh when absent.
func langOf(args []string) (validate.Lang, error) {
	l := "zh"
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		switch {
		case a == "--lang" || a == "-lang":
			if i+1 < len(args) {
				l = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			_, l, _ = strings.Cut(a, "=")
		}
	}
	if l != "zh" && l != "en" {
		return validate.Chinese, say("--lang 只能是 zh 或 en，而不是“%s”", "--lang takes zh or en, not %q", l).usage()
	}
	return validate.Lang(l), nil
}

// normalizeArgs reorders args (args[0] is the program) as described above.
func normalizeArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) == 0 {
		return args, nil
	}
	global := specsOf(app.Flags, true)
	global["version"] = flagSpec{name: "version"}
	global["v"] = flagSpec{name: "version"}
	var (
		globals, flags, pos []string
		cmd                 *cli.Command
		local               map[string]flagSpec
		seen                = map[string]bool{}
	)
	rest := args[1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			pos = append(pos, rest[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			if cmd != nil {
				pos = append(pos, a)
				continue
			}
			if a == "help" || a == "h" {
				if i+1 < len(rest) && !strings.HasPrefix(rest[i+1], "-") && app.Command(rest[i+1]) == nil {
					return nil, unknownCommand(app, rest[i+1])
				}
				// global flags after help (help --lang en) go before it
				after := []string{a}
				for j := i + 1; j < len(rest); j++ {
					name, _, hasValue := strings.Cut(strings.TrimLeft(rest[j], "-"), "=")
					if spec, ok := global[name]; ok && strings.HasPrefix(rest[j], "-") && name != "help" && name != "h" {
						globals = append(globals, rest[j])
						if spec.takesValue && !hasValue && j+1 < len(rest) {
							j++
							globals = append(globals, rest[j])
						}
						continue
					}
					after = append(after, rest[j])
				}
				return slices.Concat(args[:1], globals, after), nil
			}
			if cmd = app.Command(a); cmd == nil {
				return nil, unknownCommand(app, a)
			}
			local = specsOf(cmd.Flags, !cmd.HideHelp)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		// after the command, its own flags first: -h is the command's help
		spec, isLocal := local[name]
		isGlobal := false
		if !isLocal {
			if spec, isGlobal = global[name]; !isGlobal {
				return nil, unknownFlag(app, cmd, name, a)
			}
		}
		tok := []string{a}
		if spec.takesValue && !hasValue {
			if i+1 >= len(rest) {
				return nil, say("选项 %s 需要一个值", "option %s needs a value", flagName(name)).usage()
			}
			i++
			tok = append(tok, rest[i])
		}
		seen[spec.name] = true
		if isGlobal {
			globals = append(globals, tok...)
		} else {
			flags = append(flags, tok...)
		}
	}
	if cmd == nil {
		return slices.Concat(args[:1], globals, pos), nil
	}
	if !seen["help"] {
		for _, f := range cmd.Flags {
			if r, ok := f.(cli.RequiredFlag); ok && r.IsRequired() && !seen[f.Names()[0]] {
				return nil, say("%s 命令缺少必需的选项 %s", "the %s command needs the option %s", cmd.Name, flagNames(f)).
					withHint("用法见 selfeval %s --help", "see selfeval %s --help", cmd.Name).usage()
			}
		}
	}
	if seen["help"] {
		pos = nil // check --help extra: the command's help, not urfave/cli's "No help topic"
	}
	out := slices.Concat(args[:1], globals, []string{cmd.Name}, flags)
	if slices.ContainsFunc(pos, func(p string) bool { return len(p) > 1 && p[0] == '-' }) {
		out = append(out, "--")
	}
	return append(out, pos...), nil
}

func unknownCommand(app *cli.App, name string) error {
	var names []string
	for _, c := range app.Commands {
		names = append(names, c.Name)
	}
	m := say("没有“%s”这个命令", "unknown command %q", name)
	if s := nearest(name, names); s != "" {
		return m.withHint("您是不是要用“%s”？（selfeval %s --help）", "did you mean %q? (selfeval %s --help)", s, s).usage()
	}
	m.hintZh, m.hintEn = "可用的命令："+strings.Join(names, "、"), "commands: "+strings.Join(names, ", ")
	return m.usage()
}

// unknownFlag refuses the option typed as arg (name without dashes); one
// that looks like a file name gets the hint to put it after --.
func unknownFlag(app *cli.App, cmd *cli.Command, name, arg string) error {
	arg, _, _ = strings.Cut(arg, "=")
	if strings.Contains(name, ".") || strings.ContainsFunc(name, func(r rune) bool { return r > 127 }) {
		where := "selfeval -- "
		if cmd != nil {
			where = "selfeval " + cmd.Name + " -- "
		}
		return say("没有选项 %s", "there is no option %s", arg).
			withHint("以 - 开头的文件名请写在 -- 之后：%s%s", "put a file name that starts with - after --: %s%s", where, arg).usage()
	}
	if cmd == nil {
		var names []string
		for _, c := range app.Commands {
			for _, f := range c.Flags {
				names = append(names, f.Names()...)
			}
		}
		m := say("未知的选项 %s", "unknown option %s", flagName(name))
		if slices.Contains(names, name) {
			return m.withHint("%s 是命令的选项，请写在命令名之后，例如：selfeval check %s …", "%s belongs to a command; put it after the command name, e.g. selfeval check %s …", flagName(name), flagName(name)).usage()
		}
		return m.withHint("用 selfeval --help 查看命令和选项", "see selfeval --help for commands and options").usage()
	}
	var names []string
	for _, f := range cmd.Flags {
		names = append(names, f.Names()...)
	}
	names = append(names, "lang", "help")
	m := say("%s 命令没有选项 %s", "the %s command has no option %s", cmd.Name, flagName(name))
	if s := nearest(name, names); s != "" {
		return m.withHint("您是不是要用 %s？", "did you mean %s?", flagName(s)).usage()
	}
	return m.withHint("用 selfeval %s --help 查看可用的选项", "see selfeval %s --help for its options", cmd.Name).usage()
}

// nearest returns the candidate within a small edit distance of s, or "".
func nearest(s string, candidates []string) string {
	best, bestD := "", 3
	if len(s) <= 3 {
		bestD = 2
	}
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance counting an adjacent swap as one
// edit (chekc → check).
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// flagNames is how help shows a flag: --output/-o.
func flagNames(f cli.Flag) string {
	var out []string
	for _, n := range f.Names() {
		out = append(out, flagName(n))
	}
	return strings.Join(out, "/")
}
