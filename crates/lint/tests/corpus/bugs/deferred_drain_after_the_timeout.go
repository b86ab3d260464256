// A drain in a deferred function literal runs when the function returns — after the select took
// the timer's value if the timeout won, and then it waits forever (golang/go#27169's own example;
// lrstanley/girc@6cf311abc7b07f045970cc53137c38809b2e3955 client.go:317, fixed by `defer t.Stop()`).
package bugs

import "time"

func send(ch chan<- int, v int) bool {
	t := time.NewTimer(30 * time.Second)
	defer func() {
		if !t.Stop() {
			<-t.C // want blocking-drain async=error async-collected=error sync=error
		}
	}()
	select {
	case ch <- v:
		return true
	case <-t.C:
		return false
	}
}

// Nothing in the function receives the channel: before Go 1.23 the deferred drain takes a value
// the timer sent meanwhile, and since Go 1.23 it is dead code.
func sendOrCancel(ch chan<- int, v int, done <-chan struct{}) bool {
	timeout := time.NewTimer(30 * time.Second)
	defer func() {
		if !timeout.Stop() {
			<-timeout.C // want sync-drain sync=note
		}
	}()
	select {
	case ch <- v:
		return true
	case <-done:
		return false
	}
}

// The timer case re-arms before going round, so when the function returns the timer is armed
// again (or holds an unreceived value): no blocking-drain. Since Go 1.23 the drain is dead, but
// `sync-drain` sees the timer received outside the drain's own function: its error.
func pump(in <-chan int, out chan<- int, every time.Duration) {
	tick := time.NewTimer(every)
	defer func() {
		if !tick.Stop() {
			<-tick.C // want sync-drain sync=error
		}
	}()
	for {
		select {
		case <-tick.C:
			out <- 0
			tick.Reset(every)
		case v, ok := <-in:
			if !ok {
				return
			}
			out <- v
		}
	}
}

// Re-armed after the select on the only way from the timer's case back to a return: the deferred
// drain finds the timer armed, Stop is true, and it does not run (no blocking-drain). Since Go
// 1.23 a drain like it, on a timer whose value was received, would hang: sync-drain says so.
func rearmedBeforeEveryReturn(done <-chan struct{}, d time.Duration, handle func()) {
	t := time.NewTimer(d)
	defer func() {
		if !t.Stop() {
			<-t.C // want sync-drain sync=error
		}
	}()
	for {
		select {
		case <-t.C:
			handle()
		case <-done:
			return
		}
		t.Reset(d)
	}
}

// A plain receive, then a Reset on one way only: the other returns with the value taken, and the
// deferred drain waits forever there.
func waitThenMaybeRearm(retry bool, d time.Duration, again func()) {
	t := time.NewTimer(d)
	defer func() {
		if !t.Stop() {
			<-t.C // want blocking-drain async=error async-collected=error sync=error
		}
	}()
	<-t.C
	if !retry {
		return
	}
	t.Reset(d)
	again()
}
