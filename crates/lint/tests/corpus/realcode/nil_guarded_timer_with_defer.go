// A timer created, with its deferred Stop, only while the variable is nil; later iterations
// Reset it: one timer and one deferred call per call of the function, not per iteration. (The
// Reset after a select whose other case won may meet a stale value before Go 1.23.)
// Shape of quic-go/quic-go@2cfe6ee0b5ac905f7f7cecc0f2107d3b7bec2e93 receive_stream.go:205.
package realcode

import "time"

func waitData(dataCh <-chan struct{}, deadline time.Time, ready func() bool) bool {
	var t *time.Timer
	for !ready() {
		if time.Now().After(deadline) {
			return false
		}
		if t == nil {
			t = time.NewTimer(time.Until(deadline))
			defer t.Stop()
		} else {
			t.Reset(time.Until(deadline)) // want reset-without-drain async=error async-collected=error
		}
		select {
		case <-dataCh:
		case <-t.C:
		}
	}
	return true
}
