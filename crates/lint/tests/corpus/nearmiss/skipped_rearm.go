// Timer cases that re-arm on some ways out only, where nothing is lost: the other ways leave the
// loop, or something else re-arms the timer (skipped-rearm stays silent).
package nearmiss

import "time"

// Re-armed on every way out: before the `continue` and at the end.
func everyWay(t *time.Timer, quit <-chan struct{}, d time.Duration, ok func() bool) {
	for {
		select {
		case <-t.C:
			if !ok() {
				t.Reset(d / 2)
				continue
			}
			t.Reset(d)
		case <-quit:
			return
		}
	}
}

// The way that skips the Reset leaves the loop.
func leaves(t *time.Timer, quit <-chan struct{}, d time.Duration, ok func() bool) {
	for {
		select {
		case <-t.C:
			if !ok() {
				return
			}
			t.Reset(d)
		case <-quit:
			return
		}
	}
}

// An idle timer: the timeout case re-arms it only while work is pending, and every message
// re-arms it too (Stop, drain, Reset).
func idle(in <-chan int, quit <-chan struct{}, d time.Duration, flush func() bool) {
	t := time.NewTimer(d)
	for {
		select {
		case <-in:
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(d)
		case <-t.C:
			if flush() {
				t.Reset(d)
			}
		case <-quit:
			return
		}
	}
}

// Stopped, drained and re-armed at the top of every iteration.
func topOfLoop(in <-chan int, d time.Duration, ok func() bool) {
	t := time.NewTimer(d)
	for {
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
		t.Reset(d)
		select {
		case <-in:
		case <-t.C:
			if !ok() {
				continue
			}
			t.Reset(d)
		}
	}
}

type sched struct {
	timer *time.Timer
	queue []int
}

// The owner's method re-arms the field: the message case calls it.
func (s *sched) run(in <-chan int, d time.Duration) {
	for {
		select {
		case n := <-in:
			s.queue = append(s.queue, n)
			s.enqueued(d)
		case <-s.timer.C:
			if len(s.queue) == 0 {
				continue
			}
			s.queue = s.queue[1:]
			s.timer.Reset(d)
		}
	}
}

func (s *sched) enqueued(d time.Duration) {
	s.timer.Reset(d)
}

// A helper handed the timer re-arms it on the other way.
func helper(t *time.Timer, quit <-chan struct{}, d time.Duration, ok func() bool) {
	for {
		select {
		case <-t.C:
			if !ok() {
				rearmLater(t)
				continue
			}
			t.Reset(d)
		case <-quit:
			return
		}
	}
}

func rearmLater(t *time.Timer) { t.Reset(time.Minute) }

// A helper handed the timer's address may replace it.
func helperByAddress(t *time.Timer, quit <-chan struct{}, d time.Duration, ok func() bool) {
	for {
		select {
		case <-t.C:
			if !ok() {
				replaceLater(&t)
				continue
			}
			t.Reset(d)
		case <-quit:
			return
		}
	}
}

func replaceLater(t **time.Timer) { *t = time.NewTimer(time.Minute) }

// A closure re-arms it from another goroutine.
func closure(t *time.Timer, quit <-chan struct{}, d time.Duration, ok func() bool, later func(func())) {
	for {
		select {
		case <-t.C:
			if !ok() {
				later(func() { t.Reset(d) })
				continue
			}
			t.Reset(d)
		case <-quit:
			return
		}
	}
}

// A ticker re-arms itself: its Reset only changes the period.
func ticker(quit <-chan struct{}, fast bool) {
	tk := time.NewTicker(time.Second)
	defer tk.Stop()
	for {
		select {
		case <-tk.C:
			if fast {
				tk.Reset(time.Millisecond)
				continue
			}
		case <-quit:
			return
		}
	}
}

// A flag set on the skipping way ends the loop.
func flagEnds(t *time.Timer, d time.Duration, ok func() bool) {
	done := false
	for !done {
		select {
		case <-t.C:
			if !ok() {
				done = true
				continue
			}
			t.Reset(d)
		}
	}
}

// `for range t.C` whose body re-arms on every way through it: an inner loop that only ends by a
// `break`, each after a Reset.
func rangeRearms(t *time.Timer, d time.Duration, next func() (int, bool)) {
	for range t.C {
		for {
			n, ok := next()
			if !ok {
				t.Reset(d)
				break
			}
			if n > 10 {
				t.Reset(d / 2)
				break
			}
		}
	}
}

// Retired on purpose: once the work is done the case stops re-arming, and the loop goes on
// serving its other cases (go-ethereum's sync-progress subscription loop). Only the case's end
// skips the Reset, and another case keeps the loop going.
func retired(subs <-chan chan bool, t *time.Timer, d time.Duration, progress func() bool) {
	var listeners []chan bool
	done := false
	for {
		select {
		case c := <-subs:
			listeners = append(listeners, c)
			if done {
				c <- true
			}
		case <-t.C:
			if !progress() {
				t.Reset(d)
				continue
			}
			for _, c := range listeners {
				c <- true
			}
			done = true
		}
	}
}

// A one-shot grace timer: its case never re-arms it (nothing says it should fire again), even
// though it goes round the loop.
func grace(quit <-chan struct{}, d time.Duration, ticker *time.Ticker) {
	t := time.NewTimer(d)
	for {
		select {
		case <-t.C:
			ticker.Stop()
			continue
		case <-quit:
			return
		}
	}
}

// The inner loop's way that skips the Reset leaves the outer loop altogether.
func leavesFromInside(t *time.Timer, quit <-chan struct{}, d time.Duration, next func() (int, bool)) {
outer:
	for {
		select {
		case <-t.C:
			for {
				n, ok := next()
				if !ok {
					break outer
				}
				if n > 10 {
					t.Reset(d)
					break
				}
			}
		case <-quit:
			return
		}
	}
}

// The case steps the counter of the loop's condition on the way that skips the Reset: that way
// may be the last round.
func counted(t *time.Timer, d time.Duration, limit int, ok func() bool) {
	tries := 0
	for tries < limit {
		select {
		case <-t.C:
			if !ok() {
				tries++
				continue
			}
			t.Reset(d)
		}
	}
}
