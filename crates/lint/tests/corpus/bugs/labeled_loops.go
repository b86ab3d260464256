// A labeled outer loop: the inner select's message case continues the outer loop.
package relay

import "time"

func poll(queues []chan int, handle func(int)) {
outer:
	for {
		for _, q := range queues {
			select {
			case m := <-q:
				if m == 0 {
					continue outer
				}
				handle(m)
			case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
				break outer
			}
		}
	}
}
