// `break` in a select case leaves the select, not the loop; a conditional break after the
// select does not stop the loop either.
package relay

import "time"

func serve(in <-chan int, handle func(int)) {
	for {
		select {
		case m := <-in:
			if m < 0 {
				break
			}
			handle(m)
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
			return
		}
	}
}

func serveUntil(in <-chan int, done func() bool) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
		if done() {
			break
		}
	}
}
