// time.After as a sleep: the timer always fires before the next iteration.
package near

import "time"

func tickLoop(work func()) {
	for {
		<-time.After(time.Second)
		work()
	}
}

func selectOnlyTimer(work func()) {
	for {
		select {
		case <-time.After(time.Second):
			work()
		}
	}
}
