// Loops whose select runs once: a break after it, or every other case leaves the loop.
package near

import "time"

func breakAfter(in <-chan int, handle func(int)) {
	for {
		select {
		case m := <-in:
			handle(m)
		case <-time.After(time.Second):
		}
		break
	}
}

func labeledBreak(in <-chan int, handle func(int)) {
loop:
	for {
		select {
		case m := <-in:
			handle(m)
			break loop
		case <-time.After(time.Second):
		}
	}
}

func returnsOnMessage(in <-chan int) int {
	for {
		select {
		case m := <-in:
			return m
		case <-time.After(time.Second):
			println("still waiting")
		}
	}
}

func panicsOnMessage(in <-chan int) {
	for {
		select {
		case <-in:
			panic("unexpected message")
		case <-time.After(time.Second):
		}
	}
}
