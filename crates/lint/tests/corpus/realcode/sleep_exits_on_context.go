// A sleep in a retry loop whose next iteration returns at once once the context is done: the
// case that beats the timer does not lead to another timer.
// Shape of prometheus/prometheus@d15adb9ad7e5d9fbde3a9a8f30200593a5a14d86
// storage/remote/queue_manager.go:2092.
package realcode

import (
	"context"
	"time"
)

func sendWithBackoff(ctx context.Context, attempt func() error, backoff time.Duration) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if err := attempt(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
		case <-time.After(backoff):
		}
	}
}

func poll(ctx context.Context, check func() bool, d time.Duration) {
	for ctx.Err() == nil {
		if check() {
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(d):
		}
	}
}
