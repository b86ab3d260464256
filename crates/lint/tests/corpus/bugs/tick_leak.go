// time.Tick in library functions that return.
package relay

import "time"

func pollUntil(done func() bool) {
	for range time.Tick(time.Second) { // want tick-leak async=error
		if done() {
			return
		}
	}
}

func waitOnce(stop <-chan struct{}) {
	tick := time.Tick(time.Second) // want tick-leak async=error
	select {
	case <-tick:
	case <-stop:
	}
}
