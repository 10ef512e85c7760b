//go:build unix

package main

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"
)

func TestStopSignals(t *testing.T) {
	drain, abort, stop := stopSignals(context.Background(), syscall.SIGUSR1)
	defer stop()
	wait := func(ctx context.Context, what string) {
		t.Helper()
		select {
		case <-ctx.Done():
		case <-time.After(5 * time.Second):
			t.Fatalf("%s not cancelled", what)
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	wait(drain, "drain after the first signal")
	if abort.Err() != nil {
		t.Fatal("abort cancelled by the first signal")
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	wait(abort, "abort after the second signal")
}
