// A timer from a pool, Reset just before the select; the drain is in the ctx.Done() case, so
// nothing received the channel since the Reset: since Go 1.23 Stop is true there and the drain
// is dead code (a note), whoever made the timer.
// Shape of ava-labs/avalanchego@1cf1fc3d1711a09fde7319d2b48609c8cba93680
// network/throttling/inbound_resource_throttler.go:178.
package realcode

import (
	"context"
	"sync"
	"time"
)

var timers = sync.Pool{New: func() any { t := time.NewTimer(time.Hour); t.Stop(); return t }}

func acquire(ctx context.Context, wait func() (time.Duration, bool)) {
	t := timers.Get().(*time.Timer)
	defer timers.Put(t)
	for {
		d, ok := wait()
		if !ok {
			return
		}
		t.Reset(d)
		select {
		case <-ctx.Done():
			if !t.Stop() {
				<-t.C // want sync-drain sync=note
			}
			return
		case <-t.C:
		}
	}
}

// Statements between the Reset and the select, one receiving another channel.
func acquireGated(ctx context.Context, gate <-chan struct{}, wait func() (time.Duration, bool)) {
	t := timers.Get().(*time.Timer)
	defer timers.Put(t)
	for {
		d, ok := wait()
		if !ok {
			return
		}
		t.Reset(d)
		println("waiting", d)
		<-gate
		select {
		case <-ctx.Done():
			if !t.Stop() {
				<-t.C // want sync-drain sync=note
			}
			return
		case <-t.C:
		}
	}
}

// A Reset again under a condition, and another timer stopped, between the Reset and the select.
func acquireUrgent(ctx context.Context, urgent func() bool, wait func() (time.Duration, bool)) {
	t := timers.Get().(*time.Timer)
	defer timers.Put(t)
	u := time.NewTimer(time.Hour)
	for {
		d, ok := wait()
		if !ok {
			return
		}
		t.Reset(d)
		if urgent() {
			t.Reset(d / 2)
		}
		u.Stop()
		select {
		case <-ctx.Done():
			if !t.Stop() {
				<-t.C // want sync-drain sync=note
			}
			return
		case <-t.C:
		}
	}
}
