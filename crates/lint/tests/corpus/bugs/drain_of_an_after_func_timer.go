// The drain idiom on a timer made by `time.AfterFunc`: its channel is nil, so once the func
// started (Stop returns false) the receive waits forever, in every Go release. Shape of
// decred/dcrdex@8701f2230d0878ba770a2092e8cd436a10890f78 dex/meter/meterer.go:58 (PR #1995).
// The near miss (realcode/after_func_in_a_timer_field.go) stops its AfterFunc right after making
// it, for a duration that never ends: Stop is true, the drain never runs.
package bugs

import (
	"context"
	"time"
)

func relay(ctx context.Context, in <-chan error, out chan<- error, delay time.Duration) {
	var scheduled *time.Timer
	now := make(chan struct{})
	for {
		select {
		case err := <-in:
			if scheduled == nil {
				scheduled = time.AfterFunc(delay, func() { now <- struct{}{} })
			}
			_ = err
		case <-now:
			out <- nil
			scheduled = nil
		case <-ctx.Done():
			if scheduled != nil && !scheduled.Stop() {
				<-scheduled.C // want blocking-drain async=error async-collected=error sync=error
			}
			return
		}
	}
}

func cancelLater(d time.Duration, f func(), cancel <-chan struct{}) {
	t := time.AfterFunc(d, f)
	<-cancel
	if !t.Stop() {
		<-t.C // want blocking-drain async=error async-collected=error sync=error
	}
}
