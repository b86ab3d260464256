// The drain idiom with Stop's result kept in a variable first: `stopped := t.Stop(); if !stopped
// && !drained { <-t.C }`, where `drained` records that the timer's own case took the value. The
// Reset after it finds the channel empty. Shape of xtaci/kcp-go's timed scheduler.
package nearmiss

import "time"

func schedule(delays <-chan time.Duration, die <-chan struct{}, fire func()) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	drained := false
	for {
		select {
		case d := <-delays:
			stopped := timer.Stop()
			if !stopped && !drained {
				<-timer.C
			}
			timer.Reset(d)
			drained = false
		case <-timer.C:
			drained = true
			fire()
		case <-die:
			return
		}
	}
}
