// The loop starts with an error check that is not the context's: after ctx.Done() the loop goes
// round, and with a message case each round leaves a timer behind.
package relay

import (
	"context"
	"time"
)

func waitOrWork(ctx context.Context, work <-chan int, check func() error) error {
	for {
		if err := check(); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
		case <-work:
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// A context's error read into a name the condition does not test.
func waitOrWorkOther(ctx context.Context, work <-chan int, ready func() bool) {
	for {
		if err := ctx.Err(); ready() {
			println(err)
		}
		select {
		case <-ctx.Done():
		case <-work:
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}
