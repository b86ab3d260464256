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

// The value was received just before, and the timer only stopped since: a one-shot timer fires
// once, so the drain is dead in every release, not racy (charmbracelet/bubbletea's Every).
func waitThenDrain(t *time.Timer) time.Time {
	ts := <-t.C
	t.Stop()
	for len(t.C) > 0 { // want timer-chan-len async=note async-collected=note sync=note
		<-t.C
	}
	return ts
}

// Re-armed, received under a condition, or handed to a call in between: the drain decides
// again, as above.
func waitRearmThenDrain(t *time.Timer, d time.Duration) {
	<-t.C
	t.Reset(d)
	if len(t.C) > 0 { // want timer-chan-len async=error async-collected=error sync=note
		<-t.C
	}
}

func waitIfAskedThenDrain(t *time.Timer, wait bool) {
	if wait {
		<-t.C
	}
	if len(t.C) > 0 { // want timer-chan-len async=error async-collected=error sync=note
		<-t.C
	}
}

func waitThenHandOnThenDrain(t *time.Timer, rearm func(*time.Timer)) {
	<-t.C
	rearm(t)
	if len(t.C) > 0 { // want timer-chan-len async=error async-collected=error sync=note
		<-t.C
	}
}

func waitThenComputeThenDrain(t *time.Timer, compute func() int) int {
	<-t.C
	stat := compute()
	t.Stop()
	for len(t.C) > 0 { // want timer-chan-len async=note async-collected=note sync=note
		<-t.C
	}
	return stat
}
