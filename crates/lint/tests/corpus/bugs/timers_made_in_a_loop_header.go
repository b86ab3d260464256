// A timer made in a loop's post statement, or in its body, is made on every iteration; the near
// miss (realcode/timer_made_in_the_loops_init_statement.go) makes its one timer in the init
// statement.
package bugs

import (
	"context"
	"time"
)

// Made again by the post statement each round, never stopped.
func pollEachRound(ctx context.Context, d time.Duration, msgs <-chan int) {
	for t := time.NewTimer(d); ; t = time.NewTimer(d) { // want after-in-loop async=error async-collected=note sync=note
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case m := <-msgs:
			_ = m
		}
	}
}

// Made in the body each round, never stopped.
func keepAliveEachRound(ctx context.Context, d time.Duration, extend func() error, csc chan struct{}) error {
	var err error
	for err == nil {
		timer := time.NewTimer(d) // want after-in-loop async=error async-collected=note sync=note
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-timer.C:
			err = extend()
		case <-csc:
		}
	}
	return err
}
