// Resets that find the channel empty by less direct paths: a receive whose value is assigned, a
// closure made in one case but run only in the timer's own case, and a flag read beside other
// conditions.
package relay

import "time"

// Pacing: each message waits out the rest of the period, the value assigned, then re-arms; the
// channel is empty at the Reset.
func paceByWaitingOutThePeriod(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case v := <-in:
			at := <-t.C
			println(v, at.String())
			t.Reset(d)
		case <-t.C:
			t.Reset(d)
		}
	}
}

func paceDiscardingTheValue(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	var at time.Time
	for {
		select {
		case <-in:
			at = <-t.C
			t.Reset(d)
		case <-t.C:
			println(at.String())
			t.Reset(d)
		}
	}
}

// The closure is made in the message case but called only in the timer's case, after the
// receive.
func rearmCallbackRunInTheTimersCase(in <-chan time.Duration) {
	t := time.NewTimer(time.Second)
	rearm := func() {}
	for {
		select {
		case d := <-in:
			rearm = func() { t.Reset(d) }
		case <-t.C:
			rearm()
		}
	}
}

// The flag is the second operand of the condition.
func flagBesideAnotherCondition(in <-chan int, ready func() bool, d time.Duration) {
	t := time.NewTimer(d)
	armed := true
	for {
		select {
		case <-in:
			if ready() && !armed {
				t.Reset(d)
				armed = true
			}
		case <-t.C:
			armed = false
		}
	}
}

// The Reset is followed at once by a drain that does not block: whatever fired before the Reset
// is in the buffer by then (a Reset waits for a firing in progress) and is taken out (rook's OSD
// status loop, a ticker Reset to its own period each round).
func postponeThenDrainByLength(results <-chan int, handle func(int)) {
	update := time.NewTicker(10 * time.Second)
	defer update.Stop()
	for {
		update.Reset(10 * time.Second)
		if len(update.C) > 0 {
			<-update.C
		}
		select {
		case r := <-results:
			handle(r)
		case <-update.C:
			handle(0)
		}
	}
}

func resetThenDrainBySelect(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case v := <-in:
			println(v)
		case <-t.C:
			println("idle")
		}
		t.Reset(d)
		select {
		case <-t.C:
		default:
		}
	}
}
