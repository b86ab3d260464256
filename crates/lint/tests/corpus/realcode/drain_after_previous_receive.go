// The bottom of the loop waits on the timer; the next iteration stops and drains it before
// re-arming, but the value was already received: Stop returns false and the drain blocks
// forever, in both semantics.
// Shape of celestiaorg/celestia-node@b7702024993961da3903277460f970f6eb56f73b
// share/shwap/p2p/discovery/discovery.go:206 (fixed by celestia-node #4231).
package realcode

import (
	"context"
	"time"
)

func advertise(ctx context.Context, d time.Duration, publish func() error) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		if err := publish(); err != nil {
			return
		}
		if !t.Stop() {
			<-t.C // want blocking-drain async=error async-collected=error sync=error
		}
		t.Reset(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}
