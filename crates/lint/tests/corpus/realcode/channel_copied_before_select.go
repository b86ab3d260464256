// The timer's channel is copied into a variable before the loop and the select receives the
// copy; the Reset in the other case has no drain. The copy is the same channel.
// The miss of the issue (`hbc := hb.C`); nsqio/nsq@3103474b6c5afe8feca0a598797e82c06ed726e3
// nsqd/protocol_v2.go:219 copies a channel the same way.
package realcode

import "time"

func heartbeats(msgs <-chan []byte, d time.Duration, send func([]byte)) {
	hb := time.NewTimer(d)
	hbc := hb.C
	for {
		select {
		case m := <-msgs:
			send(m)
			hb.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-hbc:
			send(nil)
			hb.Reset(d)
		}
	}
}
