package pipeline_test

import (
	"slices"
	"testing"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/pipeline"
	"github.com/selfeval/selfeval/validate"
	"github.com/selfeval/selfeval/validate/review"
)

// TestSeeds: which reviewer's checks fire on the four seed forms. The two
// mof2020 forms with 75–78 % execution and their indicators (nearly) at full
// marks are flagged 虚高, as the budget systems flag them.
func TestSeeds(t *testing.T) {
	want := map[string][]string{
		"mof2020-cooperation": {review.Inflated, review.LowExecution, review.AllFullMarks},
		"mof2020-liaison":     {review.Inflated, review.LowExecution},
		"mof2020-services":    {review.AllFullMarks},
		"sh2019-kunming":      nil,
	}
	var facts []*review.Facts
	var names []string
	for name, codes := range want {
		rec := pipeline.Run("../../../../samples/"+name+".xlsx", pipeline.Options{})[0]
		if rec.Err != nil {
			t.Fatal(rec.Err)
		}
		var got []string
		for _, f := range review.Check(rec.Facts, validate.DefaultProfile(), validate.Chinese) {
			got = append(got, f.Code)
			t.Logf("%s: %s %s", name, f.Code, f.Message)
		}
		if !slices.Equal(got, codes) {
			t.Errorf("%s: %v, want %v", name, got, codes)
		}
		facts = append(facts, rec.Facts)
		names = append(names, name)
	}
	// the three mof2020 seeds are of one unit: no text is copied between units
	if got := review.Batch(facts, names, validate.DefaultProfile(), validate.Chinese); len(got) != 0 {
		t.Errorf("copied text among the seeds: %v", got)
	}
}
