package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/selfeval/selfeval/workbook"
)

// expandInputs turns the file arguments of check, score and summary into
// the workbooks to read: a folder stands for the .xlsx/.xlsm/.xls/.et/.ods files
// under it (recursively; an .xls with an .xlsx of the same name beside it is
// left out, as that is its scored or saved-as copy), and a pattern with * or ? is expanded here, since Windows
// shells do not. Owner (~$…), lock, hidden and temp files found this way are
// skipped; a file named outright is always taken (a missing one is reported
// as unreadable). A file reached twice (a link and its target, a name given
// again) is read once, with a note. A pattern or folder that yields nothing
// is said so in notes; an error only when nothing is left at all.
func expandInputs(args []string) (paths []string, notes []*message, err error) {
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil {
			if !fi.IsDir() {
				paths = append(paths, a)
				continue
			}
			found, err := workbooksUnder(a)
			if err != nil {
				return nil, nil, say("无法读取文件夹 %s：%v", "cannot read the folder %s: %v", a, err).usage()
			}
			if len(found) == 0 {
				notes = append(notes, say("文件夹 %s 里没有 .xlsx、.xlsm 或 .xls 文件", "the folder %s holds no .xlsx, .xlsm or .xls file", a))
			}
			paths = append(paths, found...)
			continue
		}
		if !strings.ContainsAny(a, "*?[") {
			paths = append(paths, a)
			continue
		}
		matches, err := filepath.Glob(a)
		if err != nil {
			return nil, nil, say("模式 %s 写法有误", "the pattern %s is malformed", a).usage()
		}
		n := len(paths)
		for _, m := range matches {
			fi, err := os.Stat(m)
			switch {
			case err != nil:
				continue
			case fi.IsDir():
				found, _ := workbooksUnder(m)
				paths = append(paths, found...)
			case isWorkbookName(filepath.Base(m)) || isLegacyName(filepath.Base(m)):
				paths = append(paths, m) // an .xls gets its "save as .xlsx" message
			}
		}
		if len(paths) == n {
			notes = append(notes, say("“%s”没有匹配到任何工作簿（.xlsx、.xlsm、.xls、.et、.ods）", "%q matches no workbook (.xlsx, .xlsm, .xls, .et, .ods)", a))
		}
	}
	paths, notes = dropSameFiles(paths, notes)
	if len(paths) == 0 && len(notes) > 0 {
		last := notes[len(notes)-1]
		return nil, notes[:len(notes)-1], last.usage()
	}
	return paths, notes, nil
}

// workbooksUnder lists the workbooks under dir, sorted, skipping hidden
// folders.
func workbooksUnder(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if isWorkbookName(d.Name()) {
			out = append(out, p)
		} else if isLegacyName(d.Name()) {
			x := strings.TrimSuffix(p, filepath.Ext(p)) + ".xlsx"
			if _, err := os.Stat(x); err != nil {
				out = append(out, p) // an .xls gets read, or its "save as .xlsx" message
			}
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// dropSameFiles keeps the first of paths that are the same file, with a
// note for each one left out. Paths that cannot be looked at are kept (they
// are reported as unreadable).
func dropSameFiles(paths []string, notes []*message) ([]string, []*message) {
	type seen struct {
		path string
		fi   os.FileInfo
	}
	bySize := map[int64][]seen{}
	out := paths[:0]
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			out = append(out, p)
			continue
		}
		dup := ""
		for _, s := range bySize[fi.Size()] {
			if os.SameFile(s.fi, fi) {
				dup = s.path
				break
			}
		}
		if dup != "" {
			notes = append(notes, say("%s 与 %s 是同一个文件，只处理一次", "%s is the same file as %s; it is processed once", p, dup))
			continue
		}
		bySize[fi.Size()] = append(bySize[fi.Size()], seen{p, fi})
		out = append(out, p)
	}
	return out, notes
}

// isWorkbookName says whether a file found in a folder or by a pattern is a
// workbook to read: .xlsx or .xlsm, and not an owner, lock, hidden or temp
// file.
func isWorkbookName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".xlsx" && ext != ".xlsm" {
		return false
	}
	return !strings.HasPrefix(name, "~$") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "~")
}

// isLegacyName says whether a file is an old .xls workbook, a WPS .et or an
// OpenDocument .ods
// (not an owner or hidden file).
func isLegacyName(name string) bool {
	return workbook.Legacy(name) && !strings.HasPrefix(name, "~") && !strings.HasPrefix(name, ".")
}
