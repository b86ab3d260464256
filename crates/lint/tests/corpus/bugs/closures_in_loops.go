// A function literal called in place inside a loop runs on every iteration; a goroutine's own
// loop is a loop.
package relay

import "time"

func each(in <-chan int, handle func(int)) {
	for {
		func() {
			select {
			case v := <-in:
				handle(v)
			case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			}
		}()
	}
}

func start(in <-chan int, handle func(int)) {
	go func() {
		for {
			select {
			case v := <-in:
				handle(v)
			case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			}
		}
	}()
}
