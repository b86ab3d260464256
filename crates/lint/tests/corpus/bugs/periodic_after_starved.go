// A `time.After` case that goes round its loop is periodic work, restarted every round: beside
// a ticker that ticks sooner, or beside `default:`, it never fires and its work never runs, in
// every Go release (gravitl/netmaker's keep-alive: a 60 s time.After beside a 30 s ticker, so
// the peers were never sent). Beside a slower ticker, one of unknown period, or messages alone,
// it is only the pending timer per round.
package bugs

import (
	"context"
	"time"
)

const keepaliveSeconds = 60

const flushEvery = 30 * time.Second

func keepalive(ctx context.Context, sendPeers, flush func()) {
	checkin := time.NewTicker(flushEvery)
	defer checkin.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second * keepaliveSeconds): // want after-in-loop async=error async-collected=error sync=error
			sendPeers()
		case <-checkin.C:
			flush()
		}
	}
}

func heartbeatBesideTick(beat, poll func()) {
	tick := time.Tick(100 * time.Millisecond)
	for {
		select {
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=error sync=error
			beat()
		case <-tick:
			poll()
		}
	}
}

func busyWithAPeriodicCase(work, report func()) {
	for {
		select {
		case <-time.After(5 * time.Second): // want after-in-loop async=error async-collected=error sync=error
			report()
		default:
			work()
		}
	}
}

// A slower ticker: the timer fires between its ticks.
func slowerTicker(ctx context.Context, sendPeers, export func()) {
	metrics := time.NewTicker(15 * time.Minute)
	defer metrics.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-metrics.C:
			export()
		}
	}
}

// The ticker's period is not known from this file, or the ticker may be Reset, replaced or
// stopped in the loop: no claim about which comes first.
func unknownPeriod(ctx context.Context, every time.Duration, sendPeers, flush func()) {
	checkin := time.NewTicker(every)
	defer checkin.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-checkin.C:
			flush()
		}
	}
}

func resetTicker(ctx context.Context, faster <-chan struct{}, sendPeers func()) {
	checkin := time.NewTicker(10 * time.Second)
	defer checkin.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-checkin.C:
		case <-faster:
			checkin.Reset(2 * time.Minute)
		}
	}
}

func replacedTicker(ctx context.Context, changed <-chan time.Duration, sendPeers func()) {
	metrics := time.NewTicker(10 * time.Second)
	defer func() { metrics.Stop() }()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-metrics.C:
		case d := <-changed:
			metrics.Stop()
			metrics = time.NewTicker(d)
		}
	}
}

func pausedTicker(ctx context.Context, pause <-chan struct{}, sendPeers func()) {
	checkin := time.NewTicker(10 * time.Second)
	defer checkin.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-checkin.C:
		case <-pause:
			checkin.Stop()
		}
	}
}

// A timer's duration the file does not fix.
func unknownTimeout(ctx context.Context, timeout time.Duration, sendPeers, flush func()) {
	checkin := time.NewTicker(time.Second)
	defer checkin.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(timeout): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-checkin.C:
			flush()
		}
	}
}

// The ticker ticks exactly as often: Go chooses between them when both are ready.
func samePeriod(ctx context.Context, sendPeers, flush func()) {
	checkin := time.NewTicker(time.Minute)
	defer checkin.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(60 * time.Second): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-checkin.C:
			flush()
		}
	}
}

// A timer of a microsecond may have expired by the time the select looks (Go 1.23 runs an
// expired channel timer as it is received from): not claimed to starve.
func busyWithATinyTimeout(work, report func()) {
	for {
		select {
		case <-time.After(time.Microsecond): // want after-in-loop async=error async-collected=note sync=note
			report()
		default:
			work()
		}
	}
}

// The ticker's period depends on a branch before the loop, or the ticker starts only in the
// timer's case: the timer may fire.
func periodChosenBeforeTheLoop(ctx context.Context, fast bool, sendPeers func()) {
	checkin := time.NewTicker(5 * time.Minute)
	if fast {
		checkin = time.NewTicker(10 * time.Second)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-checkin.C:
		}
	}
}

func periodChosenBeforeTheLoopTheOtherWayRound(ctx context.Context, slow bool, sendPeers func()) {
	checkin := time.NewTicker(10 * time.Second)
	if slow {
		checkin = time.NewTicker(5 * time.Minute)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-checkin.C:
		}
	}
}

func tickingOnlyAfterTheFirstTimeout(ctx context.Context, tick <-chan time.Time, sendPeers func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
			tick = time.Tick(10 * time.Second) // want tick-leak async=error
		case <-tick:
		}
	}
}

// A ticker kept in a field: another method may Reset or replace it.
type keeper struct {
	checkin *time.Ticker
	faster  chan struct{}
}

func (k *keeper) loop(ctx context.Context, sendPeers func()) {
	k.checkin = time.NewTicker(10 * time.Second)
	defer k.checkin.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
			sendPeers()
		case <-k.checkin.C:
		}
	}
}

func (k *keeper) slowDown() { k.checkin.Reset(5 * time.Minute) }

// time.Tick of a zero period returns nil: that case never comes, and the timer fires.
func tickOfZero(beat, poll func()) {
	tick := time.Tick(0)
	for {
		select {
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=note sync=note
			beat()
		case <-tick:
			poll()
		}
	}
}
