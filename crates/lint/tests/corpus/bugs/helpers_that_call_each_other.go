// Helpers that call each other before they drain — code that would recurse forever at run time,
// which the linter must still get through: it follows helpers a few calls deep, sees the drain,
// and reports no stale Reset. (Since Go 1.23 such a drain on a timer the helper was handed hangs
// if the value was received: sync-drain.)
package bugs

import "time"

func debounceCycle(events <-chan int, d time.Duration, fire func()) {
	t := time.NewTimer(d)
	for {
		select {
		case <-t.C:
			fire()
		case <-events:
			drainFirst(t)
			t.Reset(d)
		}
	}
}

func drainFirst(timer *time.Timer) {
	drainSecond(timer)
	if !timer.Stop() {
		<-timer.C // want sync-drain sync=error
	}
}

func drainSecond(timer *time.Timer) {
	drainFirst(timer)
	if !timer.Stop() {
		<-timer.C // want sync-drain sync=error
	}
}
