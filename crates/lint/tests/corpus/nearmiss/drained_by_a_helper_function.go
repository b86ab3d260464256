// A Reset after a helper of the file that stops and drains the timer it is handed: what the
// helper's body does to its parameter is what the call does to the timer (wellle/rmq's
// `stopTimer(timer)`).
package nearmiss

import "time"

func debounce(events <-chan int, d time.Duration, fire func()) {
	t := time.NewTimer(d)
	for {
		select {
		case <-t.C:
			fire()
		case <-events:
			stopTimer(t)
			t.Reset(d)
		}
	}
}

func stopTimer(timer *time.Timer) {
	if timer.Stop() {
		return
	}
	select {
	case <-timer.C:
	default:
	}
}

