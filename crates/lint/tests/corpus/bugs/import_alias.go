// time imported under another name.
package relay

import tm "time"

func pump(in <-chan []byte, out chan<- []byte) {
	for {
		select {
		case b := <-in:
			out <- b
		case <-tm.After(30 * tm.Second): // want after-in-loop async=error async-collected=note sync=note
			return
		}
	}
}
