// The blocking drain where the value cannot have been received: the receiving case re-arms the
// timer, or leaves the loop. Not a blocking-drain in either semantics; since Go 1.23 the drain
// is dead code (Stop no longer returns false for a fired, unreceived timer): a sync-drain note.
package near

import "time"

func rearmedAfterReceive(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case <-t.C:
			println("idle")
			t.Reset(d)
		case <-in:
			if !t.Stop() {
				<-t.C // want sync-drain sync=note
			}
			t.Reset(d)
		}
	}
}

func returnsAfterReceive(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case <-t.C:
			return
		case <-in:
		}
		if !t.Stop() {
			<-t.C // want sync-drain sync=note
		}
		t.Reset(d)
	}
}

func tracked(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	fired := false
	for {
		select {
		case <-t.C:
			fired = true
		case <-in:
		}
		if !t.Stop() && !fired {
			<-t.C // want sync-drain sync=note
		}
		fired = false
		t.Reset(d)
	}
}
