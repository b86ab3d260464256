// A timer made in the init statement of the loop's clause is made once, before the first
// iteration, and the loop re-arms that one timer in its own case: no `after-in-loop` (one timer
// per call, not per iteration).
// Shape of redis/rueidis@256d25aa963c3b5919351c1943a5eb4d22d53fee rueidislock/lock.go:274.
package realcode

import (
	"context"
	"errors"
	"time"
)

var errClosed = errors.New("locker closed")

func monitor(ctx context.Context, interval time.Duration, extend func() error, csc chan struct{}) error {
	var err error
	for timer := time.NewTimer(interval); err == nil; {
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-timer.C:
			if err = extend(); err == nil {
				timer.Reset(interval)
			}
		case _, ok := <-csc:
			if !ok {
				err = errClosed
			} else {
				err = extend()
			}
		}
	}
	return err
}
