// A retry loop `for count < attempts { count++; ... }`: the body steps the counter first thing,
// every iteration, and writes it nowhere else, so the loop runs at most `attempts` times and
// its `time.After` timers are bounded, as in a counting clause.
// Shape of lightningnetwork/lnd@90ea05d5a7f9239ede8eb4e2f36d9a66c39e67d5
// healthcheck/healthcheck.go:259.
package realcode

import (
	"encoding/json"
	"errors"
	"time"
)

type observation struct {
	attempts int
	timeout  time.Duration
	check    func() chan error
}

func (o *observation) retryCheck(quit chan struct{}) bool {
	var count int
	for count < o.attempts {
		count++
		var err error
		select {
		case err = <-o.check():
			if err == nil {
				return false
			}
		case <-time.After(o.timeout):
			err = errors.New("timed out")
		case <-quit:
			return false
		}
		println(err.Error())
	}
	return true
}

// Counting down, the bound on the left.
func (o *observation) retryDown(quit chan struct{}) {
	left := o.attempts
	for 0 < left {
		left -= 1
		select {
		case <-o.check():
		case <-time.After(o.timeout):
		case <-quit:
			return
		}
	}
}

// Stepped with `+=` after a statement that cannot skip it; the body takes another variable's
// address, which is not the counter's.
func (o *observation) retryDecoding(raw <-chan []byte, quit chan struct{}) {
	tries := 0
	for tries < o.attempts {
		println("attempt", tries)
		tries += 1
		var v map[string]int
		select {
		case b := <-raw:
			if json.Unmarshal(b, &v) == nil {
				return
			}
		case <-time.After(o.timeout):
		case <-quit:
			return
		}
	}
}
