// A loop that waits for a known number of confirmations, each with a timeout: at most that many
// timers, however it goes.
// Shape of nats-io/nats-server@1787eee035cf0253c201fa0f05afad92b6f296dc server/reload.go:2692.
package realcode

import "time"

func confirmations(acks <-chan struct{}, expected int) {
	for received := 0; received < expected; {
		select {
		case <-acks:
			received++
		case <-time.After(2 * time.Second):
			received = expected
		}
	}
}
