// A timer per iteration stopped by a closure the case calls: the Stop runs in the iteration.
package relay

import "time"

func stopThroughAClosure(in <-chan int) {
	for {
		t := time.NewTimer(time.Second)
		stop := func() { t.Stop() }
		select {
		case <-in:
			stop()
		case <-t.C:
			return
		}
	}
}
