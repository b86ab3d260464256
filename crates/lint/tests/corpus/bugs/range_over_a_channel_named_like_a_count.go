// The name was a number once, then a channel: the declaration nearest before the loop decides.
package relay

import "time"

func drain(make func() chan int) {
	n := 10
	_ = n
	{
		n := make()
		for range n {
			select {
			case <-n:
			case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
			}
		}
	}
}
