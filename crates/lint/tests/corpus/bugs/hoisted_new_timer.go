// A NewTimer created before the loop and never Reset in it: it fires once, like a hoisted After.
package relay

import "time"

func watch(in <-chan int, handle func(int)) {
	t := time.NewTimer(time.Minute) // want hoisted-after async=note async-collected=note sync=note
	defer t.Stop()
	for {
		select {
		case v := <-in:
			handle(v)
		case <-t.C:
			println("no message for a minute?")
		}
	}
}
