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
