// `for range t.C` loops that do not outlive their ticker's Stop: the Stop is the loop's own
// (deferred, after a return in the loop), the ticker is Reset after it stops (it ticks again),
// or the loop selects on a done channel beside the ticks.
package nearmiss

import "time"

func ownStop(limit int, poll func() bool) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	n := 0
	for range t.C {
		if poll() || n == limit {
			return
		}
		n++
	}
}

type pausable struct {
	ticker *time.Ticker
	every  time.Duration
}

func (p *pausable) start(tick func()) {
	p.ticker = time.NewTicker(p.every)
	go func() {
		for range p.ticker.C {
			tick()
		}
	}()
}

func (p *pausable) pause()  { p.ticker.Stop() }
func (p *pausable) resume() { p.ticker.Reset(p.every) }

type worker struct {
	ticker *time.Ticker
	done   chan struct{}
}

func (w *worker) loop(tick func()) {
	for {
		select {
		case <-w.ticker.C:
			tick()
		case <-w.done:
			return
		}
	}
}

func (w *worker) stop() {
	w.ticker.Stop()
	close(w.done)
}

// Another function's local named the same: not this ticker.
func rangeLocal(poll func()) {
	t := time.NewTicker(time.Second)
	for range t.C {
		poll()
	}
}

func stopLocal() {
	t := time.NewTicker(time.Minute)
	<-t.C
	t.Stop()
}
