// The message case stops and drains the timer through a method of the same receiver
// (`t.stopTimer()`) before its Reset: the channel is empty at the Reset. The drain itself is
// `sync-drain` since Go 1.23 (the method cannot see that its early return on the flag covers
// the received case).
// Shape of cometbft/cometbft@5bba72c14f2be2b06ac4d89dbdf6712e2e5e095c consensus/ticker.go:123.
package realcode

import "time"

type timeoutTicker struct {
	timer       *time.Timer
	timerActive bool
	tickChan    chan time.Duration
	tockChan    chan time.Duration
	quit        chan struct{}
}

func (t *timeoutTicker) stopTimer() {
	if !t.timerActive {
		return
	}
	if !t.timer.Stop() {
		<-t.timer.C // want sync-drain sync=error
	}
	t.timerActive = false
}

func (t *timeoutTicker) timeoutRoutine() {
	var last time.Duration
	for {
		select {
		case d := <-t.tickChan:
			t.stopTimer()
			last = d
			t.timer.Reset(d)
			t.timerActive = true
		case <-t.timer.C:
			t.timerActive = false
			go func(d time.Duration) { t.tockChan <- d }(last)
		case <-t.quit:
			return
		}
	}
}

// Stopped, then drained without blocking, by one method; and the drain several method calls
// before the Reset.
func (t *timeoutTicker) settle() {
	t.timer.Stop()
	select {
	case <-t.timer.C:
	default:
	}
}

func (t *timeoutTicker) count()  {}
func (t *timeoutTicker) note()   {}
func (t *timeoutTicker) log()    {}
func (t *timeoutTicker) report() {}

func (t *timeoutTicker) settleRoutine() {
	for {
		select {
		case d := <-t.tickChan:
			t.settle()
			t.count()
			t.note()
			t.log()
			t.report()
			t.timer.Reset(d)
		case <-t.timer.C:
		case <-t.quit:
			return
		}
	}
}
