// Rules that look at names: a method named init is not a package's init function; a hoisted
// timer stays a deadline when the loop resets another timer; `len(t.C)` decides a drain only if
// the statement it guards receives the channel.
package relay

import "time"

type poller struct{ done func() bool }

// Only the package-level init runs once; this method runs every time it is called.
func (p *poller) init() {
	for range time.Tick(time.Second) { // want tick-leak async=error
		if p.done() {
			return
		}
	}
}

// Resetting `beat` says nothing about `t`, which still fires once.
func watchWithHeartbeat(in <-chan int) {
	t := time.NewTimer(time.Minute) // want hoisted-after async=note async-collected=note sync=note
	beat := time.NewTimer(time.Second)
	for {
		select {
		case <-in:
		case <-beat.C:
			beat.Reset(time.Second)
		case <-t.C:
			println("no message for a minute?")
		}
	}
}

// The `if` only reports; the receive after it is not what the `if` decides.
func reportThenWait(t *time.Timer) {
	if len(t.C) > 0 { // want timer-chan-len sync=error
		println("already fired")
	}
	<-t.C
}
