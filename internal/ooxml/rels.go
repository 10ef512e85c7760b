package ooxml

import (
	"path"
	"regexp"
	"strings"
)

// Relationships: the .rels part of a part, and targets resolved to part
// names and back.

// Rel is one Relationship of a .rels part.
type Rel struct {
	Type, Target string // target resolved to a part name, without a leading "/"
}

var (
	relTag      = regexp.MustCompile(`<Relationship\s[^>]*>`)
	relTarget   = regexp.MustCompile(`\sTarget="([^"]*)"`)
	relType     = regexp.MustCompile(`\sType="([^"]*)"`)
	relExternal = regexp.MustCompile(`\sTargetMode="External"`)
)

// The ends of the relationship types of a worksheet's notes: the comments
// part and its VML drawing.
const (
	RelComments = "/comments"
	RelVML      = "/vmlDrawing"
)

// RelsOf returns the .rels part name of a part.
func RelsOf(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// Resolve turns a relationship target into a part name.
func Resolve(source, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(source), target), "/")
}

// Relative returns the Relative target that names part from source
// (some readers find a VML drawing only by a relative target).
func Relative(source, part string) string {
	from := strings.Split(path.Dir(source), "/")
	to := strings.Split(part, "/")
	if path.Dir(source) == "." {
		from = nil
	}
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// ParseRels reads the internal relationships of a .rels part.
func ParseRels(source string, data []byte) []Rel {
	var out []Rel
	for _, tag := range relTag.FindAll(data, -1) {
		t, ty := relTarget.FindSubmatch(tag), relType.FindSubmatch(tag)
		if t == nil || ty == nil || relExternal.Match(tag) {
			continue
		}
		out = append(out, Rel{Type: string(ty[1]), Target: Resolve(source, string(t[1]))})
	}
	return out
}
