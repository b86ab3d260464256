// A `time.After` in a select whose other case ends the loop through the loop's own condition:
// after a guard that returns unless the condition is false (`if cp.Pending() > 0 { return }`
// under `for cp.Pending() > 0`), or by setting the error the loop tests to the done context's
// (`err = ctx.Err()` under `for err == nil`). Shapes of redpanda-data/connect's MongoDB CDC and
// Slack inputs.
package nearmiss

import (
	"context"
	"time"
)

type tracker interface{ Pending() int }

func waitAcked(ctx context.Context, cp tracker) bool {
	for cp.Pending() > 0 {
		select {
		case <-ctx.Done():
			if cp.Pending() > 0 {
				return false
			}
		case <-time.After(100 * time.Millisecond):
		}
	}
	return true
}

func pages(ctx context.Context, next func(context.Context) (time.Duration, error)) error {
	var err error
	for err == nil {
		var wait time.Duration
		wait, err = next(ctx)
		if err == nil && wait > 0 {
			select {
			case <-ctx.Done():
				err = ctx.Err()
			case <-time.After(wait):
			}
		}
	}
	return err
}
