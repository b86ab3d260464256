// A helper of the file that only stops the timer it is handed: the value a fired timer left in
// its channel stays, and the Reset after the call keeps it — a stale fire before Go 1.23.
package bugs

import "time"

func debounceStale(events <-chan int, d time.Duration, fire func()) {
	t := time.NewTimer(d)
	for {
		select {
		case <-t.C:
			fire()
		case <-events:
			halt(t)
			t.Reset(d) // want reset-without-drain async=error async-collected=error
		}
	}
}

func halt(timer *time.Timer) {
	timer.Stop()
}
