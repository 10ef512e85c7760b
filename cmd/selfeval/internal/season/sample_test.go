package season

import (
	"fmt"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

func TestSize(t *testing.T) {
	r := decimal.NewFromInt(15)
	for n, want := range map[int]int{0: 0, 1: 1, 3: 1, 6: 1, 10: 2, 7: 1, 20: 3, 30: 5, 100: 15, 4: 1} {
		if got := Size(n, r); got != want {
			t.Errorf("Size(%d, 15) = %d, want %d", n, got, want)
		}
	}
	// half up: 10 × 25 % = 2.5 → 3
	if got := Size(10, decimal.NewFromInt(25)); got != 3 {
		t.Errorf("Size(10, 25) = %d, want 3", got)
	}
	if got := Size(3, decimal.NewFromInt(100)); got != 3 {
		t.Errorf("Size(3, 100) = %d", got)
	}
}

func TestPick(t *testing.T) {
	var cands []Candidate
	for i := range 30 {
		g := "甲部门"
		if i%3 == 0 {
			g = "乙部门"
		}
		cands = append(cands, Candidate{Group: g, Key: fmt.Sprintf("f%02d.xlsx", i), Index: i})
	}
	rate := decimal.NewFromInt(15)
	a, counts := Pick(cands, rate, 42)
	if len(counts) != 2 || counts[0].Group != "乙部门" || counts[0].Forms != 10 || counts[0].Picked != 2 ||
		counts[1].Forms != 20 || counts[1].Picked != 3 || len(a) != 5 {
		t.Fatalf("counts %+v, picked %v", counts, a)
	}
	// the same seed picks the same forms, in whatever order they come
	rev := slices.Clone(cands)
	slices.Reverse(rev)
	if b, _ := Pick(rev, rate, 42); !slices.Equal(a, b) {
		t.Errorf("same seed: %v and %v", a, b)
	}
	// another seed picks others (for these 30 forms and seeds)
	if c, _ := Pick(cands, rate, 43); slices.Equal(a, c) {
		t.Errorf("seeds 42 and 43 pick alike: %v", a)
	}
	// a department with one form has it picked
	one, counts := Pick([]Candidate{{Group: "丙", Key: "x", Index: 7}}, rate, 1)
	if !slices.Equal(one, []int{7}) || counts[0].Picked != 1 {
		t.Errorf("one form: %v %+v", one, counts)
	}
}
