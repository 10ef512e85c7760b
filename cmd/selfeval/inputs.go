package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// expandInputs turns the file arguments of check, score and summary into
// the workbooks to read: a folder stands for the .xlsx/.xlsm files under it
// (recursively), and a pattern with * or ? is expanded here, since Windows
// shells do not. Owner (~$…), lock, hidden and temp files found this way are
// skipped; a file named outright is always taken (a missing one is reported
// as unreadable). A pattern or folder that yields nothing is said so in
// notes; an error only when nothing is left at all.
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
				notes = append(notes, say("文件夹 %s 里没有 .xlsx 或 .xlsm 文件", "the folder %s holds no .xlsx or .xlsm file", a))
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
			notes = append(notes, say("“%s”没有匹配到任何工作簿（.xlsx、.xlsm）", "%q matches no workbook (.xlsx, .xlsm)", a))
		}
	}
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
		}
		return nil
	})
	sort.Strings(out)
	return out, err
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

// isLegacyName says whether a file is an old .xls workbook (not an owner or
// hidden file).
func isLegacyName(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".xls") && !strings.HasPrefix(name, "~") && !strings.HasPrefix(name, ".")
}
