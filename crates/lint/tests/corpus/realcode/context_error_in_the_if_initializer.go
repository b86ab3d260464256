// The loop starts with `if err := ctx.Err(); err != nil { return err }`: after the ctx.Done()
// case the next iteration returns at once, and the timer case takes its own timer, so at most
// one timer is left — as with `if ctx.Err() != nil`.
// Shape of ava-labs/avalanchego@1cf1fc3d1711a09fde7319d2b48609c8cba93680 vms/proposervm/vm.go:476.
package realcode

import (
	"context"
	"time"
)

func waitLoop(ctx context.Context, next func() time.Duration) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
		case <-time.After(next()):
		}
	}
}

// What the path knows survives an `if` whose initializer declares other names: a flag the stop
// case sets, a counter set to its bound, a value received into a variable.
func flushUntilStopped(stop <-chan struct{}, flush func() error) error {
	done := false
	for {
		select {
		case <-stop:
			done = true
		case <-time.After(time.Second):
		}
		if err := flush(); done {
			return err
		}
	}
}

func flushUntilCollected(stop <-chan struct{}, n int, flush func() error) {
	collected := 0
	for {
		select {
		case <-stop:
			collected = n
		case <-time.After(time.Second):
		}
		if err := flush(); collected >= n {
			println(err)
			return
		}
	}
}

func flushUntilQuit(quit <-chan error, flush func() error) error {
	var errc error
	for {
		select {
		case errc = <-quit:
		case <-time.After(time.Second):
		}
		if err := flush(); errc != nil {
			return err
		}
	}
}
