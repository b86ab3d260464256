// The timer's case re-arms it on each way out: in the branch that `continue`s (before the
// continue) and at its end. The drain in the other case never follows an un-re-armed receive:
// no blocking-drain (and under sync only the dead-drain note).
// Shape of grpc/grpc-go@4793ad0474669eafbd5346c8a3d098fdfa542498
// internal/transport/http2_client.go:1807 (keepalive).
package realcode

import (
	"context"
	"time"
)

func keepalive(ctx context.Context, every time.Duration, lastRead func() time.Time, ping func()) {
	prev := time.Now()
	timer := time.NewTimer(every)
	for {
		select {
		case <-timer.C:
			if last := lastRead(); last.After(prev) {
				timer.Reset(time.Until(last.Add(every)))
				prev = last
				continue
			}
			ping()
			timer.Reset(every)
		case <-ctx.Done():
			if !timer.Stop() {
				<-timer.C // want sync-drain sync=note
			}
			return
		}
	}
}
