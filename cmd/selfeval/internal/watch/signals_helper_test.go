package watch

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// The signal handling of the tests' watcher process (helperWatch); the
// command has its own (cmd/selfeval/signals.go).

// ExitInterrupted is the exit code after a second signal.
const ExitInterrupted = 130

// Signals returns a context that is cancelled on the first SIGINT or SIGTERM,
// so that Run finishes the files in hand and returns; a second signal exits
// the process at once with code 130. Call stop to restore default signal
// handling and release the context.
func Signals(parent context.Context) (ctx context.Context, stop func()) {
	return notifySignals(parent, func() { os.Exit(ExitInterrupted) }, os.Interrupt, syscall.SIGTERM)
}

func notifySignals(parent context.Context, exit func(), sigs ...os.Signal) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, sigs...)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			cancel()
		case <-done:
			return
		}
		select {
		case <-ch:
			exit()
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
			cancel()
		})
	}
}
