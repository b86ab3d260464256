// A timer created before the loop is not a one-shot deadline when a closure of the same function,
// or a method, re-arms it. (The closure's Reset, called after `<-in` won, may keep a value the
// timer sent meanwhile: that one is a `reset-without-drain`, as go-ethereum's is.)
// Shape of ethereum/go-ethereum@02b73d4ea7181464175e0a6cbecc0a3a2655a562 p2p/discover/v4_udp.go:438,
// nats-io/nats-server@1787eee035cf0253c201fa0f05afad92b6f296dc server/jetstream_api.go:1171 and
// ipfs/boxo@8df89a787fac5f3e2dd37b045c4018197bfb805c bitswap/client/internal/session/session.go:315.
package realcode

import "time"

func replies(in <-chan int, next func() time.Duration) {
	timeout := time.NewTimer(0)
	<-timeout.C
	rearm := func() {
		timeout.Reset(next()) // want reset-without-drain async=error async-collected=error
	}
	for {
		select {
		case <-in:
			rearm()
		case <-timeout.C:
			println("expired")
			rearm()
		}
	}
}

type session struct {
	idle *time.Timer
	in   chan int
}

func (s *session) run(d time.Duration) {
	s.idle = time.NewTimer(d)
	for {
		select {
		case <-s.in:
			s.resetIdle(d)
		case <-s.idle.C:
			println("idle")
		}
	}
}

func (s *session) resetIdle(d time.Duration) {
	s.idle.Reset(d)
}
