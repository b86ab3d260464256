// Tickers the program stops, or could: stopped (deferred or not), returned, stored in a field,
// handed to a call or a goroutine, or ranged over in a loop that never ends (nothing closes a
// ticker's channel, so the goroutine lives as long as the process).
package nearmiss

import (
	"context"
	"sync"
	"time"
)

type poller struct{ ticker *time.Ticker }

func stoppedByDefer(ctx context.Context, poll func()) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			poll()
		case <-ctx.Done():
			return
		}
	}
}

func stoppedOnTheWayOut(ctx context.Context, poll func()) {
	t := time.NewTicker(time.Second)
	select {
	case <-t.C:
		poll()
	case <-ctx.Done():
	}
	t.Stop()
}

func returned(d time.Duration) *time.Ticker {
	tk := time.NewTicker(d)
	return tk
}

func (p *poller) start(d time.Duration) {
	tick := time.NewTicker(d)
	p.ticker = tick
}

func handedOn(d time.Duration, keep func(*time.Ticker)) {
	ticker := time.NewTicker(d)
	keep(ticker)
}

func forever(poll func()) {
	ticker := time.NewTicker(time.Minute)
	for range ticker.C {
		poll()
	}
}

func foreverInAGoroutine(poll func()) {
	go func() {
		t := time.NewTicker(time.Minute)
		for range t.C {
			poll()
		}
	}()
}

// Read by a goroutine started once: the cleanup loop runs for the program's life.
type expiring struct {
	once sync.Once
	mu   sync.Mutex
	m    map[string]time.Time
}

func (e *expiring) get(k string) time.Time {
	e.once.Do(e.start)
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.m[k]
}

func (e *expiring) start() {
	ticker := time.NewTicker(30 * time.Second)
	go func() {
		for range ticker.C {
			e.mu.Lock()
			for k, v := range e.m {
				if v.Before(time.Now()) {
					delete(e.m, k)
				}
			}
			e.mu.Unlock()
		}
	}()
}

// `for ; true; <-tick.C` never ends: the function never returns after the ticker started.
func watchReleases(poll func() error, out chan<- int) {
	tick := time.NewTicker(6 * time.Hour)
	for ; true; <-tick.C {
		if err := poll(); err != nil {
			continue
		}
		out <- 1
	}
}
