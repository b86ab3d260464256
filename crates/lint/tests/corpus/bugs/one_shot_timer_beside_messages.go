// A timer made once before a loop whose other cases are timers, and one message case that goes
// round: the message keeps the loop selecting on a timer that fired long ago.
package relay

import "time"

func probeOrServe(done <-chan struct{}, requests <-chan int, serve func(int), probe func()) {
	idle := time.NewTimer(time.Minute) // want hoisted-after async=note async-collected=note sync=note
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			probe()
		case r := <-requests:
			serve(r)
		case <-idle.C:
			println("idle for a minute?")
		}
	}
}

type subscription struct {
	requests chan int
	messages func() <-chan int
}

// The message channel comes from a method call, or is a field.
func (s *subscription) probeOrRead(done <-chan struct{}, probe func()) {
	idle := time.NewTimer(time.Minute) // want hoisted-after async=note async-collected=note sync=note
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			probe()
		case m := <-s.messages():
			println(m)
		case <-idle.C:
			println("idle for a minute?")
		}
	}
}

func (s *subscription) probeOrServe(done <-chan struct{}, probe func()) {
	idle := time.NewTimer(time.Minute) // want hoisted-after async=note async-collected=note sync=note
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			probe()
		case r := <-s.requests:
			println(r)
		case <-idle.C:
			println("idle for a minute?")
		}
	}
}
