// Loops that do or do not end by their header, as the header is written: a for clause without a
// condition ends only by a jump, a comment before the condition is not the condition, and a flag
// the case sets still ends the loop after the case sets another.
package relay

import "time"

// A for clause without a condition: the inner loop ends only by returning.
func countUntilSent(in <-chan int, send func(int) bool) {
	for {
		select {
		case m := <-in:
			for i := 0; ; i++ {
				if send(m + i) {
					return
				}
			}
		case <-time.After(time.Second):
		}
	}
}

// The loop's condition comes after a comment; the case makes it false.
func untilStopped(in <-chan int) {
	running := true
	for /* until in says stop */ running {
		select {
		case <-in:
			running = false
		case <-time.After(time.Second):
		}
	}
}

// The case sets the loop's flag, then another one.
func untilQuit(quit <-chan struct{}) {
	stopped, flushed := false, true
	for !stopped {
		select {
		case <-quit:
			stopped = true
			flushed = false
		case <-time.After(time.Second):
		}
	}
	_ = flushed
}
