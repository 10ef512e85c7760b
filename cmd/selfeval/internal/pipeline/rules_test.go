package pipeline

import (
	"reflect"
	"testing"

	"github.com/selfeval/selfeval/validate"
)

func TestRulesOfIsKeptPerProfile(t *testing.T) {
	p, q := validate.DefaultProfile(), validate.DefaultProfile()
	q.Name = "其他"
	a, b, c := rulesOf(p), rulesOf(p), rulesOf(q)
	if a != b {
		t.Error("the same profile made its rules twice")
	}
	if !reflect.DeepEqual(*a, *RulesOf(p)) || !reflect.DeepEqual(*c, *RulesOf(q)) {
		t.Errorf("kept rules differ from the profile's: %+v / %+v", *a, *c)
	}
	if a == c || c.Name != "其他" {
		t.Error("two profiles share their rules")
	}
}
