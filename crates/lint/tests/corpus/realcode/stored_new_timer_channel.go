// A `time.NewTimer(d).C` stored in a variable and selected on: a new timer per wait that nothing
// can stop, the same leak as `time.After` before Go 1.23.
// Shape of nats-io/nats-server@1787eee035cf0253c201fa0f05afad92b6f296dc server/consumer.go:5573.
package realcode

import "time"

func waitForMessages(msgs <-chan struct{}, quit <-chan struct{}, expires func() time.Duration) {
	for {
		var expired <-chan time.Time
		if d := expires(); d > 0 {
			expired = time.NewTimer(d).C // want after-in-loop async=error async-collected=note sync=note
		}
		select {
		case <-msgs:
		case <-expired:
			println("expired")
		case <-quit:
			return
		}
	}
}
