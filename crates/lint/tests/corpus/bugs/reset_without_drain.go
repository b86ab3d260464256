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
