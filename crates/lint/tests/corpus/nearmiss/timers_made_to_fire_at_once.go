// `time.NewTimer(0)` then received before the first Reset (tikv/pd's TSO dispatcher), or received
// first on purpose (run at once, then every interval): the Reset finds the channel empty.
package nearmiss

import (
	"context"
	"time"
)

func drainedFirst(ctx context.Context, f func() bool, gap time.Duration) bool {
	timer := time.NewTimer(0)
	<-timer.C
	for {
		if f() {
			return true
		}
		timer.Reset(gap)
		select {
		case <-ctx.Done():
			return false
		case <-timer.C:
		}
	}
}

func runAtOnceThenEvery(ctx context.Context, work func(), every time.Duration) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
			work()
			timer.Reset(every)
		}
	}
}
