// Select loops whose other case never comes back to the select: it returns from a labeled retry
// loop, breaks the outer loop from an endless inner one, returns at the top of the inner loop's
// next round once the context is done, or returns from a select nested in a switch case.
package relay

import (
	"context"
	"time"
)

// The labeled retry loop ends only by returning: its continue goes round it, not the select.
func retryUntilSent(in <-chan int, send func(int) error) {
	for {
		select {
		case m := <-in:
		retry:
			for {
				if err := send(m); err != nil {
					continue retry
				}
				return
			}
		case <-time.After(time.Second):
		}
	}
}

// `break outer` from the endless inner loop ends the outer loop too.
func drainThenLeave(in <-chan int, next func() bool) {
outer:
	for {
		select {
		case <-in:
			for {
				if !next() {
					break outer
				}
			}
		case <-time.After(time.Second):
		}
	}
}

// Once the context is done the inner loop's next round returns at its first statement, so the
// outer loop never starts again after that case.
func redial(ctx context.Context, dial func()) {
	for {
		dial()
		for {
			if ctx.Err() != nil {
				return
			}
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
		}
	}
}

// A select nested in a switch case: its other case returns, and nothing breaks out of the switch.
func byMode(mode int, in <-chan int, handle func(int)) {
	for {
		switch mode {
		case 1:
			select {
			case m := <-in:
				handle(m)
				return
			case <-time.After(time.Second):
			}
		}
	}
}
