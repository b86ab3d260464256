// `defer t.Stop()`, then a new ticker assigned to `t`: Go evaluates a deferred call's receiver
// when the defer statement runs, so the deferred Stop stops the first ticker and the new one is
// never stopped — before Go 1.23 it fires forever, one more per call (golang/go#17757). The shape
// of a poller that slows down after its first rounds (docs/LINT.md, "Recall on fixed bugs",
// round 2).
package bugs

import (
	"context"
	"time"
)

func poll(ctx context.Context, check func() bool) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for i := 0; ; i++ {
		select {
		case <-t.C:
			if check() {
				return
			}
			if i == 10 {
				t = time.NewTicker(time.Second) // want tick-leak async=error
			}
		case <-ctx.Done():
			return
		}
	}
}

// Stopping the old ticker first does not help: the deferred Stop still holds the first.
func reconfigure(ctx context.Context, intervals <-chan time.Duration, tick func()) error {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case d := <-intervals:
			ticker.Stop()
			ticker = time.NewTicker(d) // want tick-leak async=error
		case <-ticker.C:
			tick()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// One Stop-and-remake per branch (moby/buildkit's progress display): whichever ticker is made
// last is not stopped at return.
func display(ctx context.Context, updates <-chan int, console bool, allow func() bool) error {
	ticker := time.NewTicker(150 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		case <-updates:
		}
		if console {
			if allow() {
				ticker.Stop()
				ticker = time.NewTicker(150 * time.Millisecond) // want tick-leak async=error
			}
		} else if allow() {
			ticker.Stop()
			ticker = time.NewTicker(time.Second) // want tick-leak async=error
		}
	}
}
