package main

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// exitInterrupted is the exit code after a second stop signal.
const exitInterrupted = 130

// stopSignals returns two contexts: drain is cancelled on the first SIGINT
// or SIGTERM (finish the files in hand, then stop), abort on the second
// (stop at once: run returns and main exits). stop restores the default
// handling.
func stopSignals(parent context.Context, sigs ...os.Signal) (drain, abort context.Context, stop func()) {
	if len(sigs) == 0 {
		sigs = []os.Signal{os.Interrupt, syscall.SIGTERM}
	}
	drain, cancelDrain := context.WithCancel(parent)
	abort, cancelAbort := context.WithCancel(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, sigs...)
	done := make(chan struct{})
	go func() {
		for _, cancel := range []context.CancelFunc{cancelDrain, cancelAbort} {
			select {
			case <-ch:
				cancel()
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return drain, abort, func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
			cancelDrain()
			cancelAbort()
		})
	}
}

// syncOnSignal makes a stop signal (SIGINT, SIGTERM) run syncAll (a
// batch's workbook.FolderSyncs.Stop) before the process ends the way the
// signal would have ended it. stop restores the default handling.
func syncOnSignal(syncAll func()) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			syncAll()
			signal.Stop(ch)
			if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
				time.Sleep(time.Second) // the default handling ends the process
			}
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
		})
	}
}
