// A case whose own loop ends falls through to the select loop, which starts the next timer: a
// loop with a condition, a for clause with one, a range over a slice, and an inner select loop
// ended by its flag inside a loop that starts it again.
package relay

import "time"

// `for len(queue) > 0` ends when the queue is empty.
func whileQueued(in <-chan []int, handle func(int)) {
	for {
		select {
		case queue := <-in:
			for len(queue) > 0 {
				handle(queue[0])
				queue = queue[1:]
			}
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// A counting loop in the case ends after its count.
func counted(in <-chan int, handle func(int)) {
	for {
		select {
		case n := <-in:
			for i := 0; i < n; i++ {
				handle(i)
			}
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// A range over the received slice ends with it.
func ranged(in <-chan []int, handle func(int)) {
	for {
		select {
		case batch := <-in:
			for _, m := range batch {
				handle(m)
			}
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// The inner loop ends through its flag; the loop around it starts another.
func sessions(quit <-chan struct{}, heartbeat func()) {
	for {
		running := true
		for running {
			select {
			case <-quit:
				running = false
			case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
				heartbeat()
			}
		}
	}
}
