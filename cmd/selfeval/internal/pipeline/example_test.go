package pipeline_test

import (
	"fmt"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/pipeline"
)

// Checking a sample form: the record holds the rule book's result and the
// header fields, never the form.
func ExampleRun() {
	rec := pipeline.Run("../../../../samples/mof2020-liaison.xlsx", pipeline.Options{})[0]
	if rec.Err != nil {
		fmt.Println(rec.Err)
		return
	}
	errs, _, _ := rec.Result.Counts()
	fmt.Println(rec.Result.Kind, rec.Result.Total.StringFixed(2), rec.Result.Grade, rec.MoneyUnit, errs)
	// Output:
	// mof2020 93.52 优 万元 0
}
