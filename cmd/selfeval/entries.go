package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxNameRunes bounds a template's file name stem: long names break paths on
// Windows shares (260 characters in all).
const maxNameRunes = 60

// reservedNames are device names Windows refuses as file names, with any
// extension.
var reservedNames = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true}

func init() {
	for i := 1; i <= 9; i++ {
		reservedNames["COM"+strconv.Itoa(i)] = true
		reservedNames["LPT"+strconv.Itoa(i)] = true
	}
}

// safeName makes a project name usable as a file name stem on Windows, SMB
// shares and Unix: no reserved characters or control characters, no
// trailing dot or space, no device name, at most maxNameRunes characters.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), r < 32, r == 0x7f:
			return '_'
		case r == utf8.RuneError:
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if r := []rune(s); len(r) > maxNameRunes {
		s = string(r[:maxNameRunes])
	}
	s = strings.TrimRight(s, ". ")
	s = strings.TrimLeft(s, " ")
	if stem, _, _ := strings.Cut(s, "."); reservedNames[strings.ToUpper(stem)] {
		s = "_" + s
	}
	if s == "" || strings.Trim(s, "_") == "" {
		return "项目"
	}
	return s
}

// uniqueNames returns one file name per project name inside dir: the safe
// name plus ".xlsx", with "-2", "-3" … when it clashes, without regard to
// case, with an earlier name or a file already in dir.
func uniqueNames(dir string, projects []string) []string {
	taken := map[string]bool{}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			taken[strings.ToLower(e.Name())] = true
		}
	}
	out := make([]string, len(projects))
	for i, p := range projects {
		stem := safeName(p)
		name := stem + ".xlsx"
		for n := 2; taken[strings.ToLower(name)]; n++ {
			name = stem + "-" + strconv.Itoa(n) + ".xlsx"
		}
		taken[strings.ToLower(name)] = true
		out[i] = filepath.Join(dir, name)
	}
	return out
}
