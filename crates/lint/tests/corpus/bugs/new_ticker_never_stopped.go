// A `time.NewTicker` kept in a local variable that the function never stops, returns or hands
// on, in a function that returns: before Go 1.23 the ticker is never collected and fires forever,
// one more per call (golang/go#17757). Shapes of XiaoMi/pegasus-go-client@4d9234187aea PR #79 (a
// ticker per retry) and argo-workflows' watch loop.
package bugs

import (
	"context"
	"time"
)

func retry(ctx context.Context, op func() (bool, error), backoff func() time.Duration) error {
	for {
		again, err := op()
		ticker := time.NewTicker(backoff()) // want tick-leak async=error
		if again {
			select {
			case <-ticker.C:
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return err
	}
}

func watch(ctx context.Context, events <-chan int, show func(int)) {
	ticker := time.NewTicker(time.Second) // want tick-leak async=error
	last := 0
	for {
		select {
		case e, ok := <-events:
			if !ok {
				return
			}
			last = e
		case <-ticker.C:
		case <-ctx.Done():
			return
		}
		show(last)
	}
}

// Reset is no Stop.
func resetOnly(ctx context.Context, d func() time.Duration) {
	t := time.NewTicker(time.Second) // want tick-leak async=error
	for {
		select {
		case <-t.C:
			t.Reset(d())
		case <-ctx.Done():
			return
		}
	}
}

// A ticker per round of a loop that also never ends: one more leaks every iteration.
func readLoop(exit <-chan struct{}, in <-chan int, handle func(int), clean func()) {
	for {
		timer := time.NewTicker(time.Second) // want tick-leak async=error
		select {
		case <-exit:
			return
		case <-timer.C:
			go clean()
		case m := <-in:
			handle(m)
		}
	}
}
