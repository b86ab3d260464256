// A channel re-made in the branch where it is not nil: a new timer while one may be pending.
package relay

import "time"

func rearmWhenSet(in <-chan int, d time.Duration) {
	var timeout <-chan time.Time
	for {
		if timeout == nil {
			println("idle")
		} else {
			timeout = time.After(d) // want after-in-loop async=error async-collected=note sync=note
		}
		select {
		case <-in:
		case <-timeout:
			timeout = nil
		}
	}
}
