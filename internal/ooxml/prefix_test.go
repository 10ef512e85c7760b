package ooxml

import "testing"

func TestPrefix(t *testing.T) {
	const ns = "urn:main"
	for _, tc := range []struct {
		root, prefix string
		ok           bool
	}{
		{`<ws xmlns="urn:main">`, "", true},
		{`<x:ws xmlns:x="urn:main">`, "x", true},
		{`<x:ws xmlns:x="urn:other">`, "x", false},
		{`<ws xmlns="urn:other">`, "", false},
		{`<other xmlns="urn:main">`, "", false},
	} {
		var root Tag
		if err := ScanTags([]byte(tc.root), func(t Tag) bool { root = t; return false }); err != nil {
			t.Fatal(err)
		}
		if p, ok := RootPrefix([]byte(tc.root), root, "ws", ns); p != tc.prefix || ok != tc.ok {
			t.Errorf("RootPrefix(%s) = %q, %v", tc.root, p, ok)
		}
	}
	if got := string(PrefixNames([]byte(`<a b="1"><c/><y:d/></a>`), "x")); got != `<x:a b="1"><x:c/><y:d/></x:a>` {
		t.Errorf("PrefixNames = %s", got)
	}
	sp := []Splice{{Text: []byte(`<a/>`)}, {Text: []byte(`<x:a/>`)}}
	PrefixAll(sp, "x")
	if string(sp[0].Text) != `<x:a/>` || string(sp[1].Text) != `<x:a/>` {
		t.Errorf("PrefixAll = %s %s", sp[0].Text, sp[1].Text)
	}
	if got := NSPrefix([]byte(`<ws xmlns="urn:main" xmlns:r="urn:rel">`), "urn:rel"); got != "r" {
		t.Errorf("NSPrefix = %q", got)
	}
}

func TestFlavour(t *testing.T) {
	for in, want := range map[string]Flavour{
		`<?xml version="1.0"?><workbook xmlns="` + NSMain + `" xmlns:r="` + NSRel + `"/>`:             Transitional,
		`<workbook xmlns="` + NSMainStrict + `" xmlns:r="` + NSRelStrict + `" conformance="strict"/>`: Strict,
		`<x:workbook xmlns:x="` + NSMainStrict + `"/>`:                                                Strict,
		`<workbook xmlns="urn:other"/>`:                                                               Transitional,
	} {
		if got := FlavourOf([]byte(in)); got != want {
			t.Errorf("FlavourOf(%s) = %v", in, got)
		}
	}
	if Strict.RelType("worksheet") != NSRelStrict+"/worksheet" {
		t.Error("RelType")
	}
	root := []byte(`<s:ws xmlns:s="` + NSMainStrict + `">`)
	var tag Tag
	_ = ScanTags(root, func(t Tag) bool { tag = t; return false })
	if p, ok := RootPrefix(root, tag, "ws", NSMain, NSMainStrict); p != "s" || !ok {
		t.Errorf("RootPrefix with two namespaces = %q, %v", p, ok)
	}
	if _, ok := RootPrefix(root, tag, "ws", NSMain); ok {
		t.Error("RootPrefix took a namespace not asked for")
	}
}
