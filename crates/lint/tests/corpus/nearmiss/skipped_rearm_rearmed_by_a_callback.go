// A timer case that skips its Reset on an error, while a callback the function made before the
// loop re-arms the timer (a retry goroutine): the case runs again.
package nearmiss

import "time"

func refreshLoop(quit <-chan struct{}, refresh func() error, retryAfter time.Duration) {
	timer := time.NewTimer(time.Minute)
	retry := func() {
		time.Sleep(retryAfter)
		timer.Reset(0)
	}
	for {
		select {
		case <-timer.C:
			if err := refresh(); err != nil {
				go retry()
				continue
			}
			timer.Reset(time.Minute)
		case <-quit:
			return
		}
	}
}
