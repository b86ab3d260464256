// A timer created in a struct literal and stopped at once: nothing can have received it, so
// since Go 1.23 the drain is dead code (a note), not a possible hang (an error).
// Shape of syncthing/syncthing@328d910aee822178f55442c76bc7e35ce34d68cc lib/events/events.go:292.
package realcode

import "time"

type logger struct {
	timeout *time.Timer
}

func newLogger() *logger {
	l := &logger{timeout: time.NewTimer(time.Second)}
	if !l.timeout.Stop() {
		<-l.timeout.C // want sync-drain sync=note
	}
	return l
}
