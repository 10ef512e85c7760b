package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/selfeval/selfeval/workbook/form"
	"github.com/shopspring/decimal"
)

// stdIndent is what indentJSON stands for: encoding/json's own indenting.
func stdIndent(t testing.TB, v any, prefix string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func TestIndentJSON(t *testing.T) {
	type inner struct {
		A []int           `json:"a"`
		M map[string]any  `json:"m"`
		R json.RawMessage `json:"r"`
	}
	values := []any{
		nil, 1, "x", []int{}, map[string]int{}, struct{}{},
		[]any{[]any{}, map[string]any{}, []any{[]any{1}}},
		map[string]any{"q\"uo:te,[{": `a\"b\\` + "\n\t\u2028<&>", "n": -1.5e-7, "b": true, "z": nil},
		inner{A: []int{1, 2}, M: map[string]any{"k": []string{"]", "}", ",", ":"}}, R: json.RawMessage(" [ 1 , { \"a\" : [ ] } ] ")},
		[]inner{{}, {A: []int{}}},
	}
	defer func(n int) { streamFrom = n }(streamFrom)
	for _, streamFrom = range []int{0, 64} { // every slice field streamed, or none here
		for _, v := range values {
			for _, prefix := range []string{"", "  ", "    "} {
				got, err := indentJSON(v, prefix)
				if err != nil {
					t.Fatal(err)
				}
				if want := stdIndent(t, v, prefix); !bytes.Equal(got, want) {
					t.Errorf("indentJSON(%#v, %q) streaming from %d:\n%s\nwant\n%s", v, prefix, streamFrom, got, want)
				}
			}
		}
	}
}

// FuzzIndentJSON holds indentJSON to encoding/json on any JSON value.
func FuzzIndentJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"c\"d"}],"e":{}}`, `[[],[{}],"\\"]`, `"x"`, `1e5`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		got, err := indentJSON(v, "  ")
		if err != nil {
			t.Fatal(err)
		}
		if want := stdIndent(t, v, "  "); !bytes.Equal(got, want) {
			t.Errorf("%q:\n%s\nwant\n%s", s, got, want)
		}
	})
}

// TestWriteJSONFile: a report entry streamed field by field and element by
// element is, byte for byte, what encoding/json indents: nil and empty
// slices, omitted and given optional fields, text that needs escaping.
func TestWriteJSONFile(t *testing.T) {
	total := num(decimal.RequireFromString("93.52"))
	many := make([]form.Finding, 3000)
	for i := range many {
		many[i] = form.Finding{Code: "deviation.reason_missing", Severity: form.Warning, Sheet: "自评表", Cell: "E26", Hint: "请\t说明", Message: `自评分 6.00 低于权重 "8.00" <备注> \ 未说明`}
	}
	for _, jf := range []jsonFile{
		{Path: "a.xlsx", Status: "unreadable", Error: "坏了"},
		{Path: "b.xlsx", Sheet: "表2", Kind: "mof2020", Status: "ok", Indicators: []jsonIndicator{}, Findings: []form.Finding{}, Total: &total, Grade: "优", Output: "c.xlsx"},
		{Path: "d.xlsx", Kind: "sh2019", Status: "invalid", Execution: &jsonExecution{Rate: total}, Indicators: []jsonIndicator{{Cell: "C13", Name: "指标,[1]", ComputedMax: &total}, {Cell: "C14"}}, Findings: many, Review: many[:2]},
	} {
		defer func(n int) { streamFrom = n }(streamFrom)
		for _, streamFrom = range []int{0, 64} {
			var got bytes.Buffer
			if err := writeJSON(&got, jf, "    "); err != nil {
				t.Fatal(err)
			}
			if want := stdIndent(t, jf, "    "); !bytes.Equal(got.Bytes(), want) {
				t.Errorf("writeJSON(%s) streaming from %d:\n%.2000s\nwant\n%.2000s", jf.Path, streamFrom, got.Bytes(), want)
			}
		}
	}
}
