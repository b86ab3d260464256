// `len(t.C)` deciding a drain, and deciding whether the timer fired. Before Go 1.23 the drain
// races the firing (Stop can return false before the value is buffered); since Go 1.23 len is
// always 0: the drain is dead, and the "fired?" test never sees the timer fire.
// Shape of the ipfs/boxo #667 report (`if !t.Stop() && len(t.C) > 0 { <-t.C }`).
package realcode

import "time"

func rearm(t *time.Timer, d time.Duration) {
	if !t.Stop() && len(t.C) > 0 { // want timer-chan-len async=error async-collected=error sync=note
		<-t.C
	}
	t.Reset(d)
}

func expired(t *time.Timer) bool {
	return len(t.C) == 1 // want timer-chan-len sync=error
}
