// Timers made in a loop under conditions that do not bound them: an `if` that is not a nil
// check, and a Stop deferred through a closure, which runs only when the function returns.
package relay

import "time"

// Only `if c == nil` (with the case clearing c) makes one timer at a time; `if ready` makes one
// per ready iteration.
func afterUnderAFlag(in <-chan int, ready func() bool) {
	var timeout <-chan time.Time
	for {
		if ready() {
			timeout = time.After(time.Second) // want after-in-loop async=error async-collected=note sync=note
		}
		select {
		case <-in:
		case <-timeout:
			return
		}
	}
}

// `defer func() { t.Stop() }()` in the loop body is a deferred Stop like `defer t.Stop()`.
func stopDeferredThroughAClosure(in <-chan int) {
	for {
		t := time.NewTimer(time.Second) // want after-in-loop async=error async-collected=error sync=error
		defer func() { t.Stop() }()
		select {
		case <-in:
		case <-t.C:
			return
		}
	}
}
