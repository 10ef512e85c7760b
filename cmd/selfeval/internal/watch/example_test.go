package watch_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/selfeval/selfeval/cmd/selfeval/internal/watch"
)

// stamp is a Processor that accepts every file without changing it.
type stamp struct{}

func (stamp) Process(ctx context.Context, path string) (watch.Outcome, error) {
	return watch.Outcome{Kind: "mof2020", Total: "100.00", Grade: "优", Status: "ok"}, nil
}

func Example() {
	dir, _ := os.MkdirTemp("", "watch-example")
	defer os.RemoveAll(dir)
	w, err := watch.New(watch.Config{Dir: dir, Interval: 20 * time.Millisecond, MinAge: 20 * time.Millisecond, Once: true}, stamp{})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = os.WriteFile(filepath.Join(dir, "inbox", "a.xlsx"), []byte("PK"), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "inbox", "notes.txt"), []byte("ignored"), 0o644)
	if err := w.Run(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	entries, _ := watch.ReadLedger(filepath.Join(dir, "ledger.jsonl"))
	for _, e := range entries {
		fmt.Println(e.File, e.Outcome, e.Total, e.Grade)
	}
	fmt.Printf("%+v\n", w.Stats())
	// Output:
	// a.xlsx done 100.00 优
	// {Done:1 Failed:0 Duplicate:0 Returned:0}
}
