// Flags that do not say whether the timer's value was received: declared once before the loop
// (true for good after the first expiry), computed rather than constant, or testing the wrong
// way round.
package relay

import "time"

// `expired` is never set back: after the first expiry no message drains before the Reset.
func flagOutsideTheLoop(queue <-chan []byte, send func([]byte)) {
	t := time.NewTimer(time.Second)
	expired := false
	for {
		var p []byte
		select {
		case p = <-queue:
		case <-t.C:
			expired = true
		}
		if !expired {
			if !t.Stop() {
				<-t.C // want sync-drain sync=note
			}
		}
		t.Reset(time.Second) // want reset-without-drain async=error async-collected=error
		send(p)
	}
}

// A computed value says nothing about the channel.
func computedFlag(queue <-chan []byte, quiet func() bool, send func([]byte)) {
	t := time.NewTimer(time.Second)
	for {
		var p []byte
		expired := quiet()
		select {
		case p = <-queue:
		case <-t.C:
			expired = true
		}
		if !expired {
			if !t.Stop() {
				<-t.C // want sync-drain sync=note
			}
		}
		t.Reset(time.Second) // want reset-without-drain async=error async-collected=error
		send(p)
	}
}

// The drain is in the branch the timer's case takes: the other cases Reset without one, and
// after the timer's case the drain waits for a value already received.
func drainsOnTheWrongBranch(queue <-chan []byte, send func([]byte)) {
	t := time.NewTimer(time.Second)
	for {
		var p []byte
		expired := false
		select {
		case p = <-queue:
		case <-t.C:
			expired = true
		}
		if expired {
			if !t.Stop() {
				<-t.C // want blocking-drain async=error async-collected=error sync=error
			}
		}
		t.Reset(time.Second) // want reset-without-drain async=error async-collected=error
		send(p)
	}
}
