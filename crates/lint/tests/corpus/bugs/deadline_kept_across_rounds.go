// A `time.After` beside a ticker that waits until a fixed instant — `time.Until(deadline)`,
// `deadline.Sub(time.Now())` — fires at that instant whichever round made it: the deadline is
// kept, not restarted (go-redis's fault injector). Each round still leaves a pending timer until
// the deadline: the leak before Go 1.23. A deadline moved inside the loop is restarted again.
package bugs

import (
	"context"
	"errors"
	"time"
)

func waitUntil(ctx context.Context, maxWait, every time.Duration, ready func() bool) error {
	deadline := time.Now().Add(maxWait)
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Until(deadline)): // want after-in-loop async=error async-collected=note sync=note
			return errors.New("timeout")
		case <-ticker.C:
			if ready() {
				return nil
			}
		}
	}
}

func waitUntilSub(maxWait, every time.Duration, ready func() bool) error {
	deadline := time.Now().Add(maxWait)
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		select {
		case <-time.After(deadline.Sub(time.Now())): // want after-in-loop async=error async-collected=note sync=note
			return errors.New("timeout")
		case <-ticker.C:
			if ready() {
				return nil
			}
		}
	}
}

// Moved every round: the deadline never comes while the ticks do.
func waitMovingDeadline(maxWait, every time.Duration, ready func() bool) error {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		deadline := time.Now().Add(maxWait)
		select {
		case <-time.After(time.Until(deadline)): // want after-in-loop async=error async-collected=error sync=error
			return errors.New("timeout")
		case <-ticker.C:
			if ready() {
				return nil
			}
		}
	}
}
