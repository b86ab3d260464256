// time dot-imported: After and NewTimer without a package name.
package relay

import . "time"

func pump(in <-chan []byte, out chan<- []byte) {
	for {
		select {
		case b := <-in:
			out <- b
		case <-After(Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

func drainless(in <-chan []byte, idle *Timer) {
	for {
		idle.Reset(Second) // want reset-without-drain async=error async-collected=error
		select {
		case <-in:
		case <-idle.C:
		}
	}
}
