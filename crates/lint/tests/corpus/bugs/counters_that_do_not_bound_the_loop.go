// Loops over a bare comparison whose counter does not bound them: reset on success, stepped
// after a `continue` that can skip it, stepped away from the bound, or never stepped.
package relay

import "time"

// Consecutive failures: a success sets the counter back, so the loop can run forever.
func untilTooManyFailures(work <-chan error, max int) {
	failures := 0
	for failures < max {
		failures++
		select {
		case err := <-work:
			if err == nil {
				failures = 0
			}
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// The `continue` comes before the step: an iteration can end without counting.
func skipsTheStep(work <-chan int, max int, busy func() bool) {
	n := 0
	for n < max {
		if busy() {
			continue
		}
		n++
		select {
		case <-work:
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// Counting up towards a lower bound: it never gets there.
func wrongDirection(work <-chan int, min int) {
	n := 10
	for n > min {
		n++
		select {
		case <-work:
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// The counter is written through a pointer too.
func steppedThroughAPointer(work <-chan int, max int, bump func(*int)) {
	n := 0
	for n < max {
		n++
		bump(&n)
		select {
		case <-work:
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// Another counter is stepped first; the loop's own comes after a `continue`.
func anotherCounterFirst(work <-chan int, max int, busy func() bool) {
	tries, n := 0, 0
	for n < max {
		tries++
		if busy() {
			continue
		}
		n++
		select {
		case <-work:
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
	println(tries)
}

func anotherTotalFirst(work <-chan int, max int, busy func() bool) {
	total, n := 0, 0
	for n < max {
		total += 2
		if busy() {
			continue
		}
		n += 1
		select {
		case <-work:
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
	println(total)
}
