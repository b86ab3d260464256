// The timer channel stored in a variable first, inside the loop: still one timer per iteration.
package relay

import "time"

func wait(in <-chan int) {
	for {
		timeout := time.After(time.Minute) // want after-in-loop async=error async-collected=note sync=note
		select {
		case <-in:
		case <-timeout:
			return
		}
	}
}

func waitReassigned(in <-chan int) {
	var timeout <-chan time.Time
	for {
		timeout = time.After(time.Minute) // want after-in-loop async=error async-collected=note sync=note
		select {
		case <-in:
		case <-timeout:
		}
	}
}
