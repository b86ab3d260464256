// `ctx, cancel := context.WithTimeout(...)` on every iteration with `defer cancel()`: the deferred
// cancels run only when the function returns, so each iteration's context and its timer (an
// AfterFunc, which no Go release collects before it fires) pile up with the deferred calls.
// Shape of go-mysql-org/go-mysql PR #999 (replication/backup.go).
package bugs

import (
	"context"
	"time"
)

func consume(events <-chan int, done <-chan struct{}, timeout time.Duration, handle func(context.Context, int) error) error {
	for {
		ctx, cancel := context.WithTimeout(context.Background(), timeout) // want after-in-loop async=error async-collected=error sync=error
		defer cancel()
		select {
		case <-done:
			return nil
		case e := <-events:
			if err := handle(ctx, e); err != nil {
				return err
			}
		}
	}
}

func pollUntil(parent context.Context, every time.Duration, poll func(context.Context) bool) {
	for !poll(parent) {
		ctx, stop := context.WithDeadline(parent, time.Now().Add(every)) // want after-in-loop async=error async-collected=error sync=error
		defer stop()
		<-ctx.Done()
	}
}
