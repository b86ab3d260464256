// A switch falls through when no case matches and it has no default, or when a case breaks out
// of it: control gets past it even though every case returns.
package relay

import "time"

// Every case returns, but a message matching none of them goes back to the select.
func dispatch(in <-chan int, stop func(), restart func()) {
	for {
		select {
		case m := <-in:
			switch m {
			case 0:
				stop()
				return
			case 1:
				restart()
				return
			}
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}

// The break leaves the switch, and the drain after it runs once the channel was received.
func waitThenStop(t *time.Timer, full bool, more func() bool) {
	switch {
	case full:
		<-t.C
		if !more() {
			break
		}
		return
	}
	if !t.Stop() {
		<-t.C // want blocking-drain async=error async-collected=error sync=error
	}
}
