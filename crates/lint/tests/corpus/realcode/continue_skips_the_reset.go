// The timer's case re-arms it at its end, but an error `continue`s first: the timer has fired, its
// value was received, and nothing re-arms it. When done closes, Stop is false and the drain waits
// for a value that never comes — in every Go version (one goroutine stuck per reload).
// Shape of caddyserver/caddy@0cf03d32f7d99cf160d5375e8a40fbe3d910d515
// modules/caddytls/standardstek/stek.go:123 (the `continue` at :104) and
// modules/caddytls/distributedstek/distributedstek.go:232.
package realcode

import "time"

type rotator struct{ timer *time.Timer }

func (r *rotator) rotate(done <-chan struct{}, keys chan<- []byte, next func() ([]byte, error), d time.Duration) {
	for {
		select {
		case <-r.timer.C: // want skipped-rearm async=error async-collected=error sync=error
			k, err := next()
			if err != nil {
				continue
			}
			keys <- k
			r.timer.Reset(d)
		case <-done:
			if !r.timer.Stop() {
				<-r.timer.C // want blocking-drain async=error async-collected=error sync=error
			}
			return
		}
	}
}

// The same loop with the Reset on every way out of the case: nothing to report.
func (r *rotator) rotateAlways(done <-chan struct{}, keys chan<- []byte, next func() ([]byte, error), d time.Duration) {
	for {
		select {
		case <-r.timer.C:
			k, err := next()
			if err != nil {
				r.timer.Reset(d / 2)
				continue
			}
			keys <- k
			r.timer.Reset(d)
		case <-done:
			if !r.timer.Stop() {
				<-r.timer.C // want sync-drain sync=error
			}
			return
		}
	}
}
