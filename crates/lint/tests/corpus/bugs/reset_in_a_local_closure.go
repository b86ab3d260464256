// A Reset in a local closure happens where the closure is called: after a select whose other case
// won, the timer may have fired unreceived, and the closure's Reset keeps that value — the next
// wait on it times out at once before Go 1.23. The near miss
// (nearmiss/closure_drains_before_its_reset.go) drains in the closure first.
// Shape of tikv/pd@a186e0cc61de client/clients/router/client.go:579.
package bugs

import (
	"context"
	"time"
)

func dispatch(ctx context.Context, reqs <-chan int, ready <-chan bool, fail func()) {
	var t *time.Timer
	resetTimeout := func() {
		if t == nil {
			t = time.NewTimer(3 * time.Second)
		} else {
			t.Reset(3 * time.Second) // want reset-without-drain async=error async-collected=error
		}
	}
batches:
	for {
		select {
		case <-ctx.Done():
			return
		case <-reqs:
		}
		resetTimeout()
		for {
			select {
			case <-t.C:
				fail()
				continue batches
			case ok := <-ready:
				if !ok {
					continue
				}
			}
			break
		}
	}
}
