// Reset in a loop that selects on the timer, with no drain before it.
package relay

import "time"

type session struct {
	idle *time.Timer
	in   chan []byte
}

func (s *session) run(d time.Duration, handle func([]byte)) {
	for {
		select {
		case b := <-s.in:
			handle(b)
			s.idle.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-s.idle.C:
			return
		}
	}
}

func stopWithoutDrain(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case <-in:
			t.Stop()
			t.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-t.C:
			println("idle")
			t.Reset(d)
		}
	}
}

func afterTheSelect(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case <-t.C:
			println("idle")
		case <-in:
		}
		t.Reset(d) // want reset-without-drain async=error async-collected=error
	}
}

// The statement after the Reset drains another timer's channel, or waits on this one: the stale
// value is still there for the wait, which returns at once.
func resetThenDrainTheWrongTimer(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	other := time.NewTimer(d)
	for {
		select {
		case v := <-in:
			println(v)
		case <-t.C:
			println("idle")
		}
		t.Reset(d) // want reset-without-drain async=error async-collected=error
		select {
		case <-other.C:
		default:
		}
	}
}

func resetThenWaitWithoutADefault(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case v := <-in:
			println(v)
		case <-t.C:
			println("idle")
		}
		t.Reset(d) // want reset-without-drain async=error async-collected=error
		select {
		case <-t.C:
			println("waited")
		case v := <-in:
			println(v)
		}
	}
}

// An `if` after the Reset that waits on the timer without asking its length, or asks its
// length and does not drain: the stale value stays.
func resetThenWaitIfAsked(in <-chan int, wait bool, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case v := <-in:
			println(v)
		case <-t.C:
			println("idle")
		}
		t.Reset(d) // want reset-without-drain async=error async-collected=error
		if wait {
			<-t.C
		}
	}
}

func resetThenOnlyLogTheLength(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case v := <-in:
			println(v)
		case <-t.C:
			println("idle")
		}
		t.Reset(d) // want reset-without-drain async=error async-collected=error
		if len(t.C) > 0 { // want timer-chan-len sync=error
			println("a stale value is waiting")
		}
	}
}
