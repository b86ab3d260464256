// time.Tick where it is fine: a package-level variable, init, and functions that never return.
package near

import "time"

var heartbeat = time.Tick(time.Minute)

func init() {
	go func() {
		for range time.Tick(time.Hour) {
			println("hourly")
		}
	}()
}

func forever(work func()) {
	c := time.Tick(time.Second)
	for now := range c {
		_ = now
		work()
	}
}

func serveForever(in <-chan int) {
	tick := time.Tick(time.Second)
	for {
		select {
		case <-in:
		case <-tick:
		}
	}
}
