// A timer declared with var and no type: known as a timer from the value it is given.
package relay

import "time"

func consume(in <-chan []byte) {
	var idle = time.NewTimer(time.Second)
	for {
		idle.Reset(time.Second) // want reset-without-drain async=error async-collected=error
		select {
		case <-in:
		case <-idle.C:
		}
	}
}
