// A ticker variable given a new ticker after a deferred Stop, where the new one is stopped all
// the same: the deferred closure reads the variable at exit, a Stop follows the assignment, the
// defer comes after it, or the interval changes with Reset and the ticker stays the same.
package nearmiss

import (
	"context"
	"time"
)

func stoppedByAClosure(ctx context.Context, slow bool) {
	t := time.NewTicker(100 * time.Millisecond)
	defer func() { t.Stop() }()
	if slow {
		t = time.NewTicker(time.Second)
	}
	for {
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}

func stoppedAfterTheAssignment(ctx context.Context, d time.Duration) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	<-t.C
	t.Stop()
	t = time.NewTicker(d)
	select {
	case <-t.C:
	case <-ctx.Done():
	}
	t.Stop()
}

func resetInstead(ctx context.Context, intervals <-chan time.Duration) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case d := <-intervals:
			t.Reset(d)
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}

// The defer runs each round, after the assignment: every ticker is stopped.
func deferredEachRound(ctx context.Context, rounds []time.Duration) {
	var t *time.Ticker
	for _, d := range rounds {
		func() {
			t = time.NewTicker(d)
			defer t.Stop()
			select {
			case <-t.C:
			case <-ctx.Done():
			}
		}()
	}
}

// Handed on after the assignment: the callee may stop it.
func handedOn(ctx context.Context, run func(*time.Ticker)) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	t = time.NewTicker(time.Minute)
	run(t)
}

// Paused by a Stop in another branch of the loop: which ticker is current at return depends on
// the path, and this one may be stopped there — left alone.
func pausable(ctx context.Context, pause <-chan bool, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case p := <-pause:
			if p {
				t.Stop()
				continue
			}
			t = time.NewTicker(every)
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}

// Handed to a watcher each round before it is replaced: the watcher may stop it.
func watched(watch func(*time.Ticker), every <-chan time.Duration) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for d := range every {
		go watch(t)
		t = time.NewTicker(d)
	}
}
