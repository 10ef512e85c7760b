package form

import "testing"

func TestMark(t *testing.T) {
	for _, c := range []struct {
		f    string
		mark bool
	}{
		{MarkNumber("93.52"), true}, {"=" + MarkNumber("0.7783"), true}, {MarkNumber("-1.5E-3"), true},
		{MarkText("优"), true}, {MarkText(`a"b`), true}, {MarkText(""), true},
		{"N(G13)", false}, {"ROUND(H7+SUM(G13:G21),2)", false}, {`T("a"b")`, false}, {"N(93.52)+1", false}, {"", false},
	} {
		if got := IsMark(c.f); got != c.mark {
			t.Errorf("IsMark(%q) = %v, want %v", c.f, got, c.mark)
		}
	}
	if got := MarkText(`a"b`); got != `T("a""b")` {
		t.Errorf("MarkText = %s", got)
	}
}
