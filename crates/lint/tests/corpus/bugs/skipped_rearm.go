// skipped-rearm: a loop's timer case re-arms the timer on some ways out only. A timer fires once,
// so on the other ways the case never runs again, in every behaviour.
package bugs

import (
	"errors"
	"time"
)

type nat interface{ AddPortMapping() error }

// A `continue` of a labeled loop before the Reset: UPnP renewals stop after the first failure.
func renew(n nat, quit <-chan struct{}, first bool, external func() error) {
	timer := time.NewTimer(0)
out:
	for {
		select {
		case <-timer.C: // want skipped-rearm async=error async-collected=error sync=error
			if err := n.AddPortMapping(); err != nil {
				break out
			}
			if first {
				if err := external(); err != nil {
					continue out
				}
				first = false
			}
			timer.Reset(15 * time.Minute)
		case <-quit:
			break out
		}
	}
	timer.Stop()
}

type flusher struct {
	flushTimer *time.Timer
	pending    func() int
}

// The Reset only when there was something to flush, and the loop has nothing else to do but
// stop: the first idle tick ends the flushing for good.
func (f *flusher) loop(done <-chan struct{}, d time.Duration, flush func(int) error) {
	for {
		select {
		case <-f.flushTimer.C: // want skipped-rearm async=error async-collected=error sync=error
			if n := f.pending(); n > 0 {
				_ = flush(n)
				f.flushTimer.Reset(d)
			}
		case <-done:
			return
		}
	}
}

var errBusy = errors.New("busy")

// A `break` ends the select, not the loop: the iteration goes on without the Reset.
func poll(t *time.Timer, stop <-chan struct{}, d time.Duration, check func() error) {
	for {
		select {
		case <-t.C: // want skipped-rearm async=error async-collected=error sync=error
			if err := check(); errors.Is(err, errBusy) {
				break
			}
			t.Reset(d)
		case <-stop:
			return
		}
	}
}

// A new timer assigned in the case is the re-arm; the error path skips it. (A call handed the
// address of something else is no re-arm.)
func retry(do func(*int) error, quit <-chan struct{}) {
	backoff := time.NewTimer(time.Second)
	attempts := 0
	for {
		select {
		case <-backoff.C: // want skipped-rearm async=error async-collected=error sync=error
			if err := do(&attempts); err != nil {
				continue
			}
			backoff = time.NewTimer(time.Minute)
		case <-quit:
			return
		}
	}
}

// `for range t.C`: the body is the timer's case. The inner loop re-arms before each `break`, but
// it can also end by its condition, and then nothing re-arms t: the range waits forever.
func failTimedOut(t *time.Timer, d time.Duration, pending func() []int, expired func(int) bool) {
	for range t.C { // want skipped-rearm async=error async-collected=error sync=error
		items := pending()
		if len(items) == 0 {
			t.Reset(d)
			continue
		}
		for i := 0; i < len(items); i++ {
			if !expired(items[i]) {
				t.Reset(d)
				break
			}
		}
	}
}

// A `time.After` channel renewed in its own case: the error path keeps waiting on the old one,
// which has delivered its one value.
func leaseLoop(events <-chan int, interval time.Duration, renew func() error) {
	lease := time.After(interval)
	for {
		select {
		case <-events:
			println("event")
		case <-lease: // want skipped-rearm async=error async-collected=error sync=error
			if err := renew(); err != nil {
				continue
			}
			lease = time.After(interval)
		}
	}
}

// An inner loop with no condition: one `break` re-arms, the other does not.
func drainBatch(t *time.Timer, quit <-chan struct{}, d time.Duration, next func() (int, bool)) {
	for {
		select {
		case <-t.C: // want skipped-rearm async=error async-collected=error sync=error
			for {
				n, ok := next()
				if !ok {
					break
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

// A labeled `continue` of the outer loop from inside the inner one skips every Reset: the one in
// the inner loop and the one after it.
func perItem(t *time.Timer, quit <-chan struct{}, d time.Duration, items func() []int, bad, urgent func(int) bool) {
outer:
	for {
		select {
		case <-t.C: // want skipped-rearm async=error async-collected=error sync=error
			for _, it := range items() {
				if bad(it) {
					continue outer
				}
				if urgent(it) {
					t.Reset(d / 10)
					break
				}
			}
			t.Reset(d)
		case <-quit:
			return
		}
	}
}

type leaser struct{ lease <-chan time.Time }

// The same with the channel in a field.
func (l *leaser) loop(events <-chan int, interval time.Duration, renew func() error) {
	l.lease = time.After(interval)
	for {
		select {
		case <-events:
		case <-l.lease: // want skipped-rearm async=error async-collected=error sync=error
			if renew() != nil {
				continue
			}
			l.lease = time.After(interval)
		}
	}
}
