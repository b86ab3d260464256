// A timer wrapper that tracks whether its channel was read and drains only when it was not: right
// before Go 1.23 (no `blocking-drain`). Since Go 1.23 a drain after a false Stop never receives,
// so the check keeps it from running — until Go 1.23.0 and 1.23.1 ran it and it hung (kubo did
// not exit, golang/go#69312): a `sync-drain` note, remove it.
// Shape of quic-go/quic-go@26a35253375af9fade678862834288fff4a6ad79 internal/utils/timer.go:37
// (PR #4659).
package realcode

import "time"

type Timer struct {
	t        *time.Timer
	read     bool
	deadline time.Time
}

func NewTimer() *Timer { return &Timer{t: time.NewTimer(24 * time.Hour)} }

func (t *Timer) Chan() <-chan time.Time { return t.t.C }

func (t *Timer) SetRead() { t.read = true }

func (t *Timer) Reset(deadline time.Time) {
	if deadline.Equal(t.deadline) && !t.read {
		return
	}
	if !t.t.Stop() && !t.read {
		<-t.t.C // want sync-drain sync=note
	}
	if !deadline.IsZero() {
		t.t.Reset(time.Until(deadline))
	}
	t.read = false
	t.deadline = deadline
}
