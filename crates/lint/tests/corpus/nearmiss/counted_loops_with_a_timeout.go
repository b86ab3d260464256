// Loops of known count around a select with a `time.After`: the pending timers are bounded by
// the count — a counting clause, with or without its init statement.
package nearmiss

import "time"

func retry(attempts int, try func() bool, done <-chan struct{}) bool {
	for i := 0; i < attempts; i++ {
		if try() {
			return true
		}
		select {
		case <-done:
			return false
		case <-time.After(time.Second):
		}
	}
	return false
}

func retryFrom(start, attempts int, try func() bool, done <-chan struct{}) bool {
	i := start
	for ; i < attempts; i += 1 {
		if try() {
			return true
		}
		select {
		case <-done:
			return false
		case <-time.After(time.Second):
		}
	}
	return false
}
