// A function literal that starts a line inside a package-level expression: the cutter takes it
// for a declaration and leaves it out (it names no timer), the parse of what is left fails, and
// the whole file is parsed instead.
package relay

import "time"

var base = 1 +
	func() int { return 2 }()

func pump(in <-chan []byte, out chan<- []byte) {
	for {
		select {
		case b := <-in:
			out <- b
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}
