// The stop case's inner loop can be left by a `break`: the outer loop then goes round with its
// timer pending.
package relay

import (
	"context"
	"time"
)

type poller struct {
	finished bool
	running  context.Context
	progress func() bool
}

func (w *poller) wait(stop context.Context) {
	for !w.finished {
		select {
		case <-time.After(2 * time.Second): // want after-in-loop async=error async-collected=note sync=note
			w.progress()
		case <-stop.Done():
			for !w.finished {
				if !w.progress() {
					break
				}
			}
		case <-w.running.Done():
			w.finished = true
		}
	}
}
