// An inactivity ticker Reset on every message: before Go 1.23 a tick that arrived while the
// message was handled stays buffered, and Ticker.Reset does not remove it, so the next select
// takes it at once — "the feed is down" right after a message. Shape of OffchainLabs/nitro PR
// #2001 (broadcastclients). A note: for a periodic job one early tick is mostly harmless.
package bugs

import (
	"context"
	"time"
)

func route(ctx context.Context, msgs <-chan int, handle func(int), down func()) {
	const inactive = 5 * time.Second
	isDown := time.NewTicker(inactive)
	defer isDown.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-msgs:
			isDown.Reset(inactive) // want reset-without-drain async=note async-collected=note
			handle(m)
		case <-isDown.C:
			down()
		}
	}
}
