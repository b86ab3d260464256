// The Timer.Reset documentation before Go 1.23: stop, drain, then Reset, on a timer whose
// channel this code has not received from.
package clock

import "time"

func rearm(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		<-t.C // want sync-drain sync=error
	}
	t.Reset(d)
}
