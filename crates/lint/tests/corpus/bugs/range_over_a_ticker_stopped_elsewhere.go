// `for range t.C` over a ticker that another function stops: Stop does not close the channel,
// so once it ran no tick comes and the loop waits forever — its goroutine leaked, in every Go
// release. Shapes of bytedance/gopkg PR #5 (a shared ticker's goroutine, one more per restart)
// and mochi-mqtt's badger hook (a GC loop its Stop strands).
package bugs

import (
	"sync"
	"time"
)

type sharedTicker struct {
	sync.Mutex
	users  int
	ticker *time.Ticker
}

func (s *sharedTicker) add(d time.Duration, tick func()) {
	s.Lock()
	defer s.Unlock()
	s.users++
	if s.users == 1 {
		s.ticker = time.NewTicker(d)
		go s.run(tick)
	}
}

func (s *sharedTicker) remove() {
	s.Lock()
	defer s.Unlock()
	s.users--
	if s.users == 0 {
		s.ticker.Stop()
	}
}

func (s *sharedTicker) run(tick func()) {
	for range s.ticker.C { // want blocking-drain async=error async-collected=error sync=error
		tick()
	}
}

// The goroutine's ticker is stopped by the function that started it.
func pollUntil(done <-chan struct{}, poll func()) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C { // want blocking-drain async=error async-collected=error sync=error
			poll()
		}
	}()
	<-done
	t.Stop()
}

// Stopped by the unlock function the lock hands back: the keep-alive goroutine then waits on a
// ticker that will never tick again.
func tryLock(d time.Duration, extend func(), unlock func() bool) func() error {
	ticker := time.NewTicker(d / 3)
	go func() {
		for range ticker.C { // want blocking-drain async=error async-collected=error sync=error
			extend()
		}
	}()
	return func() error {
		ticker.Stop()
		unlock()
		return nil
	}
}

// The ticker is handed to the runner and kept in a map; Stop reaches it through the map, which
// the runner's parameter does not show (InVisionApp/go-health PR #35).
type checks struct {
	tickers map[string]*time.Ticker
	last    *time.Ticker
}

func (c *checks) start(names []string, d time.Duration, check func(string)) {
	for _, name := range names {
		ticker := time.NewTicker(d)
		c.run(name, ticker, check)
		c.tickers[name] = ticker
	}
}

func (c *checks) run(name string, ticker *time.Ticker, check func(string)) {
	go func() {
		for range ticker.C { // want blocking-drain async=error async-collected=error sync=error
			check(name)
		}
	}()
}

func (c *checks) stop() {
	for _, ticker := range c.tickers {
		ticker.Stop()
	}
}

// Kept in a field, stopped through it.
func (c *checks) startOne(d time.Duration, check func(string)) {
	t := time.NewTicker(d)
	go c.runOne(t, check)
	c.last = t
}

func (c *checks) runOne(t *time.Ticker, check func(string)) {
	for range t.C { // want blocking-drain async=error async-collected=error sync=error
		check("one")
	}
}

func (c *checks) stopOne() {
	c.last.Stop()
}

// Handed to a plain function, kept as one pair of an assignment of several.
type ticking struct {
	current *time.Ticker
	started int
}

func (k *ticking) begin(d time.Duration, each func()) {
	ticker := time.NewTicker(d)
	go loopOver(ticker, each)
	k.current, k.started = ticker, k.started+1
}

func loopOver(ticker *time.Ticker, each func()) {
	for range ticker.C { // want blocking-drain async=error async-collected=error sync=error
		each()
	}
}

func (k *ticking) end() {
	k.current.Stop()
}

// The function that started the goroutine stops the ticker in a deferred literal as it
// returns: the goroutine's loop outlives it.
func pollWhileWaiting(done <-chan struct{}, poll func()) {
	ticker := time.NewTicker(time.Second)
	defer func() {
		ticker.Stop()
	}()
	go func() {
		for range ticker.C { // want blocking-drain async=error async-collected=error sync=error
			poll()
		}
	}()
	<-done
}
