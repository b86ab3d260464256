// A Reset guarded by a counter the timer's case sets back to zero: the guard is as true before
// the timer fired as after, so it says nothing about a value left in the channel; before Go 1.23
// a stale fire sends the announcement at once, defeating the debounce.
// Shape of syncthing/syncthing@328d910aee822178f55442c76bc7e35ce34d68cc lib/discover/global.go:240.
package realcode

import (
	"context"
	"time"
)

func announceLoop(ctx context.Context, changed <-chan struct{}, announce func()) error {
	timer := time.NewTimer(5 * time.Second)
	defer timer.Stop()
	resets := 0
	for {
		select {
		case <-changed:
			if resets < 10 {
				timer.Reset(2 * time.Second) // want reset-without-drain async=error async-collected=error
			}
			resets++
		case <-timer.C:
			resets = 0
			announce()
			timer.Reset(time.Minute)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
