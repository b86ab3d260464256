// A loop that counts its rounds but has no bound: `for i := 0; ; i++` runs until a case
// returns, and each round leaves a pending `time.After` before Go 1.23.
package bugs

import "time"

func pollForever(poll func(int), in <-chan int) {
	for i := 0; ; i++ {
		select {
		case v := <-in:
			poll(v + i)
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
			poll(i)
		}
	}
}
