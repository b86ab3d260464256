// A loop over a time.Tick channel that ends when the channel is set to nil: the function
// returns, and before Go 1.23 its ticker runs on.
package relay

import "time"

func pollUntilStopped(stop <-chan struct{}, poll func()) {
	tick := time.Tick(time.Second) // want tick-leak async=error
	for nil != tick {
		select {
		case <-tick:
			poll()
		case <-stop:
			tick = nil
		}
	}
}
