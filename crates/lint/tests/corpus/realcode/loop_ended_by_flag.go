// The timeout case ends the loop through a flag the loop condition tests: no second round after
// the timer fired, and no timer left behind by the loop.
// Shape of IBM/sarama@bd98b3aec67780cf514f219ed0342c5c1d9e1b75 consumer.go:1100,
// nats-io/nats-server@1787eee035cf0253c201fa0f05afad92b6f296dc server/leafnode_test.go:9098 and
// server/norace_2_test.go:612 (hoisted-after), redis/go-redis@216593cc01faa029006266a5f1fc3d5004312ecf
// internal/pool/pool.go:742 (after-in-loop, ended through the context).
package realcode

import (
	"context"
	"time"
)

func collect(in <-chan int, d time.Duration) []int {
	var got []int
	t := time.NewTimer(d)
	for complete := false; !complete; {
		select {
		case v := <-in:
			got = append(got, v)
		case <-t.C:
			complete = true
		}
	}
	return got
}

func watchErrors(errs <-chan error, d time.Duration) {
	deadline := time.After(d)
	running := true
	for running {
		select {
		case err := <-errs:
			println(err.Error())
		case <-deadline:
			running = false
		}
	}
}

func dialWithRetry(ctx context.Context, dial func() error, backoff time.Duration) {
	shouldLoop := true
	for shouldLoop {
		if dial() == nil {
			return
		}
		select {
		case <-ctx.Done():
			shouldLoop = false
		case <-time.After(backoff):
		}
	}
}
