//go:build unix

package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// syncSignalName runs syncOnSignal with a sync that writes the file named
// by $SELFEVAL_SYNC_OUT, says "ready" and waits for a signal.
const syncSignalName = "selfeval-syncsignal"

func init() {
	testCommands[syncSignalName] = func() {
		defer syncOnSignal(func() {
			_ = os.WriteFile(os.Getenv("SELFEVAL_SYNC_OUT"), []byte("synced"), 0o644)
		})()
		fmt.Println("ready")
		time.Sleep(time.Minute)
		os.Exit(3)
	}
}

func TestSignalSyncsTheBatchThenEnds(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		marker := filepath.Join(t.TempDir(), "synced")
		cmd := exec.Command(self)
		cmd.Args[0] = syncSignalName
		cmd.Env = append(os.Environ(), "SELFEVAL_SYNC_OUT="+marker)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if line != "ready\n" {
			_ = cmd.Process.Kill()
			t.Fatalf("child said %q", line)
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		err = cmd.Wait()
		ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ok || !ws.Signaled() || ws.Signal() != sig {
			t.Errorf("%v: the child ended with %v, want killed by the signal", sig, err)
		}
		if b, _ := os.ReadFile(marker); string(b) != "synced" {
			t.Errorf("%v: the batch's folders were not synced before the end", sig)
		}
	}
}
