// A timer made anew at the top of every iteration: the case that received it `continue`s, and
// the drain in the other case is of the next iteration's timer, which nothing received. Correct
// before Go 1.23 (no blocking-drain); dead since (Stop is true for a fired, unreceived timer).
// Shape of caddyserver/caddy@0cf03d32f7d99cf160d5375e8a40fbe3d910d515 caddy.go:659.
package realcode

import (
	"context"
	"time"
)

func retryLoad(ctx context.Context, d time.Duration, load func() error) {
	for {
		timer := time.NewTimer(d)
		select {
		case <-timer.C:
			if err := load(); err != nil {
				continue
			}
		case <-ctx.Done():
			if !timer.Stop() {
				<-timer.C // want sync-drain sync=note
			}
		}
		break
	}
}
