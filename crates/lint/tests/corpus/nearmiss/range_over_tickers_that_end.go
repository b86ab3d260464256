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

// Handed to the runner and kept in a map, but the map's tickers are never stopped, or are
// Reset where they are kept: the loop keeps ticking.
type pollers struct {
	tickers map[string]*time.Ticker
	paused  map[string]*time.Ticker
	others  map[string]*time.Ticker
}

func (p *pollers) start(name string, d time.Duration, poll func()) {
	ticker := time.NewTicker(d)
	p.run(ticker, poll)
	p.tickers[name] = ticker
}

func (p *pollers) run(ticker *time.Ticker, poll func()) {
	go func() {
		for range ticker.C {
			poll()
		}
	}()
}

func (p *pollers) count() int { return len(p.tickers) }

func (p *pollers) startPaused(name string, d time.Duration, poll func()) {
	ticker := time.NewTicker(d)
	p.runPaused(ticker, poll)
	p.paused[name] = ticker
}

func (p *pollers) runPaused(ticker *time.Ticker, poll func()) {
	go func() {
		for range ticker.C {
			poll()
		}
	}()
}

func (p *pollers) pause(name string, d time.Duration) {
	p.paused[name].Stop()
	p.paused[name].Reset(d)
}

// The tickers of another map are stopped, under the same variable name.
func (p *pollers) stopOthers() {
	for _, ticker := range p.others {
		ticker.Stop()
	}
}

// The loop's own function stops the ticker in a deferred function literal: that runs as the
// function returns, after the loop (cubefs's ticker workers, a recover beside the Stop).
func deferredLiteralStop(poll func() bool) {
	go func() {
		ticker := time.NewTicker(5 * time.Minute)
		defer func() {
			ticker.Stop()
		}()
		for range ticker.C {
			if poll() {
				return
			}
		}
	}()
}

func deferredRecoverStop(poll func()) {
	ticker := time.NewTicker(time.Minute)
	defer func() {
		if err := recover(); err != nil {
			ticker.Stop()
		}
		ticker.Stop()
	}()
	for range ticker.C {
		poll()
	}
}
