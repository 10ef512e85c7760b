// Package season holds the pieces of a reviewer's season that are not the
// roll-up: the reproducible sample (抽查) and the re-review (复核).
package season

import (
	"math/rand/v2"
	"sort"

	"github.com/shopspring/decimal"
)

// Candidate is a form that can be picked.
type Candidate struct {
	Group string // the 主管部门 (or what the sample is taken by)
	Key   string // what orders candidates before the draw: the file's path
	Index int    // the caller's index of the form
}

// GroupCount is how many forms a group has and how many were picked.
type GroupCount struct {
	Group         string
	Forms, Picked int
}

// Size is the number of forms to pick of n at rate percent: rounded half
// up, at least one when there is any, at most n.
func Size(n int, rate decimal.Decimal) int {
	if n == 0 {
		return 0
	}
	k := int(decimal.NewFromInt(int64(n)).Mul(rate).Div(decimal.NewFromInt(100)).Round(0).IntPart())
	return min(max(k, 1), n)
}

// Pick draws Size(forms, rate) forms of each group with a generator seeded
// by seed: the same candidates and seed always give the same pick, whatever
// order the candidates come in. It returns the picked candidates' indexes
// in the order of groups (by name), then of Key; and the count per group.
func Pick(cands []Candidate, rate decimal.Decimal, seed uint64) ([]int, []GroupCount) {
	byGroup := map[string][]Candidate{}
	for _, c := range cands {
		byGroup[c.Group] = append(byGroup[c.Group], c)
	}
	groups := make([]string, 0, len(byGroup))
	for g := range byGroup {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	rng := rand.New(rand.NewPCG(seed, 0x5e1fe7a1))
	var picked []int
	var counts []GroupCount
	for _, g := range groups {
		list := byGroup[g]
		sort.SliceStable(list, func(i, j int) bool { return list[i].Key < list[j].Key })
		k := Size(len(list), rate)
		perm := rng.Perm(len(list))
		chosen := make([]Candidate, 0, k)
		for _, i := range perm[:k] {
			chosen = append(chosen, list[i])
		}
		sort.SliceStable(chosen, func(i, j int) bool { return chosen[i].Key < chosen[j].Key })
		for _, c := range chosen {
			picked = append(picked, c.Index)
		}
		counts = append(counts, GroupCount{Group: g, Forms: len(list), Picked: k})
	}
	return picked, counts
}
