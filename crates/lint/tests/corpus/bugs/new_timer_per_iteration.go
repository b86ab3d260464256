// NewTimer per iteration: never stopped, received in place, or stopped by a defer that only runs
// when the function returns.
package relay

import "time"

func neverStopped(in <-chan int) {
	for {
		t := time.NewTimer(time.Minute) // want after-in-loop async=error async-collected=note sync=note
		select {
		case <-in:
		case <-t.C:
		}
	}
}

func inPlace(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.NewTimer(time.Minute).C: // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

func deferredInTheLoop(in <-chan int) {
	for {
		t := time.NewTimer(time.Minute) // want after-in-loop async=error async-collected=error sync=error
		defer t.Stop()
		select {
		case <-in:
		case <-t.C:
		}
	}
}
