// Resets without a drain that the select reaches by less direct paths: a statement between the
// select and the Reset, a retry loop or a closure called in place inside a case, another timer's
// Stop, a closure that does not drain, and a case enabled by the timer's case that does not
// disable itself again.
package relay

import "time"

// A statement between the select and the Reset does not drain.
func logThenReset(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case <-in:
		case <-t.C:
			println("idle")
		}
		println("next round")
		t.Reset(d) // want reset-without-drain async=error async-collected=error
	}
}

// A retry loop inside the case is still inside the loop that selects on t.C.
func retryInCase(in <-chan int, send func(int) error, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case v := <-in:
			for i := 0; i < 3; i++ {
				if send(v) == nil {
					t.Reset(d) // want reset-without-drain async=error async-collected=error
					break
				}
			}
		case <-t.C:
			return
		}
	}
}

// A closure called in place runs where it is written.
func closureCalledInPlace(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case <-in:
			func() {
				t.Reset(d) // want reset-without-drain async=error async-collected=error
			}()
		case <-t.C:
			return
		}
	}
}

// Stopping another timer leaves t's channel as it was: "no drain", not "Stop without drain".
func stopsTheOtherTimer(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	u := time.NewTimer(d)
	for {
		select {
		case <-in:
			u.Stop()
			t.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-t.C:
			return
		}
	}
}

// Only Stop of t itself in the `if` says t was caught pending.
func guardedByTheOtherTimersStop(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	u := time.NewTimer(d)
	for {
		select {
		case <-in:
			if u.Stop() {
				t.Reset(d) // want reset-without-drain async=error async-collected=error
			}
		case <-t.C:
			return
		}
	}
}

// The closure called is the one that only logs; the draining one is declared first.
func callsTheClosureThatDoesNotDrain(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	drain := func() {
		t.Stop()
		select {
		case <-t.C:
		default:
		}
	}
	note := func() { println("message") }
	defer drain()
	for {
		select {
		case <-in:
			note()
			t.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-t.C:
			return
		}
	}
}

// The work case is enabled by the timer's case but never disabled: after the first batch it
// runs again while t may have fired unreceived.
func workCaseStaysEnabled(in <-chan []int, d time.Duration) {
	t := time.NewTimer(d)
	var work chan int
	queue := make(chan int, 16)
	var buf []int
	for {
		select {
		case b := <-in:
			buf = append(buf, b...)
		case <-t.C:
			work = queue
		case v := <-work:
			println(v, len(buf))
			buf = nil
			t.Reset(d) // want reset-without-drain async=error async-collected=error
		}
	}
}

// The work case disables itself, but another case enables it: it can run before t fired.
func workCaseEnabledByAnotherCase(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	var work chan int
	queue := make(chan int, 16)
	for {
		select {
		case <-in:
			work = queue
		case <-t.C:
			println("idle")
		case v := <-work:
			println(v)
			work = nil
			t.Reset(d) // want reset-without-drain async=error async-collected=error
		}
	}
}
