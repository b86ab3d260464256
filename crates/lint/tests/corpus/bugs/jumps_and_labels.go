// Where a break or a continue takes control decides whether the select loop comes round again
// with the timer pending: a labeled continue from an inner loop goes round the outer loop, and a
// plain break in a case leaves only the select.
package relay

import "time"

// The inner loop never ends by itself: only `continue outer` or a return leave it, and the
// continue starts the outer loop again.
func continueOuterFromAnEndlessLoop(in <-chan int, next func() (int, bool), handle func(int)) {
outer:
	for {
		select {
		case <-in:
			for {
				m, ok := next()
				if !ok {
					continue outer
				}
				if m < 0 {
					return
				}
				handle(m)
			}
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// The case returns unless the message is empty; the break for an empty one leaves the select,
// not the loop.
func breakInACaseThatOtherwiseReturns(in <-chan int, handle func(int)) {
	for {
		select {
		case m := <-in:
			if m == 0 {
				break
			}
			handle(m)
			return
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}
