// Stop's result kept in a variable, and the `if` that reads it does not drain — or reads another
// Stop's result: the Reset after it may keep a stale value before Go 1.23.
package bugs

import (
	"log"
	"time"
)

func logsOnly(delays <-chan time.Duration, fire func()) {
	timer := time.NewTimer(time.Second)
	for {
		select {
		case d := <-delays:
			stopped := timer.Stop()
			if !stopped {
				log.Print("timer had fired")
			}
			timer.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-timer.C:
			fire()
		}
	}
}

func resultOverwritten(delays <-chan time.Duration, other *time.Timer, fire func()) {
	timer := time.NewTimer(time.Second)
	for {
		select {
		case d := <-delays:
			stopped := timer.Stop()
			stopped = other.Stop()
			if !stopped {
				<-timer.C
			}
			timer.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-timer.C:
			fire()
		}
	}
}
