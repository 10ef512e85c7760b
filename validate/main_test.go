package validate

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"sync"
	"testing"
)

// produced collects every code the tests made a finding with.
var produced sync.Map

func TestMain(m *testing.M) {
	unknownCode = func(code string) { panic("finding code not in the catalogue: " + code) }
	observeCode = func(code string) { produced.Store(code, true) }
	code := m.Run()
	// With the whole suite run, every catalogue code must have been produced
	// by some test: each rule has a test. (Not when tests were only listed,
	// or a subset run.)
	if code == 0 && flag.Lookup("test.run").Value.String() == "" && flag.Lookup("test.skip").Value.String() == "" &&
		flag.Lookup("test.list").Value.String() == "" {
		var missing []string
		for _, c := range Catalogue() {
			if _, ok := produced.Load(c.Code); !ok {
				missing = append(missing, c.Code)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: no test produces these catalogue codes: %v\n", missing)
			code = 1
		}
	}
	os.Exit(code)
}
